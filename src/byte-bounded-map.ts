// A map bounded by the total size of its values, not their number: a thousand 40 KB pages and a thousand 4 MB
// pages are not the same memory. The oldest entry (by insertion) goes first; a value larger than the whole bound
// is not kept at all.
/** How much a cache holds: entries, and their size in bytes (strings counted at two bytes a character). */
export interface CacheSize {
  readonly size: number;
  readonly bytes: number;
}

export interface ByteBoundedMap<V> extends CacheSize {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

export function byteBoundedMap<V>(maxBytes: number, sizeOf: (value: V) => number): ByteBoundedMap<V> {
  const entries = new Map<string, { value: V; bytes: number }>();
  let total = 0;
  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    total -= old.bytes;
    entries.delete(key);
  };
  return {
    get: (key) => entries.get(key)?.value,
    set(key, value) {
      remove(key);
      const bytes = sizeOf(value) + key.length * 2;
      if (bytes > maxBytes) return;
      while (total + bytes > maxBytes) remove(entries.keys().next().value as string);
      entries.set(key, { value, bytes });
      total += bytes;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return total;
    },
  };
}
