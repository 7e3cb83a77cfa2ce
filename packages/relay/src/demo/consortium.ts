// The demo consortium: three members standing for the kinds of institution Atrium serves,
// each with the real collection it is loaded with. Their ids are fixed (tests and docs use them).
import type { MemberInput } from '../storage/catalog-store.js';

export const HARBOUR_MUSEUM = 'harbour-museum';
export const RIVERSIDE_LIBRARY = 'riverside-library';
export const EASTERN_UNIVERSITY = 'eastern-university';

export const DEMO_MEMBERS: readonly MemberInput[] = [
  {
    id: HARBOUR_MUSEUM,
    name: { en: 'Harbour Museum of Art', zh: '海港美術館' },
    kind: 'museum',
    branches: [
      { id: 'harbourfront-galleries', name: { en: 'Harbourfront Galleries', zh: '海濱展館' } },
      { id: 'prints-and-drawings', name: { en: 'Prints and Drawings Study Room', zh: '版畫及素描研習室' } },
      { id: 'collection-store', name: { en: 'Collection Store', zh: '藏品庫房' } },
    ],
    timezone: 'Asia/Hong_Kong',
  },
  {
    id: RIVERSIDE_LIBRARY,
    name: { en: 'Riverside Public Library', zh: '河畔公共圖書館' },
    kind: 'public-library',
    branches: [
      { id: 'central', name: { en: 'Central Library', zh: '中央圖書館' } },
      { id: 'east-bank', name: { en: 'East Bank Branch', zh: '東岸分館' } },
      { id: 'hillside', name: { en: 'Hillside Branch', zh: '山邊分館' } },
    ],
    timezone: 'Asia/Hong_Kong',
  },
  {
    id: EASTERN_UNIVERSITY,
    name: { en: 'Eastern University Library', zh: '東方大學圖書館' },
    kind: 'university-library',
    branches: [
      { id: 'main', name: { en: 'Main Library', zh: '總圖書館' } },
      { id: 'east-asian', name: { en: 'East Asian Library', zh: '東亞圖書館' } },
      { id: 'rare-books', name: { en: 'Rare Books and Special Collections', zh: '善本特藏室' } },
    ],
    timezone: 'Asia/Taipei',
  },
];

/** Which sample file and format each demo member is loaded from (files in packages/relay/demo-data). */
export const DEMO_CATALOGUES = [
  { member: HARBOUR_MUSEUM, format: 'tate', file: 'tate-artworks.sample.jsonl.gz' },
  { member: RIVERSIDE_LIBRARY, format: 'goodbooks', file: 'goodbooks-books.sample.csv.gz' },
  { member: EASTERN_UNIVERSITY, format: 'tang', file: 'tang-poems.sample.jsonl.gz' },
] as const;
