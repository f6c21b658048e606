import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADDED_ADDRESSES_SQL, MAX_ADDED_ADDRESSES, type SavedAddress } from "../../workers/orders/saved-addresses";
import { isoIn } from "../../workers/platform/time";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { seedOrder, timesFrom } from "./seed";

const HOME = { name: "Asha Rao", phone: "9876543210", line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", pincode: "560001" };
const PARENTS = {
  name: "Suresh Rao",
  phone: "9845012345",
  line1: "4 Temple Street",
  line2: "Near the bus stand",
  city: "Mysuru",
  state: "Karnataka",
  pincode: "570001",
};

/** A street address unique to `i`, so each makes its own entry. */
const street = (i: number) => ({ ...HOME, line1: `${i} Residency Road` });

/** A shopper who has ordered to `addresses`, oldest first, a second apart, in the past. */
async function shopperWhoOrdered(addresses: Record<string, string>[]): Promise<TestUser> {
  const user = await createTestUser();
  const times = timesFrom("2025-05-01T10:00:00.000Z", addresses.length);
  for (const [i, address] of addresses.entries())
    await seedOrder({ userId: user.id, status: "delivered", at: times[i] as string, address });
  return user;
}

const add = (user: TestUser | null, body: unknown) => api("/api/me/addresses", { method: "POST", body, headers: user ? user.headers : {} });

const remove = (user: TestUser, id: string) => api(`/api/me/addresses/${id}`, { method: "DELETE", headers: user.headers });

async function addressesOf(user: TestUser): Promise<SavedAddress[]> {
  const res = await api("/api/me/addresses", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: SavedAddress[] }).items;
}

/** The rows stored for the shopper's added addresses, so a refusal can be shown to store nothing. */
async function addedRows(userId: string): Promise<{ address_id: string; address: string; added_at: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT address_id, address, added_at FROM added_addresses WHERE user_id = ? ORDER BY address_id",
  )
    .bind(userId)
    .all<{ address_id: string; address: string; added_at: string }>();
  return results;
}

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as { type: string; detail: string; errors?: { path: string; message: string }[] };
  expect(body.type).toBe(type);
  return body;
}

describe("POST /api/me/addresses", () => {
  it("adds the address, answers 201 with it as the list gives it, and lists it first", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const res = await add(user, PARENTS);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const added = (await res.json()) as SavedAddress;
    expect(added).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), ...PARENTS, last_used_at: expect.any(String) });
    expect(Date.now() - Date.parse(added.last_used_at)).toBeLessThan(60_000);

    const list = await addressesOf(user);
    expect(list[0]).toEqual(added);
    expect(list.map((a) => a.line1)).toEqual([PARENTS.line1, HOME.line1]);
  });

  it("gives an address without a second line an empty one, as orders' addresses are listed", async () => {
    const user = await createTestUser();
    const res = await add(user, { ...HOME, name: "  Asha Rao " });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.any(String), ...HOME, line2: "", last_used_at: expect.any(String) });
  });

  it("keeps each field one line, as the seller's label and mails print it: line breaks and tabs become spaces", async () => {
    const user = await createTestUser();
    const res = await add(user, {
      ...PARENTS,
      name: "Suresh\r\nRao",
      line1: "4 Temple Street\r\nBcc: x@example.com",
      line2: "Near\tthe bus stand\n",
      city: "\nMysuru",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.any(String),
      ...PARENTS,
      name: "Suresh Rao",
      line1: "4 Temple Street Bcc: x@example.com",
      last_used_at: expect.any(String),
    });
  });

  it("is offered in the checkout page's address choice at once, and fills the form", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const f = await stockedListing(10);
    expect((await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBe(200);
    const { cookie } = await browserSession(user);
    expect((await add(user, PARENTS)).status).toBe(201);

    const html = await (await api("/checkout", { headers: { cookie } })).text();
    const list = /<ul class="chips" aria-labelledby="deliver-to">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect([...list.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1])).toEqual([
      "Suresh Rao, 4 Temple Street, Near the bus stand, Mysuru 570001",
      "Asha Rao, 12 MG Road, Bengaluru 560001",
      "New address",
    ]);
    // Checkout starts from the most recently used: the one just added.
    expect(html).toContain('value="4 Temple Street"');
    expect(html).toContain('value="9845012345"');
  });

  it("takes a mobile number as people write it, as the account's form does, and keeps its 10 digits", async () => {
    for (const typed of ["+91 98450 12345", "098450-12345", "(+91) 98450-12345"]) {
      const user = await createTestUser();
      const res = await add(user, { ...PARENTS, phone: typed });
      expect(res.status, typed).toBe(201);
      expect(((await res.json()) as { phone: string }).phone).toBe("9845012345");
    }
    const body = await expectProblem(await add(await createTestUser(), { ...PARENTS, phone: "98450" }), 400, "/problems/validation-failed");
    expect(body.errors).toEqual([{ path: "phone", message: "Enter a 10-digit Indian mobile number" }]);
  });

  it("reads a PIN code written with a space, and says a blank field in the form's words", async () => {
    const user = await createTestUser();
    const res = await add(user, { ...PARENTS, pincode: "570 001" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as SavedAddress).pincode).toBe("570001");
    const blank = await expectProblem(await add(user, { ...PARENTS, name: "   " }), 400, "/problems/validation-failed");
    expect(blank.errors).toEqual([{ path: "name", message: "Enter the recipient's name" }]);
  });

  it("answers bad fields with a 400 naming each, and stores nothing", async () => {
    const user = await createTestUser();
    const body = await expectProblem(
      await add(user, { ...PARENTS, phone: "12345", pincode: "5700", city: "   ", extra: "x" }),
      400,
      "/problems/validation-failed",
    );
    expect(body.errors?.map((e) => e.path).sort()).toEqual(["city", "extra", "phone", "pincode"]);
    const missing = await expectProblem(await add(user, { name: "Suresh Rao" }), 400, "/problems/validation-failed");
    expect(missing.errors?.map((e) => e.path).sort()).toEqual(["city", "line1", "phone", "pincode", "state"]);
    const nowhere = await expectProblem(await add(user, { ...PARENTS, state: "Mysore" }), 400, "/problems/validation-failed");
    expect(nowhere.errors).toEqual([{ path: "state", message: "Enter a state or union territory of India, e.g. Karnataka" }]);
    expect(await addedRows(user.id)).toEqual([]);
    expect(await addressesOf(user)).toEqual([]);
  });

  it("refuses a PIN code that is not in the address's state, naming where it is, and stores nothing", async () => {
    const user = await createTestUser();
    const body = await expectProblem(await add(user, { ...PARENTS, state: "Maharashtra" }), 400, "/problems/validation-failed");
    expect(body.errors).toEqual([
      { path: "pincode", message: "570001 is a PIN code in Karnataka, not Maharashtra: check the PIN code or the state" },
    ]);
    // Said beside the other fields' mistakes, not a submit later.
    const both = await expectProblem(
      await add(user, { ...PARENTS, state: "Maharashtra", phone: "12345" }),
      400,
      "/problems/validation-failed",
    );
    expect(both.errors?.map((e) => e.path).sort()).toEqual(["phone", "pincode"]);
    expect(await addedRows(user.id)).toEqual([]);
    expect((await add(user, { ...PARENTS, state: "KA" })).status).toBe(201);
  });

  it("keeps one entry for the same address added again differently spaced or cased, moving it up and answering 200", async () => {
    const user = await createTestUser();
    const first = (await (await add(user, PARENTS)).json()) as SavedAddress;
    expect((await add(user, HOME)).status).toBe(201);

    const again = await add(user, { ...PARENTS, name: "SURESH  rao", line1: " 4 temple   street ", city: "MYSURU" });
    expect(again.status).toBe(200);
    const moved = (await again.json()) as SavedAddress;
    expect(moved.id).toBe(first.id);
    expect(moved.last_used_at > first.last_used_at).toBe(true);

    const list = await addressesOf(user);
    expect(list.map((a) => [a.id, a.name, a.line1, a.city])).toEqual([
      [first.id, "SURESH  rao", "4 temple   street", "MYSURU"],
      [expect.any(String), HOME.name, HOME.line1, HOME.city],
    ]);
    expect(await addedRows(user.id)).toHaveLength(2);
  });

  it("keeps one entry for an address the shopper has ordered to, moving it to the top", async () => {
    const user = await shopperWhoOrdered([HOME, PARENTS]);
    const [, home] = await addressesOf(user);
    const res = await add(user, { ...HOME, line1: "12 mg road" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as SavedAddress).id).toBe(home?.id);
    expect((await addressesOf(user)).map((a) => [a.id, a.line1])).toEqual([
      [home?.id, "12 mg road"],
      [expect.any(String), PARENTS.line1],
    ]);
  });

  it("offers the latest 5 of added and ordered addresses together", async () => {
    const user = await shopperWhoOrdered([0, 1, 2].map(street));
    for (const i of [3, 4, 5]) expect((await add(user, street(i))).status).toBe(201);
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([5, 4, 3, 2, 1].map((i) => street(i).line1));
  });

  it(`refuses a ${MAX_ADDED_ADDRESSES + 1}st address with a 409 saying to remove one, and takes it once one is removed`, async () => {
    const user = await createTestUser();
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) expect((await add(user, street(i))).status).toBe(201);
    const stored = await addedRows(user.id);
    expect(stored).toHaveLength(MAX_ADDED_ADDRESSES);

    const refused = await expectProblem(await add(user, PARENTS), 409, "/problems/conflict");
    expect(refused.detail).toBe(
      `You have added ${MAX_ADDED_ADDRESSES} addresses, the most an account keeps. Remove one you no longer use on your account page, then add this one.`,
    );
    expect(await addedRows(user.id)).toEqual(stored);
    expect((await addressesOf(user)).map((a) => a.line1)).not.toContain(PARENTS.line1);

    // One already added is not a new one: it still moves to the top.
    expect((await add(user, street(0))).status).toBe(200);
    expect((await addressesOf(user))[0]?.line1).toBe(street(0).line1);

    const [latest] = await addressesOf(user);
    expect((await remove(user, latest?.id as string)).status).toBe(204);
    expect(await addedRows(user.id)).toHaveLength(MAX_ADDED_ADDRESSES - 1);
    expect((await add(user, PARENTS)).status).toBe(201);
    expect((await addressesOf(user))[0]?.line1).toBe(PARENTS.line1);
  });

  it(`lists every one of ${MAX_ADDED_ADDRESSES} added addresses with scope=all, and removes the oldest to make room`, async () => {
    const user = await shopperWhoOrdered([HOME]);
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) expect((await add(user, street(i))).status).toBe(201);
    // Apart by a second each, so newest first is one order however fast the adds ran.
    const times = timesFrom("2025-06-01T10:00:00.000Z", MAX_ADDED_ADDRESSES);
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) {
      await env.DB.prepare("UPDATE added_addresses SET added_at = ?3 WHERE user_id = ?1 AND json_extract(address, '$.line1') = ?2")
        .bind(user.id, street(i).line1, times[i])
        .run();
    }
    const newestFirst = Array.from({ length: MAX_ADDED_ADDRESSES }, (_, i) => street(MAX_ADDED_ADDRESSES - 1 - i).line1);

    const res = await api("/api/me/addresses?scope=all", { headers: user.headers });
    expect(res.status).toBe(200);
    const all = ((await res.json()) as { items: SavedAddress[] }).items;
    // Every added address; the order's address is older than the five most recent and was never added.
    expect(all.map((a) => a.line1)).toEqual(newestFirst);

    const oldest = all.at(-1) as SavedAddress;
    expect(oldest.line1).toBe(street(0).line1);
    expect((await remove(user, oldest.id)).status).toBe(204);
    expect(await addedRows(user.id)).toHaveLength(MAX_ADDED_ADDRESSES - 1);
    expect((await add(user, PARENTS)).status).toBe(201);
  });

  it("refuses an unknown scope with a problem naming it", async () => {
    const user = await createTestUser();
    const refused = await expectProblem(
      await api("/api/me/addresses?scope=everything", { headers: user.headers }),
      400,
      "/problems/validation-failed",
    );
    expect(refused.errors?.map((e) => e.path)).toEqual(["scope"]);
  });

  it("hides an added address once removed, and offers it again when added again", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const added = (await (await add(user, PARENTS)).json()) as SavedAddress;
    expect((await remove(user, added.id)).status).toBe(204);
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual([HOME.line1]);

    const res = await add(user, PARENTS);
    expect(res.status).toBe(201);
    expect((await addressesOf(user)).map((a) => [a.id, a.line1])).toEqual([
      [added.id, PARENTS.line1],
      [expect.any(String), HOME.line1],
    ]);
  });

  it("offers an address removed after an order dated ahead of this clock when it is added again", async () => {
    const user = await createTestUser();
    await seedOrder({ userId: user.id, status: "confirmed", at: isoIn(60), address: PARENTS });
    const [parents] = await addressesOf(user);
    expect((await remove(user, parents?.id as string)).status).toBe(204);
    expect(await addressesOf(user)).toEqual([]);

    expect((await add(user, PARENTS)).status).toBe(201);
    expect((await addressesOf(user)).map((a) => a.id)).toEqual([parents?.id]);
  });

  it("is not seen by another shopper, who can neither list nor remove it", async () => {
    const user = await createTestUser();
    const other = await shopperWhoOrdered([HOME]);
    const added = (await (await add(user, PARENTS)).json()) as SavedAddress;
    expect((await addressesOf(other)).map((a) => a.line1)).toEqual([HOME.line1]);
    await expectProblem(await remove(other, added.id), 404, "/problems/not-found");
    expect(await addressesOf(user)).toEqual([added]);

    // The same address added by the other shopper is theirs, under their own id.
    const theirs = (await (await add(other, PARENTS)).json()) as SavedAddress;
    expect(theirs.id).not.toBe(added.id);
    expect(await addressesOf(user)).toEqual([added]);
  });

  it("refuses a guest with the 401 problem every /me route gives, storing nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM added_addresses").first<{ n: number }>();
    await expectProblem(await add(null, PARENTS), 401, "/problems/unauthenticated");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM added_addresses").first<{ n: number }>()).toEqual(before);
  });

  it("reads the shopper's added addresses from one range of their key", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${ADDED_ADDRESSES_SQL}`).bind("usr_plan", 20).all<{ detail: string }>();
    expect(results.map((r) => r.detail)).toEqual([
      expect.stringMatching(/^SEARCH added_addresses USING INDEX sqlite_autoindex_added_addresses_1 \(user_id=\?\)$/),
      "USE TEMP B-TREE FOR ORDER BY",
    ]);
  });

  it("is declared for signed-in shoppers with checkout's Address as its body", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access": unknown; responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const op = doc.paths["/api/me/addresses"]?.post;
    expect(op?.["x-access"]).toBe("signed_in");
    // 403, 413 and 415 are the front door's: a cookie request without its CSRF token, a body too large or not JSON.
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(["200", "201", "400", "401", "403", "409", "413", "415", "429"]);
    expect(op?.requestBody).toEqual(
      expect.objectContaining({ content: { "application/json": { schema: { $ref: "#/components/schemas/Address" } } } }),
    );
  });
});

const correct = (user: TestUser, id: string, body: unknown) =>
  api(`/api/me/addresses/${id}`, { method: "PUT", body, headers: user.headers });

describe("PUT /api/me/addresses/{address_id}", () => {
  it("puts the corrected address in the added one's place, the list never holding both", async () => {
    const user = await createTestUser();
    const added = (await (await add(user, PARENTS)).json()) as SavedAddress;
    expect((await add(user, HOME)).status).toBe(201);
    const res = await correct(user, added.id, { ...PARENTS, phone: "9845099999" });
    expect(res.status).toBe(200);
    const fixed = (await res.json()) as SavedAddress;
    expect(fixed).toMatchObject({ ...PARENTS, phone: "9845099999" });
    expect(fixed.id).not.toBe(added.id);
    expect((await addressesOf(user)).map((a) => [a.id, a.phone])).toEqual([
      [fixed.id, "9845099999"],
      [expect.any(String), HOME.phone],
    ]);
    expect((await addedRows(user.id)).map((r) => r.address_id).sort()).toEqual(
      [fixed.id, (await addressesOf(user))[1]?.id].sort() as string[],
    );
  });

  it("corrects an address from an order, which keeps its own, and keeps the id of a change of spacing only", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const [home] = await addressesOf(user);
    const fixed = (await (await correct(user, home!.id, { ...HOME, line1: "12 MG Road, 2nd floor" })).json()) as SavedAddress;
    expect((await addressesOf(user)).map((a) => a.line1)).toEqual(["12 MG Road, 2nd floor"]);
    const respaced = await correct(user, fixed.id, { ...HOME, line1: "12  mg road, 2nd FLOOR" });
    expect(respaced.status).toBe(200);
    expect(((await respaced.json()) as SavedAddress).id).toBe(fixed.id);
    expect((await addressesOf(user)).map((a) => [a.id, a.line1])).toEqual([[fixed.id, "12  mg road, 2nd FLOOR"]]);
  });

  it("refuses another's id, a bad field, or a new place at the cap, changing nothing", async () => {
    const user = await createTestUser();
    for (let i = 0; i < MAX_ADDED_ADDRESSES; i++) expect((await add(user, street(i))).status).toBe(201);
    // An order's address, listed first: its correction would be an added address beyond the cap.
    await seedOrder({ userId: user.id, status: "confirmed", at: isoIn(60), address: HOME });
    const rows = await addedRows(user.id);
    const all = async () =>
      (await (await api("/api/me/addresses?scope=all", { headers: user.headers })).json()) as { items: SavedAddress[] };
    const before = await all();
    const home = before.items.find((a) => a.line1 === HOME.line1)!;

    await expectProblem(await correct(user, "0123456789abcdef", PARENTS), 404, "/problems/not-found");
    await expectProblem(await correct(await createTestUser(), home.id, PARENTS), 404, "/problems/not-found");
    const bad = await expectProblem(await correct(user, home.id, { ...PARENTS, state: "Goa" }), 400, "/problems/validation-failed");
    expect(bad.errors?.map((e) => e.path)).toEqual(["pincode"]);
    const full = await expectProblem(await correct(user, home.id, PARENTS), 409, "/problems/conflict");
    expect(full.detail).toContain("then correct this one");
    expect(await addedRows(user.id)).toEqual(rows);
    expect(await all()).toEqual(before);

    // An added address passes its place to its correction, at the cap too.
    const added = before.items.find((a) => a.line1 === street(0).line1)!;
    expect((await correct(user, added.id, { ...street(0), city: "Mysuru" })).status).toBe(200);
    expect(await addedRows(user.id)).toHaveLength(MAX_ADDED_ADDRESSES);
  });
});
