import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { ClientProvider } from '../../controllers/client-provider.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { deepActiveElement } from '../../internal/deep-active-element.js';
import { launcherIcon } from '../../internal/launcher-look.js';
import { baseStyles } from '../../styles/base.styles.js';
import { colorSchemeStyles } from '../../styles/color-scheme.styles.js';
import type { Translation } from '../../translations/translations.js';
import type { AtriumSearch } from '../atrium-search/atrium-search.component.js';
import styles from './atrium-widget.styles.js';
import { SMALL_SCREEN } from './small-screen.js';

export type WidgetPlacement = 'floating' | 'inline';

/**
 * A service shown as a tab. Search comes with the widget; the others load their code the first
 * time a patron goes to them (or points at their tab), so opening the widget costs only what
 * the first tab needs.
 */
interface TabDefinition {
  id: string;
  label(t: Translation): string;
  render(widget: AtriumWidget): TemplateResult;
  load?: () => Promise<unknown>;
}

const TABS: readonly TabDefinition[] = [
  {
    id: 'search',
    label: (t) => t.tabs.search,
    render: () =>
      html`<atrium-search exportparts="form, kb-answers, linked-records, status, facets, results, result, mark, load-more, record, hold, error"></atrium-search>`,
  },
  {
    id: 'book',
    label: (t) => t.tabs.book,
    load: () => import('../atrium-booking/atrium-booking.js'),
    render: (widget) =>
      html`<atrium-booking
        member=${widget.member}
        exportparts="resource, slots, slot, booking-form, confirmation, saved-bookings, error: booking-error"
      ></atrium-booking>`,
  },
  {
    id: 'chat',
    label: (t) => t.tabs.chat,
    load: () => import('../atrium-chat/atrium-chat.js'),
    render: (widget) =>
      html`<atrium-chat
        member=${widget.member}
        record-id=${widget.recordInView}
        widget-key=${widget.key}
        exportparts="start-form, queue-status, chat-log, chat-message, composer, chat-actions, rating, error: chat-error"
      ></atrium-chat>`,
  },
  {
    id: 'ask',
    label: (t) => t.tabs.ask,
    load: () => import('../atrium-ask/atrium-ask.js'),
    render: (widget) =>
      html`<atrium-ask
        member=${widget.member}
        record=${widget.recordInView}
        exportparts="ask-form, questions, question, linked-records, confirmation: ask-confirmation, error: ask-error"
      ></atrium-ask>`,
  },
];

const closeIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/></svg>';

/**
 * The consortium's front door on a partner page: a launcher button and a panel of services
 * (Search, Book, Chat and Ask). Place it once, anywhere in the page. Its language is its `lang`
 * attribute (`en`, `zh-Hans`, `zh-Hant`, or a regional tag such as `zh-TW`), else the page's.
 *
 * There are no slots: the widget's content comes from the consortium, its look from the
 * custom properties and parts below.
 *
 * @summary Launcher and tabbed panel for searching the union catalog.
 *
 * @event atrium-open - The panel opened.
 * @event atrium-close - The panel closed.
 * @event atrium-search - A search completed; `detail: { query, total }` (from the Search tab).
 * @event atrium-record-open - A record's details were opened; `detail: { id }` (from the Search tab).
 * @event atrium-booking-created - A booking was confirmed; `detail: { id, resourceId }` (from the Book tab).
 * @event atrium-hold-created - A hold was placed; `detail: { id, recordId }` (from a record in the Search tab).
 * @event atrium-chat-start - The patron started a chat; `detail: { conversationId }` (from the Chat tab).
 * @event atrium-chat-message - A chat message was stored, once each; `detail: { seq, role }` (from the Chat tab).
 * @event atrium-chat-end - The chat ended; `detail: { conversationId }` (from the Chat tab).
 * @event atrium-ask-offer - Nobody could take the chat and the patron chose to leave a question; `detail: { text }` (from the Chat tab). The widget then opens the Ask tab with that text.
 * @event atrium-question-created - A question was left for the librarians; `detail: { id }` (from the Ask tab).
 * @event atrium-record-request - The patron chose a record a librarian linked in an answer; `detail: { id }` (from the Ask tab). The widget then shows the record in the Search tab.
 *
 * @csspart launcher - The floating launcher button.
 * @csspart panel - The panel holding the header, tabs and services.
 * @csspart header - The panel's title bar.
 * @csspart close-button - The button that closes the floating panel.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart tabpanel - The area showing the selected service.
 * @csspart form - The search form (forwarded from the Search tab), likewise `kb-answers`, `linked-records`, `status`, `facets`, `results`, `result`, `mark`, `load-more`, `record`, `hold` and `error`.
 * @csspart resource - The choice of what to book (forwarded from the Book tab), likewise `slots`, `slot`, `booking-form`, `confirmation`, `saved-bookings`, and `booking-error` (the Book tab's `error`).
 * @csspart chat-log - The chat's messages (forwarded from the Chat tab), likewise `start-form`, `queue-status`, `chat-message`, `composer`, `chat-actions`, `rating`, and `chat-error` (the Chat tab's `error`).
 * @csspart ask-form - The question form (forwarded from the Ask tab), likewise `questions`, `question`, `linked-records`, `ask-confirmation` (the Ask tab's `confirmation`) and `ask-error` (its `error`).
 *
 * @cssproperty --atrium-color-accent - Launcher, header and button colour. Default `#0b5cad`.
 * @cssproperty --atrium-color-on-accent - Text on the accent colour. Default `#ffffff`.
 * @cssproperty --atrium-color-surface - Panel background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Background of the tab bar and filters. Default `#f4f6f8`.
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
 * @cssproperty --atrium-offset - Distance of the launcher and panel from the viewport corner. Default `1.25rem`.
 * @cssproperty --atrium-z-index - Stacking level of the launcher and floating panel. Default `1000`.
 * @cssproperty --atrium-panel-width - Width of the floating panel. Default `28rem`.
 * @cssproperty --atrium-panel-height - Height of the panel. Default `42rem` floating, content height inline.
 */
export class AtriumWidget extends LitElement {
  static override styles = [baseStyles, colorSchemeStyles, styles];

  /**
   * `auto` (default): light or dark as the reader's system is set; `light` or `dark` to fix it.
   * Colours set through `--atrium-color-*` win in both looks.
   */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** The member's public widget key for this site (`atrium-relay widget-key add`), sent when a chat opens. */
  @property({ reflect: true }) key = '';

  /** The member whose site this is (e.g. `riverside-library`). */
  @property({ reflect: true }) member = '';

  /** Base URL of the relay. Default: the origin the widget's script was loaded from. */
  @property({ reflect: true }) relay = '';

  /** `floating`: a corner launcher opening a panel. `inline`: the panel sits in the page flow, always open. */
  @property({ reflect: true }) placement: WidgetPlacement = 'floating';

  /** Whether the floating panel is open (the `open` attribute). Use `open()` and `close()` to change it with focus handling. */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  @state() private activeTab = TABS[0]!.id;
  /** Tabs shown at least once: a service is only built (and asks the relay for anything) when first opened. */
  private readonly visitedTabs = new Set<string>([TABS[0]!.id]);

  @query('.launcher') private launcherButton?: HTMLButtonElement;

  /**
   * The record last opened in the Search tab: the Ask tab sends it with a question.
   * @internal
   */
  @state() recordInView = '';

  private readonly localize = new LocalizeController(this);
  // Every service inside the panel talks to the relay through this widget's client.
  protected readonly clientProvider = new ClientProvider(this);

  private readonly smallScreen = matchMedia(SMALL_SCREEN);
  /** Set while open() runs, so the dialog may take focus (an `open` attribute in markup must not steal it). */
  private opening = false;

  private get floating(): boolean {
    return this.placement !== 'inline';
  }

  constructor() {
    super();
    this.addEventListener('atrium-record-open', (event) => (this.recordInView = event.detail.id));
    this.addEventListener('atrium-ask-offer', (event) => void this.offerQuestion(event.detail.text));
    this.addEventListener('atrium-record-request', (event) => void this.showRecord(event.detail.id));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.smallScreen.addEventListener('change', this.onScreenChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.smallScreen.removeEventListener('change', this.onScreenChange);
  }

  /** Opens the panel and moves focus into the selected service. */
  async open(): Promise<void> {
    this.opening = true;
    try {
      if (this.floating && !this.isOpen) {
        this.isOpen = true;
        emit(this, 'atrium-open', {});
      }
      await this.updateComplete;
    } finally {
      this.opening = false;
    }
    await this.focusActiveService();
  }

  /** Closes the floating panel; focus returns to the launcher if it was inside the panel. */
  async close(): Promise<void> {
    if (!this.floating || !this.isOpen) return;
    const hadFocus = this.shadowRoot?.activeElement != null;
    this.isOpen = false;
    emit(this, 'atrium-close', {});
    await this.updateComplete;
    if (hadFocus) this.launcherButton?.focus();
  }

  /** Opens the panel on the Chat tab, with focus where the patron writes (or on the chat already open). */
  async startChat(): Promise<void> {
    await this.selectTab('chat', false);
    await this.open();
  }

  /** Nobody could chat: the Ask tab takes over with what the patron had written, ready to send. */
  private async offerQuestion(text: string): Promise<void> {
    await this.selectTab('ask', false);
    await this.updateComplete;
    const ask = this.renderRoot.querySelector('atrium-ask');
    if (!ask) return;
    ask.text = text;
    ask.focus();
  }

  /** Opens the Search tab and searches for `query`. */
  async search(query: string): Promise<void> {
    this.activeTab = 'search';
    await this.open();
    await this.searchService()?.search(query);
  }

  /** Opens the Search tab on one record's details, e.g. `riverside-library:2767052`, with focus on its title. */
  async showRecord(id: string): Promise<void> {
    await this.selectTab('search', false);
    await this.open();
    await this.searchService()?.showRecord(id);
  }

  protected override updated(): void {
    this.syncDialog();
  }

  private readonly onScreenChange = (): void => this.syncDialog();

  /**
   * Shows the floating panel as a dialog: modal when it fills the screen (the page behind is
   * inert, so keyboard and screen-reader users cannot wander into content they cannot see),
   * non-modal in a desktop corner, where the page stays usable.
   */
  private syncDialog(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (!this.floating || !this.isOpen) {
      if (dialog.open) dialog.close();
      return;
    }
    const modal = this.smallScreen.matches;
    if (dialog.open && dialog.matches(':modal') === modal) return;
    const wasInside = dialog.open ? deepActiveElement(this.shadowRoot) : null;
    const before = deepActiveElement(document);
    if (dialog.open) dialog.close();
    if (modal) dialog.showModal();
    else dialog.show();
    // Showing a dialog focuses its first control; keep focus where it was unless the patron opened it.
    if (wasInside) wasInside.focus();
    else if (!this.opening) {
      if (before instanceof HTMLElement && before !== document.body) before.focus();
      else deepActiveElement(document)?.blur();
    }
  }

  private onDialogCancel(event: Event): void {
    event.preventDefault();
    void this.close();
  }

  /** The browser may close a modal dialog itself (a repeated Escape, a back gesture): catch up. */
  private onDialogClose(event: Event): void {
    const dialog = event.target as HTMLDialogElement;
    if (!this.isOpen || dialog.open) return;
    this.isOpen = false;
    emit(this, 'atrium-close', {});
    void this.updateComplete.then(() => this.launcherButton?.focus());
  }

  private searchService(): AtriumSearch | null {
    return this.renderRoot.querySelector('atrium-search');
  }

  private async focusActiveService(): Promise<void> {
    const panel = this.renderRoot.querySelector<HTMLElement>(`#panel-${this.activeTab}`);
    const service = panel?.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await service?.updateComplete;
    service?.focus();
  }

  private onLauncherClick(): void {
    if (this.isOpen) void this.close();
    else void this.open();
  }

  private onPanelKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.floating || event.defaultPrevented) return;
    event.preventDefault();
    // Escape in a search box with text clears the text first, as browsers do natively; done
    // here so a modal dialog does not treat the same key press as a request to close.
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLInputElement && origin.type === 'search' && origin.value !== '') {
      origin.value = '';
      origin.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      return;
    }
    void this.close();
  }

  private onTabKeydown(event: KeyboardEvent): void {
    const ids = TABS.map((tab) => tab.id);
    const index = ids.indexOf(this.activeTab);
    const next =
      event.key === 'ArrowRight'
        ? ids[(index + 1) % ids.length]
        : event.key === 'ArrowLeft'
          ? ids[(index - 1 + ids.length) % ids.length]
          : event.key === 'Home'
            ? ids[0]
            : event.key === 'End'
              ? ids[ids.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    void this.selectTab(next, true).catch(() => {});
  }

  /** Resolves once the tab's element is defined, so it can be given work (text, focus) at once. */
  private selectTab(id: string, focusTab: boolean): Promise<void> {
    this.visitedTabs.add(id);
    this.activeTab = id;
    if (focusTab) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${id}`)?.focus());
    }
    return this.loadTab(id);
  }

  private readonly tabCode = new Map<string, Promise<unknown>>();

  /** Fetches a tab's code once; a failed fetch (a dropped connection) is tried again next time. */
  private loadTab(id: string): Promise<void> {
    const tab = TABS.find((candidate) => candidate.id === id);
    if (!tab?.load) return Promise.resolve();
    let pending = this.tabCode.get(id);
    if (!pending) {
      pending = tab.load();
      pending.catch(() => this.tabCode.delete(id));
      this.tabCode.set(id, pending);
    }
    return pending.then(() => undefined);
  }

  protected override render(): TemplateResult {
    const { t } = this.localize;
    const floating = this.floating;
    return html`
      ${
        floating
          ? html`<div class="dock">
            <button
              class="launcher"
              part="launcher"
              type="button"
              aria-expanded=${this.isOpen ? 'true' : 'false'}
              aria-controls="panel"
              @click=${this.onLauncherClick}
            >
              ${unsafeSVG(launcherIcon)}<span>${t.launcher}</span>
            </button>
          </div>`
          : nothing
      }
      ${this.renderPanel(floating)}
    `;
  }

  private renderPanel(floating: boolean): TemplateResult {
    const content = this.renderPanelContent(floating);
    return floating
      ? html`<dialog
          id="panel"
          class="panel floating"
          part="panel"
          aria-labelledby="title"
          @keydown=${this.onPanelKeydown}
          @cancel=${this.onDialogCancel}
          @close=${this.onDialogClose}
        >
          ${content}
        </dialog>`
      : html`<div id="panel" class="panel inline" part="panel" role="region" aria-labelledby="title">${content}</div>`;
  }

  private renderPanelContent(floating: boolean): TemplateResult {
    const { t } = this.localize;
    return html`
      <div class="header" part="header">
        <div class="titles">
          <h2 class="title" id="title">${t.panelTitle}</h2>
          <p class="subtitle">${t.panelSubtitle}</p>
        </div>
        ${
          floating
            ? html`<button class="close" part="close-button" type="button" aria-label=${t.close} @click=${() => this.close()}>
              ${unsafeSVG(closeIcon)}
            </button>`
            : nothing
        }
      </div>
      <div class="tabs" part="tabs" role="tablist" aria-label=${t.tabList} @keydown=${this.onTabKeydown}>
        ${TABS.map(
          (tab) => html`<button
            class="tab"
            part="tab"
            type="button"
            role="tab"
            id="tab-${tab.id}"
            aria-selected=${tab.id === this.activeTab ? 'true' : 'false'}
            aria-controls="panel-${tab.id}"
            tabindex=${tab.id === this.activeTab ? 0 : -1}
            @click=${() => void this.selectTab(tab.id, false).catch(() => {})}
            @pointerenter=${() => void this.loadTab(tab.id).catch(() => {})}
          >
            ${tab.label(t)}
          </button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div
          class="tabpanel"
          part="tabpanel"
          role="tabpanel"
          id="panel-${tab.id}"
          aria-labelledby="tab-${tab.id}"
          ?hidden=${tab.id !== this.activeTab}
        >
          ${this.visitedTabs.has(tab.id) ? tab.render(this) : nothing}
        </div>`,
      )}
    `;
  }
}
