import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADDRESS_ID,
  ADDRESS_LOOKBACK,
  type AddressOwner,
  distinctAddresses,
  RECENT_ORDER_ADDRESSES_SQL,
  type SavedAddress,
} from "../../workers/orders/saved-addresses";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { hmacHex } from "../../workers/platform/hmac";
import { sha256Hex } from "../../workers/platform/ids";
import { seedOrder, timesFrom, unkeyedAddressId } from "./seed";

const HOME = { name: "Asha Rao", phone: "9876543210", line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", pincode: "560001" };
const OFFICE = {
  name: "Asha Rao",
  phone: "9876543210",
  line1: "Prestige Tech Park, Tower B",
  line2: "Outer Ring Road",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560103",
};

/** A shopper and a server secret to key ids with, for the unit tests. */
const OWNER: AddressOwner = { userId: "usr_owner", secret: "unit-test-secret-0123456789abcdef0123" };

/** Any address id: the API's own format, checked against the schema's pattern. */
const anId = expect.stringMatching(ADDRESS_ID);

/** A street address unique to `i`, so each makes its own entry. */
const street = (i: number) => ({ ...HOME, line1: `${i} Residency Road` });

async function addressesOf(user: TestUser): Promise<SavedAddress[]> {
  const res = await api("/api/me/addresses", { headers: user.headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  return ((await res.json()) as { items: SavedAddress[] }).items;
}

async function seedAt(user: TestUser, address: Record<string, string>, at: string) {
  await seedOrder({ userId: user.id, status: "confirmed", at, address });
}

describe("GET /api/me/addresses", () => {
  it("answers a guest with a 401 problem", async () => {
    const res = await api("/api/me/addresses");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { type: string }).type).toBe("/problems/unauthenticated");
  });

  it("is empty for a shopper who has never ordered", async () => {
    expect(await addressesOf(await createTestUser())).toEqual([]);
  });

  it("makes one entry of two orders to the same address spelled differently, most recently used first", async () => {
    const user = await createTestUser();
    const [t0, t1, t2] = timesFrom("2025-03-01T10:00:00.000Z", 3);
    await seedAt(user, HOME, t0 as string);
    await seedAt(user, OFFICE, t1 as string);
    const respelled = { ...HOME, name: " asha  RAO ", line1: "12 mg road ", city: "BENGALURU", line2: "  " };
    await seedAt(user, respelled, t2 as string);

    const items = await addressesOf(user);
    expect(items).toEqual([
      // The latest use's spelling, trimmed as checkout trims it.
      { id: anId, ...HOME, name: "asha  RAO", line1: "12 mg road", city: "BENGALURU", line2: "", last_used_at: t2 },
      { id: anId, ...OFFICE, last_used_at: t1 },
    ]);
  });

  it("gives each address an id that stays the same across calls and new orders, and differs between addresses", async () => {
    const user = await createTestUser();
    const [t0, t1, t2, t3] = timesFrom("2025-03-05T10:00:00.000Z", 4);
    await seedAt(user, HOME, t0 as string);
    await seedAt(user, OFFICE, t1 as string);
    const first = await addressesOf(user);
    const [officeId, homeId] = first.map((a) => a.id);
    expect(first.map((a) => a.line1)).toEqual([OFFICE.line1, HOME.line1]);
    expect(officeId).toMatch(ADDRESS_ID);
    expect(homeId).toMatch(ADDRESS_ID);
    expect(homeId).not.toBe(officeId);
    expect(await addressesOf(user)).toEqual(first);

    // A new address moves the others down the list; their ids stay, and the same address spelled
    // differently (still one entry) keeps its id too.
    await seedAt(user, street(1), t2 as string);
    await seedAt(user, { ...OFFICE, line1: " prestige tech park,  TOWER B", phone: "+919876543210" }, t3 as string);
    const later = await addressesOf(user);
    expect(later.map((a) => a.line1)).toEqual(["prestige tech park,  TOWER B", street(1).line1, HOME.line1]);
    expect(later.map((a) => a.id)).toEqual([officeId, anId, homeId]);
    expect(new Set(later.map((a) => a.id)).size).toBe(3);
  });

  it("never shows another shopper's addresses", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const [t0, t1] = timesFrom("2025-03-02T10:00:00.000Z", 2);
    await seedAt(user, HOME, t0 as string);
    await seedAt(other, OFFICE, t1 as string);

    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([HOME.line1]);
    expect((await addressesOf(other)).map((a) => a.line1)).toEqual([OFFICE.line1]);
  });

  it("gives the same address a different id in another account, so an id says nothing across accounts", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const [t0, t1] = timesFrom("2025-03-06T10:00:00.000Z", 2);
    await seedAt(user, HOME, t0 as string);
    await seedAt(other, HOME, t1 as string);

    const [mine] = await addressesOf(user);
    const [theirs] = await addressesOf(other);
    expect(mine?.line1).toBe(theirs?.line1);
    expect(mine?.id).toMatch(ADDRESS_ID);
    expect(theirs?.id).toMatch(ADDRESS_ID);
    expect(mine?.id).not.toBe(theirs?.id);
    // Each stays its account's own on another read.
    expect((await addressesOf(user))[0]?.id).toBe(mine?.id);
  });

  it("keys ids with a server secret, so no one can compute an address's id from a guess of it", async () => {
    const user = await createTestUser();
    await seedAt(user, HOME, "2025-03-07T10:00:00.000Z");
    const [home] = await addressesOf(user);
    expect(home?.id).toMatch(ADDRESS_ID);
    // Neither the old plain digest of the address, nor a plain digest of it with the shopper.
    const unkeyed = await unkeyedAddressId(HOME);
    expect(unkeyed).toMatch(ADDRESS_ID);
    expect(home?.id).not.toBe(unkeyed);
    const key = JSON.stringify(["asha rao", "9876543210", "12 mg road", "", "bengaluru", "karnataka", "560001"]);
    expect(home?.id).not.toBe((await sha256Hex(`${user.id}\n${key}`)).slice(0, 16));
    // Nor a MAC under the very key that signs cookies: the ids' key is derived apart from it.
    expect(home?.id).not.toBe((await hmacHex(env.SESSION_SECRET, `${user.id}\n${key}`)).slice(0, 16));
  });

  it("offers at most five, the most recently used", async () => {
    const user = await createTestUser();
    const times = timesFrom("2025-03-03T10:00:00.000Z", 7);
    for (const [i, at] of times.entries()) await seedAt(user, street(i), at);

    const items = await addressesOf(user);
    expect(items.map((a) => a.line1)).toEqual([6, 5, 4, 3, 2].map((i) => street(i).line1));
    expect(items.map((a) => a.last_used_at)).toEqual(times.slice(2).reverse());
  });

  it("looks only at the latest orders, so one long-time shopper's read stays bounded", async () => {
    const user = await createTestUser();
    const times = timesFrom("2025-03-04T10:00:00.000Z", ADDRESS_LOOKBACK + 1);
    await seedAt(user, OFFICE, times[0] as string);
    for (const at of times.slice(1)) await seedAt(user, HOME, at);

    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([HOME.line1]);
  });

  it("reads the shopper's latest orders through their index, without sorting", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${RECENT_ORDER_ADDRESSES_SQL}`)
      .bind("usr_plan", ADDRESS_LOOKBACK)
      .all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    expect(steps.some((d) => /^SEARCH orders USING INDEX orders_user_idx \(user_id=\?\)$/.test(d))).toBe(true);
    expect(steps.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
  });

  it("is declared for signed-in shoppers in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access": unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { required?: string[]; allOf?: unknown }> };
    };
    const op = doc.paths["/api/me/addresses"]?.get;
    expect(op?.["x-access"]).toBe("signed_in");
    expect(Object.keys(op?.responses ?? {})).toEqual(["200", "400", "401", "429"]);
    // Checkout's few by default; every removable one (the account page's list) with `scope=all`.
    const params = (op as { parameters?: { name: string; in: string; schema?: { enum?: string[]; default?: string } }[] })?.parameters;
    expect(params?.map((p) => [p.name, p.in, p.schema?.enum, p.schema?.default])).toEqual([
      ["scope", "query", ["recent", "all"], "recent"],
    ]);
    // One flat object: checkout's strict Address combined through allOf would forbid `last_used_at`.
    const saved = doc.components.schemas.SavedAddress;
    expect(saved?.allOf).toBeUndefined();
    expect(saved?.required?.sort()).toEqual(["city", "id", "last_used_at", "line1", "line2", "name", "phone", "pincode", "state"]);
    const id = (saved as { properties?: Record<string, { type?: string; pattern?: string }> }).properties?.id;
    expect(id).toMatchObject({ type: "string", pattern: ADDRESS_ID.source });
  });
});

describe("distinctAddresses", () => {
  it("orders by use whatever order the rows come in, and keeps the latest use of each address", async () => {
    const found = await distinctAddresses(
      [
        { address: HOME, usedAt: "2025-01-01T00:00:00.000Z" },
        { address: OFFICE, usedAt: "2025-01-03T00:00:00.000Z" },
        { address: JSON.stringify({ ...HOME, state: "karnataka " }), usedAt: "2025-01-02T00:00:00.000Z" },
      ],
      OWNER,
    );
    expect(found.map((a) => [a.line1, a.last_used_at])).toEqual([
      [OFFICE.line1, "2025-01-03T00:00:00.000Z"],
      [HOME.line1, "2025-01-02T00:00:00.000Z"],
    ]);
  });

  it("treats a phone with and without +91 as the same number", async () => {
    const found = await distinctAddresses(
      [
        { address: { ...HOME, phone: "+919876543210" }, usedAt: "2025-01-02T00:00:00.000Z" },
        { address: HOME, usedAt: "2025-01-01T00:00:00.000Z" },
      ],
      OWNER,
    );
    expect(found).toHaveLength(1);
    // The id is that of the address however its phone was written.
    expect(found[0]?.id).toBe((await distinctAddresses([{ address: HOME, usedAt: "2025-01-01T00:00:00.000Z" }], OWNER))[0]?.id);
  });

  it("keeps addresses for different people at the same place apart", async () => {
    const found = await distinctAddresses(
      [
        { address: HOME, usedAt: "2025-01-02T00:00:00.000Z" },
        { address: { ...HOME, name: "Ravi Rao" }, usedAt: "2025-01-01T00:00:00.000Z" },
      ],
      OWNER,
    );
    expect(found.map((a) => a.name)).toEqual(["Asha Rao", "Ravi Rao"]);
    expect(found[0]?.id).not.toBe(found[1]?.id);
  });

  it("skips what checkout would not accept again, and fields that are not part of an address", async () => {
    const found = await distinctAddresses(
      [
        { address: "{not json", usedAt: "2025-01-04T00:00:00.000Z" },
        { address: { ...HOME, pincode: "12345" }, usedAt: "2025-01-03T00:00:00.000Z" },
        { address: null, usedAt: "2025-01-02T00:00:00.000Z" },
        { address: { ...OFFICE, landmark: "near the metro" }, usedAt: "2025-01-01T00:00:00.000Z" },
      ],
      OWNER,
    );
    expect(found).toEqual([{ id: anId, ...OFFICE, last_used_at: "2025-01-01T00:00:00.000Z" }]);
  });

  it("with scope all, lists every added address after the recent ones, and no older address found only in orders", async () => {
    const at = (day: number) => `2025-01-${String(day).padStart(2, "0")}T00:00:00.000Z`;
    const uses = [
      // Added, then ordered to on day 2: still one the shopper added, though its latest use is an order.
      { address: street(1), usedAt: at(1), added: true },
      { address: street(1), usedAt: at(2) },
      { address: street(3), usedAt: at(3) },
      { address: street(4), usedAt: at(4), added: true },
      ...[10, 11, 12, 13, 14].map((d) => ({ address: street(d), usedAt: at(d) })),
    ];
    const recent = await distinctAddresses(uses, OWNER);
    expect(recent.map((a) => a.line1)).toEqual([14, 13, 12, 11, 10].map((i) => street(i).line1));
    const all = await distinctAddresses(uses, OWNER, new Map(), 5, "all");
    expect(all.map((a) => [a.line1, a.last_used_at])).toEqual([
      ...[14, 13, 12, 11, 10].map((i) => [street(i).line1, at(i)]),
      [street(4).line1, at(4)],
      [street(1).line1, at(2)],
    ]);
    expect(all.slice(0, 5)).toEqual(recent);
  });

  it("keys the id with the server secret and the shopper: the same for the same both, different when either changes", async () => {
    const ids = async (owner: AddressOwner) =>
      (await distinctAddresses([{ address: HOME, usedAt: "2025-01-01T00:00:00.000Z" }], owner)).map((a) => a.id);
    const [id] = await ids(OWNER);
    expect(id).toMatch(ADDRESS_ID);
    expect(await ids({ ...OWNER })).toEqual([id]);
    expect(await ids({ ...OWNER, secret: "another-unit-test-secret-0123456789abc" })).not.toEqual([id]);
    expect(await ids({ ...OWNER, userId: "usr_someone_else" })).not.toEqual([id]);
    expect(id).not.toBe(await unkeyedAddressId(HOME));
  });
});
