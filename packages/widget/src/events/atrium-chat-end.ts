/** The chat ended, whichever side ended it. */
export type AtriumChatEndEvent = CustomEvent<{ conversationId: string }>;
