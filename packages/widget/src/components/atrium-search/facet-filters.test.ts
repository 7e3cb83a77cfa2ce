import { expect } from '@esm-bundle/chai';
import { activeFilterCount, coveredDecades, emptyFilters, filtersToQuery, withFilter } from './facet-filters.js';

describe('facet filters', () => {
  it('sends nothing when nothing is chosen', () => {
    expect(filtersToQuery(emptyFilters())).to.deep.equal({});
  });

  it('ORs values within a facet and keeps facets apart', () => {
    let filters = withFilter(emptyFilters(), 'member', 'riverside-library', true);
    filters = withFilter(filters, 'member', 'harbour-museum', true);
    filters = withFilter(filters, 'type', 'book', true);
    expect(filtersToQuery(filters)).to.deep.equal({ member: ['riverside-library', 'harbour-museum'], type: ['book'] });
    expect(activeFilterCount(filters)).to.equal(3);
    filters = withFilter(filters, 'member', 'riverside-library', false);
    expect(filtersToQuery(filters).member).to.deep.equal(['harbour-museum']);
  });

  it('treats both availability values as no filter', () => {
    const one = withFilter(emptyFilters(), 'available', 'false', true);
    expect(filtersToQuery(one).available).to.equal(false);
    const both = withFilter(one, 'available', 'true', true);
    expect(filtersToQuery(both)).to.not.have.property('available');
  });

  it('turns decades into the year span that covers them, and says which decades that includes', () => {
    let filters = withFilter(emptyFilters(), 'decade', '1950', true);
    expect(filtersToQuery(filters).year).to.deep.equal({ from: 1950, to: 1959 });
    filters = withFilter(filters, 'decade', '1980', true);
    expect(filtersToQuery(filters).year).to.deep.equal({ from: 1950, to: 1989 });
    expect([...coveredDecades(filters, ['1940', '1950', '1960', '1970', '1980', '1990'])].sort()).to.deep.equal([
      '1950',
      '1960',
      '1970',
      '1980',
    ]);
  });
});
