import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FEW_LEFT_MAX, availabilityOf, availabilitySql, crossesFewLeftSql } from "../../workers/catalog/availability";

describe("availability buckets", () => {
  it("shows sold out at zero and below", () => {
    expect(availabilityOf(0)).toBe("sold_out");
    expect(availabilityOf(-3)).toBe("sold_out");
    expect(availabilityOf(Number.NaN)).toBe("sold_out");
  });

  it("shows few left from one unit up to the threshold, in stock above it", () => {
    expect(availabilityOf(1)).toBe("few_left");
    expect(availabilityOf(FEW_LEFT_MAX)).toBe("few_left");
    expect(availabilityOf(FEW_LEFT_MAX + 1)).toBe("in_stock");
    expect(availabilityOf(10_000)).toBe("in_stock");
  });

  it("buckets the same in SQL, which the ledger uses to tell a movement shoppers see", async () => {
    const units = [-3, 0, 1, FEW_LEFT_MAX, FEW_LEFT_MAX + 1, 10_000];
    const rank = { sold_out: 0, few_left: 1, in_stock: 2 };
    const rows = await env.DB.batch(units.map((u) => env.DB.prepare(`SELECT ${availabilitySql("?1")} AS b`).bind(u)));
    expect(rows.map((r) => (r.results[0] as { b: number }).b)).toEqual(units.map((u) => rank[availabilityOf(u)]));
  });

  it("tells in SQL when a movement takes a stocked total across the few-left line", async () => {
    const cases = Array.from({ length: 2 * FEW_LEFT_MAX + 2 }, (_, i) => i + 1).flatMap((total) =>
      [-4, -1, 0, 1, 4].filter((moved) => total - moved > 0).map((moved) => ({ total, moved })),
    );
    const rows = await env.DB.batch(
      cases.map(({ total, moved }) => env.DB.prepare(`SELECT ${crossesFewLeftSql("?1", "?2")} AS c`).bind(total, moved)),
    );
    expect(rows.map((r) => (r.results[0] as { c: number }).c === 1)).toEqual(
      cases.map(({ total, moved }) => availabilityOf(total) !== availabilityOf(total - moved)),
    );
  });
});
