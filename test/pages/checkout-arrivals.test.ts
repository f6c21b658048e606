import { describe, expect, it } from "vitest";
import { deliveryDateLabel, estimateDelivery } from "../../workers/delivery/estimate";
import { stockedListing } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { seedOrder } from "../orders/seed";
import { ASHA_ADDRESS } from "../helpers/addresses";

/** "Arrives by …" for a line sent now from the fixtures' Pune warehouse (placed at 411001) to `pincode`. */
const arrivesBy = (pincode: string) =>
  `Arrives by ${deliveryDateLabel(estimateDelivery("411001", pincode, new Date()).latest)} (from Pune)`;

/** A signed-in browser whose cart holds one line of a stocked listing and one of a listing sold out. */
async function shopperWithLines(saved?: Record<string, string>) {
  const user = await createTestUser();
  const stocked = await stockedListing(10);
  const soldOut = await stockedListing(0);
  for (const f of [stocked, soldOut]) {
    const put = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    expect(put.status).toBe(200);
  }
  if (saved) await seedOrder({ userId: user.id, status: "delivered", at: "2025-04-01T10:00:00.000Z", address: saved });
  return { user, ...(await browserSession(user)) };
}

describe("checkout's arrival dates", () => {
  it("says when each line arrives at the saved address's PIN code", async () => {
    const { cookie } = await shopperWithLines(ASHA_ADDRESS);
    const html = await (await api("/checkout", { headers: { cookie } })).text();
    expect(html).toContain(arrivesBy("560001"));
    expect(html).toContain("No warehouse has this to send to 560001 right now.");
  });

  it("says nothing of arrival before there is a PIN code, and says it once the form comes back with one", async () => {
    const { cookie, csrf } = await shopperWithLines();
    const fresh = await (await api("/checkout", { headers: { cookie } })).text();
    expect(fresh).not.toContain("Arrives by");
    // Sent back for a missing name, the form keeps the PIN code, and the lines say when they arrive there.
    const again = await postForm("/checkout", checkoutFields(csrf, { name: "", pincode: "411014" }), cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(arrivesBy("411014"));
  });
});
