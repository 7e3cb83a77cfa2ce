// "Linked records" beside the answer editor: the librarian searches the union catalogue, picks
// records from a short result list, and each becomes a removable chip; the chosen ids go with
// the answer or follow-up, and the patron can open each record from it. Keyboard: Enter in the
// search box searches (it never sends the answer), Down moves into the results, Up and Down
// move among them, Escape goes back to the box. Every change is announced.
import { type CatalogRecord, type LinkedRecord, MAX_LINKED_RECORDS } from '@atrium/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AtriumClient } from '../../client/client-registry.js';
import type { Formatters } from '../../localize/formatters.js';
import type { ConsoleTranslation } from '../../translations/console/translations.js';

/** A short list: the librarian refines the words rather than scrolls. */
const RESULTS = 6;

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface RecordLinksContext {
  client(): AtriumClient;
  t(): ConsoleTranslation['questions']['links'];
  f(): Formatters;
  memberName(id: string): string;
  announce(message: string): void;
}

export class RecordLinks implements ReactiveController {
  /** The records chosen so far, in the order they were chosen. */
  chosen: LinkedRecord[] = [];
  private query = '';
  private results: CatalogRecord[] | undefined;
  private searchedFor = '';
  private searching = false;
  private problem = '';
  private abort: AbortController | undefined;

  constructor(
    private readonly host: Host,
    /** Prefixes the ids in the host's shadow root: one picker per form. */
    private readonly prefix: string,
    private readonly context: RecordLinksContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  get ids(): string[] {
    return this.chosen.map((record) => record.id);
  }

  /** Forgets the choice and the search, once the message has been sent or the question closed. */
  clear(): void {
    this.abort?.abort();
    this.chosen = [];
    this.query = '';
    this.results = undefined;
    this.searchedFor = '';
    this.searching = false;
    this.problem = '';
    this.host.requestUpdate();
  }

  /** Titles of the chosen records the relay named as unknown (`records.N`), for the error message. */
  titlesAt(paths: readonly string[]): string[] {
    return paths.flatMap((path) => {
      const match = /^records\.(\d+)$/.exec(path);
      const record = match ? this.chosen[Number(match[1])] : undefined;
      return record ? [record.title] : [];
    });
  }

  private get box(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>(`#${this.prefix}-record-q`);
  }

  private resultButtons(): HTMLButtonElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLButtonElement>(`#${this.prefix}-record-results .record-result`)];
  }

  private async search(): Promise<void> {
    const t = this.context.t();
    const q = this.query.trim();
    if (!q) {
      this.problem = t.emptyQuery;
      this.host.requestUpdate();
      this.box?.focus();
      return;
    }
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.searching = true;
    this.problem = '';
    this.host.requestUpdate();
    this.context.announce(t.searching);
    try {
      const page = await this.context.client().search({ q, limit: RESULTS, facets: 'none' }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.results = page.items;
      this.searchedFor = q;
      this.context.announce(page.items.length === 0 ? t.noResults(q) : t.resultCount(page.items.length, this.context.f()));
    } catch {
      if (abort.signal.aborted) return;
      this.results = undefined;
      this.problem = t.failed;
    } finally {
      if (!abort.signal.aborted) {
        this.searching = false;
        this.host.requestUpdate();
      }
    }
  }

  private choose(record: CatalogRecord): void {
    const t = this.context.t();
    if (this.chosen.some((chosen) => chosen.id === record.id)) return;
    if (this.chosen.length >= MAX_LINKED_RECORDS) {
      this.context.announce(t.full(MAX_LINKED_RECORDS, this.context.f()));
      return;
    }
    this.chosen = [...this.chosen, { id: record.id, title: record.title, member: record.member }];
    this.host.requestUpdate();
    this.context.announce(t.added(record.title, this.chosen.length, MAX_LINKED_RECORDS, this.context.f()));
  }

  private async remove(record: LinkedRecord): Promise<void> {
    const index = this.chosen.findIndex((chosen) => chosen.id === record.id);
    this.chosen = this.chosen.filter((chosen) => chosen.id !== record.id);
    this.host.requestUpdate();
    this.context.announce(this.context.t().removed(record.title));
    await this.host.updateComplete;
    // Focus stays among the chips (the next one, else the one before), else goes to the search box.
    const removers = [...this.host.renderRoot.querySelectorAll<HTMLButtonElement>(`#${this.prefix}-record-chips .chip-remove`)];
    (removers[Math.min(index, removers.length - 1)] ?? this.box)?.focus();
  }

  private onBoxKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      // The box sits inside the answer form: Enter searches, it must not send the answer.
      event.preventDefault();
      void this.search();
    } else if (event.key === 'ArrowDown') {
      const first = this.resultButtons()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  private onResultKeydown(event: KeyboardEvent, index: number): void {
    const buttons = this.resultButtons();
    const next =
      event.key === 'ArrowDown'
        ? buttons[index + 1]
        : event.key === 'ArrowUp'
          ? (buttons[index - 1] ?? this.box)
          : event.key === 'Escape'
            ? this.box
            : undefined;
    if (!next) return;
    event.preventDefault();
    // Escape here means "back to the box", not "close" for whatever holds the console.
    event.stopPropagation();
    next.focus();
  }

  render(): TemplateResult {
    const t = this.context.t();
    const f = this.context.f();
    const p = this.prefix;
    const full = this.chosen.length >= MAX_LINKED_RECORDS;
    return html`<div class="record-links" role="group" aria-labelledby="${p}-links-heading">
      <p class="links-heading" id="${p}-links-heading">${t.heading}</p>
      ${
        this.chosen.length === 0
          ? html`<p class="muted links-none">${t.none}</p>`
          : html`<ul class="chips" id="${p}-record-chips" aria-labelledby="${p}-links-heading">
              ${this.chosen.map(
                (record) =>
                  html`<li class="chip">
                    <span class="chip-title">${record.title}</span>
                    <span class="chip-member">${this.context.memberName(record.member)}</span>
                    <button class="chip-remove" type="button" aria-label=${t.remove(record.title)} @click=${() => this.remove(record)}>
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <div class="field">
        <label for="${p}-record-q">${t.find}</label>
        <div class="record-search">
          <input
            id="${p}-record-q"
            type="search"
            autocomplete="off"
            enterkeyhint="search"
            maxlength="500"
            aria-describedby="${p}-record-hint${this.problem ? ` ${p}-record-problem` : ''}"
            aria-invalid=${this.problem === t.emptyQuery ? 'true' : 'false'}
            .value=${this.query}
            @input=${(event: Event) => {
              this.query = (event.target as HTMLInputElement).value;
              if (this.problem === t.emptyQuery) this.problem = '';
              this.host.requestUpdate();
            }}
            @keydown=${(event: KeyboardEvent) => this.onBoxKeydown(event)}
          />
          <button class="button secondary" type="button" ?disabled=${this.searching} @click=${() => this.search()}>${t.search}</button>
        </div>
        <p class="hint" id="${p}-record-hint">${full ? t.full(MAX_LINKED_RECORDS, f) : t.hint(MAX_LINKED_RECORDS, f)}</p>
        ${this.problem ? html`<p class="field-error" id="${p}-record-problem">${this.problem}</p>` : nothing}
      </div>
      ${this.renderResults()}
    </div>`;
  }

  private renderResults(): TemplateResult | typeof nothing {
    const t = this.context.t();
    const results = this.results;
    if (this.searching && !results) return html`<p class="muted"><span class="spinner" aria-hidden="true"></span>${t.searching}</p>`;
    if (!results) return nothing;
    if (results.length === 0) return html`<p class="muted">${t.noResults(this.searchedFor)}</p>`;
    return html`<ul
      class="record-results"
      id="${this.prefix}-record-results"
      aria-label=${t.results}
      aria-busy=${this.searching ? 'true' : 'false'}
    >
      ${results.map((record, index) => {
        const linked = this.chosen.some((chosen) => chosen.id === record.id);
        const when = record.date ?? (record.year === undefined ? undefined : String(record.year));
        const meta = [record.creators[0]?.name, when, this.context.memberName(record.member)].filter(Boolean).join(' · ');
        return html`<li>
          <button
            class="record-result"
            type="button"
            data-id=${record.id}
            aria-disabled=${linked ? 'true' : 'false'}
            @click=${() => this.choose(record)}
            @keydown=${(event: KeyboardEvent) => this.onResultKeydown(event, index)}
          >
            <span class="result-title">${record.title}</span>
            <span class="result-meta">${meta}${linked ? html` · <strong>${t.linked}</strong>` : nothing}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }
}
