import {
  ApiError,
  ChatRefusedError,
  type CannedResponse,
  type ChatMessage,
  type DeskConversation,
  type LibrarianDesk,
  type LibrarianPresence,
  type PresenceStatus,
  type QueueItem,
} from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientProvider } from '../../controllers/client-provider.js';
import { baseStyles } from '../../styles/base.styles.js';
import { colorSchemeStyles } from '../../styles/color-scheme.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import { contextListStyles } from '../../styles/context-list.styles.js';
import type { AtriumConsoleChat } from '../atrium-console-chat/atrium-console-chat.component.js';
import type { AtriumConsoleChatCloseEvent } from '../atrium-console-chat/atrium-console-chat-close.js';
import { isMuted, playTone, setMuted, unlockAudio } from './alert-tone.js';
import styles from './atrium-console.styles.js';
import { ConsoleLocalizeController } from './console-localize-controller.js';
import type { ConsoleTranslation } from '../../translations/console/translations.js';
import { consoleProblem } from './console-problem.js';
import '../atrium-console-setup/atrium-console-setup.js';
import { OpenChat } from './open-chat.js';
import { renderPatronContext } from './patron-context.js';
import { loadOpenChats, loadSession, saveOpenChats, saveSession, type StaffSession } from './staff-session.js';

/** A view of another part of the desk, shown by its own element when that element is loaded. */
interface HostedView {
  id: string;
  tag: string;
  label(t: ConsoleTranslation): string;
}

const HOSTED_VIEWS: readonly HostedView[] = [
  { id: 'bookings', tag: 'atrium-console-bookings', label: (t) => t.views.bookings },
  { id: 'questions', tag: 'atrium-console-questions', label: (t) => t.views.questions },
];

/** What the console sets on a hosted view's element: the same client and the librarian's token. */
type HostedElement = HTMLElement & { client?: unknown; token?: string; member?: string };

const PRESENCE: readonly PresenceStatus[] = ['available', 'busy', 'away'];

/**
 * The librarian console: sign in, set your presence, watch the live queue of patrons waiting
 * across the consortium (your member's first), accept chats and answer several at once, with
 * canned responses, transfers, a sound and a title badge for new chats. A second view hosts
 * today's bookings and holds (`<atrium-console-bookings>`) when that element is loaded.
 * Its language is its `lang` attribute, else the page's.
 *
 * Keyboard: Alt+A accepts the oldest waiting chat, Alt+1…9 opens one of your chats (Alt+Up and
 * Alt+Down step through them), Alt+Q
 * goes to the queue, Alt+C to the reply box, Alt+R to the canned responses.
 *
 * @summary The librarian console for live chat.
 *
 * @csspart header - The top bar with presence, sound and sign-out.
 * @csspart sign-in - The sign-in form.
 * @csspart queue - The waiting chats.
 * @csspart queue-item - Each waiting chat.
 * @csspart chats - The list of the librarian's chats.
 * @csspart context - A waiting patron's page, record and search.
 *
 * @cssproperty --atrium-color-accent - Buttons and the selected chat. Default `#0b5cad`.
 * @cssproperty --atrium-color-surface - Background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Background of the side lists. Default `#f4f6f8`.
 * @cssproperty --atrium-color-text - Body text. Default `#1f2328`.
 * @cssproperty --atrium-color-muted - Secondary text. Default `#57606a`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-danger - Error messages. Default `#b42318`.
 * @cssproperty --atrium-radius - Corner radius. Default `0.5rem`.
 */
export class AtriumConsole extends LitElement {
  static override styles = [baseStyles, colorSchemeStyles, formStyles, contextListStyles, styles];

  /** Base URL of the relay; empty means the one the console's script was loaded from. */
  @property({ reflect: true }) relay = '';

  /** `auto` (follows the system), `light` or `dark`. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  @state() private session: StaffSession | undefined;
  @state() private phase: 'signed-out' | 'connecting' | 'ready' | 'administrator' = 'signed-out';
  /** The token of a one-time link to choose a password (`#password-link=…`), taken from the address. */
  @state() private passwordLink = '';
  @state() private signInProblem = '';
  @state() private signingIn = false;
  @state() private email = '';
  @state() private password = '';
  @state() private queue: QueueItem[] = [];
  @state() private presence: LibrarianPresence[] = [];
  @state() private status: PresenceStatus = 'away';
  @state() private connection: 'connected' | 'reconnecting' = 'connected';
  @state() private notice = '';
  @state() private queueProblem = '';
  @state() private accepting = new Set<string>();
  @state() private chats: OpenChat[] = [];
  @state() private activeId: string | undefined;
  @state() private revision = 0;
  /** `chat`, or the id of a hosted view. */
  @state() private view = 'chat';
  @state() private canned: CannedResponse[] = [];
  @state() private directory: MembersDirectory | undefined;
  @state() private recordTitles = new Map<string, string>();
  @state() private announcement = '';
  @state() private muted = isMuted();
  @state() private now = Date.now();

  @query('atrium-console-chat') private chatView: AtriumConsoleChat | undefined;
  @query('#queue-title') private queueTitle: HTMLElement | undefined;

  private readonly localize = new ConsoleLocalizeController(this);
  private readonly provider = new ClientProvider(this);
  private desk: LibrarianDesk | undefined;
  private stopDesk: (() => void)[] = [];
  private knownQueue = new Set<string>();
  /** Chats that started waiting while the tab was hidden: the count in the title badge. */
  private arrivedWhileHidden = new Set<string>();
  private baseTitle = '';
  private ticker: ReturnType<typeof setInterval> | undefined;
  private hosted = new Map<string, HostedElement>();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onShortcut);
    document.addEventListener('visibilitychange', this.onVisibility);
    // After a reload the console signs in by itself; the first click or key then readies the sound.
    document.addEventListener('pointerdown', unlockAudio, { once: true });
    document.addEventListener('keydown', unlockAudio, { once: true });
    this.passwordLink = takePasswordLink();
    const stored = loadSession();
    if (stored && !this.passwordLink && this.phase === 'signed-out') void this.connect(stored);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onShortcut);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.closeDesk();
  }

  private get client() {
    return this.provider.client;
  }

  // Signing in and out.

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t, f } = this.localize;
    if (this.signingIn) return;
    const email = this.email.trim();
    if (!email || !this.password) {
      this.signInProblem = t.signIn.missing;
      return;
    }
    // The click is a user gesture: the moment browsers let a page prepare its sound.
    unlockAudio();
    this.signingIn = true;
    this.signInProblem = '';
    try {
      const { token, expiresAt, librarian } = await this.client.auth.login({ email, password: this.password });
      this.password = '';
      const session = { token, expiresAt, librarian };
      saveSession(session);
      await this.connect(session);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'too_many_attempts') {
        this.signInProblem = t.signIn.throttled(error.retryAfterSeconds ?? 60, f);
      } else {
        this.signInProblem = consoleProblem(error, t);
      }
    } finally {
      this.signingIn = false;
    }
  }

  private signOut(): void {
    this.closeDesk();
    saveSession(undefined);
    this.session = undefined;
    this.phase = 'signed-out';
    this.notice = '';
    this.view = 'chat';
    this.hosted.clear();
    this.updateTitle();
  }

  private closeDesk(): void {
    for (const stop of this.stopDesk) stop();
    this.stopDesk = [];
    this.desk?.close();
    this.desk = undefined;
    for (const chat of this.chats) chat.dispose();
    this.chats = [];
    this.activeId = undefined;
    this.queue = [];
    this.presence = [];
    this.knownQueue.clear();
    this.arrivedWhileHidden.clear();
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private async connect(session: StaffSession): Promise<void> {
    this.session = session;
    if (session.librarian.member === null) {
      // A consortium administrator has no desk to connect to: they see what to set up next.
      this.phase = 'administrator';
      return;
    }
    this.phase = 'connecting';
    const { t } = this.localize;
    let desk: LibrarianDesk;
    try {
      desk = await this.client.console.connect({ token: session.token });
    } catch (error) {
      saveSession(undefined);
      this.session = undefined;
      this.phase = 'signed-out';
      this.signInProblem = error instanceof ChatRefusedError ? t.signIn.expired : consoleProblem(error, t);
      return;
    }
    if (this.session !== session) {
      desk.close();
      return;
    }
    this.desk = desk;
    this.baseTitle ||= document.title;
    this.stopDesk = [
      desk.on('queue', (items) => this.takeQueue(items)),
      desk.on('presence', (librarians) => this.takePresence(librarians)),
      desk.on('assigned', (conversation) => {
        const fresh = !this.chats.some((chat) => chat.id === conversation.id);
        this.addChat(conversation, this.activeId === undefined);
        if (fresh) this.announce(this.localize.t.chats.transferredIn(this.memberName(conversation.state.member)));
      }),
      desk.on('connection', (connection) => {
        this.connection = connection;
        if (connection === 'connected' && this.status !== 'away') {
          // A dropped console means away until the librarian says otherwise. The relay does so when
          // the last connection goes; said again here in case this one came back before it noticed.
          this.notice = this.localize.t.connection.awayAfterDrop;
          this.status = 'away';
          void desk.setPresence('away').catch(() => {});
        }
      }),
    ];
    this.connection = 'connected';
    this.phase = 'ready';
    this.ticker = setInterval(() => {
      if (this.queue.length > 0) this.now = Date.now();
    }, 1000);
    this.takeQueue(desk.queue, true);
    this.takePresence(desk.presence);
    void this.loadSupport(session.token);
    for (const id of loadOpenChats()) {
      desk.open(id).then(
        (conversation) => this.addChat(conversation, this.activeId === undefined),
        () => {
          this.notice = this.localize.t.chats.restoreFailed;
          saveOpenChats(loadOpenChats().filter((known) => known !== id));
        },
      );
    }
  }

  /** Member names and canned responses: the console works without them, so failures stay quiet. */
  private async loadSupport(token: string): Promise<void> {
    const client = this.client;
    const [directory, canned] = await Promise.allSettled([membersDirectory(client), client.cannedResponses.list({ token })]);
    if (directory.status === 'fulfilled') this.directory = directory.value;
    if (canned.status === 'fulfilled') this.canned = canned.value.items;
  }

  // The queue.

  /** @param initial the queue found on connecting: shown, but not announced as new. */
  private takeQueue(items: QueueItem[], initial = false): void {
    const { t } = this.localize;
    const fresh = items.filter((item) => !this.knownQueue.has(item.conversationId));
    this.knownQueue = new Set(items.map((item) => item.conversationId));
    for (const id of this.arrivedWhileHidden) if (!this.knownQueue.has(id)) this.arrivedWhileHidden.delete(id);
    if (fresh.length > 0 && !initial) {
      playTone('high');
      this.announce(fresh.map((item) => t.queue.newChat(this.memberName(item.member))).join(' '));
      if (document.hidden) for (const item of fresh) this.arrivedWhileHidden.add(item.conversationId);
    }
    this.queue = items;
    this.now = Date.now();
    this.updateTitle();
    for (const item of items) this.fetchRecordTitle(item.context?.recordId);
  }

  private fetchRecordTitle(recordId: string | undefined): void {
    if (!recordId || this.recordTitles.has(recordId)) return;
    this.recordTitles.set(recordId, recordId);
    this.client.records.get(recordId).then(
      (record) => (this.recordTitles = new Map(this.recordTitles).set(recordId, record.title)),
      () => {},
    );
  }

  private async accept(item: QueueItem): Promise<void> {
    const desk = this.desk;
    if (!desk || this.accepting.has(item.conversationId)) return;
    this.accepting = new Set(this.accepting).add(item.conversationId);
    this.queueProblem = '';
    try {
      const conversation = await desk.accept(item.conversationId);
      this.addChat(conversation, true);
      this.announce(this.localize.t.chats.opened(this.memberName(item.member)));
      await this.updateComplete;
      this.chatView?.focusComposer();
    } catch (error) {
      // The item leaves the queue with the relay's next update; until then the reason is shown.
      this.queueProblem = consoleProblem(error, this.localize.t);
    } finally {
      const accepting = new Set(this.accepting);
      accepting.delete(item.conversationId);
      this.accepting = accepting;
    }
  }

  private acceptOldest(): void {
    const oldest = [...this.queue]
      .filter((item) => !this.accepting.has(item.conversationId))
      .sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince))[0];
    if (oldest) void this.accept(oldest);
  }

  // Presence.

  private takePresence(librarians: LibrarianPresence[]): void {
    this.presence = librarians;
    const me = this.session?.librarian.id;
    // The list holds everyone who is not away: a librarian missing from it is away.
    this.status = librarians.find((librarian) => librarian.id === me)?.status ?? 'away';
  }

  private async setStatus(status: PresenceStatus): Promise<void> {
    const desk = this.desk;
    if (!desk) return;
    unlockAudio();
    const before = this.status;
    this.status = status;
    try {
      this.status = await desk.setPresence(status);
      this.notice = '';
    } catch {
      this.status = before;
      this.notice = this.localize.t.presence.failed;
    }
  }

  // Chats.

  private addChat(conversation: DeskConversation, activate: boolean): void {
    let chat = this.chats.find((known) => known.id === conversation.id);
    if (!chat) {
      chat = new OpenChat(conversation, (changed, message) => this.chatChanged(changed, message));
      this.chats = [...this.chats, chat];
      saveOpenChats(this.chats.map((known) => known.id));
      this.fetchRecordTitle(conversation.state.context?.recordId);
    }
    if (activate) this.select(chat.id);
  }

  private chatChanged(chat: OpenChat, message: ChatMessage | undefined): void {
    if (message) {
      const inView = chat.id === this.activeId && this.view === 'chat';
      if (inView && !document.hidden) chat.markRead();
      if (inView) this.announce(this.localize.t.chat.newMessage(message.text));
      if (!inView || document.hidden) playTone('low');
    }
    this.revision++;
    this.updateTitle();
  }

  private select(id: string): void {
    const chat = this.chats.find((known) => known.id === id);
    if (!chat) return;
    this.activeId = id;
    this.view = 'chat';
    if (!document.hidden) chat.markRead();
    this.revision++;
  }

  private showChats(): void {
    this.view = 'chat';
    // Coming back to the chat in view reads what arrived meanwhile.
    if (this.activeId) this.select(this.activeId);
  }

  private onChatClose(event: AtriumConsoleChatCloseEvent): void {
    const { conversationId, transferred } = event.detail;
    const chat = this.chats.find((known) => known.id === conversationId);
    if (!chat) return;
    chat.dispose();
    const index = this.chats.indexOf(chat);
    this.chats = this.chats.filter((known) => known !== chat);
    saveOpenChats(this.chats.map((known) => known.id));
    if (transferred) this.announce(this.localize.t.transfer.done);
    if (this.activeId === conversationId) {
      this.activeId = (this.chats[index] ?? this.chats[index - 1])?.id;
      if (this.activeId) this.select(this.activeId);
    }
    void this.updateComplete.then(() => (this.chatView ? this.chatView.focusComposer() : this.queueTitle?.focus()));
  }

  // Attention: the live region, the sound and the title badge.

  private announce(text: string): void {
    // A repeated text is announced again only if the region changes in between.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private toggleSound(): void {
    this.muted = !this.muted;
    setMuted(this.muted);
    if (!this.muted) {
      unlockAudio();
      playTone('low');
    }
  }

  private updateTitle(): void {
    if (!this.baseTitle) return;
    const count = this.arrivedWhileHidden.size;
    document.title =
      count > 0 && this.phase === 'ready' ? this.localize.t.titleBadge(count, this.baseTitle, this.localize.f) : this.baseTitle;
  }

  private readonly onVisibility = (): void => {
    if (document.hidden) return;
    this.arrivedWhileHidden.clear();
    this.updateTitle();
    const active = this.chats.find((chat) => chat.id === this.activeId);
    if (active && this.view === 'chat') {
      active.markRead();
      this.revision++;
    }
  };

  private readonly onShortcut = (event: KeyboardEvent): void => {
    if (!event.altKey || event.ctrlKey || event.metaKey || this.phase !== 'ready') return;
    // `code`, not `key`: on a Mac, Option+A types "å".
    const digit = /^Digit([1-9])$/.exec(event.code);
    // Alt+digit switches browser tabs on some systems; Alt+Up/Down step through the chats everywhere.
    const step = event.code === 'ArrowDown' ? 1 : event.code === 'ArrowUp' ? -1 : 0;
    if (event.code === 'KeyA') this.acceptOldest();
    else if (digit || step) {
      const current = this.chats.findIndex((chat) => chat.id === this.activeId);
      const index = digit ? Number(digit[1]) - 1 : (current + step + this.chats.length) % this.chats.length;
      const chat = this.chats[index];
      if (!chat) return;
      this.select(chat.id);
      void this.updateComplete.then(() => this.chatView?.focusComposer());
    } else if (event.code === 'KeyQ') {
      this.view = 'chat';
      void this.updateComplete.then(() => this.queueTitle?.focus());
    } else if (event.code === 'KeyC') this.chatView?.focusComposer();
    else if (event.code === 'KeyR') this.chatView?.focusCanned();
    else return;
    event.preventDefault();
  };

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
  }

  // Rendering.

  protected override render(): TemplateResult {
    const { t } = this.localize;
    return html`${
      this.phase === 'ready' && this.session
        ? this.renderConsole(this.session)
        : this.phase === 'administrator' || (this.passwordLink && this.phase === 'signed-out')
          ? this.renderSetup()
          : this.phase === 'connecting'
            ? html`<main class="sign-in"><h1>${t.title}</h1><p role="status">${t.connection.connecting}</p></main>`
            : this.renderSignIn()
    }
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  private renderSetup(): TemplateResult {
    return html`<atrium-console-setup
      .client=${this.client}
      .link=${this.phase === 'administrator' ? '' : this.passwordLink}
      .librarian=${this.session?.librarian}
      @atrium-signed-in=${(event: CustomEvent<StaffSession>) => {
        this.passwordLink = '';
        saveSession(event.detail);
        void this.connect(event.detail);
      }}
      @atrium-sign-out=${this.signOut}
    ></atrium-console-setup>`;
  }

  private renderSignIn(): TemplateResult {
    const { t } = this.localize;
    return html`<main class="sign-in">
      <h1>${t.title}</h1>
      <form part="sign-in" novalidate @submit=${this.signIn} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">${t.signIn.heading}</h2>
        <div class="field">
          <label for="email">${t.signIn.email}</label>
          <input
            id="email"
            type="email"
            autocomplete="username"
            required
            .value=${this.email}
            @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="password">${t.signIn.password}</label>
          <input
            id="password"
            type="password"
            autocomplete="current-password"
            required
            .value=${this.password}
            @input=${(event: Event) => (this.password = (event.target as HTMLInputElement).value)}
          />
        </div>
        <div role="alert">${this.signInProblem ? html`<p class="problem">${this.signInProblem}</p>` : nothing}</div>
        <button class="button" type="submit" ?disabled=${this.signingIn}>${this.signingIn ? t.signIn.submitting : t.signIn.submit}</button>
      </form>
    </main>`;
  }

  private renderConsole(session: StaffSession): TemplateResult {
    const { t } = this.localize;
    const views = HOSTED_VIEWS.filter((view) => customElements.get(view.tag) !== undefined);
    const hosted = views.find((view) => view.id === this.view);
    return html`<div class="console">
      <header class="bar" part="header">
        <h1>${t.title}</h1>
        <span class="who">${t.signIn.signedInAs(`${session.librarian.name} · ${this.memberName(session.librarian.member ?? '')}`)}</span>
        <fieldset class="presence">
          <legend>${t.presence.label}</legend>
          ${PRESENCE.map(
            (status) =>
              html`<label class="presence-choice ${status}"
                ><input
                  type="radio"
                  name="presence"
                  value=${status}
                  .checked=${this.status === status}
                  @change=${() => this.setStatus(status)}
                />${t.presence.statuses[status]}</label
              >`,
          )}
        </fieldset>
        <button class="button secondary" type="button" aria-pressed=${String(!this.muted)} title=${t.sound.label} @click=${this.toggleSound}>
          ${this.muted ? t.sound.off : t.sound.on}
        </button>
        <button class="button secondary" type="button" @click=${this.signOut}>${t.signIn.signOut}</button>
      </header>
      <div class="status-line" role="status">
        ${this.connection === 'reconnecting' ? html`<p class="reconnecting">${t.connection.reconnecting}</p>` : nothing}
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      </div>
      <nav aria-label=${t.views.label}>
        <button type="button" class="view" aria-current=${this.view === 'chat' ? 'page' : 'false'} @click=${this.showChats}>
          ${t.views.chat}
        </button>
        ${views.map(
          (view) =>
            html`<button type="button" class="view" aria-current=${this.view === view.id ? 'page' : 'false'} @click=${() => (this.view = view.id)}>
              ${view.label(t)}
            </button>`,
        )}
      </nav>
      <main>
        ${hosted ? this.renderHosted(hosted, session) : this.renderChatView(session)}
        ${this.renderShortcuts()}
      </main>
    </div>`;
  }

  private renderHosted(view: HostedView, session: StaffSession): TemplateResult {
    // Created by name, once per sign-in, and kept while switching views so it keeps its state.
    let element = this.hosted.get(view.id);
    if (element?.token !== session.token) {
      element = document.createElement(view.tag) as HostedElement;
      element.client = this.client;
      element.token = session.token;
      element.member = session.librarian.member ?? '';
      this.hosted.set(view.id, element);
    }
    return html`<section class="hosted" aria-label=${view.label(this.localize.t)}>${element}</section>`;
  }

  private renderChatView(session: StaffSession): TemplateResult {
    const { t, f } = this.localize;
    const active = this.chats.find((chat) => chat.id === this.activeId);
    const colleagues = this.presence.filter(
      (librarian) => librarian.id !== session.librarian.id && librarian.status !== 'away' && librarian.load < librarian.capacity,
    );
    return html`<div class="desk">
      <section class="queue" part="queue" aria-labelledby="queue-title">
        <h2 id="queue-title" tabindex="-1">${t.queue.heading} <span class="count">${t.queue.count(this.queue.length, f)}</span></h2>
        <div role="alert">${this.queueProblem ? html`<p class="problem">${this.queueProblem}</p>` : nothing}</div>
        ${
          this.queue.length === 0
            ? html`<p class="empty">${t.queue.empty}</p>`
            : html`<ul>
              ${this.queue.map((item) => this.renderQueueItem(item, session))}
            </ul>`
        }
      </section>
      <section class="chats" part="chats" aria-labelledby="chats-title">
        <h2 id="chats-title">${t.chats.heading}</h2>
        ${
          this.chats.length === 0
            ? html`<p class="empty">${t.chats.empty}</p>`
            : html`<ul>
              ${this.chats.map((chat, index) => this.renderChatEntry(chat, index))}
            </ul>`
        }
      </section>
      <div class="conversation">
        ${
          active
            ? html`<atrium-console-chat
              .chat=${active}
              .revision=${this.revision}
              .librarian=${session.librarian}
              .canned=${this.canned}
              .colleagues=${colleagues}
              .directory=${this.directory}
              .recordTitle=${
                active.conversation.state.context?.recordId ? this.recordTitles.get(active.conversation.state.context.recordId) : undefined
              }
              @atrium-console-chat-close=${this.onChatClose}
            ></atrium-console-chat>`
            : html`<p class="empty">${t.chats.select}</p>`
        }
      </div>
    </div>`;
  }

  private renderQueueItem(item: QueueItem, session: StaffSession): TemplateResult {
    const { t, f } = this.localize;
    const home = item.queueMember ?? item.member;
    const mine = home === session.librarian.member;
    const waited = Math.max(0, Math.floor((this.now - Date.parse(item.waitingSince)) / 1000));
    const accepting = this.accepting.has(item.conversationId);
    const titleId = `waiting-${item.conversationId}`;
    return html`<li
      class="queue-item ${mine ? 'own' : 'overflow'}"
      part="queue-item"
      data-conversation=${item.conversationId}
    >
      <div class="item-head">
        <h3 id=${titleId}>${this.memberName(item.member)}</h3>
        <span class="badge ${mine ? 'own' : 'overflow'}">${mine ? t.queue.yourMember : t.queue.overflowFrom(this.memberName(home))}</span>
      </div>
      <p class="waited"><time datetime=${item.waitingSince}>${t.queue.waited(waited, f)}</time></p>
      ${item.preview ? html`<p class="preview">${item.preview}</p>` : nothing}
      ${
        item.transfer
          ? html`<p class="transfer">
            ${t.queue.transferredBy(item.transfer.from.name)}${
              item.transfer.note ? html` — <span class="note">${t.queue.note}: ${item.transfer.note}</span>` : nothing
            }
          </p>`
          : nothing
      }
      ${renderPatronContext(item.context, item.context?.recordId ? this.recordTitles.get(item.context.recordId) : undefined, t, f)}
      <button
        class="button"
        type="button"
        aria-describedby=${titleId}
        ?disabled=${accepting}
        @click=${() => this.accept(item)}
      >
        ${accepting ? t.queue.accepting : t.queue.accept}
      </button>
    </li>`;
  }

  private renderChatEntry(chat: OpenChat, index: number): TemplateResult {
    const { t, f } = this.localize;
    const unread = chat.id === this.activeId && !document.hidden ? 0 : chat.unread;
    const last = chat.messages.at(-1);
    return html`<li>
      <button
        type="button"
        class="chat-entry"
        data-conversation=${chat.id}
        aria-current=${chat.id === this.activeId ? 'true' : 'false'}
        @click=${() => this.select(chat.id)}
      >
        <span class="chat-name">${index < 9 ? html`<kbd aria-hidden="true">${index + 1}</kbd>` : nothing}
          ${t.chats.patronOf(this.memberName(chat.conversation.state.member))}</span
        >
        ${chat.ended ? html`<span class="badge ended">${t.chats.ended}</span>` : nothing}
        ${unread > 0 ? html`<span class="badge unread">${t.chats.unread(unread, f)}</span>` : nothing}
        ${last ? html`<span class="last">${last.text}</span>` : nothing}
      </button>
    </li>`;
  }

  private renderShortcuts(): TemplateResult {
    const { t } = this.localize;
    const rows: [string, string][] = [
      ['Alt+A', t.shortcuts.acceptOldest],
      ['Alt+1…9', t.shortcuts.chatN],
      ['Alt+↑ / Alt+↓', t.shortcuts.chatStep],
      ['Alt+Q', t.shortcuts.queue],
      ['Alt+C', t.shortcuts.composer],
      ['Alt+R', t.shortcuts.canned],
      ['Enter', t.shortcuts.send],
      ['Shift+Enter', t.shortcuts.newline],
    ];
    return html`<details class="shortcuts">
      <summary>${t.shortcuts.heading}</summary>
      <dl>
        ${rows.map(([keys, what]) => html`<div><dt><kbd>${keys}</kbd></dt><dd>${what}</dd></div>`)}
      </dl>
    </details>`;
  }
}

/** Takes a one-time link's token out of the address, so it is not left in the history or a bookmark. */
function takePasswordLink(): string {
  const match = /^#password-link=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return '';
  history.replaceState(history.state, '', location.pathname + location.search);
  return match[1]!;
}
