package Catmandu::Store::JSONFile::Bag;

# The records of a JSON file (an array of objects with `_id` and `datestamp`), searchable by
# the CQL the OAI-PMH plugin writes: `cql.allRecords`, `<index> exact|=|<|<=|>|>= "<value>"`,
# clauses joined by `and`, in parentheses. Hits come in datestamp order, then by `_id`, so
# the pages of a list stay the same from one request to the next.

use Catmandu::Sane;
use Moo;
use Catmandu::Hits;
use Catmandu::Util qw(read_file write_file);
use Cpanel::JSON::XS ();
use namespace::clean;

with 'Catmandu::Bag';
with 'Catmandu::CQLSearchable';

# read_file and write_file decode and encode UTF-8 themselves.
my $json = Cpanel::JSON::XS->new->canonical;

sub _records {
    my ($self) = @_;
    my $file = $self->store->file;
    return [] unless -e $file;
    my $records = $json->decode(read_file($file));
    [sort { $a->{datestamp} cmp $b->{datestamp} || $a->{_id} cmp $b->{_id} } @$records];
}

sub _save {
    my ($self, $records) = @_;
    my $file = $self->store->file;
    write_file("$file.tmp", $json->encode($records));
    rename "$file.tmp", $file or die "cannot write $file: $!";
}

sub generator {
    my ($self) = @_;
    my $records = $self->_records;
    my $i       = 0;
    sub { $records->[$i++] };
}

sub get {
    my ($self, $id) = @_;
    my ($record) = grep { $_->{_id} eq $id } @{$self->_records};
    $record;
}

sub add {
    my ($self, $data) = @_;
    my $records = [grep { $_->{_id} ne $data->{_id} } @{$self->_records}];
    $self->_save([@$records, $data]);
    $data;
}

sub delete {
    my ($self, $id) = @_;
    $self->_save([grep { $_->{_id} ne $id } @{$self->_records}]);
}

sub delete_all {
    my ($self) = @_;
    $self->_save([]);
}

sub drop { $_[0]->delete_all }

sub delete_by_query {
    my ($self, %args) = @_;
    my $match = $args{query};
    $self->_save([grep { !$match->($_) } @{$self->_records}]);
}

sub search {
    my ($self, %args) = @_;
    my $match = $args{query} // sub {1};
    my @found = grep { $match->($_) } @{$self->_records};
    my $start = $args{start};
    my $limit = $args{limit};
    my $last  = $start + $limit - 1;
    $last = $#found if $last > $#found;
    Catmandu::Hits->new(
        start => $start,
        limit => $limit,
        total => scalar @found,
        hits  => [$start <= $#found ? @found[$start .. $last] : ()],
    );
}

sub searcher { die "searcher is not supported by the JSONFile store\n" }

sub translate_sru_sortkeys { $_[1] }

sub _tokens {
    my ($cql) = @_;
    my @tokens;
    while (length $cql) {
        if    ($cql =~ s/^\s+//)                 { }
        elsif ($cql =~ s/^([()])//)              { push @tokens, $1 }
        elsif ($cql =~ s/^"((?:[^"\\]|\\.)*)"//) { push @tokens, {value => $1 =~ s/\\(.)/$1/gr} }
        elsif ($cql =~ s/^(<=|>=|<|>|=)//)       { push @tokens, $1 }
        elsif ($cql =~ s/^([^\s()"<>=]+)//)      { push @tokens, $1 }
        else                                     { die "cannot read CQL at: $cql\n" }
    }
    \@tokens;
}

my %COMPARE = (
    'exact' => sub { $_[0] eq $_[1] },
    '='     => sub { $_[0] eq $_[1] },
    '<'     => sub { $_[0] lt $_[1] },
    '<='    => sub { $_[0] le $_[1] },
    '>'     => sub { $_[0] gt $_[1] },
    '>='    => sub { $_[0] ge $_[1] },
);

sub _field_matches {
    my ($record, $index, $compare, $value) = @_;
    my $field = $record->{$index};
    for my $item (ref $field eq 'ARRAY' ? @$field : ($field)) {
        return 1 if defined $item && $compare->($item, $value);
    }
    0;
}

# Returns a predicate over records.
sub translate_cql_query {
    my ($self, $cql) = @_;
    my $tokens = _tokens($cql);
    my $clause;
    my $expression = sub {
        my @terms = ($clause->());
        while (@$tokens && !ref $tokens->[0] && lc $tokens->[0] eq 'and') {
            shift @$tokens;
            push @terms, $clause->();
        }
        my @all = @terms;
        sub { my $r = $_[0]; for my $term (@all) { return 0 unless $term->($r) } 1 };
    };
    $clause = sub {
        my $token = shift @$tokens // die "CQL ends too soon: $cql\n";
        if ($token eq '(') {
            my $inner = $expression->();
            my $close = shift @$tokens // '';
            die "CQL lacks a closing parenthesis: $cql\n" unless $close eq ')';
            return $inner;
        }
        return sub {1} if $token eq 'cql.allRecords';
        my $relation = shift @$tokens // die "CQL lacks a relation: $cql\n";
        my $value    = shift @$tokens;
        die "CQL lacks a quoted value: $cql\n" unless ref $value;
        my $compare = $COMPARE{$relation} // die "CQL relation $relation is not supported\n";
        my $term    = $value->{value};
        sub { _field_matches($_[0], $token, $compare, $term) };
    };
    my $query = $expression->();
    die "CQL has more after the query: $cql\n" if @$tokens;
    $query;
}

1;
