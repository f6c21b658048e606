import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { transitionOrder } from "../../workers/orders/transitions";
import { confirmedOrder, moneyOf } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { askReturn, deliveredPaidOrder, opsMove, orderTrail } from "./returns-seed";

/** The refunds the payment provider was asked for on the order's payment. */
async function refundsAsked(orderId: string): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT COUNT(*) AS n FROM psp_operations WHERE op LIKE '%refund%'
       AND ref = (SELECT provider_ref FROM payments WHERE order_id = ?)`,
  )
    .bind(orderId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("an ops move sent with the status it was chosen from", () => {
  it("refuses to accept a return another operator declined meanwhile, and no money moves", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user)).status).toBe(200);
    const other = await createTestUser(["ops"]);
    expect((await opsMove(orderId, other, { to: "delivered", reason: "Worn", from: "return_requested" })).status).toBe(200);
    const trail = await orderTrail(orderId);

    const res = await opsMove(orderId, ops, { to: "refunded", from: "return_requested" });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { detail: string; current_status: string };
    expect(problem.detail).toContain("This order is no longer return requested: it is delivered now.");
    expect(problem.current_status).toBe("delivered");
    expect(await orderTrail(orderId)).toEqual(trail);
    expect((await moneyOf(orderId))?.refunded).toBe(0);
    expect(await refundsAsked(orderId)).toBe(0);
  });

  it("refuses a cancel chosen for a confirmed order that is packed now", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    expect((await opsMove(orderId, ops, { to: "packed" })).status).toBe(200);
    const trail = await orderTrail(orderId);

    const res = await opsMove(orderId, ops, { to: "cancelled", from: "confirmed" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { current_status: string }).current_status).toBe("packed");
    expect(await orderTrail(orderId)).toEqual(trail);
  });

  it("makes the move when the order is still where it was seen, and without `from` as before", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    expect((await opsMove(orderId, ops, { to: "packed", from: "confirmed" })).status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "shipped" })).status).toBe(200);
    expect((await orderTrail(orderId))?.status).toBe("shipped");
  });

  it("answers a double-clicked or retried form as done, and moves nothing twice", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user)).status).toBe(200);
    expect((await opsMove(orderId, ops, { to: "refunded", from: "return_requested" })).status).toBe(200);
    const trail = await orderTrail(orderId);
    const refunds = await refundsAsked(orderId);
    expect((await opsMove(orderId, ops, { to: "refunded", from: "return_requested" })).status).toBe(200);
    expect(await orderTrail(orderId)).toEqual(trail);
    expect(await refundsAsked(orderId)).toBe(refunds);
  });

  it("holds the seen status in the write: a move whose read is overtaken is refused, not made from the new status", async () => {
    const { orderId } = await confirmedOrder();
    // The order moves on between the move's read and its write: the first batch finds it packed.
    let overtaken = false;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (!overtaken) {
              overtaken = true;
              await env.DB.prepare("UPDATE orders SET status = 'packed' WHERE id = ?").bind(orderId).run();
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await expect(
      transitionOrder(db, { orderId, to: "cancelled", actor: "ops", actorId: "ops-1", reason: "test", expected: "confirmed" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await orderTrail(orderId))?.status).toBe("packed");
  });
});
