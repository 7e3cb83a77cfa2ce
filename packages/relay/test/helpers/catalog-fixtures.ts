// A small union catalog shaped like the real one: a museum's artworks, a public library's
// books and a university's Tang poems (in Traditional characters), with holdings.
import type { Holding } from '@atrium/sdk';
import type { MemberInput, RecordInput } from '../../src/storage/catalog-store.js';

export const MEMBERS: MemberInput[] = [
  {
    id: 'harbour-museum',
    name: { en: 'Harbour Museum', zh: '海港博物館' },
    kind: 'museum',
    timezone: 'Europe/London',
    branches: [
      { id: 'galleries', name: { en: 'Galleries' } },
      { id: 'store', name: { en: 'Collection Store' } },
    ],
  },
  {
    id: 'riverside-library',
    name: { en: 'Riverside Library', zh: '河畔圖書館' },
    kind: 'public-library',
    timezone: 'America/New_York',
    branches: [
      { id: 'central', name: { en: 'Central Library' } },
      { id: 'north', name: { en: 'North Branch', zh: '北分館' } },
    ],
  },
  {
    id: 'eastern-university',
    name: { en: 'Eastern University Library', zh: '東方大學圖書館' },
    kind: 'university-library',
    timezone: 'Asia/Hong_Kong',
    branches: [
      { id: 'main', name: { en: 'Main Library' } },
      { id: 'east-asian', name: { en: 'East Asian Library', zh: '東亞圖書館' } },
    ],
  },
];

const at = (member: string, branch: string, status: Holding['status'], extra: Partial<Holding> = {}): Holding => ({
  member,
  branch,
  status,
  ...extra,
});

function artwork(localId: string, fields: Partial<RecordInput> & Pick<RecordInput, 'title'>): RecordInput {
  return {
    id: `harbour-museum:${localId}`,
    member: 'harbour-museum',
    type: 'artwork',
    creators: [],
    subjects: [],
    identifiers: { accession: [localId] },
    holdings: [at('harbour-museum', 'store', 'in-storage')],
    ...fields,
  };
}

function book(localId: string, fields: Partial<RecordInput> & Pick<RecordInput, 'title'>): RecordInput {
  return {
    id: `riverside-library:${localId}`,
    member: 'riverside-library',
    type: 'book',
    creators: [],
    subjects: [],
    language: 'en',
    identifiers: {},
    holdings: [at('riverside-library', 'central', 'available', { callNumber: `FIC ${localId}` })],
    ...fields,
  };
}

function poem(localId: string, fields: Partial<RecordInput> & Pick<RecordInput, 'title'>): RecordInput {
  return {
    id: `eastern-university:${localId}`,
    member: 'eastern-university',
    type: 'text',
    creators: [],
    subjects: [],
    language: 'zh',
    series: '全唐詩',
    identifiers: {},
    holdings: [at('eastern-university', 'east-asian', 'reference-only')],
    ...fields,
  };
}

export const RECORDS: RecordInput[] = [
  // The museum.
  artwork('N05508', {
    title: 'Norham Castle, Sunrise',
    creators: [{ name: 'Joseph Mallord William Turner', role: 'artist', dates: '1775–1851' }],
    date: 'c.1845',
    year: 1845,
    subjects: ['castle', 'sunrise', 'river'],
    physicalDescription: 'Oil paint on canvas',
    holdings: [at('harbour-museum', 'galleries', 'on-display')],
  }),
  artwork('D36110', {
    title: 'The Blue Rigi, Sunrise',
    creators: [{ name: 'Joseph Mallord William Turner', role: 'artist' }],
    year: 1842,
    description: 'A watercolour of Lake Lucerne at dawn, the mountain seen across a still landscape of water and mist.',
    physicalDescription: 'Watercolour on paper',
  }),
  artwork('T01234', {
    title: 'Landscape with a Rainbow',
    creators: [{ name: 'Joseph Wright of Derby', role: 'artist' }],
    year: 1794,
    subjects: ['rainbow'],
    holdings: [at('harbour-museum', 'galleries', 'on-display')],
  }),
  artwork('N02654', {
    title: 'Study of Clouds',
    creators: [{ name: 'John Constable', role: 'artist' }],
    year: 1822,
    subjects: ['landscape', 'clouds', 'sky'],
  }),
  artwork('T11925', {
    title: 'Efficiency Men',
    creators: [{ name: 'Thomas Schütte', role: 'artist' }],
    year: 2005,
    physicalDescription: 'Bronze and steel',
  }),
  artwork('P77001', {
    title: 'Große Geister',
    creators: [{ name: 'Thomas Schütte', role: 'artist' }],
    year: 1998,
    language: 'de',
    holdings: [at('harbour-museum', 'galleries', 'on-loan')],
  }),
  artwork('A00001', {
    title: 'A Figure Bowing before a Seated Old Man with his Arm Outstretched in Benediction',
    creators: [{ name: 'Robert Blake', role: 'artist', dates: '1762–1787' }],
    date: 'date not known',
    subjects: ['kneeling', 'blessing', 'man, old'],
  }),
  artwork('N01990', {
    title: 'Sketch of a River Landscape',
    creators: [{ name: 'Joseph Mallord William Turner', role: 'artist' }],
    year: 1850,
    holdings: [at('harbour-museum', 'galleries', 'on-display')],
  }),

  // The public library.
  book('2767052', {
    title: 'The Hunger Games (The Hunger Games, #1)',
    creators: [{ name: 'Suzanne Collins', role: 'author' }],
    year: 2008,
    identifiers: { isbn: ['9780439023481'] },
    series: 'The Hunger Games',
    holdings: [
      at('riverside-library', 'central', 'on-loan', { dueDate: '2030-01-15', callNumber: 'YA COL' }),
      at('riverside-library', 'north', 'available', { callNumber: 'YA COL' }),
    ],
  }),
  book('6148028', {
    title: 'Catching Fire (The Hunger Games, #2)',
    creators: [{ name: 'Suzanne Collins', role: 'author' }],
    year: 2009,
    identifiers: { isbn: ['9780439023498'] },
    series: 'The Hunger Games',
    holdings: [at('riverside-library', 'central', 'on-loan', { dueDate: '2030-02-01' })],
  }),
  book('3', {
    title: "Harry Potter and the Philosopher's Stone",
    creators: [
      { name: 'J.K. Rowling', role: 'author' },
      { name: 'Mary GrandPré', role: 'illustrator' },
    ],
    year: 1997,
    identifiers: { isbn: ['9780439554930'] },
  }),
  book('9001', {
    title: 'The Games of Hunger and Thirst',
    creators: [{ name: 'Alma Pryce', role: 'author' }],
    year: 1961,
  }),
  book('9002', {
    title: 'Games People Play',
    creators: [{ name: 'Eric Berne', role: 'author' }],
    year: 1964,
    description: 'The psychology of human relationships: a hunger for recognition drives the games we play with each other.',
  }),
  book('9003', {
    title: 'Writing for Young Readers',
    creators: [{ name: 'Dana Whitfield', role: 'author' }],
    year: 2015,
    description: 'A workshop guide that studies how Rowling and Collins built their worlds, chapter by chapter.',
    holdings: [at('riverside-library', 'north', 'missing')],
  }),
  book('9004', {
    title: 'The Rowling Effect',
    creators: [{ name: 'Peter Marsh', role: 'author' }],
    year: 2011,
    subjects: ['Fantasy fiction', 'Publishing'],
  }),
  book('9005', {
    title: 'Fantasy Fiction: A Reader’s Guide',
    creators: [{ name: 'Ruth Elliot', role: 'author' }],
    year: 2003,
    subjects: ['Fantasy fiction'],
    holdings: [],
  }),
  book('9006', {
    title: 'Le Petit Prince',
    creators: [{ name: 'Antoine de Saint-Exupéry', role: 'author' }],
    year: 1943,
    language: 'fr',
    identifiers: { isbn: ['9780156012195'] },
  }),
  book('9007', {
    title: '三体',
    creators: [{ name: '刘慈欣', role: 'author' }],
    year: 2008,
    language: 'zh',
    identifiers: { isbn: ['9787536692930'] },
    description: '文化大革命期间，一个秘密军事工程向太空发出信号。',
  }),
  book('9008', {
    title: 'The Long Description',
    creators: [{ name: 'Ivy Long', role: 'author' }],
    year: 1999,
    description:
      'This book opens slowly. '.repeat(20) +
      'Then, halfway through, the narrator finds a lighthouse keeper who never sleeps. ' +
      'After that the pace picks up again and the story ends by the sea. '.repeat(10),
  }),

  // The university's Tang poems, in Traditional characters.
  poem('jingyesi', {
    title: '靜夜思',
    creators: [{ name: '李白', role: 'poet' }],
    description: '床前明月光，疑是地上霜。\n舉頭望明月，低頭思故鄉。',
  }),
  poem('yuexiaduzhuo', {
    title: '月下獨酌四首 一',
    creators: [{ name: '李白', role: 'poet' }],
    description: '花間一壺酒，獨酌無相親。\n舉杯邀明月，對影成三人。',
  }),
  poem('chunxiao', {
    title: '春曉',
    creators: [{ name: '孟浩然', role: 'poet' }],
    description: '春眠不覺曉，處處聞啼鳥。\n夜來風雨聲，花落知多少。',
  }),
  poem('dengguanquelou', {
    title: '登鸛雀樓',
    creators: [{ name: '王之渙', role: 'poet' }],
    description: '白日依山盡，黃河入海流。\n欲窮千里目，更上一層樓。',
  }),
  poem('wanglushanpubu', {
    title: '望廬山瀑布',
    creators: [{ name: '李白', role: 'poet' }],
    description: '日照香爐生紫煙，遙看瀑布掛前川。\n飛流直下三千尺，疑是銀河落九天。',
  }),
];

export function recordById(id: string): RecordInput {
  const record = RECORDS.find((candidate) => candidate.id === id);
  if (!record) throw new Error(`no fixture ${id}`);
  return record;
}
