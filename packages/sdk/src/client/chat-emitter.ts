// A small typed event emitter for chat sessions: `on` returns the function that unsubscribes.

export type Handler<T> = (payload: T) => void;

export class ChatEmitter<Events extends { [name: string]: unknown }> {
  readonly #handlers = new Map<keyof Events, Set<Handler<never>>>();

  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => void set.delete(handler as Handler<never>);
  }

  off<K extends keyof Events>(event: K, handler: Handler<Events[K]>): void {
    this.#handlers.get(event)?.delete(handler as Handler<never>);
  }

  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const handler of this.#handlers.get(event) ?? []) (handler as Handler<Events[K]>)(payload);
  }
}
