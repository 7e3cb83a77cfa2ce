// The event `<atrium-console-chat>` sends when its chat leaves the librarian's desk.

export interface ConsoleChatCloseDetail {
  conversationId: string;
  /** True when it was passed on to a colleague or another member's queue; false when closed after ending. */
  transferred: boolean;
}

export type AtriumConsoleChatCloseEvent = CustomEvent<ConsoleChatCloseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'atrium-console-chat-close': AtriumConsoleChatCloseEvent;
  }
}
