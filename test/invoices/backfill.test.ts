import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backfillInvoices } from "../../workers/invoices/backfill";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { runScheduled } from "../../workers/platform/cron";
import type { SeedLine } from "../orders/seed";
import { seedOrder } from "../orders/seed";
import { documentsOf, KARNATAKA, lineOf, shopperAndOps, taxedListing } from "./support";

/** The statements of the migration that flags the orders shipped before invoicing existed. */
const FLAG_OWED = env.TEST_MIGRATIONS.find((m) => m.name.includes("invoices_owed"))?.queries.filter((q) => q.includes("UPDATE")) ?? [];

/**
 * An order that went through `trail` (each move and when) before invoicing existed: its transitions
 * are recorded, it holds no invoice or credit note, and the migration flags it as it flags those of
 * an older database.
 */
async function legacyOrder(userId: string, createdAt: string, lines: SeedLine[], trail: Array<[OrderStatus, string]>): Promise<string> {
  const status = trail.at(-1)?.[0] ?? "confirmed";
  const orderId = await seedOrder({ userId, status, at: createdAt, confirmed: true, lines, address: KARNATAKA });
  let from: OrderStatus = "confirmed";
  for (const [to, at] of trail) {
    await env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, ?2, ?3, 'ops:legacy', 'legacy', ?4)",
    )
      .bind(orderId, from, to, at)
      .run();
    from = to;
  }
  await env.DB.batch(FLAG_OWED.map((q) => env.DB.prepare(q)));
  return orderId;
}

/** The database, adding up the rows each statement run through it reads (batches aside). */
function countingReads(reads: number[]): D1Database {
  const track = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(inner, key) {
        if (key === "bind") return (...values: unknown[]) => track(inner.bind(...values));
        if (key === "all" || key === "run" || key === "first") {
          return async () => {
            const result = await inner.all();
            reads.push(result.meta.rows_read);
            return key === "first" ? (result.results[0] ?? null) : result;
          };
        }
        const value = Reflect.get(inner, key);
        return typeof value === "function" ? value.bind(inner) : value;
      },
    });
  return new Proxy(env.DB, {
    get(target, key) {
      if (key === "prepare") return (query: string) => track(target.prepare(query));
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function counters(sellerId: string) {
  const [invoices, notes] = await env.DB.batch([
    env.DB.prepare("SELECT financial_year, last_seq FROM invoice_counters WHERE seller_id = ? ORDER BY financial_year").bind(sellerId),
    env.DB.prepare("SELECT financial_year, last_seq FROM credit_note_counters WHERE seller_id = ? ORDER BY financial_year").bind(sellerId),
  ]);
  return { invoices: invoices?.results, notes: notes?.results };
}

// Whatever other tests of this file left owed is issued first, so each test sees only its own orders.
beforeEach(async () => {
  await backfillInvoices(env.DB, 1000);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("invoicing orders that shipped before invoicing existed", () => {
  it("issues each seller's invoice dated and numbered in the year the order shipped, and credit notes for a refunded one", async () => {
    const { shopper, ops } = await shopperAndOps();
    const lotus = await taxedListing({ stateCode: "29", name: "Lotus Textiles", title: "Cotton Kurta", rate: [5, 18], hsn: "620520" });
    const deccan = await taxedListing({ stateCode: "27", name: "Deccan Electricals", title: "Steam Iron" });
    const kurta = (price: number) => lineOf(lotus, price, 1, "Cotton Kurta");
    const iron = lineOf(deccan, 129_900, 1, "Steam Iron");
    // Shipped 11:30 IST on 20 March 2026 (2025-26), delivered.
    const march = await legacyOrder(
      shopper.id,
      "2026-03-15T06:00:00.000Z",
      [kurta(49_900)],
      [
        ["packed", "2026-03-19T06:00:00.000Z"],
        ["shipped", "2026-03-20T06:00:00.000Z"],
        ["delivered", "2026-03-25T06:00:00.000Z"],
      ],
    );
    // Shipped 28 March 2026, returned and refunded on 10 April 2026 (2026-27).
    const returned = await legacyOrder(
      shopper.id,
      "2026-03-25T06:00:00.000Z",
      [kurta(99_900), iron],
      [
        ["packed", "2026-03-27T06:00:00.000Z"],
        ["shipped", "2026-03-28T06:00:00.000Z"],
        ["delivered", "2026-04-01T06:00:00.000Z"],
        ["return_requested", "2026-04-05T06:00:00.000Z"],
        ["refunded", "2026-04-10T06:00:00.000Z"],
      ],
    );
    // Shipped in May 2026, not yet delivered; and one whose return the shopper asked for.
    const may = await legacyOrder(
      shopper.id,
      "2026-05-05T06:00:00.000Z",
      [kurta(49_900)],
      [
        ["packed", "2026-05-06T06:00:00.000Z"],
        ["shipped", "2026-05-10T06:00:00.000Z"],
      ],
    );
    const asked = await legacyOrder(
      shopper.id,
      "2026-05-30T06:00:00.000Z",
      [iron],
      [
        ["packed", "2026-05-31T06:00:00.000Z"],
        ["shipped", "2026-06-01T06:00:00.000Z"],
        ["delivered", "2026-06-03T06:00:00.000Z"],
        ["return_requested", "2026-06-04T06:00:00.000Z"],
      ],
    );
    // Cancelled and refunded before shipping, and one still packed: neither is owed an invoice.
    const cancelled = await legacyOrder(
      shopper.id,
      "2026-04-01T06:00:00.000Z",
      [kurta(49_900)],
      [
        ["cancelled", "2026-04-02T06:00:00.000Z"],
        ["refunded", "2026-04-03T06:00:00.000Z"],
      ],
    );
    const packed = await legacyOrder(shopper.id, "2026-04-01T07:00:00.000Z", [kurta(49_900)], [["packed", "2026-04-02T06:00:00.000Z"]]);
    expect((await documentsOf(march, shopper)).items).toEqual([]);

    const run = await backfillInvoices(env.DB);
    expect(run).toMatchObject({ invoiced: 4, credited: 1, failed: 0, withoutInvoices: 0, unregistered: 0 });

    const marchDocs = await documentsOf(march, shopper);
    expect(marchDocs.items.map((i) => [i.number, i.invoice_date, i.issued_at, i.seller.name])).toEqual([
      ["2025-26/000001", "2026-03-20", "2026-03-20T06:00:00.000Z", "Lotus Textiles"],
    ]);
    expect(marchDocs.items[0]?.lines.map((l) => [l.title, l.hsn, l.rate, l.taxable_value, l.cgst, l.sgst])).toEqual([
      ["Cotton Kurta", "620520", 5, 47_524, 1_188, 1_188],
    ]);
    expect(marchDocs.credit_notes).toEqual([]);

    const returnedDocs = await documentsOf(returned, shopper);
    expect(returnedDocs.items.map((i) => [i.seller.name, i.number, i.invoice_date])).toEqual([
      ["Deccan Electricals", "2025-26/000001", "2026-03-28"],
      ["Lotus Textiles", "2025-26/000002", "2026-03-28"],
    ]);
    expect(returnedDocs.items.reduce((s, i) => s + i.totals.amount, 0)).toBe(99_900 + 129_900);
    // Credited when it was refunded, in that year's series, for the return it was.
    expect(returnedDocs.credit_notes.map((n) => [n.invoice.number, n.number, n.credit_note_date, n.reason])).toEqual([
      ["2025-26/000001", "CN26-27/000001", "2026-04-10", "return_accepted"],
      ["2025-26/000002", "CN26-27/000001", "2026-04-10", "return_accepted"],
    ]);

    expect((await documentsOf(may, shopper)).items.map((i) => [i.number, i.invoice_date])).toEqual([["2026-27/000001", "2026-05-10"]]);
    expect((await documentsOf(asked, shopper)).items.map((i) => [i.number, i.invoice_date])).toEqual([["2026-27/000001", "2026-06-01"]]);
    expect(await documentsOf(cancelled, shopper)).toEqual({ items: [], credit_notes: [] });
    expect(await documentsOf(packed, shopper)).toEqual({ items: [], credit_notes: [] });
    // Ops read them as any order's.
    expect(await documentsOf(returned, ops)).toEqual(returnedDocs);

    // A second run issues nothing and takes no number.
    const before = [await counters(lotus.sellerId), await counters(deccan.sellerId)];
    expect(await backfillInvoices(env.DB)).toEqual({ invoiced: 0, credited: 0, failed: 0, withoutInvoices: 0, unregistered: 0 });
    expect([await counters(lotus.sellerId), await counters(deccan.sellerId)]).toEqual(before);
    expect(before[0]).toEqual({
      invoices: [
        { financial_year: "2025-26", last_seq: 2 },
        { financial_year: "2026-27", last_seq: 1 },
      ],
      notes: [{ financial_year: "2026-27", last_seq: 1 }],
    });
    expect(await documentsOf(returned, shopper)).toEqual(returnedDocs);
  });

  it("skips a seller without a GSTIN, counting the order as held back, and invoices the order's other sellers", async () => {
    const { shopper } = await shopperAndOps();
    const registered = await taxedListing({ stateCode: "29" });
    const unregistered = await taxedListing({ stateCode: "27" });
    await env.DB.prepare("UPDATE sellers SET gstin = NULL WHERE id = ?").bind(unregistered.sellerId).run();
    const trail: Array<[OrderStatus, string]> = [["shipped", "2026-05-10T06:00:00.000Z"]];
    const shared = await legacyOrder(
      shopper.id,
      "2026-05-01T06:00:00.000Z",
      [lineOf(registered, 10_000), lineOf(unregistered, 20_000)],
      trail,
    );
    const alone = await legacyOrder(shopper.id, "2026-05-02T06:00:00.000Z", [lineOf(unregistered, 20_000)], trail);

    const run = await backfillInvoices(env.DB);
    expect(run).toMatchObject({ invoiced: 1, failed: 0, withoutInvoices: 2, unregistered: 2 });
    expect((await documentsOf(shared, shopper)).items.map((i) => i.seller.id)).toEqual([registered.sellerId]);
    expect((await documentsOf(alone, shopper)).items).toEqual([]);
    expect((await counters(unregistered.sellerId)).invoices).toEqual([]);

    // Once the seller registers, the next run invoices what it held back.
    await env.DB.prepare("UPDATE sellers SET gstin = ?2 WHERE id = ?1").bind(unregistered.sellerId, unregistered.gstin).run();
    expect(await backfillInvoices(env.DB)).toMatchObject({ invoiced: 2, withoutInvoices: 0, unregistered: 0 });
    expect((await documentsOf(alone, shopper)).items.map((i) => i.number)).toEqual(["2026-27/000002"]);
  });

  it("credits an order whose returned goods came back, and flags none that shipped with their invoices", async () => {
    const { shopper } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const received = await legacyOrder(
      shopper.id,
      "2026-05-01T06:00:00.000Z",
      [lineOf(f, 10_000)],
      [
        ["shipped", "2026-05-02T06:00:00.000Z"],
        ["delivered", "2026-05-04T06:00:00.000Z"],
        ["return_requested", "2026-05-05T06:00:00.000Z"],
        ["refunded", "2026-05-06T06:00:00.000Z"],
        ["return_received", "2026-05-09T06:00:00.000Z"],
      ],
    );
    expect(await backfillInvoices(env.DB)).toMatchObject({ invoiced: 1, credited: 1, failed: 0, withoutInvoices: 0 });
    const docs = await documentsOf(received, shopper);
    expect(docs.items.map((i) => i.invoice_date)).toEqual(["2026-05-02"]);
    expect(docs.credit_notes.map((n) => [n.credit_note_date, n.reason])).toEqual([["2026-05-06", "return_accepted"]]);

    // Now invoiced and credited, the migration's rule no longer flags it, and nothing is left flagged.
    await env.DB.batch(FLAG_OWED.map((q) => env.DB.prepare(q)));
    const flagged = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE invoices_owed = 1").first<{ n: number }>();
    expect(flagged?.n).toBe(0);
  });

  it("reads only the orders still owed documents, not every order that ever shipped", async () => {
    const { shopper } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    for (let day = 1; day <= 30; day++) {
      const at = `2026-06-${String(day).padStart(2, "0")}T06:00:00.000Z`;
      await legacyOrder(shopper.id, at, [lineOf(f, 10_000)], [["shipped", at]]);
    }
    expect(await backfillInvoices(env.DB, 1000)).toMatchObject({ invoiced: 30, withoutInvoices: 0 });
    // Thirty shipped orders of the past, all invoiced: a minute's run with nothing owed reads next to nothing.
    const reads: number[] = [];
    const counted = countingReads(reads);
    expect(await backfillInvoices(counted)).toEqual({ invoiced: 0, credited: 0, failed: 0, withoutInvoices: 0, unregistered: 0 });
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(10);
  });

  it("issues a bounded batch per run, oldest orders first, and the minute cron runs it and logs what is left", async () => {
    const { shopper } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orders: string[] = [];
    for (const day of ["01", "02", "03"]) {
      orders.push(
        await legacyOrder(shopper.id, `2026-05-${day}T06:00:00.000Z`, [lineOf(f, 10_000)], [["shipped", `2026-05-${day}T09:00:00.000Z`]]),
      );
    }
    expect(await backfillInvoices(env.DB, 2)).toMatchObject({ invoiced: 2, withoutInvoices: 1 });
    const numbers = async () => Promise.all(orders.map(async (id) => (await documentsOf(id, shopper)).items.map((i) => i.number)));
    expect(await numbers()).toEqual([["2026-27/000001"], ["2026-27/000002"], []]);

    const logged = vi.spyOn(console, "log");
    const ctx = createExecutionContext();
    await runScheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await numbers()).toEqual([["2026-27/000001"], ["2026-27/000002"], ["2026-27/000003"]]);
    const line = logged.mock.calls.map(([m]) => String(m)).find((m) => m.includes('"job":"backfill-invoices"'));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ invoiced: 1, orders_without_invoices: 0, held_back_without_gstin: 0 });
  });
});
