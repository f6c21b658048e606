/** Reading V8's `--trace-gc` lines and summing the pauses they report; no I/O, so tests call it directly. */

// "[pid:0x…]  1234 ms: Scavenge 20.7 (25.4) -> 16.9 (26.9) MB, pooled: 0.0 MB, 14.55 / 0.00 ms ..."
const GC_LINE =
  /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep)\b.*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/;

/** The collection a `--trace-gc` line reports (its kind and pause in ms), or null for any other line. */
export function parseGcLine(line) {
  const m = GC_LINE.exec(line);
  return m ? { kind: m[1], ms: Number(m[2]) } : null;
}

/**
 * The pauses (`{ at, kind, ms }`, `at` on the caller's clock) that ended between `from` and `to`:
 * how many, their total and share of the window, the longest, how many took over 10 ms and how
 * many were full collections rather than the young generation's.
 */
export function summarisePauses(pauses, from, to) {
  const inside = pauses.filter((p) => p.at >= from && p.at <= to);
  const total = inside.reduce((s, p) => s + p.ms, 0);
  return {
    pauses: inside.length,
    total_ms: Math.round(total),
    share_of_time: Number((total / Math.max(1, to - from)).toFixed(3)),
    longest_ms: Number(Math.max(0, ...inside.map((p) => p.ms)).toFixed(1)),
    over_10_ms: inside.filter((p) => p.ms > 10).length,
    full_collections: inside.filter((p) => p.kind === "Mark-Compact" || p.kind === "Mark-Sweep").length,
  };
}
