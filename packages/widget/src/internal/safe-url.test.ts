import { expect } from '@esm-bundle/chai';
import { safeUrl } from './safe-url.js';

describe('safeUrl', () => {
  it('keeps web addresses, normalized', () => {
    expect(safeUrl('https://www.tate.org.uk/art/artworks/turner-1')).to.equal('https://www.tate.org.uk/art/artworks/turner-1');
    expect(safeUrl('http://library.example.org/page?q=1#top')).to.equal('http://library.example.org/page?q=1#top');
    expect(safeUrl('HTTPS://Example.org')).to.equal('https://example.org/');
  });

  it('drops script, data and file addresses and anything that is not an address', () => {
    for (const value of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'not a url',
      '',
      undefined,
    ]) {
      expect(safeUrl(value), String(value)).to.equal(undefined);
    }
  });
});
