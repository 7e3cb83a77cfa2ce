// English: the reference translation. Its shape is the `Translation` type every other
// language must match key for key.
import type { FacetField, HoldingStatus, HoldStatus, RecordType, SearchSort } from '@atrium/sdk';
import type { Formatters } from '../localize/formatters.js';
import { launcherLabels, loadFailedLabels } from './launcher-labels.js';

import type { enAsk } from './en-ask.js';
import type { enBooking } from './en-booking.js';
import type { enChat } from './en-chat.js';

const core = {
  launcher: launcherLabels.en,
  loadFailed: loadFailedLabels.en,
  panelTitle: 'Library services',
  panelSubtitle: 'Every member library, museum and archive at once',
  close: 'Close',
  tabList: 'Library services',
  tabs: {
    search: 'Search',
    book: 'Book',
    chat: 'Chat',
    ask: 'Ask',
  },

  kb: {
    heading: 'Answers from librarians',
    answeredBy: (member: string) => `Answered by a librarian of ${member}`,
    records: 'Records in this answer',
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
  moreLoaded: (count: number, f: Formatters) => `${f.number(count)} more ${f.plural(count) === 'one' ? 'result' : 'results'} loaded`,
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

  availableCopies: (available: number, total: number, f: Formatters) => `Available: ${f.number(available)} of ${f.number(total)}`,
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

  patron: {
    name: 'Your name',
    email: 'Email address',
    nameMissing: 'Enter your name.',
    emailInvalid: 'Enter an email address such as name@example.org.',
    fixErrors: (count: number, f: Formatters) =>
      `Please correct ${f.number(count)} ${f.plural(count) === 'one' ? 'field' : 'fields'} below.`,
  },
  hold: {
    place: 'Place hold',
    title: 'Place a hold',
    pickup: 'Pick up at',
    submit: 'Place hold',
    placing: 'Placing hold…',
    placed: 'Hold placed',
    statusLine: (status: string) => `Status: ${status}`,
    history: 'History',
    statuses: {
      submitted: 'Submitted',
      placed: 'Placed',
      in_transit: 'In transit',
      ready_for_pickup: 'Ready for pickup',
      fulfilled: 'Collected',
      cancelled: 'Cancelled',
      expired: 'Expired',
      failed: 'Failed',
    } satisfies Record<HoldStatus, string>,
  },
  /** A rule of the relay refused a booking or hold; English shows the relay's own explanation. */
  policy: (code: string, detail: string) => detail || code,
};

/** The English texts each tab brings with its own code (en-chat.ts, en-ask.ts, en-booking.ts). */
export interface TabTexts {
  chat: typeof enChat;
  ask: typeof enAsk;
  booking: typeof enBooking;
}

export type Translation = typeof core & TabTexts;

/**
 * English as the widget has it so far: the tabs' texts are added by each tab's module when it
 * loads, before any of its elements can render.
 */
const en = core as Translation;

/** Adds a tab's English texts; its module calls this when it loads. */
export function addEnglish(texts: Partial<TabTexts>): void {
  Object.assign(en, texts);
}

export default en;
