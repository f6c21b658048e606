import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain module of the benchmark harness, without type declarations
import { parseGcLine, summarisePauses } from "../../bench/lib/gc-lines.mjs";

// Lines as workerd printed them under `--trace-gc` during bench:flash.
const SCAVENGE =
  "[22072:0x12233fcc0000]     5213 ms: Scavenge 20.7 (25.4) -> 16.9 (26.9) MB, pooled: 0.0 MB, 14.55 / 0.00 ms (average mu = 1.000, current mu = 1.000) allocation failure; ";
const MARK_COMPACT =
  "[22072:0x12233fcc0000]    15753 ms: Mark-Compact 35.5 (59.9) -> 14.0 (47.4) MB, pooled: 12.5 MB, 114.92 / 0.00 ms (average mu = 0.993, current mu = 0.993) allocation limit; GC in old space requested";

describe("the benchmarks' GC trace", () => {
  it("reads each collection's kind and pause, and nothing from other lines", () => {
    expect(parseGcLine(SCAVENGE)).toEqual({ kind: "Scavenge", ms: 14.55 });
    expect(parseGcLine(MARK_COMPACT)).toEqual({ kind: "Mark-Compact", ms: 114.92 });
    // An older V8's line has no pooled figure.
    expect(
      parseGcLine("[1:0xab]   37 ms: Scavenge 2.2 (3.2) -> 1.9 (4.0) MB, 2.09 / 0.00 ms  (average mu = 1.000) allocation failure;"),
    ).toEqual({
      kind: "Scavenge",
      ms: 2.09,
    });
    expect(parseGcLine('{"level":"log","message":"Scavenge 1 ms"}')).toBeNull();
    expect(parseGcLine("  loaded 2000/2000 products (1 s)")).toBeNull();
  });

  it("sums only the pauses inside a window, and tells full collections from young ones", () => {
    const pauses = [
      { at: 500, ...parseGcLine(SCAVENGE) },
      { at: 1_200, kind: "Scavenge", ms: 4 },
      { at: 1_500, ...parseGcLine(MARK_COMPACT) },
      { at: 1_900, kind: "Scavenge", ms: 21 },
      { at: 3_100, kind: "Scavenge", ms: 30 },
    ];
    expect(summarisePauses(pauses, 1_000, 2_000)).toEqual({
      pauses: 3,
      total_ms: 140,
      share_of_time: 0.14,
      longest_ms: 114.9,
      over_10_ms: 2,
      full_collections: 1,
    });
    expect(summarisePauses(pauses, 2_000, 3_000)).toEqual({
      pauses: 0,
      total_ms: 0,
      share_of_time: 0,
      longest_ms: 0,
      over_10_ms: 0,
      full_collections: 0,
    });
  });
});
