// Results that are the same for every reader until the data changes, kept per data version (services.dataVersion):
// a listing, who submitted the papers on it. Bounded; the oldest entry goes first.
export function versionedCache(version: () => string, size = 500) {
  const remember = versionedMemo(version, size);
  return <T>(key: string, load: () => Promise<T>): Promise<T> => remember(key, () => {
    const value = load();
    value.catch(() => remember.forget(key));
    return value;
  });
}

/** The same for synchronous reads (what a card shows of a paper's code). Callers share the value: never change it. */
export function versionedMemo(version: () => string, size = 500) {
  const entries = new Map<string, { version: string; value: unknown }>();
  const remember = <T>(key: string, load: () => T): T => {
    const now = version();
    const hit = entries.get(key);
    if (hit && hit.version === now) return hit.value as T;
    const value = load();
    if (entries.size >= size) entries.delete(entries.keys().next().value as string);
    entries.set(key, { version: now, value });
    return value;
  };
  return Object.assign(remember, { forget: (key: string) => void entries.delete(key) });
}
