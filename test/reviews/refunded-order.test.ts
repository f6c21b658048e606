import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { transitionOrder } from "../../workers/orders/transitions";
import type { OrderStatus } from "../../workers/orders/state-machine";
import type { MyReview, ReviewPage } from "../../workers/reviews/schemas";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { orderOf, productState, ratedProduct } from "./support";

const mine = (productId: string) => `/api/products/${productId}/reviews/mine`;

/** Moves an order along `steps`, as ops and the system would. */
async function moveOrder(orderId: string, steps: [OrderStatus, "ops" | "shopper" | "system"][]) {
  for (const [to, actor] of steps) await transitionOrder(env.DB, { orderId, to, actor, actorId: "test", reason: "test" });
}

describe("reviews of a product whose order was refunded", () => {
  it("still come from someone who received it when the refund followed delivery: verified, and theirs to edit", async () => {
    const f = await ratedProduct();
    const shopper = await createTestUser();
    const order = await orderOf(shopper, f, "shipped");
    await moveOrder(order, [["delivered", "ops"]]);
    const wrote = await api(mine(f.productId), { method: "PUT", headers: shopper.headers, body: { rating: 1, title: "Broke in a week" } });
    expect(wrote.status).toBe(200);

    // The shopper sends it back and is refunded.
    await moveOrder(order, [["refunded", "ops"]]);

    const page = (await (await api(`/api/products/${f.productId}/reviews`)).json()) as ReviewPage;
    expect(page.items).toMatchObject([{ title: "Broke in a week", verified_purchase: true }]);
    const status = (await (await api(mine(f.productId), { headers: shopper.headers })).json()) as MyReview;
    expect(status).toMatchObject({ can_review: true, why_not: null });
    const edited = await api(mine(f.productId), {
      method: "PUT",
      headers: shopper.headers,
      body: { rating: 1, title: "Broke in a week; refunded" },
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as MyReview).review).toMatchObject({ title: "Broke in a week; refunded", verified_purchase: true });
  });

  it("are refused when the order was cancelled before it shipped and then refunded", async () => {
    const f = await ratedProduct();
    const shopper = await createTestUser();
    const order = await orderOf(shopper, f, "confirmed");
    await moveOrder(order, [
      ["cancelled", "shopper"],
      ["refunded", "system"],
    ]);
    const before = await productState(f.productId);
    const res = await api(mine(f.productId), { method: "PUT", headers: shopper.headers, body: { rating: 5 } });
    expect(res.status).toBe(403);
    expect(await productState(f.productId)).toEqual(before);
  });

  it("come from someone who received it while their return waits on ops", async () => {
    const f = await ratedProduct();
    const shopper = await createTestUser();
    const order = await orderOf(shopper, f, "shipped");
    await moveOrder(order, [
      ["delivered", "ops"],
      ["return_requested", "shopper"],
    ]);
    const wrote = await api(mine(f.productId), { method: "PUT", headers: shopper.headers, body: { rating: 2, title: "Seams came apart" } });
    expect(wrote.status).toBe(200);
    expect(((await wrote.json()) as MyReview).review).toMatchObject({ verified_purchase: true });
  });
});
