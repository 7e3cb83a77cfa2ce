// What the chat's parts (transcript, composer, queue status, end of chat) need from <atrium-chat>:
// the open conversation, its texts, and the few things the whole chat does together.
import type { ChatMessage, PatronChat } from '@atrium/sdk';
import type { LitElement } from 'lit';
import type { LocalizeController } from '../../controllers/localize-controller.js';

export interface ChatHost {
  /** <atrium-chat> itself: the parts render into its shadow root and update with it. */
  readonly element: LitElement;
  readonly localize: LocalizeController;
  /** The conversation on screen; the SDK keeps its messages, outbox, read marks and place in line. */
  chat(): PatronChat | undefined;
  homeMember(): string;
  /** Reads a short text out once, politely. */
  announce(text: string): void;
  /** Says why something did not work; a timeout also starts checking the connection. */
  problemText(error: unknown): string;
  /** Shows the chat problem under the chat (empty clears it). */
  showProblem(text: string): void;
  /** The connection seems gone: say so and keep checking. */
  lose(): void;
  memberName(id: string): string;
  /** Back to the first question, with an optional notice. */
  reset(notice?: string): void;
}

/** Whether focus is somewhere in the chat. */
export function focusInside(host: ChatHost): boolean {
  return host.element.shadowRoot?.activeElement != null;
}

/** A time of day in the reader's locale. */
export function chatTime(host: ChatHost, at: Date | string, seconds = false): string {
  return new Intl.DateTimeFormat(host.localize.lang || 'en', {
    hour: 'numeric',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(typeof at === 'string' ? Date.parse(at) : at);
}

export function senderName(host: ChatHost, message: ChatMessage): string {
  const { t } = host.localize;
  return message.from.role === 'patron' ? t.chat.you : (message.from.name ?? t.chat.librarian);
}

/** "Librarian at X, answering for Y" when a librarian of another member answers. */
export function affiliation(host: ChatHost, member: string | undefined): string | undefined {
  const home = host.chat()?.state.member;
  if (!member || !home || member === home) return undefined;
  return host.localize.t.chat.answeringFor(host.memberName(member), host.memberName(home));
}

/** Focuses the first match in the chat once the pending render is done. */
export function focusAfterUpdate(host: ChatHost, selector: string): void {
  void host.element.updateComplete.then(() => host.element.renderRoot.querySelector<HTMLElement>(selector)?.focus());
}
