// The bar at the top of an open chat: who is answering, or the place in line and the expected
// wait, and the "no librarian can be reached" notice with its offer to leave a question instead.
import type { Conversation, PatronChat, PatronQueuePosition } from '@atrium/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { affiliation, type ChatHost } from './chat-host.js';

export class ChatQueueStatus {
  /**
   * After a transfer the SDK still holds the place in the previous member's line until the new
   * queue reports one; that old place is not shown.
   */
  private transferred = false;
  /** The place as last read out, so a change is announced once. */
  private announced: PatronQueuePosition | undefined;

  /** `offer`: the patron chose to leave a question instead of waiting. */
  constructor(
    private readonly host: ChatHost,
    private readonly offer: () => void,
  ) {}

  attach(chat: PatronChat): (() => void)[] {
    this.transferred = false;
    // After a reload the place in line and "no librarian can be reached" come back at once.
    this.announced = chat.queuePosition;
    return [
      chat.on('queue', (queue) => this.onQueue(queue)),
      chat.on('transferred', () => {
        this.transferred = true;
        this.announced = undefined;
      }),
      chat.on('assigned', () => (this.announced = undefined)),
    ];
  }

  /** The place in line as the SDK keeps it, while the patron waits. */
  position(chat: PatronChat): PatronQueuePosition | undefined {
    return this.transferred ? undefined : chat.queuePosition;
  }

  private onQueue(queue: PatronQueuePosition): void {
    const { t, f } = this.host.localize;
    const before = this.announced;
    this.transferred = false;
    this.announced = queue;
    // While nobody can be reached the place in line is not shown (being next means nothing
    // then), so it is read out when it changes while shown, or when it shows again.
    const shownBefore = before !== undefined && before.librariansAvailable !== 0;
    if (queue.librariansAvailable !== 0 && (!shownBefore || before.position !== queue.position)) {
      this.host.announce(t.chat.queuePosition(queue.position, f));
    }
    if (queue.librariansAvailable === 0 && before?.librariansAvailable !== 0) this.host.announce(t.chat.nobodyAvailable);
  }

  /** `actions`: End chat, which sits with the status so the composer alone needs room at the bottom. */
  render(chat: PatronChat, actions: TemplateResult): TemplateResult {
    const conversation = chat.state;
    return conversation.status === 'active' && conversation.librarian
      ? this.renderAnswering(conversation, conversation.librarian.name, actions)
      : renderWaiting(this.host, conversation, this.position(chat), actions, this.offer);
  }

  private renderAnswering(conversation: Conversation, name: string, actions: TemplateResult): TemplateResult {
    const from = affiliation(this.host, conversation.librarian?.member);
    return html`<div class="queue-status active" part="queue-status">
      <div class="status-text">
        <p class="status-line">${this.host.localize.t.chat.answering(name)}</p>
        ${from ? html`<p class="affiliation">${from}</p>` : nothing}
      </div>
      ${actions}
    </div>`;
  }
}

/**
 * While waiting: which line the patron is in, and their place in it, or, when nobody can answer,
 * that notice and the offer to leave a question instead: never both, since "you are next" would
 * promise an answer no one is there to give.
 */
export function renderWaiting(
  host: Pick<ChatHost, 'localize' | 'memberName'>,
  conversation: Conversation,
  queue: PatronQueuePosition | undefined,
  actions: TemplateResult | typeof nothing,
  offer: () => void,
): TemplateResult {
  const { t, f } = host.localize;
  const queueMember = conversation.queueMember;
  return html`<div class="queue-status" part="queue-status">
    <div class="status-text">
      <p class="status-line">
        ${queueMember && queueMember !== conversation.member ? t.chat.transferred(host.memberName(queueMember)) : t.chat.waiting}
      </p>
      ${
        queue && queue.librariansAvailable !== 0
          ? html`<p class="place">
            ${t.chat.queuePosition(queue.position, f)}
            ${queue.estimatedWaitSeconds !== undefined ? t.chat.estimatedWait(queue.estimatedWaitSeconds, f) : nothing}
          </p>`
          : nothing
      }
    </div>
    ${actions}
    ${
      queue?.librariansAvailable === 0
        ? html`<div class="nobody">
          <p><strong>${t.chat.nobodyAvailable}</strong> <span class="nobody-hint">${t.chat.nobodyAvailableHint}</span></p>
          <button class="button secondary ask-offer" type="button" @click=${offer}>${t.chat.leaveQuestion}</button>
        </div>`
        : nothing
    }
  </div>`;
}
