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

  it("keeps a place when joins stop or surge behind it", () => {
    const ticket = joinedAt(START + 2_500);
    expect(positionOf(ticket, line())).toBe(65);
    expect(positionOf(ticket, line({ arrivalsPerSecond: 0 }))).toBe(65);
    expect(positionOf(ticket, line({ arrivalsPerSecond: 5_000, ahead: { from: START + 999, step: 1, counts: [0, 40, 90, 5_090] } }))).toBe(
      65,
    );
  });
});
