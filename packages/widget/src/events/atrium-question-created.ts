/** The patron left a question for the librarians: its id (the private token stays in the widget). */
export type AtriumQuestionCreatedEvent = CustomEvent<{ id: string }>;
