import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commitReservation, reserveStock, setAvailable } from "../../workers/inventory/ledger";
import { STOCK_ALERTS_PER_HOUR, alertLowStock, stockAlertsSinceSql } from "../../workers/sellers/low-stock";
import { LOW_LISTINGS_SQL } from "../../workers/sellers/listings";
import { type ProductFixture, createProduct } from "../catalog/fixtures";
import { applyProductChanges } from "../catalog/queue";
import { ADDRESS, checkout, pay, shopperWithCart, stockedListing, waitForStatus } from "../checkout/support";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

const TITLE = "Test Phone 5G (8GB RAM, 128GB)";

interface Told {
  channel: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
}

/** What a user was told, oldest first. */
async function toldTo(user: TestUser): Promise<Told[]> {
  const { results } = await env.DB.prepare("SELECT channel, kind, subject, body, link FROM notifications WHERE user_id = ? ORDER BY id")
    .bind(user.id)
    .all<Told>();
  return results;
}

/** The kinds of message a user was told, one per event (the email channel's rows, as the inbox lists them). */
async function kindsTold(user: TestUser): Promise<string[]> {
  return (await toldTo(user)).filter((t) => t.channel === "email").map((t) => t.kind);
}

/** A listing with `units` for sale, its seller's two users, and a shopper; the counts' changes already applied. */
async function sellerListing(units = 50): Promise<{ f: ProductFixture; owners: [TestUser, TestUser]; shopper: TestUser }> {
  const f = await createProduct([{ price: 50000, mrp: 70000, units }]);
  const owners: [TestUser, TestUser] = [
    await createTestUser(["seller"], { sellerId: f.sellerId }),
    await createTestUser(["seller"], { sellerId: f.sellerId }),
  ];
  const shopper = await createTestUser();
  await applied(f);
  return { f, owners, shopper };
}

/** Delivers every catalog change of the product, as the relay and queue would; none may be retried. */
async function applied(f: ProductFixture): Promise<void> {
  expect((await applyProductChanges(f.productId)).retryMessages).toEqual([]);
}

/** Buys `qty` units through the ledger, as a checkout does. */
async function buy(listingId: string, qty: number): Promise<void> {
  const ref = `buy-${listingId}-${crypto.randomUUID()}`;
  expect(await reserveStock(env.DB, { skuId: listingId, qty, ref, ttlSeconds: 600 })).not.toBeNull();
  expect(await commitReservation(env.DB, ref)).toBe("done");
}

/** Counts the listing's stock in its warehouse, as a seller's count does. */
async function count(f: ProductFixture, available: number, listingId = f.listingId): Promise<void> {
  await setAvailable(env.DB, { skuId: listingId, warehouseId: f.warehouseId, available, ref: `count-${crypto.randomUUID()}` });
}

async function listingRow(listingId: string) {
  return env.DB.prepare("SELECT low_stock_at, low_stock_notified_at, sold_out_notified_at, price FROM listings WHERE id = ?")
    .bind(listingId)
    .first<{ low_stock_at: number; low_stock_notified_at: string | null; sold_out_notified_at: string | null; price: number }>();
}

describe("low-stock alerts for sellers", () => {
  it("tells each of the seller's users once when a sale takes the listing to its line", async () => {
    const { f, owners, shopper } = await sellerListing(50);
    await buy(f.listingId, 43);
    await applied(f);

    const link = `/seller?product=${encodeURIComponent(f.productId)}`;
    for (const owner of owners) {
      expect(await toldTo(owner)).toEqual(
        ["email", "sms"].map((channel) => ({
          channel,
          kind: "low_stock",
          subject: `Running low: ${TITLE} — 7 left`,
          body: `Running low: ${TITLE} — 7 left (your alert is at 10). Restock before it sells out.`,
          link,
        })),
      );
    }
    expect(await toldTo(shopper)).toEqual([]);
    // The seller's Updates page lists it, linking to the listing in the console.
    const inbox = (await (await api("/api/notifications", { headers: owners[0].headers })).json()) as { items: Told[] };
    expect(inbox.items).toEqual([expect.objectContaining({ kind: "low_stock", link })]);

    // The change delivered again, and the check run again outright: nothing more.
    await applied(f);
    expect(await alertLowStock(env.DB, f.productId)).toBe(0);
    for (const owner of owners) expect(await toldTo(owner)).toHaveLength(2);
  });

  it("says nothing more while the listing stays low, and tells again after a restock above the line", async () => {
    const { f, owners } = await sellerListing(50);
    await buy(f.listingId, 43);
    await applied(f);
    await buy(f.listingId, 1);
    await buy(f.listingId, 2);
    await applied(f);
    expect(await alertLowStock(env.DB, f.productId)).toBe(0);
    expect(await kindsTold(owners[0])).toEqual(["low_stock"]);

    // A count that stays under the line re-arms nothing.
    await count(f, 8);
    await applied(f);
    await buy(f.listingId, 1);
    await applied(f);
    expect(await kindsTold(owners[0])).toEqual(["low_stock"]);

    await count(f, 30);
    await applied(f);
    expect(await listingRow(f.listingId)).toMatchObject({ low_stock_notified_at: null, sold_out_notified_at: null });
    await buy(f.listingId, 25);
    await applied(f);
    expect(await kindsTold(owners[0])).toEqual(["low_stock", "low_stock"]);
    expect((await toldTo(owners[1])).at(-1)?.body).toBe(
      `Running low: ${TITLE} — 5 left (your alert is at 10). Restock before it sells out.`,
    );
  });

  it("tells the seller once that the listing sold out, however often the stock touches zero", async () => {
    const { f, owners } = await sellerListing(12);
    await buy(f.listingId, 4);
    await applied(f);
    await buy(f.listingId, 8);
    await applied(f);
    await applied(f);
    expect(await kindsTold(owners[0])).toEqual(["low_stock", "sold_out"]);
    expect((await toldTo(owners[1])).filter((t) => t.kind === "sold_out")).toEqual(
      ["email", "sms"].map((channel) =>
        expect.objectContaining({
          channel,
          subject: `Sold out: ${TITLE}`,
          body: `Sold out: ${TITLE}. Shoppers can't buy it until you add stock.`,
          link: `/seller?product=${encodeURIComponent(f.productId)}`,
        }),
      ),
    );

    // A unit comes back and sells again: still sold out once, and never "running low" in between.
    await count(f, 1);
    await applied(f);
    await buy(f.listingId, 1);
    await applied(f);
    expect(await kindsTold(owners[0])).toEqual(["low_stock", "sold_out"]);
  });

  it("tells only that it sold out when a listing goes from plenty to none at once", async () => {
    const { f, owners } = await sellerListing(50);
    await buy(f.listingId, 50);
    await applied(f);
    expect(await kindsTold(owners[0])).toEqual(["sold_out"]);
    expect(await kindsTold(owners[1])).toEqual(["sold_out"]);
  });

  it("tells nothing of a listing whose alert is at 0", async () => {
    const { f, owners } = await sellerListing(50);
    const off = await api(`/api/seller/listings/${f.listingId}`, {
      method: "PATCH",
      headers: owners[0].headers,
      body: { low_stock_at: 0 },
    });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ low_stock_at: 0, low_stock: false });
    await applied(f);
    await buy(f.listingId, 45);
    await buy(f.listingId, 5);
    await applied(f);
    expect(await alertLowStock(env.DB, f.productId)).toBe(0);
    expect(await toldTo(owners[0])).toEqual([]);
    expect(await toldTo(owners[1])).toEqual([]);
  });

  it("tells the seller when a shopper's checkout takes the listing to its line", async () => {
    const f = await stockedListing(11, 50000);
    const owner = await createTestUser(["seller"], { sellerId: f.sellerId });
    const shopper = await shopperWithCart([[f.listingId, 2]]);
    const res = await checkout(shopper, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { order_id: string; payment: { redirect_url: string | null } };
    if (body.payment.redirect_url) await pay(body.payment.redirect_url);
    await waitForStatus(body.order_id, ["confirmed"]);
    expect((await applyProductChanges(f.productId)).retryMessages).toEqual([]);

    const told = await toldTo(owner);
    expect(told.map((t) => [t.channel, t.kind])).toEqual([
      ["email", "low_stock"],
      ["sms", "low_stock"],
    ]);
    expect(told[0]?.body).toBe(`Running low: ${TITLE} — 9 left (your alert is at 10). Restock before it sells out.`);
    expect(await toldTo(shopper)).not.toContainEqual(expect.objectContaining({ kind: "low_stock" }));
  });

  it("tells the seller at once when they raise the line above the stock they have", async () => {
    const { f, owners } = await sellerListing(30);
    const res = await api(`/api/seller/listings/${f.listingId}`, {
      method: "PATCH",
      headers: owners[0].headers,
      body: { low_stock_at: 40 },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ low_stock_at: 40, low_stock: true });
    await applied(f);
    expect((await toldTo(owners[1]))[0]?.body).toBe(`Running low: ${TITLE} — 30 left (your alert is at 40). Restock before it sells out.`);
  });
});

describe("a seller's stock alerts past the hourly cap", () => {
  /** `n` listings of one seller, each of its own product with 50 units, and the seller's two users. */
  async function sellerListings(n: number): Promise<{ fs: ProductFixture[]; owners: [TestUser, TestUser] }> {
    const fs: ProductFixture[] = [];
    for (let i = 0; i < n; i++) fs.push(await createProduct([{ price: 50000, mrp: 70000, units: 50 }]));
    const sellerId = fs[0]?.sellerId as string;
    for (const f of fs) await env.DB.prepare("UPDATE listings SET seller_id = ? WHERE id = ?").bind(sellerId, f.listingId).run();
    const owners: [TestUser, TestUser] = [await createTestUser(["seller"], { sellerId }), await createTestUser(["seller"], { sellerId })];
    for (const f of fs) await applied(f);
    return { fs, owners };
  }

  /** A moment in a past day's UTC hour `h`, `m` minutes past. */
  const at = (h: number, m: number) => `2025-11-14T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00.000Z`;

  const digest = (n: number) =>
    ["email", "sms"].map((channel) => ({
      channel,
      kind: "low_stock_digest",
      subject: `${n} more listings are running low or sold out`,
      body: `${n} more listings are running low or sold out this hour. See them all in your low-stock list and restock before they sell out.`,
      link: "/seller?stock=low",
    }));

  it("sends the first alerts one by one, then one digest for the rest of the hour, and alerts one by one again the next hour", async () => {
    expect(STOCK_ALERTS_PER_HOUR).toBe(5);
    const { fs, owners } = await sellerListings(9);
    const running = (k: number) => (t: Told) =>
      t.kind === "low_stock" && t.link === `/seller?product=${encodeURIComponent(fs[k]?.productId ?? "")}`;

    // A sale takes six listings to their lines one after another: five alerts, then a digest of one.
    for (let k = 0; k < 6; k++) {
      await buy(fs[k]?.listingId as string, 43);
      expect(await alertLowStock(env.DB, fs[k]?.productId as string, at(10, k))).toBe(4);
    }
    for (const owner of owners) {
      const told = await toldTo(owner);
      expect(told.filter((t) => t.channel === "email").map((t) => t.kind)).toEqual([...Array(5).fill("low_stock"), "low_stock_digest"]);
      for (let k = 0; k < 5; k++) expect(told.filter(running(k))).toHaveLength(2);
      expect(told.filter((t) => t.kind === "low_stock_digest")).toEqual(
        ["email", "sms"].map((channel) =>
          expect.objectContaining({
            channel,
            subject: "1 more listing is running low or sold out",
            body: "1 more listing is running low or sold out this hour. See them all in your low-stock list and restock before they sell out.",
          }),
        ),
      );
    }

    // Two more run low and one sells out within the hour: the same digest now counts them all, and
    // the listing the seller was told ran low is not told apart that it sold out either.
    await buy(fs[6]?.listingId as string, 45);
    await alertLowStock(env.DB, fs[6]?.productId as string, at(10, 20));
    await buy(fs[7]?.listingId as string, 50);
    await alertLowStock(env.DB, fs[7]?.productId as string, at(10, 30));
    await buy(fs[0]?.listingId as string, 7);
    await alertLowStock(env.DB, fs[0]?.productId as string, at(10, 40));
    for (const owner of owners) {
      const told = await toldTo(owner);
      expect(told.filter((t) => t.channel === "email").map((t) => t.kind)).toEqual([...Array(5).fill("low_stock"), "low_stock_digest"]);
      expect(told.filter((t) => t.kind === "low_stock_digest")).toEqual(digest(4));
    }

    // Each listing is marked told all the same, and the console's low-stock list shows every one.
    for (const f of fs.slice(0, 8)) expect((await listingRow(f.listingId))?.low_stock_notified_at).not.toBeNull();
    expect((await listingRow(fs[7]?.listingId as string))?.sold_out_notified_at).toBe(at(10, 30));
    expect((await listingRow(fs[0]?.listingId as string))?.sold_out_notified_at).toBe(at(10, 40));
    const lowList = (await (await api("/api/seller/listings?stock=low&limit=50", { headers: owners[0].headers })).json()) as {
      items: { id: string }[];
    };
    expect(lowList.items.map((i) => i.id).sort()).toEqual(
      fs
        .slice(0, 8)
        .map((f) => f.listingId)
        .sort(),
    );

    // The changes delivered again, and the check run again in the same hour: nothing new, the digest as it was.
    const before = await Promise.all(owners.map(toldTo));
    for (const f of fs.slice(0, 8)) {
      await applied(f);
      expect(await alertLowStock(env.DB, f.productId, at(10, 50))).toBe(0);
    }
    expect(await Promise.all(owners.map(toldTo))).toEqual(before);

    // The next hour, a listing running low is an alert of its own again.
    await buy(fs[8]?.listingId as string, 42);
    expect(await alertLowStock(env.DB, fs[8]?.productId as string, at(11, 2))).toBe(4);
    for (const owner of owners) {
      const told = await toldTo(owner);
      expect(told.filter((t) => t.channel === "email").map((t) => t.kind)).toEqual([
        ...Array(5).fill("low_stock"),
        "low_stock_digest",
        "low_stock",
      ]);
      expect(told.filter(running(8)).map((t) => t.subject)).toEqual(Array(2).fill(`Running low: ${TITLE} — 8 left`));
    }
  });

  it("counts a seller's alerts this hour from an index range of each user's messages", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN SELECT ${stockAlertsSinceSql("?1", "?2", "?3")}`)
      .bind("usr", "email", at(10, 0))
      .all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toContain("USING INDEX notifications_user_channel_created_idx (user_id=? AND channel=? AND created_at>?)");
    expect(plan).not.toMatch(/SCAN n\b/);
  });
});

describe("the low-stock line through the API", () => {
  it.each([
    [-1, "Cannot be negative"],
    [1_000_001, "At most"],
    [2.5, "whole number"],
    ["10", "whole number"],
  ])("refuses low_stock_at %s, naming the field, and changes nothing", async (value, message) => {
    const { f, owners } = await sellerListing(50);
    const before = await listingRow(f.listingId);
    const outbox = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE payload LIKE ?").bind(`%${f.productId}%`).first<{ n: number }>())?.n;
    const changesBefore = await outbox();
    const res = await api(`/api/seller/listings/${f.listingId}`, {
      method: "PATCH",
      headers: owners[0].headers,
      body: { low_stock_at: value, price: 45000 },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ path: "low_stock_at", message: expect.stringContaining(message) })]);
    expect(await listingRow(f.listingId)).toEqual(before);
    expect(await outbox()).toBe(changesBefore);
  });

  it("lists only the seller's listings at or under their line with stock=low, from an index range", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 50 },
      { price: 51000, mrp: 70000, units: 50 },
    ]);
    const owner = await createTestUser(["seller"], { sellerId: f.sellerId });
    const low = f.listingIds[0] as string;
    // A second listing of the same seller that stays well stocked.
    const g = await createProduct([{ price: 50000, mrp: 70000, units: 50 }]);
    await env.DB.prepare("UPDATE listings SET seller_id = ? WHERE id = ?").bind(f.sellerId, g.listingId).run();
    await applied(f);
    await applied(g);
    const lowList = async () =>
      (await (await api("/api/seller/listings?stock=low", { headers: owner.headers })).json()) as {
        items: { id: string; low_stock: boolean; low_stock_at: number }[];
      };
    expect((await lowList()).items).toEqual([]);

    await buy(low, 42);
    await applied(f);
    expect((await lowList()).items).toEqual([expect.objectContaining({ id: low, low_stock: true, low_stock_at: 10 })]);
    const all = (await (await api("/api/seller/listings", { headers: owner.headers })).json()) as {
      items: { id: string; low_stock: boolean }[];
    };
    expect(all.items.map((i) => [i.id, i.low_stock]).sort()).toEqual(
      [
        [low, true],
        [g.listingId, false],
      ].sort(),
    );

    // Restocked above the line: off the list.
    await count(f, 20, low);
    await applied(f);
    expect((await lowList()).items).toEqual([]);

    const bad = await api("/api/seller/listings?stock=high", { headers: owner.headers });
    expect(bad.status).toBe(400);

    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${LOW_LISTINGS_SQL}`).bind(f.sellerId, "", 21).all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toContain("USING INDEX listings_seller_low_idx (seller_id=? AND id>?)");
    expect(plan).not.toMatch(/SCAN l\b|TEMP B-TREE/);
  });
});
