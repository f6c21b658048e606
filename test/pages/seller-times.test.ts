import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { istDateTime } from "../../workers/platform/time";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, readerText } from "../helpers/http";
import { orderDelivered, rate } from "../sellers/feedback-support";
import { returnsOf, twoSellerReturnRequested } from "../sellers/returned-order";

/** The words of one order's row on a seller console page. */
async function rowText(path: string, seller: TestUser, orderId: string): Promise<string> {
  const res = await api(path, { headers: seller.headers });
  expect(res.status).toBe(200);
  const html = await res.text();
  const at = html.indexOf(`data-order-id="${orderId}"`);
  expect(at).toBeGreaterThan(-1);
  const row = html.slice(at);
  return readerText(row.slice(0, row.indexOf("</tr>")));
}

describe("the seller console's times", () => {
  it("say IST on the orders list and the Returns tab, where a seller outside India reads them", async () => {
    const { orderId, sellerA } = await twoSellerReturnRequested();
    const placed = await env.DB.prepare("SELECT created_at FROM orders WHERE id = ?").bind(orderId).first<string>("created_at");
    expect(await rowText("/seller", sellerA, orderId)).toContain(`${istDateTime(placed!)} IST`);

    const asked = (await returnsOf(sellerA)).items.find((r) => r.order_id === orderId)!.requested_at;
    expect(await rowText("/seller/returns", sellerA, orderId)).toContain(`${istDateTime(asked)} IST`);
  });

  it("say IST on the Ratings tab", async () => {
    const f = await createListingFixture();
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const shopper = await createTestUser();
    const orderId = await orderDelivered(shopper.id, [{ sellerId: f.sellerId, listingId: f.listingId }]);
    expect((await rate(shopper, orderId, f.sellerId, { rating: 4, comment: "Packed well" })).status).toBe(200);
    const rated = await env.DB.prepare("SELECT updated_at FROM seller_feedback WHERE order_id = ?")
      .bind(orderId)
      .first<string>("updated_at");

    expect(await rowText("/seller/feedback", seller, orderId)).toContain(`${istDateTime(rated!)} IST`);
  });
});
