import { BoundedMap } from "../platform/bounded-map";

/**
 * Which product pages read from D1 are written back to the KV projection. A page that was
 * projected before and has aged out is always rewritten: it is known to be wanted. A page never
 * projected is written on its second read from D1 in this isolate within the window, not its
 * first: most of a large catalog's long tail is read once in a while, the Cache API already
 * serves its repeats in this location, and a KV write costs ten reads and may land at most once
 * a second per key. Without this, a storm of misses (a cold start, a crawler walking the
 * catalog) would turn every read into a write.
 */

/** How long a first read is remembered while waiting for a second. */
export const SECOND_READ_WINDOW_MS = 10 * 60_000;
/** Bound on remembered first reads; the oldest goes first. */
export const FIRST_READS_MAX = 10_000;

/** Remembered first reads of never-projected pages: product id → when it was read. */
export class WriteBackPolicy {
  private readonly firstReads: BoundedMap<string, number>;

  constructor(
    private readonly windowMs = SECOND_READ_WINDOW_MS,
    max = FIRST_READS_MAX,
  ) {
    this.firstReads = new BoundedMap(max);
  }

  /** Whether a page just read from D1 goes to KV; `wasProjected` when KV held an aged-out copy. */
  shouldWrite(productId: string, wasProjected: boolean, now: number): boolean {
    if (wasProjected) {
      this.firstReads.delete(productId);
      return true;
    }
    const first = this.firstReads.get(productId);
    if (first !== undefined && now - first <= this.windowMs) {
      this.firstReads.delete(productId);
      return true;
    }
    // Set anew, so it counts as the newest.
    this.firstReads.set(productId, now);
    return false;
  }
}
