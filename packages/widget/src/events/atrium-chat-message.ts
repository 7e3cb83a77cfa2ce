/** A message was stored in the open chat (sent by the patron or by a librarian), once per message. */
export type AtriumChatMessageEvent = CustomEvent<{ seq: number; role: 'patron' | 'librarian' }>;
