// Remembers which rowids recent full-text expressions matched, until the catalog changes.
// Patrons page through results and click facets on the same query, and popular queries
// repeat: each then skips the full-text pass, the largest cost of a broad query.

/** Least recently used entries go first once the cache holds more than `capacity` rowids in all. */
export class MatchCache<T extends { length: number }> {
  private readonly entries = new Map<string, T>();
  private held = 0;

  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    if (value.length > this.capacity / 4) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.held -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.held += value.length;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.capacity) break;
      this.entries.delete(oldest);
      this.held -= entry.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
