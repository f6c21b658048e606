/**
 * A per-isolate memo bounded to `max` entries: a set makes its key the newest, and once the bound
 * is reached the oldest entry goes first (a Map keeps insertion order).
 *
 * The oldest is found with one iterator kept for the map's life. A fresh `keys().next()` would
 * walk every slot the evictions before it left empty at the front of the map's table, which
 * costs microseconds per set at tens of thousands of entries, on the herd's every join. The kept
 * iterator has passed those slots once: everything before it was evicted or deleted, and
 * whatever is set later is appended after it.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  #oldest: MapIterator<K> = this.keys();

  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    if (this.size >= this.max) {
      let oldest = this.#oldest.next();
      // An iterator that once reached the end stays there: start another from the current front.
      if (oldest.done) {
        this.#oldest = this.keys();
        oldest = this.#oldest.next();
      }
      if (!oldest.done) super.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
