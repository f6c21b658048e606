import { describe, expect, it } from "vitest";
import { SETTLE_MS, admissionStep, fileReport } from "../../workers/deals/admission";
import type { DealState } from "../../workers/deals/gate-types";
import type { TicketClaims } from "../../workers/deals/tickets";
import { sessionEnd } from "../../workers/deals/session-end";
import { isAdmitted } from "../../workers/deals/waiting-room";

const START = 1_800_000_000_000;
// The first moment anyone is admitted: the start, once the reports for it have settled.
const OPEN = START + SETTLE_MS;
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
    ahead: { from: 0, step: 1, counts: [] },
    arrivalsPerSecond: 1,
    admitsPerSecond: 1,
    sessions: { startedAt: [], lapsesAt: [], preCursor: [], joinCursor: [] },
    pausedAt: null,
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
  it("admits nobody before the start, nor until the pre-queue's late reports have arrived", () => {
    expect(admissionStep({ ...base, now: START - 1, preCount: 10 }).admitted).toBe(0);
    expect(admissionStep({ ...base, now: OPEN - 1, preCount: 10, credit: 5 }).admitted).toBe(0);
    expect(admissionStep({ ...base, now: OPEN + 1_000, lastTick: OPEN, preCount: 10 }).admitted).toBe(1);
  });

  it("admits the whole pre-queue before anyone who joined after the start", () => {
    const pending = [{ sec: START / 1000 + 1, count: 5, admitted: 0 }];
    const step = admissionStep({ ...base, now: OPEN + 3_000, lastTick: OPEN, preCount: 2, pending });
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
    const step = admissionStep({ ...base, now: OPEN + 3_000, lastTick: OPEN + 2_000, pending });
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

  it("lets a join second in only once its count has settled, so joins reported late stay within the limits", () => {
    const s = START / 1000 + 10;
    const early = admissionStep({ ...base, now: (s + 1) * 1000 + 1_000, credit: 50, pending: [{ sec: s, count: 3, admitted: 0 }] });
    expect(early).toMatchObject({ admitted: 0, joinCursor: 0 });
    // Another isolate's 50 joins in the same second arrive; only 3 slots are free.
    const step = admissionStep({
      ...base,
      now: (s + 1) * 1000 + SETTLE_MS,
      credit: 50,
      activeUsers: 3,
      pending: [{ sec: s, count: 53, admitted: 0 }],
    });
    expect(step.admitted).toBe(3);
    const state = stateWith(1, step.joinCursor);
    expect(isAdmitted(ticket(s * 1000 + 10), state)).toBe(true);
    expect(isAdmitted(ticket(s * 1000 + 500), state)).toBe(false);
  });

  it("never admits on credit spent by joins booked late, and never shrinks the pre-queue once it is open", () => {
    expect(admissionStep({ ...base, now: OPEN + 60_000, credit: -40, preCount: 100 }).admitted).toBe(0);
    const s = START / 1000 + 10;
    // Before the pre-queue opens a pre-join grows it; after, it joins the line at the start second.
    expect(fileReport({ preJoins: 4, joins: [] }, { now: OPEN - 1, startsAt: START, joinCursor: 0 })).toEqual({
      preJoins: 4,
      joins: [],
      late: [],
    });
    expect(fileReport({ preJoins: 4, joins: [[s, 2]] }, { now: OPEN, startsAt: START, joinCursor: s * 1000 + 999 })).toEqual({
      preJoins: 0,
      joins: [],
      late: [
        [s, 2],
        [START / 1000, 4],
      ],
    });
    // A second the cursor is still inside may still grow.
    expect(fileReport({ preJoins: 0, joins: [[s, 2]] }, { now: OPEN, startsAt: START, joinCursor: s * 1000 + 500 }).joins).toEqual([
      [s, 2],
    ]);
  });

  it("orders the pre-queue by rank", () => {
    const state = stateWith(0.3, 0);
    expect(isAdmitted(ticket(START - 5_000, true, 0.29), state)).toBe(true);
    expect(isAdmitted(ticket(START - 9_000, true, 0.31), state)).toBe(false);
  });

  it("ends a ticket's session with the first admission group that reached it", () => {
    const state = {
      ...stateWith(0.6, START + 5_999),
      sessions: {
        startedAt: [START - 5_000, START, START + 5_000],
        lapsesAt: [START + 60_000, START + 65_000, START + 70_000],
        preCursor: [0.3, 0.6, 1],
        joinCursor: [0, 0, START + 5_999],
      },
    };
    expect(sessionEnd(ticket(START - 9_000, true, 0.1), state)).toBe(START + 60_000);
    expect(sessionEnd(ticket(START - 9_000, true, 0.45), state)).toBe(START + 65_000);
    expect(sessionEnd(ticket(START + 5_500), state)).toBe(START + 70_000);
    expect(sessionEnd(ticket(START + 6_500), state)).toBeNull();
  });
});
