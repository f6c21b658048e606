import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { confirmedOrder } from "../checkout/support";
import { seedOrder, timesFrom } from "./seed";

interface Page {
  items: Array<{ id: string; status: string; created_at: string }>;
  next_cursor: string | null;
}

interface Problem {
  type: string;
  status: number;
  errors: Array<{ path: string; message: string }>;
}

async function page(path: string, headers: Record<string, string>): Promise<Page> {
  const res = await api(path, { headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Page;
}

/** Follows next_cursor from `first` to the end, collecting ids; `between` runs after the first page. */
async function walk(first: string, headers: Record<string, string>, between?: () => Promise<void>): Promise<string[][]> {
  const pages: string[][] = [];
  let next: string | null = null;
  do {
    const sep = first.includes("?") ? "&" : "?";
    const p = await page(next ? `${first}${sep}cursor=${next}` : first, headers);
    pages.push(p.items.map((o) => o.id));
    next = p.next_cursor;
    if (pages.length === 1) await between?.();
  } while (next && pages.length < 20);
  return pages;
}

async function problem(path: string, headers: Record<string, string>): Promise<Problem> {
  const res = await api(path, { headers });
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as Problem;
}

describe("my orders, a page at a time", () => {
  it("pages newest first by cursor, and an order placed while paging neither repeats nor shifts a row", async () => {
    const user = await createTestUser();
    const [t1, t2, t3, t4] = timesFrom("2031-03-01T10:00:00.000Z", 4);
    const a = await seedOrder({ userId: user.id, status: "delivered", at: t1! });
    const b = await seedOrder({ userId: user.id, status: "confirmed", at: t2! });
    // Two orders in the same millisecond: the id breaks the tie, so neither is skipped or repeated.
    const c1 = await seedOrder({ userId: user.id, status: "confirmed", at: t3! });
    const c2 = await seedOrder({ userId: user.id, status: "packed", at: t3! });
    const d = await seedOrder({ userId: user.id, status: "shipped", at: t4! });
    const [cHi, cLo] = [c1, c2].sort().reverse();

    let late = "";
    const pages = await walk("/api/orders?limit=2", user.headers, async () => {
      late = await seedOrder({ userId: user.id, status: "confirmed", at: "2031-03-02T00:00:00.000Z" });
    });
    expect(pages).toEqual([[d, cHi], [cLo, b], [a]]);
    expect(pages.flat()).not.toContain(late);
    // The next first page starts with it.
    expect((await page("/api/orders?limit=2", user.headers)).items[0]?.id).toBe(late);
  });

  it("answers the last page with next_cursor null, and keeps its default page for clients that send nothing", async () => {
    const user = await createTestUser();
    const ids = [];
    for (const at of timesFrom("2031-04-01T00:00:00.000Z", 3)) ids.push(await seedOrder({ userId: user.id, status: "confirmed", at }));
    const all = await page("/api/orders", user.headers);
    expect(all.items.map((o) => o.id)).toEqual(ids.reverse());
    expect(all.next_cursor).toBeNull();
  });

  it("refuses bad paging parameters with a 400 problem naming the field", async () => {
    const user = await createTestUser();
    expect((await problem("/api/orders?limit=0", user.headers)).errors.map((e) => e.path)).toEqual(["limit"]);
    expect((await problem("/api/orders?limit=101", user.headers)).errors.map((e) => e.path)).toEqual(["limit"]);
    expect((await problem("/api/orders?cursor=not%20a%20cursor", user.headers)).errors.map((e) => e.path)).toEqual(["cursor"]);
    expect((await problem("/api/orders?cursor=e30", user.headers)).errors.map((e) => e.path)).toEqual(["cursor"]);
    expect((await problem("/api/orders?page=2", user.headers)).type).toBe("/problems/validation-failed");
  });

  it("only continues the list a cursor came from", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    for (const at of timesFrom("2031-05-01T00:00:00.000Z", 2)) await seedOrder({ userId: user.id, status: "cancelled", at });
    const opsCursor = (await page("/api/admin/orders?status=cancelled&limit=1", ops.headers)).next_cursor;
    expect(opsCursor).toBeTruthy();
    const wrong = await problem(`/api/orders?cursor=${opsCursor}`, user.headers);
    expect(wrong.errors).toEqual([{ path: "cursor", message: expect.stringContaining("different list") }]);
    // A cursor from one status (or sort) does not continue another.
    expect((await problem(`/api/admin/orders?status=refunded&cursor=${opsCursor}`, ops.headers)).errors[0]?.path).toBe("cursor");
    expect((await problem(`/api/admin/orders?status=cancelled&sort=oldest&cursor=${opsCursor}`, ops.headers)).errors[0]?.path).toBe(
      "cursor",
    );
  });
});

describe("ops order lists", () => {
  it("show the newest orders of a growing status first and page back through older ones by cursor", async () => {
    const ops = await createTestUser(["ops"]);
    // Far in the future, so they are the newest delivered orders whatever else the suite has placed.
    const ids = [];
    for (const at of timesFrom("2098-01-01T00:00:00.000Z", 5)) ids.push(await seedOrder({ status: "delivered", at }));
    const newest = [...ids].reverse();

    let late = "";
    const first = await page("/api/admin/orders?status=delivered&limit=2", ops.headers);
    expect(first.items.map((o) => o.id)).toEqual(newest.slice(0, 2));
    late = await seedOrder({ status: "delivered", at: "2098-06-01T00:00:00.000Z" });
    const second = await page(`/api/admin/orders?status=delivered&limit=2&cursor=${first.next_cursor}`, ops.headers);
    expect(second.items.map((o) => o.id)).toEqual(newest.slice(2, 4));
    const third = await page(`/api/admin/orders?status=delivered&limit=2&cursor=${second.next_cursor}`, ops.headers);
    expect(third.items[0]?.id).toBe(newest[4]);
    expect([...first.items, ...second.items, ...third.items].map((o) => o.id)).not.toContain(late);
    expect(third.items.every((o) => o.status === "delivered")).toBe(true);
  });

  it("work a queue oldest first on request, paging forward without repeats", async () => {
    const ops = await createTestUser(["ops"]);
    const ids = [];
    for (const at of timesFrom("2001-01-01T00:00:00.000Z", 3)) ids.push(await seedOrder({ status: "packed", at }));
    const first = await page("/api/admin/orders?status=packed&sort=oldest&limit=2", ops.headers);
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(0, 2));
    const second = await page(`/api/admin/orders?status=packed&sort=oldest&limit=2&cursor=${first.next_cursor}`, ops.headers);
    expect(second.items[0]?.id).toBe(ids[2]);
  });

  it("refuse bad list parameters with a 400 problem naming the field", async () => {
    const ops = await createTestUser(["ops"]);
    expect((await problem("/api/admin/orders?sort=sideways", ops.headers)).errors.map((e) => e.path)).toEqual(["sort"]);
    expect((await problem("/api/admin/orders?limit=201", ops.headers)).errors.map((e) => e.path)).toEqual(["limit"]);
    expect((await problem("/api/admin/orders?status=lost", ops.headers)).errors.map((e) => e.path)).toEqual(["status"]);
  });
});

describe("ops order detail", () => {
  it("shows ops any order's lines, address, payment state and timeline, without the shopper's payment link", async () => {
    const { f, user, orderId } = await confirmedOrder({ qty: 2 });
    const ops = await createTestUser(["ops"]);
    const res = await api(`/api/admin/orders/${orderId}`, { headers: ops.headers });
    expect(res.status).toBe(200);
    const order = (await res.json()) as {
      id: string;
      user_id: string;
      status: string;
      items: Array<{ listing_id: string; qty: number; unit_price: number }>;
      address: Record<string, string>;
      payment: Record<string, unknown>;
      timeline: Array<{ to: string; actor: string }>;
    };
    expect(order).toMatchObject({ id: orderId, user_id: user.id, status: "confirmed" });
    expect(order.items).toEqual([expect.objectContaining({ listing_id: f.listingId, qty: 2, unit_price: 129900 })]);
    expect(order.address).toMatchObject({ city: "Bengaluru", pincode: "560001", line1: "12 MG Road" });
    expect(order.payment).toMatchObject({ method: "upi", status: "captured", amount: 259800 });
    expect(order.payment).not.toHaveProperty("redirect_url");
    expect(order.timeline.map((t) => t.to)).toEqual(["created", "payment_authorized", "confirmed"]);
  });

  it("is for ops only: the order's own shopper is refused, an unknown order is 404, a malformed id 400", async () => {
    const { user, orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    expect((await api(`/api/admin/orders/${orderId}`, { headers: user.headers })).status).toBe(403);
    expect((await api(`/api/admin/orders/${orderId}`)).status).toBe(401);
    expect((await api("/api/admin/orders/ord_nosuchorder", { headers: ops.headers })).status).toBe(404);
    const bad = await api("/api/admin/orders/12345", { headers: ops.headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors[0]?.path).toBe("id");
  });
});

describe("the OpenAPI document", () => {
  it("publishes the paging parameters and access of every order list from the same schemas that validate them", async () => {
    type Param = { name: string; in: string; schema: { type?: string; maxLength?: number; enum?: string[] } };
    type Op = { "x-access": unknown; parameters?: Param[] };
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, Op>> };
    const query = (path: string) =>
      Object.fromEntries((doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p.schema]));
    for (const path of ["/api/orders", "/api/admin/orders", "/api/seller/orders"]) {
      expect(query(path)).toMatchObject({ limit: expect.anything(), cursor: { type: "string", maxLength: 300 } });
    }
    expect(query("/api/admin/orders").sort).toMatchObject({ enum: ["newest", "oldest"] });
    expect(doc.paths["/api/seller/orders"]?.get?.["x-access"]).toEqual(["seller"]);
    expect(doc.paths["/api/admin/orders/{id}"]?.get?.["x-access"]).toEqual(["ops"]);
  });
});
