import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveryDateLabel } from "../../workers/delivery/estimate";
import { readOrder } from "../../workers/orders/queries";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { seedOrder } from "../orders/seed";

interface Row {
  id: string;
  lead_title: string | null;
  lines: number;
  items: number;
  payment_method: string;
}

/** The text of one order's row in an ops list. */
function rowText(html: string, orderId: string): string {
  const start = html.indexOf(`<tr data-order-id="${orderId}">`);
  expect(start).toBeGreaterThan(-1);
  return readerText(html.slice(start, html.indexOf("</tr>", start)));
}

describe("a row of the ops queue", () => {
  it("says what the parcel holds, led by its costliest line, and how it is paid", async () => {
    const seller = newId("sel");
    const mixed = await seedOrder({
      status: "confirmed",
      at: "2031-05-01T10:00:00.000Z",
      confirmed: true,
      lines: [
        { sellerId: seller, title: "USB-C Cable (1 m)", qty: 3, unitPrice: 49900 },
        { sellerId: seller, title: "Zenbook 14 Laptop", unitPrice: 8999900 },
      ],
    });
    const cod = await seedOrder({
      status: "confirmed",
      at: "2031-05-01T10:00:01.000Z",
      confirmed: true,
      lines: [{ sellerId: seller, title: "Silicone Phone Case", unitPrice: 29900 }],
    });
    await env.DB.prepare("UPDATE orders SET payment_method = 'cod' WHERE id = ?").bind(cod).run();
    const ops = await createTestUser(["ops"]);

    const res = await api("/api/admin/orders?status=confirmed", { headers: ops.headers });
    const rows = ((await res.json()) as { items: Row[] }).items;
    expect(rows.find((r) => r.id === mixed)).toMatchObject({ lead_title: "Zenbook 14 Laptop", lines: 2, items: 4, payment_method: "upi" });
    expect(rows.find((r) => r.id === cod)).toMatchObject({ lead_title: "Silicone Phone Case", lines: 1, items: 1, payment_method: "cod" });

    const page = await (await api("/ops?status=confirmed", { headers: ops.headers })).text();
    expect(rowText(page, mixed)).toContain("Zenbook 14 Laptop and 1 more line");
    expect(rowText(page, mixed)).toContain("UPI");
    expect(rowText(page, cod)).toContain("Silicone Phone Case");
    expect(rowText(page, cod)).not.toContain("more line");
    expect(rowText(page, cod)).toContain("Cash on delivery");
  });

  it("says the day each order on its way is due by, and marks the late ones, as the shopper is told", async () => {
    const seller = newId("sel");
    const lines = [{ sellerId: seller, title: "Bru Instant Coffee (1 kg)", unitPrice: 69900 }];
    const late = await seedOrder({ status: "packed", at: new Date(Date.now() - 30 * 86_400_000).toISOString(), confirmed: true, lines });
    const fresh = await seedOrder({ status: "packed", at: new Date().toISOString(), confirmed: true, lines });
    const done = await seedOrder({ status: "delivered", at: new Date().toISOString(), confirmed: true, lines });
    const ops = await createTestUser(["ops"]);
    const listed = await api("/api/admin/orders?status=packed", { headers: ops.headers });
    const rows = ((await listed.json()) as { items: Array<Row & { delivery_by: string | null }> }).items;
    const page = await (await api("/ops?status=packed", { headers: ops.headers })).text();
    for (const [id, isLate] of [
      [late, true],
      [fresh, false],
    ] as const) {
      const own = (await readOrder(env.DB, id))?.order.delivery_by;
      expect(own).toBeTruthy();
      expect(rows.find((r) => r.id === id)?.delivery_by).toBe(own);
      const text = rowText(page, id);
      expect(text).toContain(deliveryDateLabel(own ?? ""));
      expect(text.includes("Late"), id).toBe(isLate);
    }
    // The order's own page says it beside its status.
    const own = await readOrder(env.DB, late);
    const opsPage = await (await api(`/ops/orders/${late}`, { headers: ops.headers })).text();
    expect(readerText(/<span data-due-by[^>]*>[\s\S]*?<\/span>\s*<\/span>/.exec(opsPage)?.[0] ?? "").trim()).toBe(
      `${deliveryDateLabel(own?.order.delivery_by ?? "")} Late`,
    );
    // A finished order is due by nothing: its list has no column for it.
    const finished = await (await api("/ops?status=delivered", { headers: ops.headers })).text();
    expect(rowText(finished, done)).not.toMatch(/Late|Due/);
    expect(finished).not.toContain("Due by");
  });
});
