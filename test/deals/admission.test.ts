import { describe, expect, it } from "vitest";
import { admissionStep } from "../../workers/deals/admission";
import type { DealState } from "../../workers/deals/gate-types";
import type { TicketClaims } from "../../workers/deals/tickets";
import { isAdmitted } from "../../workers/deals/waiting-room";

const START = 1_800_000_000_000;
const base = {
  startsAt: START,
  lastTick: START,
  credit: 0,
  preCount: 0,
  preAdmitted: 0,
  pending: [],
  joinCursor: 0,
  active: 0,
  activeUsers: 1000,
  newUsersPerMinute: 60,
};

function stateWith(preCursor: number, joinCursor: number): DealState {
  return {
    dealId: "d",
    status: "live",
    startsAt: START,
    endsAt: START + 3_600_000,
    remaining: 10,
    preCount: 4,
    preCursor,
    joinCursor,
    arrivalsPerSecond: 1,
    admitsPerSecond: 1,
    sessionMinutes: 5,
    at: START,
  };
}

const ticket = (joinedAt: number, pre = false, rank = 0.5): TicketClaims => ({
  typ: "wr-ticket",
  deal: "d",
  shopper: "s",
  joinedAt,
  pre,
  rank,
});

describe("admission step", () => {
  it("admits nobody before the start", () => {
    expect(admissionStep({ ...base, now: START - 1, preCount: 10 }).admitted).toBe(0);
  });

  it("admits the whole pre-queue before anyone who joined after the start", () => {
    const pending = [{ sec: START / 1000 + 1, count: 5, admitted: 0 }];
    const step = admissionStep({ ...base, now: START + 3_000, preCount: 2, pending });
    // 60 a minute for 3 s: 3 admissions, 2 of them the pre-queue.
    expect(step).toMatchObject({ admitted: 3, preAdmitted: 2 });
    expect(step.touched).toEqual([{ sec: START / 1000 + 1, count: 5, admitted: 1 }]);
  });

  it("admits later joiners first come, first served by join second", () => {
    const s1 = START / 1000 + 1;
    const pending = [
      { sec: s1, count: 1, admitted: 0 },
      { sec: s1 + 1, count: 1, admitted: 0 },
      { sec: s1 + 2, count: 1, admitted: 0 },
    ];
    const step = admissionStep({ ...base, now: START + 1_000, pending });
    expect(step.admitted).toBe(1);
    const state = stateWith(1, step.joinCursor);
    expect(isAdmitted(ticket(s1 * 1000 + 400), state)).toBe(true);
    expect(isAdmitted(ticket((s1 + 1) * 1000 + 10), state)).toBe(false);
    expect(isAdmitted(ticket((s1 + 2) * 1000 + 10), state)).toBe(false);
  });

  it("never admits past active_users, and a quiet spell banks at most a few seconds", () => {
    expect(admissionStep({ ...base, now: START + 60_000, preCount: 100, active: 998, activeUsers: 1000 }).admitted).toBe(2);
    expect(admissionStep({ ...base, now: START + 600_000, preCount: 100, newUsersPerMinute: 600 }).admitted).toBe(50);
  });

  it("orders the pre-queue by rank", () => {
    const state = stateWith(0.3, 0);
    expect(isAdmitted(ticket(START - 5_000, true, 0.29), state)).toBe(true);
    expect(isAdmitted(ticket(START - 9_000, true, 0.31), state)).toBe(false);
  });
});
