/** The patron booked a slot: the booking's id and the resource booked. */
export type AtriumBookingCreatedEvent = CustomEvent<{ id: string; resourceId: string }>;
