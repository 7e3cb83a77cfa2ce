/** No librarian can be reached: the patron chose to leave a question; `text` is everything they typed. */
export type AtriumAskOfferEvent = CustomEvent<{ text: string }>;
