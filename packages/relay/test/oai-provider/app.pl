#!/usr/bin/env perl
# A real OAI-PMH repository for the harvest tests: Catmandu's Dancer plugin speaks the
# protocol over the records of a JSON file (lib/Catmandu/Store/JSONFile.pm).
#
#   perl app.pl --port N --records FILE [--faults FILE] [--page-size N]
#
# FILE holds an array of records: { _id, datestamp, deleted?, setSpec?: [], title: [], creator: [], ... }.
# The faults file, read on every request, lists failures to give before answering:
#   [{ "status": 503, "retryAfter": 1, "times": 1, "verb": "ListRecords", "resumptionToken": true }]
# `verb` and `resumptionToken` (whether the request carries one) narrow which requests fail;
# `times` counts down and the fault is dropped at zero.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Getopt::Long;
use Cpanel::JSON::XS ();
use Catmandu::Util qw(read_file write_file);

my ($port, $records, $faults, $page_size) = (0, undef, undef, 10);
GetOptions('port=i' => \$port, 'records=s' => \$records, 'faults=s' => \$faults, 'page-size=i' => \$page_size)
    or die "usage: app.pl --port N --records FILE [--faults FILE] [--page-size N]\n";
die "--port and --records are required\n" unless $port && $records;

use Catmandu;
Catmandu->config->{store}{oai} = {package => 'JSONFile', options => {file => $records}};

use Dancer qw(:syntax);
use Dancer::Plugin::Catmandu::OAI;

set port         => $port;
set server       => '127.0.0.1';
set startup_info => 0;
set logger       => 'console';
set log          => 'error';
set warnings     => 1;

my $json = Cpanel::JSON::XS->new->canonical;

hook before => sub {
    return unless $faults && -e $faults;
    my $list   = $json->decode(read_file($faults));
    my $params = params('query');
    for my $i (0 .. $#$list) {
        my $fault = $list->[$i];
        next if defined $fault->{verb} && ($params->{verb} // '') ne $fault->{verb};
        next if defined $fault->{resumptionToken} && !!$fault->{resumptionToken} != !!exists $params->{resumptionToken};
        if (--$fault->{times} <= 0) { splice @$list, $i, 1 }
        write_file("$faults.tmp", $json->encode($list));
        rename "$faults.tmp", $faults or die "cannot write $faults: $!";
        header 'Retry-After' => $fault->{retryAfter} if defined $fault->{retryAfter};
        status $fault->{status};
        halt "The repository is busy; try again later.\n";
    }
};

oai_provider '/oai',
    store                => 'oai',
    bag                  => 'data',
    datestamp_field      => 'datestamp',
    repositoryName       => 'Atrium test repository',
    uri_base             => "http://127.0.0.1:$port/oai",
    adminEmail           => 'oai@example.org',
    deletedRecord        => 'persistent',
    repositoryIdentifier => 'test.example.org',
    delimiter            => ':',
    sampleIdentifier     => 'oai:test.example.org:record-1',
    limit                => $page_size,
    sets                 => [{setSpec => 'books', setName => 'Books', cql => 'setSpec exact "books"'}],
    metadata_formats     => [
        {
            metadataPrefix    => 'oai_dc',
            schema            => 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
            metadataNamespace => 'http://www.openarchives.org/OAI/2.0/oai_dc/',
            template          => "$FindBin::Bin/oai_dc.tt",
        },
    ],
    deleted       => sub { $_[0]->{deleted} ? 1 : 0 },
    set_specs_for => sub { $_[0]->{setSpec} // [] };

print STDERR "oai-provider listening on 127.0.0.1:$port\n";
dance;
