import { describe, expect, it } from "vitest";
import { boardEdgeSeconds, dayLabel, dealBoard } from "../../workers/pages/deal-board";
import type { Deal } from "../../workers/pages/types";

// 11:00 IST on Wednesday 2 December 2026.
const NOW = Date.parse("2026-12-02T05:30:00Z");

function deal(id: string, startsAt: string, extra: Partial<Deal> = {}): Deal {
  return { id, deal_price: 99900, starts_at: startsAt, ends_at: "2026-12-31T00:00:00Z", status: "live", ...extra };
}

describe("the deals page's sections", () => {
  it("puts live deals on now in the list's order, and the sold-out ones after every deal still to buy", () => {
    const board = dealBoard(
      [
        deal("gone", "2026-12-02T04:00:00Z", { status: "sold_out" }),
        deal("first", "2026-12-02T03:00:00Z"),
        deal("second", "2026-12-02T05:00:00Z"),
        deal("later", "2026-12-02T07:00:00Z", { status: "scheduled" }),
      ],
      NOW,
    );
    expect(board.onNow.map((d) => d.id)).toEqual(["first", "second"]);
    expect(board.soldOut.map((d) => d.id)).toEqual(["gone"]);
    expect(board.openingDays.flatMap((day) => day.deals.map((d) => d.id))).toEqual(["later"]);
  });

  it("groups upcoming deals by the day they open in India, soonest first: today, tomorrow, then the date", () => {
    const board = dealBoard(
      [
        deal("fri", "2026-12-04T06:30:00Z", { status: "scheduled" }),
        // 23:59 IST today, and 00:10 IST tomorrow though still the 2nd in UTC.
        deal("late-today", "2026-12-02T18:29:00Z", { status: "scheduled" }),
        deal("past-midnight", "2026-12-02T18:40:00Z", { status: "scheduled" }),
        deal("noon-today", "2026-12-02T06:30:00Z", { status: "scheduled" }),
      ],
      NOW,
    );
    expect(board.openingDays.map((day) => [day.date, day.label, day.deals.map((d) => d.id)])).toEqual([
      ["2026-12-02", "Today", ["noon-today", "late-today"]],
      ["2026-12-03", "Tomorrow", ["past-midnight"]],
      ["2026-12-04", "Fri 4 Dec", ["fri"]],
    ]);
  });

  it("calls a day by India's date, not UTC's, just after midnight in India", () => {
    // 00:30 IST on 3 December is still the 2nd in UTC.
    const justAfterMidnight = Date.parse("2026-12-02T19:00:00Z");
    expect(dayLabel("2026-12-03", justAfterMidnight)).toBe("Today");
    expect(dayLabel("2026-12-04", justAfterMidnight)).toBe("Tomorrow");
  });

  it("leaves out a deal that ended since the list was read", () => {
    const board = dealBoard([deal("over", "2026-12-01T00:00:00Z", { ends_at: "2026-12-02T05:00:00Z" })], NOW);
    expect(board).toEqual({ onNow: [], soldOut: [], openingDays: [] });
  });

  it("keeps the page no longer than until the next deal opens or ends", () => {
    const deals = [deal("live", "2026-12-02T05:00:00Z", { ends_at: "2026-12-02T05:30:40Z" }), deal("soon", "2026-12-02T05:30:07Z")];
    expect(boardEdgeSeconds(deals, 15, NOW)).toBe(7);
    expect(boardEdgeSeconds([deals[0] as Deal], 15, NOW)).toBe(15);
  });
});
