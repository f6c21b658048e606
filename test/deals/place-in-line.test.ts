import { describe, expect, it } from "vitest";
import type { DealState } from "../../workers/deals/gate-types";
import { positionOf } from "../../workers/deals/place-in-line";
import type { TicketClaims } from "../../workers/deals/tickets";

const START = 1_800_000_000_000;

const joinedAt = (at: number): TicketClaims => ({ typ: "wr-ticket", deal: "d", shopper: "s", joinedAt: at, pre: false, rank: 0 });

// The pre-queue is through and the start second admitted; 40 joins wait in the second after it, 50 in the next.
function line(overrides: Partial<DealState> = {}): DealState {
  return {
    dealId: "d",
    status: "live",
    startsAt: START,
    endsAt: START + 3_600_000,
    remaining: 10,
    preCount: 0,
    preCursor: 1,
    joinCursor: START + 999,
    ahead: { from: START + 999, step: 1, counts: [0, 40, 90] },
    arrivalsPerSecond: 45,
    admitsPerSecond: 1,
    sessions: { startedAt: [], lapsesAt: [], preCursor: [], joinCursor: [] },
    pausedAt: null,
    at: START + 3_000,
    ...overrides,
  };
}

describe("place in line", () => {
  it("counts the pre-queue still waiting and the joins actually ahead, whatever the cursor's starting value", () => {
    const state = line({
      preCount: 1000,
      preCursor: 0.5,
      joinCursor: 0,
      ahead: { from: START, step: 1, counts: [30, 70, 120] },
    });
    // Joined 1.5 s after the start: 500 of the pre-queue, the start second's 30 and half the next second's 40.
    expect(positionOf(joinedAt(START + 1_500), state)).toBe(550);
  });

  it("counts a short pre-queue exactly: ranks close together get places one apart, not the same estimate", () => {
    const pre = (key: number): TicketClaims => ({ typ: "wr-ticket", deal: "d", shopper: "s", joinedAt: 0, pre: true, rank: key / 2 ** 32 });
    const keys = [0.31, 0.33, 0.35, 0.9].map((f) => Math.floor(f * 2 ** 32));
    // Eight in the pre-queue, four admitted: by share, 0.31 and 0.33 would both be told place 3.
    const estimated = line({ preCount: 8, preCursor: 0.3 });
    expect(positionOf(pre(keys[0]!), estimated)).toBe(positionOf(pre(keys[1]!), estimated));
    const exact = line({ preCount: 8, preCursor: 0.3, preWaiting: keys });
    expect(keys.map((k) => positionOf(pre(k), exact))).toEqual([1, 2, 3, 4]);
    // A rank the gate has not heard of yet goes after those below it.
    expect(positionOf(pre(Math.floor(0.34 * 2 ** 32)), exact)).toBe(3);
    // A join after the opening waits behind every one of them.
    expect(positionOf(joinedAt(START + 999), { ...exact, ahead: { from: START + 999, step: 1, counts: [0] } })).toBe(4);
  });

  it("keeps a place when joins stop or surge behind it", () => {
    const ticket = joinedAt(START + 2_500);
    expect(positionOf(ticket, line())).toBe(65);
    expect(positionOf(ticket, line({ arrivalsPerSecond: 0 }))).toBe(65);
    expect(positionOf(ticket, line({ arrivalsPerSecond: 5_000, ahead: { from: START + 999, step: 1, counts: [0, 40, 90, 5_090] } }))).toBe(
      65,
    );
  });
});
