/**
 * Sets `key` in a per-isolate memo bounded to `max` entries: the key becomes the newest, and once
 * the bound is reached the oldest entry goes first (a Map keeps insertion order).
 */
export function setBounded<K, V>(map: Map<K, V>, max: number, key: K, value: V): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}
