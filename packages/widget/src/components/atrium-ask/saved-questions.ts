// Questions asked from this browser, per relay: the id, the private token, and what the patron
// last saw (status, number of replies), so a return visit can say what changed. Storage may be
// unavailable (private modes, sandboxed frames); then nothing is remembered and asking still works.

export interface SavedQuestion {
  id: string;
  token: string;
  /** The status the patron last saw. */
  status?: string;
  /** How many answers and follow-ups the patron last saw. */
  seen?: number;
}

const key = (relay: string) => `atrium-questions ${relay}`;
const LINK_PREFIX = 'atrium-question=';

export function savedQuestions(relay: string): SavedQuestion[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(relay)) ?? '[]');
    return Array.isArray(value)
      ? value.filter((entry): entry is SavedQuestion => typeof entry?.id === 'string' && typeof entry?.token === 'string')
      : [];
  } catch {
    return [];
  }
}

function save(relay: string, entries: readonly SavedQuestion[]): void {
  try {
    localStorage.setItem(key(relay), JSON.stringify(entries));
  } catch {
    // Not remembered; the private link on screen still leads back to the question.
  }
}

/** Adds a question in front (the newest first), or updates in place what the patron last saw of it. */
export function rememberQuestion(relay: string, entry: SavedQuestion): void {
  const entries = savedQuestions(relay);
  const index = entries.findIndex((saved) => saved.id === entry.id);
  if (index < 0) save(relay, [entry, ...entries]);
  else
    save(
      relay,
      entries.map((saved, at) => (at === index ? { ...saved, ...entry } : saved)),
    );
}

export function forgetQuestion(relay: string, id: string): void {
  save(
    relay,
    savedQuestions(relay).filter((entry) => entry.id !== id),
  );
}

/**
 * The private link: this page with the question in the fragment, which browsers never send
 * to a server, so opening it on another device brings the question into that browser's list.
 */
export function privateLink(pageUrl: string, question: { id: string; token: string }): string {
  const url = new URL(pageUrl);
  url.hash = `${LINK_PREFIX}${question.id}/${question.token}`;
  return url.href;
}

/** The question a private link carries, if the page was opened with one. */
export function questionInLink(hash: string): SavedQuestion | undefined {
  const match = /^#?atrium-question=(qs_[0-9a-f-]{36})\/([A-Za-z0-9_-]{16,100})$/.exec(hash);
  return match ? { id: match[1]!, token: match[2]! } : undefined;
}
