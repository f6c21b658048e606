import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { day, money } from "../../workers/pages/format";
import { releaseRefundLease, takeRefundLease } from "../../workers/payments/refund-lease";
import type { TestUser } from "../helpers/accounts";
import { createTestUser } from "../helpers/accounts";
import { api, readerText as text } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { documentsOf } from "../invoices/support";
import { ADDRESS, checkout, moneyOf, pay, shopperWithCart, stockedListing, waitForStatus } from "../checkout/support";
import type { Fixture } from "../helpers/catalog";
import { mustMove, returnsOf, twoSellerDelivered } from "../sellers/returned-order";
import { askReturn, askedBack, consumeEvents, daysAgo, linesOf, opsMove, orderTrail, seedDelivered, sentEmails } from "./returns-seed";

interface OrderBody {
  status: string;
  items: Array<{ listing_id: string; qty: number; return_qty: number | null }>;
  return_request: { units: number; of_units: number; refund_amount: number; outcome: string } | null;
  timeline: Array<{ from: string | null; to: string; reason: string }>;
}

interface ProblemBody {
  type: string;
  errors?: Array<{ path: string; message: string }>;
}

async function orderOf(orderId: string, user: TestUser): Promise<OrderBody> {
  const res = await api(`/api/orders/${orderId}`, { headers: user.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as OrderBody;
}

/** The order as the seller's own order list gives it: its status for the seller's part, and its credit note. */
async function sellerOrderOf(orderId: string, seller: TestUser) {
  const res = await api(`/api/seller/orders?order=${orderId}`, { headers: seller.headers });
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: Array<{ status: string; credit_note: { number: string; amount: number } | null }> };
  expect(items).toHaveLength(1);
  return items[0]!;
}

async function linesOfOrder(orderId: string) {
  const { results } = await env.DB.prepare("SELECT title FROM order_items WHERE order_id = ?").bind(orderId).all<{ title: string }>();
  return results;
}

async function audit(listingId: string, ops: TestUser) {
  const res = await api(`/api/admin/inventory/${listingId}/audit`, { headers: ops.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { conserved: boolean; journal_agrees: boolean; sold: number; returned: number; available: number };
}

async function summaryOf(seller: TestUser) {
  const res = await api("/api/seller/returns/summary", { headers: seller.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { awaiting_decision: number; listings: Array<{ listing_id: string; sold: number; returned: number }> };
}

/** The order's return journal rows, by listing. */
async function returnJournal(orderId: string) {
  const { results } = await env.DB.prepare(
    "SELECT sku_id, d_available, d_returned FROM inventory_journal WHERE kind = 'return' AND ref LIKE ? ORDER BY sku_id",
  )
    .bind(`${orderId}:return:%`)
    .all<{ sku_id: string; d_available: number; d_returned: number }>();
  return results;
}

/**
 * A checked-out, paid order of one line per entry of `lines` ([price in paise, units]), each listing
 * its own seller's with 10 units in its warehouse before the order, delivered by ops: stock, journal,
 * money and invoices all as the real flow leaves them.
 */
async function deliveredOrderOf(lines: Array<[number, number]>) {
  const listings = await Promise.all(lines.map(([price]) => stockedListing(10, price)));
  const shopper = await shopperWithCart(listings.map((f, i) => [f.listingId, lines[i]![1]]));
  const res = await checkout(shopper, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi" });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { order_id: string; payment: { redirect_url: string | null } };
  if (body.payment.redirect_url) await pay(body.payment.redirect_url);
  await waitForStatus(body.order_id, ["confirmed"]);
  for (let i = 0; i < 100 && (await moneyOf(body.order_id))?.status !== "captured"; i++) await scheduler.wait(50);
  const ops = await createTestUser(["ops"]);
  for (const to of ["packed", "shipped", "delivered"]) await mustMove(body.order_id, ops, { to });
  const sellers = await Promise.all(listings.map((f) => createTestUser(["seller"], { sellerId: f.sellerId })));
  return { orderId: body.order_id, shopper, ops, listings, sellers, invoices: (await documentsOf(body.order_id, shopper)).items };
}

describe("returning some lines of an order", () => {
  it("refunds, credits, restocks and shows only the one line of two sent back", async () => {
    // A ₹1,299 phone of seller A and a ₹499 case of seller B, paid and delivered.
    const { orderId, shopper, ops, listings, sellers, invoices } = await deliveredOrderOf([
      [129_900, 1],
      [49_900, 1],
    ]);
    const [b, a] = listings as [Fixture, Fixture];
    const [sellerB, sellerA] = sellers as [TestUser, TestUser];
    const invoiceA = invoices.find((i) => i.seller.id === a.sellerId)!;
    const asked = await askReturn(orderId, shopper, { reason: "size_fit", items: [{ listing_id: a.listingId, quantity: 1 }] });
    expect(asked.status).toBe(200);
    const view = (await asked.json()) as OrderBody;
    expect(view.status).toBe("return_requested");
    expect(Object.fromEntries(view.items.map((i) => [i.listing_id, i.return_qty]))).toEqual({ [a.listingId]: 1, [b.listingId]: null });
    expect(view.return_request).toMatchObject({ units: 1, of_units: 2, refund_amount: 49_900, outcome: "pending" });

    // Only the seller whose line is going back has a return waiting, and sees it in its order list;
    // the other seller's part of the order stands as delivered.
    expect((await sellerOrderOf(orderId, sellerA)).status).toBe("return_requested");
    expect((await sellerOrderOf(orderId, sellerB)).status).toBe("delivered");
    expect((await summaryOf(sellerA)).awaiting_decision).toBe(1);
    expect((await summaryOf(sellerB)).awaiting_decision).toBe(0);
    expect((await returnsOf(sellerB)).items).toEqual([]);

    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    // A retried accept gives nothing back twice.
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 179_800, refunded: 49_900, providerRefunded: 49_900 });
    expect(invoices).toHaveLength(2);

    const accepted = await orderOf(orderId, shopper);
    expect(accepted.timeline.at(-1)).toMatchObject({
      from: "return_requested",
      to: "refunded",
      reason: `Return of 1 of 2 items: ${money(49_900)} refunded`,
    });
    const page = text(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text());
    expect(page).toContain(`Your return was accepted. Return of 1 of 2 items: ${money(49_900)} refunded.`);

    // Seller A's invoice is cancelled by a credit note for the kurta; seller B, whose iron stays sold, gets none.
    const { credit_notes: notes } = await documentsOf(orderId, shopper);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      seller: { id: a.sellerId },
      reason: "part_return_accepted",
      lines: invoiceA.lines,
      totals: invoiceA.totals,
    });
    expect(notes[0]?.totals.amount).toBe(49_900);

    // The two lines' titles as bought told apart, so the messages show which one they name.
    await env.DB.prepare("UPDATE order_items SET title = 'Rugged Armor case' WHERE order_id = ? AND listing_id = ?")
      .bind(orderId, a.listingId)
      .run();
    await consumeEvents(orderId);
    const sent = await sentEmails(orderId);
    // A message about the return names the line sent back, not the order's costliest line.
    expect(sent.find((n) => n.kind === "return_accepted")).toMatchObject({
      subject: `Return accepted: refund of ${money(49_900)} started for Rugged Armor case`,
      body: expect.stringContaining(
        `We accepted your return of Rugged Armor case and started a refund of ${money(49_900)} to the way you paid`,
      ),
    });
    expect(sent.find((n) => n.kind === "return_requested")?.subject).toBe("Return requested: Rugged Armor case");

    const opsPage = text(await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text());
    expect(opsPage).toContain("Return of 1 of 2 items");

    // The kurta comes back on sale; the iron, which the shopper kept, stays sold.
    await mustMove(orderId, ops, { to: "return_received", condition: "sellable" });
    expect(await inventoryRows(a.listingId)).toEqual([expect.objectContaining({ available: 10, sold: 1 })]);
    expect(await inventoryRows(b.listingId)).toEqual([expect.objectContaining({ available: 9, sold: 1 })]);
    expect(await returnJournal(orderId)).toEqual([{ sku_id: a.listingId, d_available: 1, d_returned: 1 }]);
    expect(await audit(a.listingId, ops)).toMatchObject({ conserved: true, journal_agrees: true, sold: 1, returned: 1 });
    expect(await audit(b.listingId, ops)).toMatchObject({ conserved: true, journal_agrees: true, sold: 1, returned: 0 });
    expect((await orderOf(orderId, shopper)).timeline.at(-1)?.reason).toBe("Return received in sellable condition: 1 unit back on sale");

    const [mine] = (await returnsOf(sellerA)).items;
    expect(mine).toMatchObject({ status: "received", subtotal: 49_900, refunded: 49_900 });
    expect(mine?.items).toEqual([
      expect.objectContaining({
        listing_id: a.listingId,
        qty: 1,
        return_qty: 1,
        amount: 49_900,
        back_on_sale: expect.objectContaining({ units: 1 }),
      }),
    ]);
    expect((await returnsOf(sellerB)).items).toEqual([]);
    expect((await summaryOf(sellerB)).listings).toEqual([]);
    expect(await sellerOrderOf(orderId, sellerA)).toMatchObject({ status: "return_received", credit_note: { amount: 49_900 } });
    expect(await sellerOrderOf(orderId, sellerB)).toMatchObject({ status: "delivered", credit_note: null });
    const consoleB = text(await (await api(`/seller?order=${orderId}`, { headers: sellerB.headers })).text());
    expect(consoleB).toContain("Delivered");
    expect(consoleB).not.toMatch(/Return received|Refunded/);
  });

  it("names each line going back in part in the shopper's return messages, mail and SMS alike", async () => {
    const { orderId, shopper, ops, listings } = await deliveredOrderOf([
      [99_999, 3],
      [49_900, 2],
    ]);
    const [kettle, mug] = listings as [Fixture, Fixture];
    const asked = await askReturn(orderId, shopper, {
      reason: "damaged",
      items: [
        { listing_id: kettle.listingId, quantity: 2 },
        { listing_id: mug.listingId, quantity: 1 },
      ],
    });
    expect(asked.status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    await consumeEvents(orderId);

    const titleOf = async (listingId: string) =>
      (await env.DB.prepare("SELECT title FROM order_items WHERE order_id = ? AND listing_id = ?")
        .bind(orderId, listingId)
        .first<{ title: string }>())!.title;
    const both = `2 of 3 × ${await titleOf(kettle.listingId)} and 1 of 2 × ${await titleOf(mug.listingId)}`;
    const { results: told } = await env.DB.prepare(
      "SELECT channel, kind, subject, body FROM notifications WHERE order_id = ? AND kind IN ('return_requested', 'return_accepted') ORDER BY kind, channel",
    )
      .bind(orderId)
      .all<{ channel: string; kind: string; subject: string; body: string }>();
    expect(told.map((n) => [n.kind, n.channel])).toEqual([
      ["return_accepted", "email"],
      ["return_accepted", "sms"],
      ["return_requested", "email"],
      ["return_requested", "sms"],
    ]);
    for (const n of told) {
      if (n.kind === "return_requested") expect(n.body).toContain(`We have your request to return ${both}.`);
      else expect(n.body).toContain(`We accepted your return of ${both} and started a refund of`);
      // The subject, an SMS's length, still names the costliest line and counts the other.
      expect(n.subject).toMatch(/2 of 3 × .+ and 1 more item$/);
    }
  });

  it("takes 2 of a line's 3 units back: refund, credit note, restock and seller figures count those 2 only", async () => {
    const { orderId, shopper, ops, listings, sellers } = await deliveredOrderOf([[99_999, 3]]);
    const f = listings[0]!;
    const seller = sellers[0]!;
    expect((await askReturn(orderId, shopper, { reason: "damaged", items: [{ listing_id: f.listingId, quantity: 2 }] })).status).toBe(200);
    expect((await orderOf(orderId, shopper)).return_request).toMatchObject({ units: 2, of_units: 3, refund_amount: 199_998 });
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 199_998, providerRefunded: 199_998 });

    // The shopper's mails say the return took 2 of the 3, not the line as bought.
    await consumeEvents(orderId);
    const sent = await sentEmails(orderId);
    const title = (await linesOfOrder(orderId))[0]!.title;
    expect(sent.find((n) => n.kind === "return_requested")).toMatchObject({
      subject: `Return requested: 2 of 3 × ${title}`,
      body: expect.stringContaining(`We have your request to return 2 of 3 × ${title}.`),
    });
    expect(sent.find((n) => n.kind === "return_accepted")).toMatchObject({
      subject: `Return accepted: refund of ${money(199_998)} started for 2 of 3 × ${title}`,
      body: expect.stringContaining(`We accepted your return of 2 of 3 × ${title} and started a refund of ${money(199_998)}`),
    });

    const { items: invoices, credit_notes: notes } = await documentsOf(orderId, shopper);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.reason).toBe("part_return_accepted");
    expect(note.number).toBe(`CN${note.financial_year.slice(2)}/000001`);
    const rate = invoices[0]!.lines[0]!.rate;
    expect(note.lines).toEqual([
      expect.objectContaining({ listing_id: f.listingId, qty: 2, unit_price: 99_999, rate, cgst: 0, sgst: 0, amount: 199_998 }),
    ]);
    const [l] = note.lines;
    // Taxed from Maharashtra into Karnataka at the invoice's rate, and to the paisa what the two units refunded.
    expect(l!.igst).toBeGreaterThan(0);
    expect(l!.igst + l!.taxable_value).toBe(199_998);
    expect(note.totals).toEqual({ taxable_value: l!.taxable_value, cgst: 0, sgst: 0, igst: l!.igst, tax: l!.igst, amount: 199_998 });
    expect(invoices[0]?.totals.amount).toBe(299_997);
    const printed = text(await (await api(`/orders/${orderId}/credit-notes/${note.id}`, { headers: shopper.headers })).text());
    expect(printed).toContain(`This credit note cancels the goods of invoice ${invoices[0]?.number} that came back, listed below.`);

    // The invoice still stands for the unit kept: its page, the order's and the seller's say it is partly credited, not cancelled.
    const invoicePage = text(await (await api(`/orders/${orderId}/invoices/${invoices[0]?.id}`, { headers: shopper.headers })).text());
    expect(invoicePage).toContain(`Partly credited by credit note ${note.number} dated ${day(note.credit_note_date)}`);
    expect(invoicePage).toContain(`${money(199_998)} of ${money(299_997)}. The rest of this invoice stands.`);
    expect(invoicePage).not.toContain("Cancelled by");
    const orderPage = text(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text());
    expect(orderPage).toContain(`partly credited (${money(199_998)} of ${money(299_997)}) by Credit note ${note.number}`);
    const sellerCopy = (await (await api(`/api/seller/invoices/${invoices[0]?.id}`, { headers: seller.headers })).json()) as {
      credit_notes: unknown[];
    };
    expect(sellerCopy.credit_notes).toEqual([
      { id: note.id, number: note.number, credit_note_date: note.credit_note_date, amount: 199_998 },
    ]);
    expect((await sellerOrderOf(orderId, seller)).credit_note).toEqual({ id: note.id, number: note.number, amount: 199_998 });

    expect((await summaryOf(seller)).listings).toEqual([expect.objectContaining({ listing_id: f.listingId, sold: 3, returned: 2 })]);

    await mustMove(orderId, ops, { to: "return_received", condition: "sellable" });
    expect(await inventoryRows(f.listingId)).toEqual([expect.objectContaining({ available: 9, sold: 3 })]);
    expect(await audit(f.listingId, ops)).toMatchObject({ conserved: true, journal_agrees: true, sold: 3, returned: 2, available: 9 });
    // The unit kept cannot be sent back by a second return, and the refusal does not call the order refunded in full.
    const second = await askReturn(orderId, shopper, { reason: "damaged", items: [{ listing_id: f.listingId, quantity: 1 }] });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { detail: string }).detail).toMatch(
      /^Your return of 2 of this order's 3 items \(asked for on \d+ \w+ \d{4}\) was accepted, and an order is returned once, so this request was not added\. Nothing changed\.$/,
    );
    expect((await returnsOf(seller)).items[0]?.items).toEqual([
      expect.objectContaining({ qty: 3, return_qty: 2, amount: 199_998, back_on_sale: expect.objectContaining({ units: 2 }) }),
    ]);
    // The seller's Returns page gives the unit's price as each, and what the two came to.
    const returnsPage = text(await (await api("/seller/returns", { headers: seller.headers })).text());
    expect(returnsPage).toMatch(/2 of 3 × .+ at ₹999\.99 each, ₹1,999\.98/);
  });

  it("returns the whole order when no lines are named, refunding and crediting everything as before", async () => {
    const { orderId, shopper, ops, a, b, invoiceA, invoiceB } = await twoSellerDelivered();
    expect((await askReturn(orderId, shopper, { reason: "no_longer_needed" })).status).toBe(200);
    expect(await askedBack(orderId)).toEqual({
      [a.listingId]: { qty: 1, return_qty: 1, asked: true },
      [b.listingId]: { qty: 1, return_qty: 1, asked: true },
    });
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 179_800, providerRefunded: 179_800 });
    expect((await orderOf(orderId, shopper)).timeline.at(-1)?.reason).toBe(`Return of the whole order: ${money(179_800)} refunded`);
    const notes = (await documentsOf(orderId, shopper)).credit_notes;
    expect(notes).toHaveLength(2);
    for (const invoice of [invoiceA, invoiceB]) {
      expect(notes.find((n) => n.invoice.id === invoice.id)).toMatchObject({
        reason: "return_accepted",
        lines: invoice.lines,
        totals: invoice.totals,
      });
    }
  });

  it("refuses a bad list of lines with 400 naming the entry, and writes nothing", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(1), [
      ["fashion", "Cotton Kurta", 2],
      ["electronics", "Earbuds"],
      ["grocery", "Basmati Rice 5 kg"],
    ]);
    const other = await seedDelivered(user.id, daysAgo(1), [["fashion", "Linen Shirt"]]);
    const lines = await linesOf(orderId);
    const kurta = lines["Cotton Kurta"]!;
    const shirt = (await linesOf(other))["Linen Shirt"]!;
    const trail = await orderTrail(orderId);
    const untouched = await askedBack(orderId);
    const cases: Array<[unknown, string, string?]> = [
      [[{ listing_id: "lst_nope", quantity: 1 }], "items.0.listing_id", "Not a line of this order"],
      [
        [
          { listing_id: kurta, quantity: 1 },
          { listing_id: shirt, quantity: 1 },
        ],
        "items.1.listing_id",
        "Not a line of this order",
      ],
      [[{ listing_id: kurta, quantity: 3 }], "items.0.quantity", "Only 2 of Cotton Kurta were bought"],
      [
        [
          { listing_id: kurta, quantity: 1 },
          { listing_id: kurta, quantity: 1 },
        ],
        "items.1.listing_id",
        "This line is named twice",
      ],
      [[{ listing_id: lines["Basmati Rice 5 kg"], quantity: 1 }], "items.0.listing_id", "Basmati Rice 5 kg can't be returned"],
      [[{ listing_id: kurta, quantity: 0 }], "items.0.quantity"],
      [[], "items"],
    ];
    for (const [items, path, message] of cases) {
      const res = await askReturn(orderId, user, { reason: "damaged", items });
      expect(res.status, JSON.stringify(items)).toBe(400);
      const problem = (await res.json()) as ProblemBody;
      expect(problem.type).toBe("/problems/validation-failed");
      expect(problem.errors).toEqual([message ? { path, message } : expect.objectContaining({ path })]);
      expect(await orderTrail(orderId)).toEqual(trail);
      expect(await askedBack(orderId)).toEqual(untouched);
    }
    // The same order asks for one of its two kurtas and the earbuds once the list is right.
    const ok = await askReturn(orderId, user, {
      reason: "damaged",
      items: [
        { listing_id: kurta, quantity: 1 },
        { listing_id: lines.Earbuds, quantity: 1 },
      ],
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()) as OrderBody).toMatchObject({ return_request: { units: 2, of_units: 4 } });
  });

  it("keeps the first return, refusing in words one sent again naming other lines, and when two are sent at once", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(1), [
      ["fashion", "Cotton Kurta"],
      ["electronics", "Earbuds"],
    ]);
    const lines = await linesOf(orderId);
    const kurta = lines["Cotton Kurta"]!;
    const earbuds = lines.Earbuds!;
    expect((await askReturn(orderId, user, { reason: "size_fit", items: [{ listing_id: kurta, quantity: 1 }] })).status).toBe(200);
    const trail = await orderTrail(orderId);
    const stamped = await askedBack(orderId);
    const again = await askReturn(orderId, user, { reason: "damaged", items: [{ listing_id: earbuds, quantity: 1 }] });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain("and an order is returned once, so this request was not added");
    // The same ask sent again is a double-submit, answered as done.
    expect((await askReturn(orderId, user, { reason: "size_fit", items: [{ listing_id: kurta, quantity: 1 }] })).status).toBe(200);
    expect(await orderTrail(orderId)).toEqual(trail);
    expect(await askedBack(orderId)).toEqual(stamped);
    expect(stamped[earbuds]).toEqual({ qty: 1, return_qty: null, asked: false });

    // Two different asks at once: one return is made, and only its lines are stamped.
    const raced = await seedDelivered(user.id, daysAgo(1), [
      ["fashion", "Cotton Kurta"],
      ["electronics", "Earbuds"],
    ]);
    const racedLines = await linesOf(raced);
    const answers = await Promise.all(
      [racedLines["Cotton Kurta"]!, racedLines.Earbuds!].map((listing_id) =>
        askReturn(raced, user, { reason: "damaged", items: [{ listing_id, quantity: 1 }] }),
      ),
    );
    // The one that reads the order after the other's return is refused; one that read it before finds it done.
    expect(answers.map((r) => r.status)).toContain(200);
    for (const r of answers) expect([200, 409]).toContain(r.status);
    const after = Object.values(await askedBack(raced));
    expect(after.filter((l) => l.asked)).toHaveLength(1);
    expect((await orderTrail(raced))?.transitions).toBe(4);
  });

  it("refuses to accept a return while another refund of the order is with the provider, and refunds once after", async () => {
    const { orderId, shopper, ops, listings } = await deliveredOrderOf([
      [129_900, 1],
      [49_900, 1],
    ]);
    const phone = { listing_id: listings[0]!.listingId, quantity: 1 };
    expect((await askReturn(orderId, shopper, { reason: "damaged", items: [phone] })).status).toBe(200);
    // Another accept of the same return is with the provider: it leased the payment and has not finished.
    const payment = await env.DB.prepare("SELECT id FROM payments WHERE order_id = ?").bind(orderId).first<{ id: string }>();
    const other = await takeRefundLease(env.DB, payment!.id);
    if (!("lease" in other)) throw new Error("the payment was leased already");

    const refused = await opsMove(orderId, ops, { to: "refunded" });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    const problem = (await refused.json()) as { detail: string; refund_under_way_until: string };
    expect(problem.detail).toContain("Another refund of this order is with the payment provider right now");
    expect(problem.refund_under_way_until).toBe(other.lease.until);
    expect((await orderOf(orderId, shopper)).status).toBe("return_requested");
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0, providerRefunded: 0 });

    // The other refund finished (here, without reaching the provider): the accept goes through, once.
    await releaseRefundLease(env.DB, payment!.id, other.lease);
    expect((await opsMove(orderId, ops, { to: "refunded" })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 129_900, providerRefunded: 129_900 });
    expect(await env.DB.prepare("SELECT refund_lease FROM payments WHERE id = ?").bind(payment!.id).first("refund_lease")).toBeNull();
  });
});
