/** The patron placed a hold on a record: the hold's id and the record's. */
export type AtriumHoldCreatedEvent = CustomEvent<{ id: string; recordId: string }>;
