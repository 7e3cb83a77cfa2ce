/** The patron chose a record a librarian linked in an answer: its id. `<atrium-widget>` shows it in its Search tab. */
export type AtriumRecordRequestEvent = CustomEvent<{ id: string }>;
