// Writes the demo catalogue samples in packages/relay/demo-data/ from the three full
// collections (see /work/shared/data/README.md and NOTICE for their sources and licences).
//
//   node --import tsx packages/relay/scripts/make-demo-data.ts [DATA_DIR]
//
// DATA_DIR defaults to ../shared/data relative to the repository root. The samples keep
// each source's own format, with lines copied unchanged, gzip-compressed:
//   tate-artworks.sample.jsonl.gz   ~3,000 artworks: a spread over the centuries (weighted
//                                   towards works with images and group titles), a run of
//                                   Turner's sketchbooks, and a few works by every artist
//                                   whose name has diacritics (Schütte, Miró, Cézanne, ...).
//   goodbooks-books.sample.csv.gz   the 3,000 most popular books plus every book whose
//                                   language code is not English.
//   tang-poems.sample.jsonl.gz      every poem by 李白 and 杜甫 (靜夜思 included) and a few
//                                   poems each by the most prolific other poets.
// The choice is deterministic (a hash of each record's id, never Math.random), so running
// the script again on the same data writes the same samples.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const scriptDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(scriptDir, '../../..');
const dataDir = resolve(process.argv[2] ?? join(repoRoot, '../shared/data'));
const outDir = resolve(scriptDir, '../demo-data');

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function byHash<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => fnv(key(a)) - fnv(key(b)));
}

function readText(file: string): string {
  const bytes = readFileSync(join(dataDir, file));
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

function write(file: string, text: string): number {
  const compressed = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(join(outDir, file), compressed);
  return compressed.length;
}

interface TateLine {
  index: number;
  line: string;
  acno: string;
  artists: string[];
  century: number | undefined;
  hasImage: boolean;
  hasGroup: boolean;
}

function tateSample(): { text: string; count: number } {
  const lines = readText('tate-artworks.jsonl.gz')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const works: TateLine[] = lines.map((line, index) => {
    const row = JSON.parse(line) as {
      acno: string;
      contributors?: { fc: string }[];
      dateRange?: { startYear?: number | string } | null;
      thumbnailUrl?: string | null;
      groupTitle?: string | null;
    };
    const start = Number(row.dateRange?.startYear);
    return {
      index,
      line,
      acno: row.acno,
      artists: (row.contributors ?? []).map((contributor) => contributor.fc),
      century: Number.isInteger(start) ? Math.floor(start / 100) + 1 : undefined,
      hasImage: Boolean(row.thumbnailUrl),
      hasGroup: Boolean(row.groupTitle),
    };
  });
  const chosen = new Set<TateLine>();
  const take = (candidates: TateLine[], count: number) => {
    // Works with an image come first: the demo shows thumbnails.
    const ordered = [
      ...byHash(
        candidates.filter((work) => work.hasImage),
        (w) => w.acno,
      ),
      ...byHash(
        candidates.filter((work) => !work.hasImage),
        (w) => w.acno,
      ),
    ];
    let taken = 0;
    for (const work of ordered) {
      if (taken >= count) break;
      if (chosen.has(work)) continue;
      chosen.add(work);
      taken += 1;
    }
  };

  const byArtist = new Map<string, TateLine[]>();
  for (const work of works) {
    for (const artist of work.artists) byArtist.set(artist, [...(byArtist.get(artist) ?? []), work]);
  }
  for (const [artist, artistWorks] of byArtist) if (/[\u0080-\u{10ffff}]/u.test(artist)) take(artistWorks, 3);
  const isTurner = (work: TateLine) => work.artists.includes('Joseph Mallord William Turner');
  take(
    works.filter((work) => isTurner(work) && work.hasGroup),
    250,
  );
  // Centuries flattened so the older collection shows next to the nineteenth century bulk
  // (mostly the Turner Bequest, which the step above already samples).
  const quotas: [number | undefined, number][] = [
    [15, 15],
    [16, 90],
    [17, 450],
    [18, 600],
    [19, 900],
    [20, 700],
    [21, 150],
    [undefined, 60],
  ];
  for (const [century, quota] of quotas) {
    const inCentury = works.filter((work) => work.century === century && !isTurner(work));
    const grouped = inCentury.filter((work) => work.hasGroup);
    take(grouped, Math.round(quota / 2));
    take(inCentury, quota - [...chosen].filter((work) => work.century === century).length);
  }
  const fill = 3000 - chosen.size;
  if (fill > 0)
    take(
      works.filter((work) => !isTurner(work) && work.century !== undefined),
      fill,
    );
  const sample = [...chosen].sort((a, b) => a.index - b.index);
  return { text: `${sample.map((work) => work.line).join('\n')}\n`, count: sample.length };
}

const ENGLISH = /^(?:eng|en|en-[A-Z]{2})$/;

function goodbooksSample(): { text: string; count: number; nonEnglish: number } {
  const text = readText('goodbooks-books.csv.gz');
  const rows = parse(text, { columns: true, raw: true, skip_empty_lines: true }) as {
    record: Record<string, string>;
    raw: string;
  }[];
  const header = text.slice(0, text.indexOf('\n') + 1);
  const sample = rows.filter(({ record }) => {
    const code = record.language_code ?? '';
    return Number(record.book_id) <= 3000 || (code !== '' && !ENGLISH.test(code));
  });
  const nonEnglish = sample.filter(({ record }) => record.language_code && !ENGLISH.test(record.language_code)).length;
  const body = sample.map(({ raw }) => raw.replace(/\r?\n$/, '')).join('\n');
  return { text: `${header}${body}\n`, count: sample.length, nonEnglish };
}

const ALL_POEMS_BY = ['李白', '杜甫'];

function tangSample(): { text: string; count: number; byLiAndDu: number; hasQuietNight: boolean } {
  const lines = readText('tang-poems.jsonl.gz')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const poems = lines.map((line, index) => ({ index, line, ...(JSON.parse(line) as { id: string; title: string; author: string }) }));
  const chosen = new Set(poems.filter((poem) => ALL_POEMS_BY.includes(poem.author) && poem.title.trim() !== ''));
  const byAuthor = new Map<string, typeof poems>();
  for (const poem of poems) {
    if (ALL_POEMS_BY.includes(poem.author) || poem.title.trim() === '') continue;
    byAuthor.set(poem.author, [...(byAuthor.get(poem.author) ?? []), poem]);
  }
  const prolific = [...byAuthor].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 75);
  for (const [, authorPoems] of prolific) for (const poem of byHash(authorPoems, (p) => p.id).slice(0, 5)) chosen.add(poem);
  const sample = [...chosen].sort((a, b) => a.index - b.index);
  return {
    text: `${sample.map((poem) => poem.line).join('\n')}\n`,
    count: sample.length,
    byLiAndDu: sample.filter((poem) => ALL_POEMS_BY.includes(poem.author)).length,
    hasQuietNight: sample.some((poem) => poem.title === '靜夜思' && poem.author === '李白'),
  };
}

mkdirSync(outDir, { recursive: true });
const tate = tateSample();
const goodbooks = goodbooksSample();
const tang = tangSample();
const sizes = [
  ['tate-artworks.sample.jsonl.gz', tate.count, write('tate-artworks.sample.jsonl.gz', tate.text)],
  ['goodbooks-books.sample.csv.gz', goodbooks.count, write('goodbooks-books.sample.csv.gz', goodbooks.text)],
  ['tang-poems.sample.jsonl.gz', tang.count, write('tang-poems.sample.jsonl.gz', tang.text)],
] as const;
for (const [file, count, bytes] of sizes) {
  process.stdout.write(`${file.padEnd(32)} ${String(count).padStart(6)} records ${(bytes / 1024).toFixed(0).padStart(6)} KiB\n`);
}
process.stdout.write(
  `total ${(sizes.reduce((sum, [, , bytes]) => sum + bytes, 0) / 1024).toFixed(0)} KiB; ` +
    `goodbooks non-English: ${goodbooks.nonEnglish}; Tang poems by 李白/杜甫: ${tang.byLiAndDu}; 靜夜思: ${tang.hasQuietNight ? 'yes' : 'no'}\n`,
);
