/** A search completed: what the patron searched for and how many records matched. */
export type AtriumSearchEvent = CustomEvent<{ query: string; total: number }>;
