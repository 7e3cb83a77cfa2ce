import {
  ApiError,
  ConnectionError,
  TimeoutError,
  ValidationError,
  type CatalogRecord,
  type FacetField,
  type FacetValue,
  type HighlightSegment,
  type SearchResponse,
  type SearchSort,
} from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { baseStyles } from '../../styles/base.styles.js';
import { isAvailable, summarizeAvailability } from './availability-summary.js';
import styles from './atrium-search.styles.js';
import { KbAnswers, kbAnswersStyles } from './kb-answers.js';
import {
  activeFilterCount,
  coveredDecades,
  decadeStart,
  emptyFilters,
  FACET_FIELDS,
  filtersToQuery,
  withFilter,
  type FacetFilters,
} from './facet-filters.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';
import { safeUrl } from '../../internal/safe-url.js';

const PAGE_SIZE = 20;
/** Facet and sort changes often come in quick bursts (several boxes ticked); search once they settle. */
const SETTLE_MS = 250;
/** Facet values shown before "Show all". */
const COLLAPSED_VALUES = 6;
const NAMES_WAIT_MS = 1500;
const SORTS: readonly SearchSort[] = ['relevance', '-year', 'year', 'title'];

type Phase = 'idle' | 'loading' | 'ready' | 'error';

interface RecordView {
  id: string;
  /** What the result list already knows, shown while the full record loads. */
  summary: CatalogRecord | undefined;
  record: CatalogRecord | undefined;
  error: unknown;
  /** Where the patron opened it, so "Back" returns there: a result, or a record an answer links. */
  origin: 'results' | 'kb';
}

/**
 * Search across every member's collection: a search box, facet filters, sorting, a result
 * list with "Load more", and a record view with holdings. Works on its own or inside
 * `<atrium-widget>`, which then supplies the relay connection. Its language follows `lang`
 * like the widget's. No slots.
 *
 * @summary Union-catalog search with filters and record details.
 *
 * @event atrium-search - A search completed; `detail: { query, total }`.
 * @event atrium-record-open - A record's details were opened; `detail: { id }`.
 * @event atrium-hold-created - A hold was placed from a record's details; `detail: { id, recordId }`.
 *
 * @csspart form - The search form.
 * @csspart kb-answers - Answers librarians published that match the search, above the results.
 * @csspart linked-records - The catalogue records such an answer links; each opens its details.
 * @csspart status - The line stating how many results were found.
 * @csspart facets - The filter area.
 * @csspart results - The result list.
 * @csspart result - Each result.
 * @csspart mark - A word in a result that matched the query.
 * @csspart load-more - The "Load more results" button.
 * @csspart record - The record details view.
 * @csspart hold - "Place hold" in the record details, with its form and confirmation.
 * @csspart error - An error message with its Retry button.
 *
 * @cssproperty --atrium-color-accent - Buttons, links and the selected state. Default `#0b5cad`.
 * @cssproperty --atrium-color-on-accent - Text on the accent colour. Default `#ffffff`.
 * @cssproperty --atrium-color-surface - Background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Background of the filters and holdings. Default `#f4f6f8`.
 * @cssproperty --atrium-color-text - Body text. Default `#1f2328`.
 * @cssproperty --atrium-color-muted - Secondary text. Default `#57606a`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-focus - Keyboard focus ring. Default `#0b5cad`.
 * @cssproperty --atrium-color-danger - Error messages. Default `#b42318`.
 * @cssproperty --atrium-color-success - "Available" text. Default `#1a7f37`.
 * @cssproperty --atrium-color-mark - Background of matched words. Default `#ffe98a`.
 * @cssproperty --atrium-radius - Corner radius. Default `0.5rem`.
 * @cssproperty --atrium-font-family - Typeface. Default: the system UI font.
 * @cssproperty --atrium-font-size - Base text size. Default `1rem`.
 * @cssproperty --atrium-spacing - Base padding. Default `1rem`.
 */
export class AtriumSearch extends LitElement {
  static override styles = [baseStyles, styles, kbAnswersStyles];

  /** Base URL of the relay when used outside `<atrium-widget>`. Default: where the script came from. */
  @property({ reflect: true }) relay = '';

  /** The member whose site this is, when used outside `<atrium-widget>`. */
  @property({ reflect: true }) member = '';

  /** The text in the search box. Setting it does not search; call `search()`. */
  @property() query = '';

  @state() private phase: Phase = 'idle';
  @state() private searchedQuery = '';
  @state() private items: CatalogRecord[] = [];
  @state() private page: SearchResponse | undefined;
  @state() private error: unknown;
  @state() private filters: FacetFilters = emptyFilters();
  @state() private sort: SearchSort = 'relevance';
  @state() private loadingMore = false;
  @state() private moreError: unknown;
  private readonly announcer = new AnnouncerController(this);
  @state() private view: RecordView | undefined;
  @state() private filtersOpen = false;
  @state() private expandedFacets = new Set<FacetField>();
  @state() private directory: MembersDirectory | undefined;
  @state() private queryHint = false;

  @query('input[type=search]') private searchBox?: HTMLInputElement;

  private readonly localize = new LocalizeController(this);
  private readonly connection = new ClientController(this);
  private readonly kbAnswers = new KbAnswers(this);
  private searchAbort: AbortController | undefined;
  private recordAbort: AbortController | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The control to give focus back to once a re-render has settled (a facet checkbox). */
  private focusAfterSearch: string | undefined;

  /** Searches for `query` with the current filters and sort, replacing the results. */
  async search(query: string): Promise<void> {
    this.query = query;
    this.view = undefined;
    await this.runSearch();
  }

  /** Shows one record's details, e.g. `riverside-library:2767052`, as if chosen from the results. */
  async showRecord(id: string): Promise<void> {
    await this.openRecord(
      id,
      this.items.find((item) => item.id === id),
      'results',
    );
  }

  /** Moves focus to the search box. */
  override focus(options?: FocusOptions): void {
    if (this.searchBox) this.searchBox.focus(options);
    else void this.updateComplete.then(() => this.searchBox?.focus(options));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.searchAbort?.abort();
    this.recordAbort?.abort();
    clearTimeout(this.settleTimer);
  }

  private async runSearch(): Promise<void> {
    clearTimeout(this.settleTimer);
    const q = this.query.trim();
    if (!q) {
      this.queryHint = true;
      this.searchBox?.focus();
      return;
    }
    this.queryHint = false;
    this.searchAbort?.abort();
    const abort = (this.searchAbort = new AbortController());
    const namesKnown = this.loadDirectory();
    this.phase = 'loading';
    this.error = undefined;
    this.moreError = undefined;
    this.loadingMore = false;
    void this.announcer.announce(this.localize.t.searching);
    void this.kbAnswers.search(this.connection.client, q);
    try {
      const page = await this.connection.client.search(
        { q, ...filtersToQuery(this.filters), sort: this.sort, limit: PAGE_SIZE },
        { signal: abort.signal },
      );
      // Show results with member names in the reader's language rather than flash the
      // relay's labels first; a slow members list holds them back only briefly.
      await Promise.race([namesKnown, new Promise((resolve) => setTimeout(resolve, NAMES_WAIT_MS))]);
      if (abort.signal.aborted) return;
      this.page = page;
      this.items = page.items;
      this.searchedQuery = q;
      this.phase = 'ready';
      const { t, f } = this.localize;
      void this.announcer.announce(page.total === 0 ? t.noResults(q) : t.resultCount(page.total, q, f));
      emit(this, 'atrium-search', { query: q, total: page.total });
      await this.updateComplete;
      this.restoreFocus();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error;
      this.phase = 'error';
      void this.announcer.announce('');
    }
  }

  private async loadMore(): Promise<void> {
    const cursor = this.page?.nextCursor;
    if (!cursor || this.loadingMore) return;
    const abort = this.searchAbort ?? new AbortController();
    this.loadingMore = true;
    this.moreError = undefined;
    void this.announcer.announce(this.localize.t.loadingMore);
    try {
      const page = await this.connection.client.search(
        {
          q: this.searchedQuery,
          ...filtersToQuery(this.filters),
          sort: this.sort,
          limit: PAGE_SIZE,
          cursor,
          // The facet counts do not change from page to page.
          facets: 'none',
        },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      const known = new Set(this.items.map((item) => item.id));
      const added = page.items.filter((item) => !known.has(item.id));
      this.items = [...this.items, ...added];
      this.page = { ...this.page!, nextCursor: page.nextCursor, total: page.total };
      this.loadingMore = false;
      void this.announcer.announce(this.localize.t.moreLoaded(added.length, this.localize.f));
      await this.updateComplete;
      // Continue where the new results begin rather than at the top or the end.
      const first = added[0];
      if (first) this.titleButton(first.id)?.focus();
      else this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadingMore = false;
      this.moreError = error;
      void this.announcer.announce('');
    }
  }

  private async openRecord(id: string, summary: CatalogRecord | undefined, origin: RecordView['origin']): Promise<void> {
    this.recordAbort?.abort();
    const abort = (this.recordAbort = new AbortController());
    void this.loadDirectory();
    this.view = { id, summary, record: undefined, error: undefined, origin };
    emit(this, 'atrium-record-open', { id });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#record-title')?.focus();
    await this.fetchRecord(id, abort);
  }

  private async fetchRecord(id: string, abort: AbortController): Promise<void> {
    try {
      const record = await this.connection.client.records.get(id, { signal: abort.signal });
      if (abort.signal.aborted || this.view?.id !== id) return;
      // Opened from a link rather than a result, the heading said "Loading record…" when focused: say the title now.
      if (!this.view.summary && !this.view.record) void this.announcer.announce(record.title);
      this.view = { ...this.view, record, error: undefined };
    } catch (error) {
      if (abort.signal.aborted || this.view?.id !== id) return;
      this.view = { ...this.view, error };
    }
  }

  private async retryRecord(): Promise<void> {
    if (!this.view) return;
    this.recordAbort?.abort();
    const abort = (this.recordAbort = new AbortController());
    this.view = { ...this.view, error: undefined };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#record-title')?.focus();
    await this.fetchRecord(this.view.id, abort);
  }

  private async closeRecord(): Promise<void> {
    const id = this.view?.id;
    const from = this.view?.origin;
    this.recordAbort?.abort();
    this.view = undefined;
    await this.updateComplete;
    const origin = !id
      ? null
      : from === 'kb'
        ? this.renderRoot.querySelector<HTMLElement>(`.kb .linked-record[data-record="${CSS.escape(id)}"]`)
        : this.titleButton(id);
    if (origin) origin.focus();
    else this.focus();
  }

  private titleButton(id: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button.title[data-id="${CSS.escape(id)}"]`);
  }

  /** Resolves once member names are known, or could not be fetched (names then fall back to the relay's labels). */
  private loadDirectory(): Promise<void> {
    if (this.directory) return Promise.resolve();
    return membersDirectory(this.connection.client).then(
      (directory) => void (this.directory = directory),
      // The next search tries again.
      () => undefined,
    );
  }

  private scheduleSearch(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.runSearch(), SETTLE_MS);
  }

  private restoreFocus(): void {
    const key = this.focusAfterSearch;
    this.focusAfterSearch = undefined;
    if (!key || this.shadowRoot?.activeElement) return;
    this.renderRoot.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.view = undefined;
    void this.runSearch();
  }

  private onFilterChange(field: FacetField, value: string, event: Event): void {
    const input = event.target as HTMLInputElement;
    this.filters = withFilter(this.filters, field, value, input.checked);
    // Facet values re-sort as counts change; keep the patron's place if the box moves.
    this.focusAfterSearch = `${field}:${value}`;
    this.scheduleSearch();
  }

  private clearFilters(event: Event): void {
    if ((event.currentTarget as HTMLElement).getAttribute('aria-disabled') === 'true') return;
    this.filters = emptyFilters();
    void this.runSearch();
  }

  private onSortChange(event: Event): void {
    this.sort = (event.target as HTMLSelectElement).value as SearchSort;
    if (this.searchedQuery) this.scheduleSearch();
  }

  private async retrySearch(): Promise<void> {
    this.renderRoot.querySelector<HTMLElement>('.results')?.focus();
    await this.runSearch();
  }

  private toggleFacet(field: FacetField): void {
    const expanded = new Set(this.expandedFacets);
    if (expanded.has(field)) expanded.delete(field);
    else expanded.add(field);
    this.expandedFacets = expanded;
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    return html`
      ${this.announcer.render('live visually-hidden')}
      ${this.renderForm()}
      <div ?hidden=${this.view !== undefined}>${this.renderList()}</div>
      ${this.view ? this.renderRecord(this.view) : nothing}
    `;
  }

  private renderForm(): TemplateResult {
    const { t } = this.localize;
    return html`<form class="form" part="form" role="search" @submit=${this.onSubmit} ?hidden=${this.view !== undefined}>
      <label class="label" for="q">${t.searchLabel}</label>
      <div class="search-row">
        <input
          id="q"
          name="q"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          maxlength="500"
          placeholder=${t.searchPlaceholder}
          aria-describedby=${ifDefined(this.queryHint ? 'q-hint' : undefined)}
          aria-invalid=${this.queryHint ? 'true' : 'false'}
          .value=${this.query}
          @input=${(event: Event) => {
            this.query = (event.target as HTMLInputElement).value;
            if (this.query.trim()) this.queryHint = false;
          }}
        />
        <button class="button" type="submit">${t.searchButton}</button>
      </div>
      ${this.queryHint ? html`<p class="hint error-text" id="q-hint">${t.emptyQuery}</p>` : nothing}
    </form>`;
  }

  private renderList(): TemplateResult {
    const { t, f } = this.localize;
    if (this.phase === 'idle') return html`<p class="hint">${t.searchHint}</p>`;
    const page = this.page;
    const filterCount = activeFilterCount(this.filters);
    const busy = this.phase === 'loading';
    return html`
      ${this.kbAnswers.render(
        this.localize.t,
        (id) => this.memberName(id),
        (id) =>
          void this.openRecord(
            id,
            this.items.find((item) => item.id === id),
            'kb',
          ),
      )}
      <div class="toolbar">
        <button
          class="button secondary filters-toggle"
          type="button"
          aria-expanded=${this.filtersOpen ? 'true' : 'false'}
          aria-controls="facets"
          @click=${() => (this.filtersOpen = !this.filtersOpen)}
        >
          ${filterCount ? t.filtersWithCount(filterCount, f) : t.filters}
        </button>
        <div class="sort">
          <label for="sort">${t.sortLabel}</label>
          <select id="sort" @change=${this.onSortChange}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.sort}>${t.sorts[sort]}</option>`)}
          </select>
        </div>
      </div>
      <div class="layout">
        ${page ? this.renderFacets(page) : html`<div></div>`}
        <section class="results" tabindex="-1" aria-labelledby="summary" aria-busy=${busy ? 'true' : 'false'}>
          ${this.renderResults(busy)}
        </section>
      </div>
    `;
  }

  private renderResults(busy: boolean): TemplateResult {
    const { t, f } = this.localize;
    if (this.phase === 'error') {
      return html`<h3 class="summary visually-hidden" id="summary" tabindex="-1">${t.resultsList}</h3>
        ${this.renderError(this.error, () => this.retrySearch(), 'search')}`;
    }
    const page = this.page;
    if (!page || (busy && this.items.length === 0)) {
      return html`<h3 class="summary" id="summary" tabindex="-1"><span class="spinner" aria-hidden="true"></span>${t.searching}</h3>`;
    }
    if (this.items.length === 0) {
      return html`<h3 class="summary" id="summary" tabindex="-1">${t.noResults(this.searchedQuery)}</h3>
        <p class="hint">${t.noResultsHint}</p>
        ${
          activeFilterCount(this.filters)
            ? html`<p class="hint">${t.noResultsFiltered}</p>
              <button class="button secondary" type="button" @click=${this.clearFilters}>${t.clearFilters}</button>`
            : nothing
        }`;
    }
    return html`
      <h3 class="summary" id="summary" tabindex="-1" part="status">
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t.searching}` : t.resultCount(page.total, this.searchedQuery, f)}
      </h3>
      <ol class="result-list ${busy ? 'stale' : ''}" part="results" aria-label=${t.resultsList}>
        ${repeat(
          this.items,
          (item) => item.id,
          (item) => this.renderResult(item),
        )}
      </ol>
      <p class="shown">${t.resultsShown(this.items.length, page.total, f)}</p>
      ${this.moreError ? this.renderError(this.moreError, () => this.loadMore(), 'search') : nothing}
      ${
        page.nextCursor && !this.moreError
          ? html`<button
            class="button secondary load-more"
            part="load-more"
            type="button"
            ?disabled=${this.loadingMore || busy}
            @click=${this.loadMore}
          >
            ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>${t.loadingMore}` : t.loadMore}
          </button>`
          : nothing
      }
    `;
  }

  private renderResult(record: CatalogRecord): TemplateResult {
    const { t, f } = this.localize;
    const availability = summarizeAvailability(record.holdings, t, f);
    const creators = record.highlight?.creators?.length
      ? renderSegments(record.highlight.creators)
      : f.list(record.creators.map((creator) => creator.name));
    const when = record.date ?? (record.year === undefined ? undefined : String(record.year));
    return html`<li class="result" part="result">
      <h4 class="result-title">
        <button class="title" type="button" data-id=${record.id} lang=${ifDefined(contentLang(record))} @click=${() => this.openRecord(record.id, record, 'results')}>
          ${renderSegments(record.highlight?.title, record.title)}
        </button>
      </h4>
      ${record.creators.length ? html`<p class="creators" lang=${ifDefined(contentLang(record))}>${creators}</p>` : nothing}
      <p class="meta">
        <span>${t.recordTypes[record.type]}</span>${when ? html`<span>${when}</span>` : nothing}<span
          >${this.memberName(record.member)}</span
        >
      </p>
      <p class="availability ${availability.available ? 'is-available' : ''}">${availability.text}</p>
    </li>`;
  }

  private renderFacets(page: SearchResponse): TemplateResult {
    const { t } = this.localize;
    const filterCount = activeFilterCount(this.filters);
    return html`<section class="facets ${this.filtersOpen ? 'open' : ''}" id="facets" part="facets" aria-labelledby="facets-heading">
      <h3 class="facets-heading" id="facets-heading">${t.filters}</h3>
      ${FACET_FIELDS.map((field) => this.renderFacet(field, page.facets[field] ?? []))}
      <button
        class="button secondary"
        type="button"
        aria-disabled=${filterCount ? 'false' : 'true'}
        @click=${this.clearFilters}
      >
        ${t.clearFilters}
      </button>
    </section>`;
  }

  private renderFacet(field: FacetField, values: readonly FacetValue[]): TemplateResult | typeof nothing {
    const { t, f } = this.localize;
    const selected = this.filters[field];
    // A chosen value the relay no longer counts (0 matches) stays visible so it can be unticked.
    const listed = [
      ...values,
      ...selected
        .filter((value) => !values.some((candidate) => candidate.value === value))
        .map((value) => ({ value, label: value, count: 0, selected: true })),
    ];
    if (listed.length === 0) return nothing;
    const checked =
      field === 'decade'
        ? coveredDecades(
            this.filters,
            listed.map((value) => value.value),
          )
        : new Set(selected);
    const expanded = this.expandedFacets.has(field);
    const shown = expanded ? listed : collapse(listed, checked, field === 'decade');
    return html`<fieldset class="facet">
      <legend>${t.facets[field]}</legend>
      <ul class="facet-values" id="facet-${field}">
        ${repeat(
          shown,
          (value) => value.value,
          (value) => html`<li>
            <label class="facet-option">
              <input
                type="checkbox"
                data-focus-key="${field}:${value.value}"
                .checked=${checked.has(value.value)}
                @change=${(event: Event) => this.onFilterChange(field, value.value, event)}
              />
              <span class="facet-label">${this.facetLabel(field, value)}</span>
              <span class="count"
                ><span class="visually-hidden">(</span>${t.facetCount(value.count, f)}<span class="visually-hidden"
                  >)</span
                ></span
              >
            </label>
          </li>`,
        )}
      </ul>
      ${
        listed.length > COLLAPSED_VALUES
          ? html`<button
            class="link-button"
            type="button"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls="facet-${field}"
            @click=${() => this.toggleFacet(field)}
          >
            ${expanded ? t.showFewerValues : t.showAllValues(listed.length, f)}
          </button>`
          : nothing
      }
    </fieldset>`;
  }

  private facetLabel(field: FacetField, value: FacetValue): string {
    const { t, f } = this.localize;
    switch (field) {
      case 'member':
        return this.memberName(value.value, value.label);
      case 'type':
        return t.recordTypes[value.value as keyof typeof t.recordTypes] ?? value.label;
      case 'language':
        return f.languageName(value.value) ?? value.label;
      case 'available':
        return value.value === 'true' || value.value === 'false' ? t.availability[value.value] : value.label;
      case 'decade': {
        const start = decadeStart(value.value);
        return start === undefined ? value.label : t.decade(start);
      }
    }
  }

  private memberName(id: string, fallback?: string): string {
    return (
      this.directory?.memberName(id, this.localize.locale) ??
      fallback ??
      this.page?.facets.member?.find((value) => value.value === id)?.label ??
      id
    );
  }

  private renderRecord(view: RecordView): TemplateResult {
    const { t } = this.localize;
    const record = view.record ?? view.summary;
    // Opened by id alone (a link in an answer, `showRecord`), the title comes with the record.
    const loading = !record && !view.error;
    const title = record?.title ?? (loading ? t.loadingRecord : view.id);
    return html`<article class="record" part="record" aria-labelledby="record-title">
      <button class="button secondary back" type="button" @click=${this.closeRecord}>
        <span aria-hidden="true">←</span>${t.backToResults}
      </button>
      <h3 class="record-title" id="record-title" tabindex="-1" lang=${ifDefined(record && contentLang(record))}>
        ${loading ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${title}
      </h3>
      ${
        view.error
          ? this.renderError(view.error, () => this.retryRecord(), 'record')
          : !view.record
            ? loading
              ? nothing
              : html`<p class="hint"><span class="spinner" aria-hidden="true"></span>${t.loadingRecord}</p>`
            : this.renderRecordBody(view.record)
      }
    </article>`;
  }

  private renderRecordBody(record: CatalogRecord): TemplateResult {
    const { t, f, locale } = this.localize;
    const lang = contentLang(record);
    const thumbnail = safeUrl(record.thumbnail);
    const link = safeUrl(record.url);
    const field = (label: string, value: unknown, content: unknown = value) =>
      value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
        ? nothing
        : html`<dt>${label}</dt>
            <dd>${content}</dd>`;
    const creators = record.creators.map((creator) => {
      const role = creator.role ? (t.creatorRoles[creator.role] ?? creator.role) : undefined;
      const name = creator.dates ? `${creator.name} (${creator.dates})` : creator.name;
      return role ? t.creatorWithRole(name, role) : name;
    });
    const identifiers = Object.entries(record.identifiers).filter(([, values]) => values.length > 0);
    return html`
      ${thumbnail ? html`<img class="thumbnail" src=${thumbnail} alt="" loading="lazy" @error=${hideOnError} />` : nothing}
      <dl class="fields">
        ${field(t.fields.creators, creators, html`<span lang=${ifDefined(lang)}>${f.list(creators)}</span>`)}
        ${field(t.fields.type, t.recordTypes[record.type])}
        ${field(t.fields.date, record.date ?? record.year)}
        ${field(t.fields.language, record.language, record.language && (f.languageName(record.language) ?? record.language))}
        ${field(t.fields.heldBy, this.memberName(record.member))}
        ${field(t.fields.series, record.series)}
        ${field(t.fields.physicalDescription, record.physicalDescription)}
        ${field(t.fields.creditLine, record.creditLine)}
        ${field(
          t.fields.subjects,
          record.subjects,
          html`<ul class="subjects">
            ${record.subjects.map((subject) => html`<li>${subject}</li>`)}
          </ul>`,
        )}
        ${identifiers.map(([scheme, values]) => field(t.identifierSchemes[scheme] ?? scheme, values, values.join(', ')))}
      </dl>
      ${
        record.description
          ? html`<h4>${t.fields.description}</h4>
            <p class="description" lang=${ifDefined(lang)}>${record.description}</p>`
          : nothing
      }
      <h4>${t.holdings}</h4>
      ${
        record.holdings.length === 0
          ? html`<p class="hint">${t.noHoldings}</p>`
          : html`<ul class="holdings">
            ${record.holdings.map((holding) => {
              const branch = this.directory?.branchName(holding.member, holding.branch, locale) ?? holding.branch;
              return html`<li class="holding">
                <p class="holding-place">
                  <strong>${branch}</strong>${holding.member !== record.member ? html` · ${this.memberName(holding.member)}` : nothing}
                </p>
                <dl>
                  ${
                    holding.callNumber
                      ? html`<dt>${t.holdingColumns.callNumber}</dt>
                        <dd class="call-number">${holding.callNumber}</dd>`
                      : nothing
                  }
                  <dt>${t.holdingColumns.status}</dt>
                  <dd class="status ${isAvailable(holding) ? 'is-available' : ''}">${t.holdingStatuses[holding.status]}</dd>
                  ${
                    holding.dueDate
                      ? html`<dt>${t.holdingColumns.dueDate}</dt>
                        <dd>${f.date(holding.dueDate)}</dd>`
                      : nothing
                  }
                </dl>
              </li>`;
            })}
          </ul>`
      }
      <atrium-hold relay=${this.relay} member=${this.member} .record=${record} exportparts="hold"></atrium-hold>
      ${link ? html`<p><a class="external" href=${link} target="_blank" rel="noopener noreferrer">${t.viewOnline}</a></p>` : nothing}
    `;
  }

  private renderError(error: unknown, retry: () => unknown, context: 'search' | 'record'): TemplateResult {
    const { t } = this.localize;
    let message: string;
    let canRetry = true;
    if (error instanceof TimeoutError) message = t.errors.timeout;
    else if (error instanceof ConnectionError) message = t.errors.connection;
    else if (error instanceof ApiError) {
      message = context === 'record' ? t.errors.recordApi(error.message) : t.errors.api(error.message);
      // The relay refused the request itself; sending it again changes nothing.
      canRetry = error.status >= 500 || error.status === 408 || error.status === 429;
    } else if (error instanceof ValidationError) message = t.errors.invalid;
    else message = t.errors.unknown;
    return html`<div class="error" part="error" role="alert">
      <p>${message}</p>
      ${canRetry ? html`<button class="button" type="button" @click=${retry}>${t.retry}</button>` : nothing}
    </div>`;
  }
}

/**
 * The values shown before "Show all": the most frequent ones and any that are ticked. Decades
 * come in time order, so the most frequent few are picked and then kept in that order.
 */
function collapse(values: readonly FacetValue[], checked: ReadonlySet<string>, timeOrdered: boolean): FacetValue[] {
  const ranked = timeOrdered ? [...values].sort((a, b) => b.count - a.count) : values;
  const keep = new Set(ranked.slice(0, COLLAPSED_VALUES).map((value) => value.value));
  return values.filter((value) => keep.has(value.value) || checked.has(value.value));
}

/** Text with the words that matched the query wrapped in <mark>, built as elements, never as HTML. */
function renderSegments(segments: readonly HighlightSegment[] | undefined, fallback = ''): unknown {
  if (!segments?.length || segments.every((segment) => segment.text === '')) return fallback;
  return segments.map((segment) => (segment.mark ? html`<mark part="mark">${segment.text}</mark>` : segment.text));
}

/** The language of a record's own text, so screen readers pronounce it in the right voice. */
function contentLang(record: CatalogRecord): string | undefined {
  return record.language && /^[a-z]{2,3}$/.test(record.language) ? record.language : undefined;
}

function hideOnError(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}
