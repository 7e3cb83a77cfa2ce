/** The widget's panel opened. */
export type AtriumOpenEvent = CustomEvent<Record<string, never>>;
