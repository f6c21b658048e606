import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { type JournalRow, toEntry } from "../../durable-objects/sku-gate-journal";
import { gateFor } from "../../workers/deals/gate-client";
import { applyGateJournal } from "../../workers/inventory/journal-consumer";
import { setAvailable } from "../../workers/inventory/ledger";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import type { EdgeJoinReport, GateConfig } from "../../workers/deals/gate-types";

/** A listing with stock and a deal manager, ready for deal creation. */
export interface DealSetup {
  fixture: Fixture;
  manager: TestUser;
}

/** Creates a listing with `stock` units in one warehouse and a deal manager. */
export async function dealSetup(stock = 50): Promise<DealSetup> {
  const fixture = await createListingFixture();
  await setAvailable(env.DB, {
    skuId: fixture.listingId,
    warehouseId: fixture.warehouseId,
    available: stock,
    ref: `stock-${fixture.listingId}`,
  });
  return { fixture, manager: await createTestUser(["deal_manager"]) };
}

/** A valid create-deal body for the fixture's listing. */
export function dealBody(s: DealSetup, overrides: Record<string, unknown> = {}) {
  return {
    listing_id: s.fixture.listingId,
    deal_price: 99900,
    units: 10,
    starts_at: new Date(Date.now() + 1_000).toISOString(),
    ends_at: new Date(Date.now() + 3_600_000).toISOString(),
    per_user_limit: 1,
    waiting_room: { active_users: 1000, new_users_per_minute: 6000, session_minutes: 10 },
    ...overrides,
  };
}

/** Creates a deal through the API and returns its id. */
export async function createDealViaApi(s: DealSetup, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api("/api/admin/deals", {
    body: dealBody(s, overrides),
    headers: { ...s.manager.headers, "idempotency-key": `key-${crypto.randomUUID()}` },
  });
  if (res.status !== 201) throw new Error(`deal creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

let gates = 0;

/**
 * A live deal of 10 units (limit 2) on the setup's listing, 2 of them sold to one shopper; its id
 * and gate. `overrides` change the deal's other settings (its end time, say).
 */
export async function liveDealTwoSold(
  s: DealSetup,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; gate: ReturnType<typeof gateFor> }> {
  const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString(), units: 10, per_user_limit: 2, ...overrides });
  await new Promise((r) => setTimeout(r, 250));
  const gate = gateFor(env, id);
  expect((await gate.reserve({ reservationId: "a", shopperId: "u1", qty: 2 })).ok).toBe(true);
  expect(await gate.commit("a")).toBe("done");
  return { id, gate };
}

/** A live gate configuration with a fresh deal id; tests override what they exercise. */
export function gateConfig(overrides: Partial<GateConfig> = {}): GateConfig {
  gates++;
  return {
    dealId: `deal_gate_${gates}_${crypto.randomUUID()}`,
    skuId: "lst_x",
    warehouseId: "wh_x",
    units: 10,
    perUserLimit: 2,
    startsAt: Date.now() - 1_000,
    endsAt: Date.now() + 3_600_000,
    holdSeconds: 600,
    activeUsers: 100,
    newUsersPerMinute: 600,
    sessionMinutes: 10,
    ...overrides,
  };
}

/**
 * The test environment with every deal's gate behind a switch: while `down`, the waiting room's
 * `sync` fails as an overloaded or restarting object's does. `syncs` counts the attempts.
 */
export function gateOutage() {
  const outage = { down: false, syncs: 0, env: env as Env };
  const gates = env.SKU_GATE;
  const switched = {
    idFromName: (name: string) => gates.idFromName(name),
    get: (id: DurableObjectId) => ({
      sync: (report: EdgeJoinReport) => {
        outage.syncs++;
        return outage.down ? Promise.reject(new Error("Durable Object is overloaded.")) : gates.get(id).sync(report);
      },
    }),
  };
  outage.env = { ...env, SKU_GATE: switched } as unknown as Env;
  return outage;
}

/** The bindings with a deal gate that cannot be set up, so a creation fails after its units left the ledger. */
export function gateDownEnv(): Env {
  return {
    ...env,
    SKU_GATE: {
      idFromName: (name: string) => env.SKU_GATE.idFromName(name),
      get: () => ({
        init: async () => {
          throw new Error("gate unavailable");
        },
      }),
    },
  } as unknown as Env;
}

/**
 * What the inventory-journal queue would deliver for the deal: its gate's whole journal, applied to
 * the D1 ledger (entries already applied change nothing), so the audit can be asked about it.
 */
export async function shipGateJournal(s: DealSetup, dealId: string): Promise<void> {
  const rows = await runInDurableObject(gateFor(env, dealId), (_gate, state) =>
    state.storage.sql.exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal").toArray(),
  );
  await applyGateJournal(env.DB, {
    source: "sku-gate",
    dealId,
    skuId: s.fixture.listingId,
    warehouseId: s.fixture.warehouseId,
    entries: rows.map(toEntry),
  });
}
