import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countJoin, dealState } from "../../workers/deals/edge-state";
import type { DealState, EdgeJoinReport } from "../../workers/deals/gate-types";

/** A stand-in for the deal's gate whose syncs answer only when the test says so. */
function heldGate(dealId: string) {
  const reports: EdgeJoinReport[] = [];
  const answers: Array<() => void> = [];
  const state = (): DealState => ({
    dealId,
    status: "live",
    startsAt: 0,
    endsAt: Date.now() + 3_600_000,
    remaining: 10,
    preCount: 0,
    preCursor: 1,
    joinCursor: Date.now(),
    ahead: { from: 0, step: 1, counts: [] },
    arrivalsPerSecond: 0,
    admitsPerSecond: 10,
    sessions: { startedAt: [], lapsesAt: [], preCursor: [], joinCursor: [] },
    pausedAt: null,
    at: Date.now(),
  });
  const stub = {
    sync: (report: EdgeJoinReport) => {
      reports.push(report);
      return new Promise<DealState>((resolve) => answers.push(() => resolve(state())));
    },
  };
  const on = { ...env, SKU_GATE: { idFromName: (name: string) => name, get: () => stub } } as unknown as Env;
  return { on, reports, answer: (i: number) => answers[i]?.() };
}

/** Collects background work, as the runtime would keep it alive after the answer. */
function background() {
  const pending: Promise<unknown>[] = [];
  return { ctx: { waitUntil: (p: Promise<unknown>) => void pending.push(p) }, settled: () => Promise.all(pending) };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await scheduler.wait(10);
  expect(check()).toBe(true);
}

describe("waiting-room joins counted at the edge", () => {
  it("reaches the gate even when they were counted while a refresh was already on its way", async () => {
    const dealId = `deal_${crypto.randomUUID()}`;
    const gate = heldGate(dealId);
    const bg = background();
    // A poll's refresh is with the gate when a shopper joins; no further request arrives.
    const first = dealState(gate.on, bg.ctx, dealId);
    await until(() => gate.reports.length === 1);
    countJoin(gate.on, bg.ctx, dealId, { pre: false, rank: 0, at: Date.now() });
    await scheduler.wait(50);
    gate.answer(0);
    await first;
    await until(() => gate.reports.length === 2);
    gate.answer(1);
    await bg.settled();

    expect(gate.reports[0]).toEqual({ preJoins: 0, preRanks: [], joins: [] });
    const reported = gate.reports[1]?.joins.reduce((n, [, joins]) => n + joins, 0);
    expect(reported).toBe(1);
  });
});
