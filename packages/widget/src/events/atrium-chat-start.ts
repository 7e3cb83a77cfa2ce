/** The patron started a chat, or this page reopened the chat the visitor already had open. */
export type AtriumChatStartEvent = CustomEvent<{ conversationId: string }>;
