import { createTestUser, type TestUser } from "../helpers/accounts";
import { invoicesOf, lineOf, move, packedOrder, shopperAndOps, taxedListing } from "./support";

/**
 * A shipped order holding two sellers' listings, with each seller's invoice and a seller account
 * for each: for what one seller may see of an order it shares with another.
 */
export async function twoSellerShippedOrder() {
  const { shopper, ops } = await shopperAndOps();
  const a = await taxedListing({ stateCode: "29", name: "Lotus Textiles", title: "Cotton Kurta" });
  const b = await taxedListing({ stateCode: "27", name: "Deccan Electricals", title: "Steam Iron" });
  const orderId = await packedOrder(shopper.id, [lineOf(a, 49_900, 1, "Cotton Kurta"), lineOf(b, 129_900, 1, "Steam Iron")]);
  const shipped = await move(orderId, "shipped", ops);
  if (shipped.status !== 200) throw new Error(`shipping: ${shipped.status} ${await shipped.text()}`);
  const invoices = await invoicesOf(orderId, shopper);
  const invoiceOf = (sellerId: string) => {
    const found = invoices.find((i) => i.seller.id === sellerId);
    if (!found) throw new Error(`no invoice of ${sellerId}`);
    return found;
  };
  const sellerA: TestUser = await createTestUser(["seller"], { sellerId: a.sellerId });
  const sellerB: TestUser = await createTestUser(["seller"], { sellerId: b.sellerId });
  return { shopper, ops, orderId, a, b, sellerA, sellerB, invoiceA: invoiceOf(a.sellerId), invoiceB: invoiceOf(b.sellerId) };
}
