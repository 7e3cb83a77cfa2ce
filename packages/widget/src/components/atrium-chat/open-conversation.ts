// Which conversation this visitor has open with a member, kept beside the SDK's session token.
// The token outlives a conversation, and connecting with it starts a new conversation when the
// last one has ended, so the widget only reconnects on its own when it knows one is open.
import { safeStorage } from './safe-storage.js';

const key = (member: string) => `atrium:chat-open:${member}`;

export function openConversationOf(member: string): string | undefined {
  // Without the session token the relay could not find the conversation again.
  if (!safeStorage.getItem(`atrium:chat-session:${member}`)) return undefined;
  return safeStorage.getItem(key(member)) || undefined;
}

export function rememberOpenConversation(member: string, conversationId: string): void {
  safeStorage.setItem(key(member), conversationId);
}

export function forgetOpenConversation(member: string): void {
  safeStorage.removeItem(key(member));
}
