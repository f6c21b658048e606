import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { DEMO_SELLER_ID } from "../../scripts/catalog/generate.mjs";
import { demoOrderSummary, ensureDemoOrders } from "../../scripts/demo-orders.mjs";
import { shopperStatusLabel, statusLabel } from "../../workers/pages/format";
import { browserForFile, newShopper, registerShopper, signedInAt, signIn } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

/**
 * A shopper with no orders yet, as the demo shopper is on a fresh `npm run dev`. The journeys share
 * one storefront and the shopper journey orders as the demo shopper, so these get their own.
 */
function freshShopper(): Promise<{ email: string; password: string }> {
  return registerShopper(baseURL, "demo-orders", "Ananya Iyer");
}

async function opsToken(): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "ops@demo.test", password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe("the demo orders a fresh `npm run dev` places", () => {
  it("shows the shopper orders at every stage, ops a confirmed one to pack, the demo seller its orders, and places none on a restart", async () => {
    const shopper = await freshShopper();
    const made = await ensureDemoOrders(baseURL, { shopper });
    expect(made.map((o) => o.status)).toEqual(["return_requested", "delivered", "shipped", "packed", "confirmed", "confirmed"]);
    expect(made.map((o) => o.payment_method)).toContain("cod");
    expect(made.some((o) => o.items.length >= 2)).toBe(true);
    const sellers = made.filter((o) => o.items.some((i) => i.seller_id === DEMO_SELLER_ID));
    expect(sellers.length).toBeGreaterThan(0);

    // Shipping issued one invoice per seller of each order that left; the others have none yet.
    for (const o of made) {
      const shipped = ["shipped", "delivered", "return_requested"].includes(o.status);
      expect(o.invoices.length, o.status).toBe(shipped ? new Set(o.items.map((i) => i.seller_id)).size : 0);
    }
    const returned = made[0]!;
    expect(returned.return_request).toEqual({ reason: "size_fit", note: expect.any(String) });
    expect(returned.items).toHaveLength(1);
    const product = await (await fetch(`${baseURL}/api/products/${returned.items[0]!.product_id}`)).json();
    const { category } = product as { category: { slug: string; ancestors: { slug: string }[] } };
    expect(category.ancestors[0]?.slug ?? category.slug).toBe("fashion");

    // What `npm run dev` prints: each order's page, how far it got in words, what it holds and its invoices.
    const summary = demoOrderSummary(baseURL, made);
    expect(summary).toHaveLength(made.length);
    expect(summary[0]).toMatch(
      /\/orders\/\S+ {2}delivered, return requested \(size or fit not right\), UPI: 1 × .+; a tax invoice on its page$/,
    );
    expect(summary[1]).toMatch(/ {2}delivered, UPI: .+; (a tax invoice|\d tax invoices) on its page$/);
    expect(summary[2]).toMatch(/ {2}shipped, cash on delivery: .+; its shopper asked for help \(\S+\/ops\/help\)$/);
    expect(summary[5]).toMatch(/ {2}confirmed, UPI: [^;]+$/);
    for (const line of summary) expect(line).not.toContain("_requested");

    // A restarted `npm run dev` finds the shopper's orders and places none.
    await expect(ensureDemoOrders(baseURL, { shopper })).resolves.toEqual([]);

    // The shopper's orders, newest first, each in the shopper's words; the delivered one can be reviewed.
    const shopperCtx = await newShopper(browser(), baseURL);
    const page = await shopperCtx.newPage();
    await page.goto("/signin?next=/orders");
    await signIn(page, shopper.email, shopper.password);
    await page.waitForURL(/\/orders$/);
    await expect(page.locator(".order-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-order-id")))).resolves.toEqual(
      made.map((o) => o.id).reverse(),
    );
    for (const o of made) {
      await expect(page.locator(`[data-order-id="${o.id}"] .status`).textContent()).resolves.toBe(shopperStatusLabel(o.status));
    }
    // The returned one says so, with the shopper's reason and note; the delivered one can be reviewed.
    await page.goto(`/orders/${returned.id}`);
    await expect(page.locator("[data-order-status]").textContent()).resolves.toBe(shopperStatusLabel("return_requested"));
    await expect(page.getByText(returned.return_request?.note ?? "", { exact: false }).count()).resolves.toBeGreaterThan(0);
    await page.goto("/orders");
    const delivered = made.find((o) => o.status === "delivered");
    await page.locator(`[data-order-id="${delivered?.id}"]`).getByRole("link", { name: "Write a review" }).click();
    await page.waitForURL(/\/orders\/[^/#]+/);
    await page.locator("#review-items").getByRole("link", { name: "Write a review" }).first().click();
    await page.getByRole("button", { name: "Post your review" }).waitFor();
    await shopperCtx.close();

    // Ops finds the confirmed ones waiting to be packed, and the packed and shipped ones under their tabs.
    const { ctx: opsCtx, page: ops } = await signedInAt(browser(), baseURL, "ops@demo.test", "/ops");
    for (const o of made.filter((m) => m.status === "confirmed")) {
      await expect(ops.locator(`tr[data-order-id="${o.id}"]`).getByRole("button", { name: "Mark packed" }).count()).resolves.toBe(1);
    }
    // The returned one waits under Return requested, for ops to accept or decline.
    await ops.goto("/ops?status=return_requested");
    const returnRow = ops.locator(`tr[data-order-id="${returned.id}"]`);
    await expect(returnRow.getByRole("button", { name: "Accept and refund" }).count()).resolves.toBe(1);
    await expect(returnRow.getByRole("button", { name: "Decline" }).count()).resolves.toBe(1);
    for (const status of ["packed", "shipped"] as const) {
      await ops.goto(`/ops?status=${status}`);
      for (const o of made.filter((m) => m.status === status))
        await expect(ops.locator(`tr[data-order-id="${o.id}"]`).count()).resolves.toBe(1);
    }
    // The shipped one's shopper asked where it is: it waits in the help queue, with a form to answer.
    const asked = made.find((m) => m.help_request);
    expect(asked?.status).toBe("shipped");
    await ops.goto("/ops/help");
    const request = ops.locator("article[data-help-request]", { hasText: asked?.id ?? "" });
    await expect(request.getByText(asked?.help_request?.message ?? "", { exact: false }).count()).resolves.toBe(1);
    await expect(request.getByRole("button", { name: /^Send answer to / }).count()).resolves.toBe(1);
    await opsCtx.close();

    // The demo seller sees the orders holding its listings, with its own lines only.
    const { ctx: sellerCtx, page: seller } = await signedInAt(browser(), baseURL, "seller@demo.test", "/seller");
    for (const o of sellers) {
      const row = seller.locator(`[data-seller-orders] tr[data-order-id="${o.id}"]`);
      await expect(row.locator("td").nth(2).textContent()).resolves.toBe(statusLabel(o.status));
      await expect(row.locator("[data-listing-id]").count()).resolves.toBe(o.items.filter((i) => i.seller_id === DEMO_SELLER_ID).length);
    }
    await sellerCtx.close();

    // Placed the real way, every ledger still balances for what they sold.
    const token = await opsToken();
    for (const item of made.flatMap((o) => o.items)) {
      const audit = await fetch(`${baseURL}/api/admin/inventory/${item.listing_id}/audit`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await audit.json()) as { conserved: boolean }).conserved, item.listing_id).toBe(true);
    }
  });
});
