// An API namespace whose code, schemas included, loads on its first call. A page that only
// searches (the widget until a patron books or asks) then never downloads or runs booking,
// question or staff code. Every deferred method already returns a promise, so callers see no
// difference.

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/** Every method of an API, by name: a missing name, or a method that does not return a promise, fails to compile. */
export type MethodNames<T> = {
  readonly [K in keyof T]-?: T[K] extends AsyncMethod ? true : T[K] extends object ? MethodNames<T[K]> : never;
};

export function deferredApi<T extends object>(load: () => Promise<T>, methods: MethodNames<T>): T {
  let loading: Promise<T> | undefined;
  // A chunk that failed to arrive (a dropped mobile connection) is fetched again on the next call.
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const namespace = (names: object, owner: (api: T) => Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(names).map(([name, entry]) => [
        name,
        entry === true
          ? async (...args: unknown[]) => {
              const target = owner(await loaded());
              return (target[name] as (...args: unknown[]) => Promise<unknown>).apply(target, args);
            }
          : namespace(entry as object, (api) => owner(api)[name] as Record<string, unknown>),
      ]),
    );
  return namespace(methods, (api) => api as Record<string, unknown>) as T;
}
