import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { placeOrder } from "../../workers/checkout/place-order";
import { lookupStatement, parseLookup } from "../../workers/orders/order-lookup";
import { ORIGIN, api } from "../helpers/http";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ADDRESS, bearerPrincipal, shopperWithCart, stockedListing } from "../checkout/support";
import { seedOrder, timesFrom } from "./seed";

interface Row {
  id: string;
  status: string;
  created_at: string;
  total: number;
  currency: string;
  items: number;
  refundable: number;
  return_awaited: boolean;
}

interface Page {
  items: Row[];
  next_cursor: string | null;
}

let ops: TestUser;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function lookup(q: string, extra = "", headers = ops.headers): Promise<Page> {
  const res = await api(`/api/admin/orders?q=${encodeURIComponent(q)}${extra}`, { headers });
  if (res.status !== 200) throw new Error(`${q}: ${res.status} ${await res.text()}`);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as Page;
}

async function refusal(query: string): Promise<{ status: number; type: string; errors: Array<{ path: string; message: string }> }> {
  const res = await api(`/api/admin/orders?${query}`, { headers: ops.headers });
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return { status: res.status, ...((await res.json()) as { type: string; errors: Array<{ path: string; message: string }> }) };
}

/** An order placed through checkout itself (no saga), delivered to `phone` as the shopper typed it. */
async function checkoutTo(phone: string): Promise<string> {
  const listing = await stockedListing();
  const shopper = await shopperWithCart([[listing.listingId, 1]]);
  const placed = await placeOrder(
    env,
    bearerPrincipal(shopper),
    null,
    crypto.randomUUID(),
    { address: { ...ADDRESS, phone }, payment_method: "upi" },
    ORIGIN,
  );
  return placed.order_id;
}

describe("finding orders by order id", () => {
  it("finds the one order, in the ops lists' row, pasted with spaces around it", async () => {
    const id = await seedOrder({ status: "shipped", at: "2032-01-05T10:00:00.000Z", lines: [{ sellerId: "sel_x", qty: 2 }] });
    const listed = (await (await api("/api/admin/orders?status=shipped", { headers: ops.headers })).json()) as Page;
    const row = listed.items.find((o) => o.id === id);
    expect(row).toBeDefined();
    const found = await lookup(`  ${id}\t`);
    expect(found).toEqual({ items: [row], next_cursor: null });
    expect(found.items[0]).toMatchObject({ status: "shipped", items: 2, total: 20000 });
  });

  it("finds a checkout order's id read out in capitals, as checkout's ids are lowercase", async () => {
    const id = await checkoutTo("9811100001");
    expect(id).toMatch(/^ord_[0-9a-f]+$/);
    expect((await lookup(id.toUpperCase())).items.map((o) => o.id)).toEqual([id]);
    expect((await lookup(`ORD_${id.slice(4)}`)).items.map((o) => o.id)).toEqual([id]);
  });

  it("answers an id nobody has with an empty page", async () => {
    expect(await lookup("ord_0000000000000000000000dead")).toEqual({ items: [], next_cursor: null });
  });
});

describe("finding orders by the shopper's email", () => {
  it("lists only that shopper's orders, newest first, a page at a time, whatever case the email is typed in", async () => {
    const shopper = await createTestUser([], { email: "caller.one@example.com" });
    const [t1, t2, t3] = timesFrom("2032-02-01T09:00:00.000Z", 3);
    const a = await seedOrder({ userId: shopper.id, status: "delivered", at: t1! });
    const b = await seedOrder({ userId: shopper.id, status: "cancelled", at: t2! });
    const c = await seedOrder({ userId: shopper.id, status: "confirmed", at: t3! });
    await seedOrder({ status: "confirmed", at: t3! });

    const first = await lookup(" Caller.One@Example.COM ", "&limit=2");
    expect(first.items.map((o) => [o.id, o.status])).toEqual([
      [c, "confirmed"],
      [b, "cancelled"],
    ]);
    expect(first.next_cursor).not.toBeNull();
    const second = await lookup("caller.one@example.com", `&limit=2&cursor=${first.next_cursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ id: a, status: "delivered" })], next_cursor: null });
  });

  it("refuses a cursor from another list or another shopper's lookup, naming the cursor", async () => {
    const shopper = await createTestUser([], { email: "caller.two@example.com" });
    for (const at of timesFrom("2032-02-02T09:00:00.000Z", 2)) await seedOrder({ userId: shopper.id, status: "packed", at });
    const mine = await lookup("caller.two@example.com", "&limit=1");
    const other = await refusal(`q=someone.else%40example.com&cursor=${mine.next_cursor}`);
    expect([other.status, other.errors.map((e) => e.path)]).toEqual([400, ["cursor"]]);
    const list = (await (await api("/api/admin/orders?status=packed&limit=1", { headers: ops.headers })).json()) as Page;
    const fromList = await refusal(`q=caller.two%40example.com&cursor=${list.next_cursor}`);
    expect([fromList.status, fromList.errors.map((e) => e.path)]).toEqual([400, ["cursor"]]);
  });

  it("answers an email with no account, or an account without orders, with an empty page", async () => {
    await createTestUser([], { email: "never.ordered@example.com" });
    expect(await lookup("nobody@example.com")).toEqual({ items: [], next_cursor: null });
    expect(await lookup("never.ordered@example.com")).toEqual({ items: [], next_cursor: null });
  });
});

describe("finding orders by the delivery phone number", () => {
  it("finds an order placed through checkout by the number typed any usual way", async () => {
    const id = await checkoutTo("+919822233344");
    for (const typed of ["+91 98222 33344", "098222-33344", "9822233344", "91 9822233344", "(+91) 98222-33344"]) {
      expect(
        (await lookup(typed)).items.map((o) => o.id),
        typed,
      ).toEqual([id]);
    }
    expect(await lookup("9822233345")).toEqual({ items: [], next_cursor: null });
  });

  it("lists every order to the number, newest first", async () => {
    const older = await checkoutTo("9833344455");
    const newer = await checkoutTo("+91 98333 44455".replaceAll(" ", ""));
    expect((await lookup("98333 44455")).items.map((o) => o.id)).toEqual([newer, older]);
  });

  it("finds orders placed before the lookup existed once the migration's backfill has run", async () => {
    const typedForms = ["+91 98444 55566", "098444-55567", "9844455568"];
    const ids = [];
    for (const [i, phone] of typedForms.entries()) {
      ids.push(await seedOrder({ status: "delivered", at: `2032-03-0${i + 1}T10:00:00.000Z`, address: { ...ADDRESS, phone } }));
    }
    const unreadable = await seedOrder({ status: "delivered", at: "2032-03-05T10:00:00.000Z", address: { ...ADDRESS, phone: "call me" } });
    // Inserted as orders were before the column: no phone, so nothing finds them.
    expect((await lookup("9844455566")).items).toEqual([]);

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("orders_phone_lookup"));
    const backfill = migration?.queries.filter((q) => q.includes("UPDATE `orders`")) ?? [];
    expect(backfill).toHaveLength(1);
    await env.DB.batch(backfill.map((q) => env.DB.prepare(q)));

    expect((await lookup("9844455566")).items.map((o) => o.id)).toEqual([ids[0]]);
    expect((await lookup("9844455567")).items.map((o) => o.id)).toEqual([ids[1]]);
    expect((await lookup("9844455568")).items.map((o) => o.id)).toEqual([ids[2]]);
    const phones = await env.DB.prepare("SELECT id, phone FROM orders WHERE id IN (?, ?)")
      .bind(ids[0], unreadable)
      .all<{ id: string; phone: string | null }>();
    expect(Object.fromEntries(phones.results.map((r) => [r.id, r.phone]))).toEqual({ [ids[0]!]: "9844455566", [unreadable]: null });
  });
});

describe("a q that cannot be searched by", () => {
  it("is a 400 problem naming q and saying what can be searched", async () => {
    for (const q of ["ab", "hello there", "12345", "98765432", "not-an-email@", "shopper@example", "ord_", "order ord_abc", ""]) {
      const p = await refusal(`q=${encodeURIComponent(q)}`);
      expect([p.status, p.type, p.errors.map((e) => e.path)], q).toEqual([400, "/problems/validation-failed", ["q"]]);
      expect(p.errors[0]?.message).toBe("search by an order id (ord_…), a shopper's email address or a 10-digit mobile number");
    }
  });
});

describe("who may look orders up", () => {
  it("is ops alone: guests 401, shoppers and sellers 403", async () => {
    const shopper = await createTestUser();
    const seller = await createTestUser(["seller"], { sellerId: "sel_lookup" });
    const path = `/api/admin/orders?q=${encodeURIComponent(shopper.email)}`;
    expect((await api(path)).status).toBe(401);
    expect((await api(path, { headers: shopper.headers })).status).toBe(403);
    expect((await api(path, { headers: seller.headers })).status).toBe(403);
  });

  it("logs each lookup with its kind and what it found, never what was typed", async () => {
    const shopper = await createTestUser([], { email: "logged.caller@example.com" });
    await seedOrder({ userId: shopper.id, status: "confirmed", at: "2032-04-01T10:00:00.000Z" });
    const logged = vi.spyOn(console, "log");
    await lookup("Logged.Caller@example.com");
    await lookup("+91 90000 11122");
    const lines = logged.mock.calls.map((args) => String(args[0]));
    const lookups = lines.filter((l) => l.includes("ops order lookup")).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lookups).toEqual([
      expect.objectContaining({ level: "info", kind: "email", found: 1, opsId: ops.id, cursor: false }),
      expect.objectContaining({ level: "info", kind: "phone", found: 0, opsId: ops.id, cursor: false }),
    ]);
    const all = lines.join("\n").toLowerCase();
    expect(all).not.toContain("logged.caller");
    expect(all).not.toContain("9000011122");
    expect(all).not.toContain("90000 11122");
  });

  it("is documented on the list's operation as the q parameter", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access": unknown; parameters: Array<{ name: string; in: string; schema: unknown }> }>>;
    };
    const op = doc.paths["/api/admin/orders"]?.get;
    expect(op?.["x-access"]).toEqual(["ops"]);
    const q = op?.parameters.find((p) => p.name === "q");
    expect(q).toMatchObject({ in: "query", schema: { type: "string", maxLength: 254 } });
  });
});

describe("the lookup's statements", () => {
  const cursor = { at: "2032-01-01T00:00:00.000Z", id: "ord_x", scope: "" };

  /** The statement's plan, each step's detail; `outer` leaves out the steps of the row's subqueries (one order's lines). */
  async function plan(q: string, withCursor: boolean, outer = false): Promise<string[]> {
    const lookupOf = parseLookup(q);
    if (!lookupOf) throw new Error(q);
    const { sql, binds } = lookupStatement(lookupOf, { limit: 50, cursor: withCursor ? cursor : undefined });
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string; parent: number }>();
    return results.filter((r) => !outer || r.parent === 0).map((r) => r.detail);
  }

  it("read an index range for every kind, never a scan of orders", async () => {
    for (const withCursor of [false, true]) {
      const byId = await plan("ord_abc", withCursor);
      const byEmail = await plan("someone@example.com", withCursor);
      const byPhone = await plan("9876543210", withCursor);
      for (const steps of [byId, byEmail, byPhone]) expect(steps.filter((d) => d.startsWith("SCAN"))).toEqual([]);
      const range = withCursor ? " AND (created_at,id)<(?,?)" : "";
      expect(byId[0]).toBe("SEARCH o USING INDEX sqlite_autoindex_orders_1 (id=?)");
      expect(byEmail[0]).toBe(`SEARCH o USING INDEX orders_user_idx (user_id=?${range})`);
      expect(byEmail).toContain("SEARCH u USING INDEX users_email_unique (email=?)");
      expect(byPhone[0]).toBe(`SEARCH o USING INDEX orders_phone_idx (phone=?${range})`);
      // Email and phone read their range already newest first; only an id's one or two rows are sorted
      // (and, in each row, its own few lines, to name the costliest).
      for (const q of ["someone@example.com", "9876543210"]) {
        expect((await plan(q, withCursor, true)).filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
      }
      expect(await plan("ord_abc", withCursor, true)).toContain("USE TEMP B-TREE FOR ORDER BY");
    }
  });
});
