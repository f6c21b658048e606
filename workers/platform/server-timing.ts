/**
 * `Server-Timing` (W3C Server Timing): where a slow answer spent its time, readable in the
 * browser's network panel and by the benchmarks. Durations are on the Worker's clock, which
 * moves only when I/O completes, so a step's duration is its wait for the binding plus any wait
 * for the thread to run its continuation.
 */

/** One metric: its name, how long it took in ms, and optionally what it found. */
export interface ServerTiming {
  name: string;
  ms: number;
  desc?: string;
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function msSince(start: number): number {
  return performance.now() - start;
}

/** The header's value, e.g. `cache;desc=miss;dur=0.4, kv;dur=1.1, d1;dur=2.3`. */
export function serverTimingHeader(timings: readonly ServerTiming[]): string {
  return timings.map((t) => `${t.name}${t.desc ? `;desc=${t.desc}` : ""};dur=${Math.round(t.ms * 10) / 10}`).join(", ");
}
