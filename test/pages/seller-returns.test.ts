import { describe, expect, it } from "vitest";
import { listingReturnsLine } from "../../workers/pages/consoles/seller-returns";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { mustMove, SHOPPER_NAME, twoSellerReturnRequested } from "../sellers/returned-order";

async function returnsPage(seller: TestUser, query = ""): Promise<{ status: number; html: string; text: string }> {
  const res = await api(`/seller/returns${query}`, { headers: seller.headers });
  const html = await res.text();
  return { status: res.status, html, text: readerText(html) };
}

describe("the seller console's Returns tab", () => {
  it("lists a return waiting for ops with the seller's own lines, the reason and the summary line, and nothing of the shopper", async () => {
    const { orderId, shopper, sellerA } = await twoSellerReturnRequested();
    const console = await api("/seller", { headers: sellerA.headers });
    expect(await console.text()).toContain('href="/seller/returns"');

    const { status, html, text } = await returnsPage(sellerA);
    expect(status).toBe(200);
    expect(text).toContain("Returns (1 waiting)");
    expect(text).toContain("1 return is waiting for ops' decision.");
    const summary = html.slice(html.indexOf("data-return-summary"));
    expect(readerText(summary.slice(0, summary.indexOf("</ul>")))).toContain(
      "Cotton Kurta : 1 of 1 sold came back in the last 30 days — 1 for size or fit",
    );
    const row = html.slice(html.indexOf(`data-order-id="${orderId}"`));
    const rowText = readerText(row.slice(0, row.indexOf("</tr>")));
    expect(rowText).toContain("1 × Cotton Kurta at ₹499");
    expect(rowText).toContain("Size or fit not right");
    expect(rowText).toContain("Too tight at the shoulders, call me on [contact removed]");
    expect(rowText).toContain("Waiting for ops");
    expect(text).not.toContain("Steam Iron");
    for (const trace of [SHOPPER_NAME, shopper.email, "Asha Rao", "12 MG Road", "9876543210", "98765 43210", "meera.iyer", "560001"])
      expect(html).not.toContain(trace);
  });

  it("shows units back on sale once sellable goods are received, and a declined return with ops' reason", async () => {
    const received = await twoSellerReturnRequested();
    await mustMove(received.orderId, received.ops, { to: "refunded" });
    await mustMove(received.orderId, received.ops, { to: "return_received", condition: "sellable" });
    const back = await returnsPage(received.sellerA, "?status=received");
    expect(back.text).toContain("1 unit of Cotton Kurta back on sale at Test WH");
    expect(back.text).toContain("₹499");
    expect(back.text).toContain("No return of yours is waiting for ops' decision.");

    const declined = await twoSellerReturnRequested();
    await mustMove(declined.orderId, declined.ops, { to: "delivered", reason: "Tags removed and the kurta was washed" });
    const page = await returnsPage(declined.sellerA, "?status=declined");
    expect(page.text).toContain("“Tags removed and the kurta was washed”");
    // A declined return did not come back.
    expect(page.text).toContain("Nothing you sold in the last 30 days came back.");
  });

  it("words a listing's summary line as a seller reads it", () => {
    const line = listingReturnsLine(
      {
        listing_id: "lst_shoe",
        title: "Running Shoe",
        sold: 12,
        returned: 4,
        reasons: [
          { reason: "wrong_item", units: 2 },
          { reason: "not_as_described", units: 1 },
          { reason: "no_longer_needed", units: 1 },
        ],
      },
      30,
    );
    expect(line).toBe(
      "4 of 12 sold came back in the last 30 days — 2 for the wrong item, 1 for not being as described, 1 no longer needed",
    );
  });

  it("sends guests to sign in and refuses shoppers", async () => {
    const guest = await api("/seller/returns");
    expect(guest.redirected).toBe(true);
    expect(guest.url).toBe("https://shop.test/signin?next=%2Fseller%2Freturns");
    expect((await returnsPage(await createTestUser())).status).toBe(403);
  });
});
