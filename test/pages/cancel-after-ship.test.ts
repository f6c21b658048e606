import { describe, expect, it } from "vitest";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { opsMove } from "../orders/returns-seed";

describe("cancelling an order that shipped while its page was open", () => {
  it("comes back to the order's page saying it shipped and can be returned once delivered, and changes nothing", async () => {
    const { user, orderId } = await confirmedOrder();
    const { cookie, csrf } = await browserSession(user);
    // The shopper's page still offers Cancel; meanwhile ops pack and ship the order.
    expect(await (await api(`/orders/${orderId}`, { headers: { cookie } })).text()).toContain("Cancel order");
    const ops = await createTestUser(["ops"]);
    expect((await opsMove(orderId, ops, { to: "packed" })).status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "shipped" })).status).toBe(200);

    const refused = await postForm(`/orders/${orderId}/cancel`, { _csrf: csrf }, cookie);
    expect(refused.status).toBe(303);
    const landing = refused.headers.get("location") ?? "";
    expect(landing).toBe(`/orders/${orderId}?cancel=refused`);
    const page = readerText(await (await api(landing, { headers: { cookie } })).text());
    expect(page).toContain(
      "This order has already shipped, so it can no longer be cancelled. Once it is delivered, you can return it from this page.",
    );
    expect(page).not.toContain("cannot become");
    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as { status: string };
    expect(order.status).toBe("shipped");

    // Asking to return it before it arrives says when it can be.
    const early = await api(`/api/orders/${orderId}/return`, {
      method: "POST",
      headers: user.headers,
      body: { reason: "no_longer_needed" },
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { detail: string }).detail).toBe(
      "This order is on its way: it can be returned once it is delivered. Nothing changed.",
    );
  });
});
