/** The patron opened a record's details. */
export type AtriumRecordOpenEvent = CustomEvent<{ id: string }>;
