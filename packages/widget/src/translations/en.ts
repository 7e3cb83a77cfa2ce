// English: the reference translation. Its shape is the `Translation` type every other
// language must match key for key.
import type { FacetField, HoldingStatus, RecordType, SearchSort } from '@atrium/sdk';
import type { Formatters } from '../localize/formatters.js';
import { launcherLabels, loadFailedLabels } from './launcher-labels.js';

const en = {
  launcher: launcherLabels.en,
  loadFailed: loadFailedLabels.en,
  panelTitle: 'Library search',
  panelSubtitle: 'Every member library, museum and archive at once',
  close: 'Close',
  tabList: 'Library services',
  tabs: {
    search: 'Search',
  },

  searchLabel: 'Search all collections',
  searchPlaceholder: 'Title, author, subject…',
  searchButton: 'Search',
  searchHint: 'Type a title, an author or a subject and press Enter.',
  emptyQuery: 'Type something to search for first.',
  searching: 'Searching…',
  loadingMore: 'Loading more results…',
  resultCount: (count: number, query: string, f: Formatters) =>
    `${f.number(count)} ${f.plural(count) === 'one' ? 'result' : 'results'} for “${query}”`,
  resultsShown: (shown: number, total: number, f: Formatters) => `Showing ${f.number(shown)} of ${f.number(total)}`,
  moreLoaded: (count: number, f: Formatters) =>
    `${f.number(count)} more ${f.plural(count) === 'one' ? 'result' : 'results'} loaded`,
  loadMore: 'Load more results',
  resultsList: 'Results',
  noResults: (query: string) => `No results for “${query}”.`,
  noResultsHint: 'Check the spelling, try fewer or other words, or clear the filters.',
  noResultsFiltered: 'Some filters are on; clearing them may find more.',

  filters: 'Filters',
  filtersWithCount: (count: number, f: Formatters) => `Filters (${f.number(count)})`,
  clearFilters: 'Clear filters',
  facetCount: (count: number, f: Formatters) => f.number(count),
  showAllValues: (count: number, f: Formatters) => `Show all ${f.number(count)}`,
  showFewerValues: 'Show fewer',
  facets: {
    member: 'Library',
    type: 'Type',
    language: 'Language',
    available: 'Availability',
    decade: 'Decade',
  } satisfies Record<FacetField, string>,
  availability: {
    true: 'Available now',
    false: 'Not available now',
  },
  decade: (decade: number) => (decade < 0 ? `${-decade}s BCE` : `${decade}s`),
  sortLabel: 'Sort by',
  sorts: {
    relevance: 'Best match',
    '-year': 'Newest first',
    year: 'Oldest first',
    title: 'Title A–Z',
  } satisfies Record<SearchSort, string>,

  recordTypes: {
    book: 'Book',
    ebook: 'E-book',
    audio: 'Audio',
    video: 'Video',
    artwork: 'Artwork',
    object: 'Object',
    text: 'Text',
    manuscript: 'Manuscript',
    image: 'Image',
    map: 'Map',
    article: 'Article',
    other: 'Other',
  } satisfies Record<RecordType, string>,
  holdingStatuses: {
    available: 'Available',
    'on-loan': 'On loan',
    'on-hold': 'On hold',
    'in-transit': 'In transit',
    'on-display': 'On display',
    'in-storage': 'In storage',
    'reference-only': 'Reference only',
    missing: 'Missing',
  } satisfies Record<HoldingStatus, string>,
  /** Roles the collections use most; others are shown as the source wrote them. */
  creatorRoles: {
    author: 'author',
    artist: 'artist',
    after: 'after',
    translator: 'translator',
    editor: 'editor',
    illustrator: 'illustrator',
    photographer: 'photographer',
    poet: 'poet',
  } as Record<string, string>,
  creatorWithRole: (name: string, role: string) => `${name} (${role})`,

  availableCopies: (available: number, total: number, f: Formatters) =>
    `Available: ${f.number(available)} of ${f.number(total)}`,
  dueBack: (status: string, date: string) => `${status}, due ${date}`,
  noHoldings: 'No copies listed',
  heldBy: 'Held by',

  backToResults: 'Back to results',
  loadingRecord: 'Loading record…',
  fields: {
    creators: 'Creators',
    type: 'Type',
    date: 'Date',
    language: 'Language',
    subjects: 'Subjects',
    description: 'Description',
    series: 'Series',
    physicalDescription: 'Physical description',
    creditLine: 'Credit line',
    identifiers: 'Identifiers',
    heldBy: 'Held by',
  },
  identifierSchemes: {
    goodreads: 'Goodreads number',
    isbn: 'ISBN',
    accession: 'Accession number',
    local: 'Local number',
  } as Record<string, string>,
  holdings: 'Where to find it',
  holdingColumns: {
    library: 'Library',
    branch: 'Branch',
    callNumber: 'Call number',
    status: 'Status',
    dueDate: 'Due back',
  },
  viewOnline: 'More about this item (opens in a new tab)',

  errors: {
    connection: 'The library catalogue cannot be reached right now. Check your internet connection, then try again.',
    timeout: 'The library catalogue is taking too long to answer. Please try again.',
    api: (detail: string) => `The catalogue could not answer this search: ${detail}`,
    recordApi: (detail: string) => `This record could not be opened: ${detail}`,
    invalid: 'The catalogue sent an answer this page cannot read. Please try again later.',
    unknown: 'Something went wrong. Please try again.',
  },
  retry: 'Try again',
};

export type Translation = typeof en;
export default en;
