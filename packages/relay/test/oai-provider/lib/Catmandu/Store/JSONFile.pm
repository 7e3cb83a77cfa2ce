package Catmandu::Store::JSONFile;

# A Catmandu store whose one bag is a JSON file of records, read afresh on every request, so a
# test changes what the repository holds by rewriting the file. It answers the small part of
# CQL that Dancer::Plugin::Catmandu::OAI asks (see the Bag); the protocol stays the plugin's.

use Catmandu::Sane;
use Moo;
use Catmandu::Store::JSONFile::Bag;
use namespace::clean;

with 'Catmandu::Store';

has file => (is => 'ro', required => 1);

1;
