// ISBN normalisation: what a patron's ISBN search and a member's import both rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goodbooksIsbns } from '../src/importers/formats/goodbooks-isbn.js';
import { isValidIsbn, toIsbn10, toIsbn13 } from '../src/importers/isbn.js';

describe('toIsbn13', () => {
  it('converts an ISBN-10 written with hyphens, spaces or a label', () => {
    assert.equal(toIsbn13('0-439-02348-3'), '9780439023481');
    assert.equal(toIsbn13('0 306 40615 2'), '9780306406157');
    assert.equal(toIsbn13('ISBN 0-306-40615-2'), '9780306406157');
    assert.equal(toIsbn13('ISBN-10: 0306406152'), '9780306406157');
  });

  it('accepts an ISBN-10 whose check character is X, in either case', () => {
    assert.equal(toIsbn13('0-8044-2957-X'), '9780804429573');
    assert.equal(toIsbn13('080442957x'), '9780804429573');
  });

  it('keeps a valid ISBN-13 as digits, 978 and 979 alike', () => {
    assert.equal(toIsbn13('978-0-306-40615-7'), '9780306406157');
    assert.equal(toIsbn13('ISBN-13: 979-10-90636-07-1'), '9791090636071');
  });

  it('rejects wrong check digits instead of correcting them', () => {
    assert.equal(toIsbn13('0-439-02348-4'), undefined);
    assert.equal(toIsbn13('978-0-306-40615-8'), undefined);
    assert.equal(toIsbn13('043902348X'), undefined);
  });

  it('rejects junk and near misses', () => {
    for (const raw of [
      '',
      '   ',
      'abc',
      '12345',
      '030640615',
      '03064061522',
      '97803064061571',
      '9.78043902348e+12',
      '1230306406157',
      'X306406152',
    ]) {
      assert.equal(toIsbn13(raw), undefined, raw);
    }
  });
});

describe('toIsbn10', () => {
  it('converts a 978 ISBN-13 back, computing the ISBN-10 check character', () => {
    assert.equal(toIsbn10('9780306406157'), '0306406152');
    assert.equal(toIsbn10('978-0-8044-2957-3'), '080442957X');
  });

  it('keeps a valid ISBN-10 and normalises its X', () => {
    assert.equal(toIsbn10('0-8044-2957-x'), '080442957X');
  });

  it('has no answer for 979 ISBNs or invalid input', () => {
    assert.equal(toIsbn10('9791090636071'), undefined);
    assert.equal(toIsbn10('9780306406158'), undefined);
    assert.equal(toIsbn10('0306406153'), undefined);
  });
});

describe('isValidIsbn', () => {
  it('tells valid ISBNs from invalid ones', () => {
    assert.equal(isValidIsbn('0-306-40615-2'), true);
    assert.equal(isValidIsbn('9780306406157'), true);
    assert.equal(isValidIsbn('0-306-40615-3'), false);
    assert.equal(isValidIsbn('not an isbn'), false);
  });
});

describe('goodbooks ISBN columns (real rows of books.csv)', () => {
  it('restores the leading zero of The Hunger Games (book 1) and ignores the scientific-notation isbn13', () => {
    assert.deepEqual(goodbooksIsbns('439023483', '9.78043902348e+12'), { isbns: ['9780439023481'] });
  });

  it('restores several lost leading zeros (book 69: 7442912) and short ISBNs (book 4: 61120081)', () => {
    assert.deepEqual(goodbooksIsbns('7442912', '9.78000744291e+12'), { isbns: ['9780007442911'] });
    assert.deepEqual(goodbooksIsbns('61120081', '9.78006112008e+12'), { isbns: ['9780061120084'] });
  });

  it('reads ISBN-10s ending in X (book 18)', () => {
    assert.deepEqual(goodbooksIsbns('043965548X', '9.78043965548e+12'), { isbns: ['9780439655484'] });
  });

  it('drops an ISBN-10 with a wrong check digit and says so (book 916, Reading Lolita in Tehran)', () => {
    const result = goodbooksIsbns('812971060', '9.78081297106e+12');
    assert.deepEqual(result.isbns, []);
    assert.equal(result.problem?.reason, 'isbn dropped: not a valid ISBN-10');
    assert.match(result.problem?.detail ?? '', /812971060/);
  });

  it('does not trust a mangled isbn13 when there is no ISBN-10 (book 260 and book 1443)', () => {
    const carnegie = goodbooksIsbns('', '9.78067172365e+12');
    assert.deepEqual(carnegie.isbns, []);
    assert.equal(carnegie.problem?.reason, 'isbn13 dropped: not a plain 13-digit ISBN');
    const nagas = goodbooksIsbns('9380658797', '97893806587.0');
    assert.deepEqual(nagas.isbns, []);
    assert.equal(nagas.problem?.reason, 'isbn dropped: not a valid ISBN-10');
  });

  it('uses a plain, valid 13-digit isbn13 and does not list the same ISBN twice', () => {
    assert.deepEqual(goodbooksIsbns('', '9780306406157'), { isbns: ['9780306406157'] });
    assert.deepEqual(goodbooksIsbns('306406152', '9780306406157'), { isbns: ['9780306406157'] });
    assert.deepEqual(goodbooksIsbns('0306406152', '9780306406158').isbns, ['9780306406157']);
  });

  it('has nothing to say about a book with no ISBN at all', () => {
    assert.deepEqual(goodbooksIsbns('', ''), { isbns: [] });
    assert.deepEqual(goodbooksIsbns(undefined, undefined), { isbns: [] });
  });
});
