import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { opsMove, orderTrail } from "../orders/returns-seed";

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** A packed order, an ops user and their browser session on its ops page. */
async function packedOnOpsPage() {
  const placed = await confirmedOrder();
  const ops = await createTestUser(["ops"]);
  expect((await opsMove(placed.orderId, ops, { to: "packed" })).status).toBe(200);
  const session = await browserSession(ops);
  const path = `/ops/orders/${placed.orderId}`;
  return { ...placed, ops, session, path };
}

async function shipmentsOf(orderId: string) {
  const { results } = await env.DB.prepare("SELECT carrier, tracking_number FROM shipments WHERE order_id = ? ORDER BY id")
    .bind(orderId)
    .all<{ carrier: string; tracking_number: string }>();
  return results;
}

const shipForm = (html: string) => drawnForm(html, 'name="to" value="shipped"');
const shipmentForm = (html: string) => drawnForm(html, "data-shipment-form");

describe("the ops ship form takes the courier and tracking number", () => {
  it("ships with them from the order page, which then shows them and a form to correct them", async () => {
    const { orderId, session, path } = await packedOnOpsPage();
    const html = await page(path, session.cookie);
    const form = shipForm(html);
    expect(Object.keys(form.fields)).toEqual(expect.arrayContaining(["carrier", "carrier_name", "tracking_number"]));
    // A packed order has nothing shipped to correct yet.
    expect(html).not.toContain("data-shipment-form");

    const res = await postForm(form.action, { ...form.fields, carrier: "india_post", tracking_number: "ee123456789in" }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path}?done=shipped`);
    expect(await shipmentsOf(orderId)).toEqual([{ carrier: "india_post", tracking_number: "EE123456789IN" }]);

    const after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Shipped via India Post · AWB EE123456789IN · Track your package");
    // The correction form starts from what is set.
    const correct = shipmentForm(after);
    expect(correct.action).toBe(`/ops/orders/${orderId}/shipment`);
    expect(correct.fields).toMatchObject({ carrier: "india_post", tracking_number: "EE123456789IN", _csrf: session.csrf });
  });

  it("refuses a malformed number over the order page, saying the carrier's format, and ships nothing", async () => {
    const { orderId, session, path } = await packedOnOpsPage();
    const form = shipForm(await page(path, session.cookie));
    const trail = await orderTrail(orderId);
    const res = await postForm(form.action, { ...form.fields, carrier: "bluedart", tracking_number: "1234567890" }, session.cookie);
    expect(res.status).toBe(400);
    const refused = await res.text();
    expect(refused).toContain(`data-ops-order="${orderId}"`);
    expect(text(refused)).toContain("Blue Dart tracking numbers are 11 digits.");
    // Drawn again with the courier and number typed, to be put right.
    expect(shipForm(refused).fields).toMatchObject({ carrier: "bluedart", tracking_number: "1234567890" });
    expect(await orderTrail(orderId)).toEqual(trail);
    expect(await shipmentsOf(orderId)).toEqual([]);
  });

  it("refused from the packed list, names the order and keeps what was typed in its row only", async () => {
    const { orderId, session } = await packedOnOpsPage();
    const other = await packedOnOpsPage();
    const list = await page("/ops?status=packed&sort=newest", session.cookie);
    const rowOf = (html: string, id: string) => html.slice(html.indexOf(`<tr data-order-id="${id}"`));
    const form = shipForm(rowOf(list, orderId));
    const res = await postForm(form.action, { ...form.fields, carrier: "bluedart", tracking_number: "12345" }, session.cookie);
    expect(res.status).toBe(400);
    const refused = await res.text();
    expect(text(refused)).toContain(`Order ${orderId} was not moved: Blue Dart tracking numbers are 11 digits.`);
    expect(shipForm(rowOf(refused, orderId)).fields).toMatchObject({ carrier: "bluedart", tracking_number: "12345" });
    expect(shipForm(rowOf(refused, other.orderId)).fields).toMatchObject({ carrier: "", tracking_number: "" });
  });

  it("offers the courier fields beside Ship in the packed list too, and ships without them when left empty", async () => {
    const { orderId, session } = await packedOnOpsPage();
    const list = await page("/ops?status=packed&sort=newest", session.cookie);
    const row = list.slice(list.indexOf(`<tr data-order-id="${orderId}"`));
    const form = shipForm(row);
    expect(form.fields).toMatchObject({ to: "shipped", carrier: "", tracking_number: "" });
    const res = await postForm(form.action, form.fields, session.cookie);
    expect(res.status).toBe(303);
    expect((await orderTrail(orderId))?.status).toBe("shipped");
    expect(await shipmentsOf(orderId)).toEqual([]);
  });
});

describe("the ops order page's shipment form", () => {
  it("adds a shipment to an order shipped without one, then corrects it, listing the earlier one with who set it", async () => {
    const { orderId, ops, session, path } = await packedOnOpsPage();
    await env.DB.prepare("UPDATE users SET name = 'Asha Rao' WHERE id = ?").bind(ops.id).run();
    expect((await opsMove(orderId, ops, { to: "shipped" })).status).toBe(200);
    const html = await page(path, session.cookie);
    expect(text(html)).toContain("No courier or tracking number given yet.");

    const add = shipmentForm(html);
    let res = await postForm(add.action, { ...add.fields, carrier: "xpressbees", tracking_number: "141123456789012" }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path}?done=shipment`);
    let after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Shipment saved.");
    expect(text(after)).toContain("Shipped via Xpressbees · AWB 141123456789012");

    const correct = shipmentForm(after);
    res = await postForm(
      correct.action,
      { ...correct.fields, carrier: "other", carrier_name: "Gati", tracking_number: "GT99887766" },
      session.cookie,
    );
    expect(res.status).toBe(303);
    after = await page(res.headers.get("location")!, session.cookie);
    expect(text(after)).toContain("Shipped via Gati · AWB GT99887766");
    expect(after).toContain("data-shipment-trail");
    // Named as ops know the account, never by its id.
    expect(text(after)).toContain("Xpressbees · AWB 141123456789012 set by Asha Rao (ops)");
    const panel = after.slice(after.indexOf("data-shipment-panel"), after.indexOf("</section>", after.indexOf("data-shipment-panel")));
    expect(panel).not.toContain("usr_");
    expect(after).not.toContain(ops.id);
    // The API keeps the stored actor for the audit and names it beside.
    const body = (await (await api(`/api/admin/orders/${orderId}`, { headers: ops.headers })).json()) as {
      shipment_trail: Array<{ actor: string; actor_name: string | null }>;
    };
    expect(body.shipment_trail.map((t) => [t.actor, t.actor_name])).toEqual([
      [`ops:${ops.id}`, "Asha Rao"],
      [`ops:${ops.id}`, "Asha Rao"],
    ]);
    expect(await shipmentsOf(orderId)).toEqual([
      { carrier: "xpressbees", tracking_number: "141123456789012" },
      { carrier: "other", tracking_number: "GT99887766" },
    ]);
  });

  it("says why a correction is refused, keeps the shipment, and refuses a post without the CSRF token", async () => {
    const { orderId, ops, session, path } = await packedOnOpsPage();
    expect((await opsMove(orderId, ops, { to: "shipped" })).status).toBe(200);
    const form = shipmentForm(await page(path, session.cookie));

    const bad = await postForm(form.action, { ...form.fields, carrier: "ekart", tracking_number: "12345" }, session.cookie);
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(text(refused)).toContain("Not saved: Ekart tracking numbers are 4 letters and 10 digits, like FMPP0123456789.");
    // The form shows the correction typed, not the shipment as it stands, which the line above it still shows.
    expect(shipmentForm(refused).fields).toMatchObject({ carrier: "ekart", tracking_number: "12345" });

    const { _csrf: _token, ...withoutToken } = form.fields;
    const forged = await postForm(form.action, { ...withoutToken, carrier: "dtdc", tracking_number: "D12345678" }, session.cookie);
    expect(forged.status).toBe(403);
    expect(await shipmentsOf(orderId)).toEqual([]);
  });

  it("is not offered on an order that has not shipped, and its post there is refused", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const session = await browserSession(ops);
    const path = `/ops/orders/${orderId}`;
    expect(await page(path, session.cookie)).not.toContain("data-shipment-panel");
    const res = await postForm(
      `${path}/shipment`,
      { _csrf: session.csrf, carrier: "dtdc", carrier_name: "", tracking_number: "D12345678" },
      session.cookie,
    );
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain("has no shipment to set");
    expect(await shipmentsOf(orderId)).toEqual([]);
  });
});
