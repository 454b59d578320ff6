// Results that are the same for every reader until the data changes, kept per data version (services.dataVersion):
// a listing, who submitted the papers on it. Bounded; the oldest entry goes first.
export function versionedCache(version: () => string, size = 500) {
  const entries = new Map<string, { version: string; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const now = version();
    const hit = entries.get(key);
    if (hit && hit.version === now) return hit.value as Promise<T>;
    const value = load();
    if (entries.size >= size) entries.delete(entries.keys().next().value as string);
    entries.set(key, { version: now, value });
    value.catch(() => entries.delete(key));
    return value;
  };
}
