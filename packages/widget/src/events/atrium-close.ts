/** The widget's panel closed. */
export type AtriumCloseEvent = CustomEvent<Record<string, never>>;
