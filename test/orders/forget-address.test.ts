import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type AddressOwner, distinctAddresses, FORGOTTEN_ADDRESSES_SQL, type SavedAddress } from "../../workers/orders/saved-addresses";
import { isoIn } from "../../workers/platform/time";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedOrder, timesFrom } from "./seed";

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

/** A street address unique to `i`, so each makes its own entry. */
const street = (i: number) => ({ ...HOME, line1: `${i} Residency Road` });

/** A shopper who has ordered to `addresses`, oldest first, a second apart. */
async function shopperWhoOrdered(addresses: Record<string, string>[]): Promise<{ user: TestUser; orderIds: string[] }> {
  const user = await createTestUser();
  const times = timesFrom("2025-05-01T10:00:00.000Z", addresses.length);
  const orderIds: string[] = [];
  for (const [i, address] of addresses.entries())
    orderIds.push(await seedOrder({ userId: user.id, status: "delivered", at: times[i] as string, address }));
  return { user, orderIds };
}

async function addressesOf(user: TestUser): Promise<SavedAddress[]> {
  const res = await api("/api/me/addresses", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: SavedAddress[] }).items;
}

const remove = (user: TestUser | null, id: string) =>
  api(`/api/me/addresses/${id}`, { method: "DELETE", headers: user ? user.headers : {} });

/** What is recorded of the shopper's removals, so a refusal can be shown to write nothing. */
async function removals(userId: string): Promise<{ address_id: string; forgotten_at: string }[]> {
  const { results } = await env.DB.prepare(FORGOTTEN_ADDRESSES_SQL).bind(userId).all<{ address_id: string; forgotten_at: string }>();
  return results;
}

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as { type: string; errors?: { path: string }[] };
  expect(body.type).toBe(type);
  return body;
}

describe("DELETE /api/me/addresses/{address_id}", () => {
  it("takes the address off the list and leaves the order that went there as it was", async () => {
    const { user, orderIds } = await shopperWhoOrdered([HOME, OFFICE]);
    const [office, home] = await addressesOf(user);
    expect(home?.line1).toBe(HOME.line1);

    const res = await remove(user, home?.id as string);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await addressesOf(user)).toEqual([office]);

    // The order is the record of where the goods went: it keeps the address.
    const order = await api(`/api/orders/${orderIds[0]}`, { headers: user.headers });
    expect(((await order.json()) as { address: Record<string, string> }).address).toMatchObject(HOME);
  });

  it("answers a second removal of the same address with a 404, as it is no longer saved, and changes nothing", async () => {
    const { user } = await shopperWhoOrdered([HOME, OFFICE]);
    const [office, home] = await addressesOf(user);
    expect((await remove(user, home?.id as string)).status).toBe(204);
    const recorded = await removals(user.id);
    expect(recorded).toHaveLength(1);

    await expectProblem(await remove(user, home?.id as string), 404, "/problems/not-found");
    expect(await removals(user.id)).toEqual(recorded);
    expect(await addressesOf(user)).toEqual([office]);
  });

  it("answers another shopper's address id, or an id no address has, with a 404 and writes nothing", async () => {
    const { user } = await shopperWhoOrdered([HOME]);
    const other = await shopperWhoOrdered([HOME, OFFICE]);
    const theirs = await addressesOf(other.user);
    const mine = await addressesOf(user);

    for (const id of [...theirs.map((a) => a.id), "0123456789abcdef"]) {
      await expectProblem(await remove(user, id), 404, "/problems/not-found");
    }
    expect(await removals(user.id)).toEqual([]);
    expect(await removals(other.user.id)).toEqual([]);
    expect(await addressesOf(user)).toEqual(mine);
    expect(await addressesOf(other.user)).toEqual(theirs);
    // The id was refused for whose it is: its owner removes it with the same request.
    expect((await remove(other.user, theirs[0]?.id as string)).status).toBe(204);
  });

  it("answers an id that is not an address id with a 400 naming address_id, and writes nothing", async () => {
    const { user } = await shopperWhoOrdered([HOME]);
    const [home] = await addressesOf(user);
    const id = home?.id as string;
    for (const bad of [id.toUpperCase(), id.slice(0, 15), `${id}0`, "not-an-id", encodeURIComponent(`${id}\n`)]) {
      const body = await expectProblem(await remove(user, bad), 400, "/problems/validation-failed");
      expect(body.errors?.map((e) => e.path)).toEqual(["address_id"]);
    }
    expect(await removals(user.id)).toEqual([]);
    expect(await addressesOf(user)).toEqual([home]);
  });

  it("refuses a guest with the 401 problem every /me route gives", async () => {
    const { user } = await shopperWhoOrdered([HOME]);
    const [home] = await addressesOf(user);
    await expectProblem(await remove(null, home?.id as string), 401, "/problems/unauthenticated");
    expect(await removals(user.id)).toEqual([]);
    expect(await addressesOf(user)).toEqual([home]);
  });

  it("offers the address again, under the same id, once the shopper orders to it again", async () => {
    const { user } = await shopperWhoOrdered([HOME, OFFICE]);
    const [, home] = await addressesOf(user);
    expect((await remove(user, home?.id as string)).status).toBe(204);
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([OFFICE.line1]);

    const again = isoIn(60);
    await seedOrder({ userId: user.id, status: "confirmed", at: again, address: { ...HOME, city: "bengaluru" } });
    const back = await addressesOf(user);
    expect(back.map((a) => [a.id, a.line1, a.last_used_at])).toEqual([
      [home?.id, HOME.line1, again],
      [expect.any(String), OFFICE.line1, expect.any(String)],
    ]);

    // And it can be removed again, though that order was placed later than this clock says now.
    expect((await remove(user, home?.id as string)).status).toBe(204);
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([OFFICE.line1]);
  });

  it("frees the removed address's place, so the next older one is offered and the list stays full", async () => {
    const { user } = await shopperWhoOrdered([0, 1, 2, 3, 4, 5].map(street));
    const before = await addressesOf(user);
    expect(before.map((a) => a.line1)).toEqual([5, 4, 3, 2, 1].map((i) => street(i).line1));

    expect((await remove(user, before[1]?.id as string)).status).toBe(204);
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([5, 3, 2, 1, 0].map((i) => street(i).line1));
  });

  it("reads the shopper's removals from one range of their key", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${FORGOTTEN_ADDRESSES_SQL}`).bind("usr_plan").all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    expect(steps).toEqual([
      expect.stringMatching(/^SEARCH forgotten_addresses USING INDEX sqlite_autoindex_forgotten_addresses_1 \(user_id=\?\)$/),
    ]);
  });

  it("is declared for signed-in shoppers in the OpenAPI document, answering 204 with nothing", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { "x-access": unknown; responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: unknown }[] }
        >
      >;
    };
    const op = doc.paths["/api/me/addresses/{address_id}"]?.delete;
    expect(op?.["x-access"]).toBe("signed_in");
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(["204", "400", "401", "404", "429"]);
    expect(op?.parameters).toEqual([
      expect.objectContaining({ name: "address_id", in: "path", schema: expect.objectContaining({ pattern: "^[0-9a-f]{16}$" }) }),
    ]);
  });
});

describe("distinctAddresses with removed addresses", () => {
  const OWNER: AddressOwner = { userId: "usr_owner", secret: "unit-test-secret-0123456789abcdef0123" };
  const at = (day: number) => `2025-01-${String(day).padStart(2, "0")}T00:00:00.000Z`;
  const idOf = async (address: Record<string, string>) => (await distinctAddresses([{ address, usedAt: at(1) }], OWNER))[0]?.id as string;

  it("leaves out an address removed at or after its latest use, older uses of it included", async () => {
    const uses = [
      { address: HOME, usedAt: at(3) },
      { address: OFFICE, usedAt: at(2) },
      { address: HOME, usedAt: at(1) },
    ];
    const homeId = await idOf(HOME);
    for (const removedAt of [at(3), at(4)]) {
      const found = await distinctAddresses(uses, OWNER, new Map([[homeId, removedAt]]));
      expect(found.map((a) => a.line1)).toEqual([OFFICE.line1]);
    }
  });

  it("keeps an address used again after it was removed, and leaves it out once removed again", async () => {
    const uses = [
      { address: HOME, usedAt: at(3) },
      { address: HOME, usedAt: at(1) },
    ];
    const homeId = await idOf(HOME);
    const usedAgain = await distinctAddresses(uses, OWNER, new Map([[homeId, at(2)]]));
    expect(usedAgain.map((a) => [a.line1, a.last_used_at])).toEqual([[HOME.line1, at(3)]]);
    expect(await distinctAddresses(uses, OWNER, new Map([[homeId, at(3)]]))).toEqual([]);
  });

  it("counts the limit after leaving removed ones out", async () => {
    const uses = [1, 2, 3, 4].map((i) => ({ address: street(i), usedAt: at(i) }));
    const removed = new Map([[await idOf(street(4)), at(9)]]);
    const found = await distinctAddresses(uses, OWNER, removed, 2);
    expect(found.map((a) => a.line1)).toEqual([street(3).line1, street(2).line1]);
  });
});
