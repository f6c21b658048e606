import "../../public/static/ops-bulk-moves.js";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { transitionOrder } from "../../workers/orders/transitions";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { orderTrail } from "../orders/returns-seed";
import { seedOrder } from "../orders/seed";

// What public/static/ops-bulk-moves.js publishes: what its link offers, apart from the page it wires.
const { offer } = (globalThis as unknown as { bazaarBulkMoves: { offer: (boxes: { checked: boolean }[]) => "all" | "clear" } })
  .bazaarBulkMoves;

let clock = Date.parse("2001-01-01T00:00:00Z");

/** Orders seeded long ago, so they head their queue's first page, oldest first. */
async function seeded(status: OrderStatus, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    clock += 1000;
    ids.push(await seedOrder({ status, at: new Date(clock).toISOString(), confirmed: true }));
  }
  return ids;
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** A row's checkbox as drawn: checked or not. */
function box(html: string, orderId: string): string | undefined {
  return [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`value="${orderId}"`));
}

async function opsSession() {
  return browserSession(await createTestUser(["ops"]));
}

describe("bulk moves on the ops console's queues", () => {
  it("draws a named checkbox per row, select-all and one bulk button on the confirmed, packed and shipped queues only", async () => {
    const [confirmed] = await seeded("confirmed", 1);
    const [packed] = await seeded("packed", 1);
    const [shipped] = await seeded("shipped", 1);
    const [delivered] = await seeded("delivered", 1);
    const { cookie } = await opsSession();

    const html = await page("/ops?status=confirmed", cookie);
    expect(html).toMatch(/<form id="bulk-move" method="post" action="\/ops\/orders\/transitions"/);
    expect(html).toContain('<button type="submit">Mark selected packed</button>');
    expect(html).toContain(
      '<a href="/ops?status=confirmed&amp;sort=oldest&amp;select=all" data-select-all="all">Select all on this page</a>',
    );
    const tag = box(html, confirmed!);
    expect(tag).toContain('name="order_ids"');
    expect(tag).toContain('form="bulk-move"');
    expect(tag).toContain(`aria-label="Select order ${confirmed}"`);
    expect(tag).not.toContain("checked");
    expect(html).toContain('<script src="/static/ops-bulk-moves.js"');
    // The row's own buttons are still there beside it.
    expect(html).toContain(`action="/ops/orders/${confirmed}/transitions"`);

    // Without scripts, selecting all draws the page again with every box ticked, and offers to clear them.
    const all = await page("/ops?status=confirmed&sort=oldest&select=all", cookie);
    expect(box(all, confirmed!)).toContain("checked");
    expect(all).toContain(">Clear the selection</a>");

    expect(await page("/ops?status=packed", cookie)).toContain(">Mark selected shipped</button>");
    expect(box(await page("/ops?status=packed", cookie), packed!)).toContain('name="order_ids"');
    expect(await page("/ops?status=shipped", cookie)).toContain(">Mark selected delivered</button>");
    expect(box(await page("/ops?status=shipped", cookie), shipped!)).toContain('name="order_ids"');
    const done = await page("/ops?status=delivered", cookie);
    expect(done).toContain(`data-order-id="${delivered}"`);
    expect(done).not.toContain('name="order_ids"');
    expect(done).not.toContain('id="bulk-move"');
  });

  it("packs the ticked orders and comes back to the queue saying what happened to each", async () => {
    const [a, b, movedOn] = await seeded("confirmed", 3);
    const [untouched] = await seeded("confirmed", 1);
    const { cookie } = await opsSession();
    const html = await page("/ops?status=confirmed", cookie);
    // Another operator ships one while this page is open.
    await transitionOrder(env.DB, { orderId: movedOn!, to: "packed", actor: "ops", actorId: "usr_other", reason: "packed" });
    await transitionOrder(env.DB, { orderId: movedOn!, to: "shipped", actor: "ops", actorId: "usr_other", reason: "shipped" });
    const unknown = newId("ord");

    const form = drawnForm(html, 'id="bulk-move"');
    expect(form.action).toBe("/ops/orders/transitions");
    const ticked = [a!, b!, movedOn!, unknown].map((id): [string, string] => ["order_ids", id]);
    const res = await postForm(form.action, [...Object.entries(form.fields), ...ticked], cookie);
    expect(res.status).toBe(303);
    const back = res.headers.get("location")!;
    expect(back).toMatch(/^\/ops\?status=confirmed&sort=oldest&bulk=packed&moved=2&/);

    const after = text(await page(back, cookie));
    expect(after).toContain(`2 orders marked packed. 1 had moved on already: ${movedOn} (shipped). 1 not found: ${unknown}.`);
    expect((await orderTrail(a!))?.status).toBe("packed");
    expect((await orderTrail(b!))?.status).toBe("packed");
    expect((await orderTrail(movedOn!))?.status).toBe("shipped");
    expect((await orderTrail(untouched!))?.status).toBe("confirmed");
  });

  it("draws nothing of its own from a crafted summary address", async () => {
    const { cookie } = await opsSession();
    const html = text(
      await page("/ops?status=confirmed&bulk=packed&moved=3&on=<b>zzhack</b>:shipped,ord_ok:nonsense&missing=evil%20words", cookie),
    );
    expect(html).toContain("3 orders marked packed.");
    expect(html).not.toContain("zzhack");
    expect(html).not.toContain("evil");
    expect(html).not.toContain("nonsense");
  });

  it("keeps each row's own button moving its one order", async () => {
    const [id] = await seeded("confirmed", 1);
    const { cookie } = await opsSession();
    const html = await page("/ops?status=confirmed", cookie);
    const row = drawnForm(html, `action="/ops/orders/${id}/transitions"`);
    expect(row.fields.to).toBe("packed");
    // The row's checkbox belongs to the bulk form, so the row's own form posts none of the ticked boxes.
    expect(box(html, id!)).toContain('form="bulk-move"');
    expect(row.fields.order_ids).toBeUndefined();
    const res = await postForm(row.action, Object.entries(row.fields), cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/ops?status=confirmed&sort=oldest&done=packed&order=${id}`);
    expect((await orderTrail(id!))?.status).toBe("packed");
  });

  it("says to tick orders first when none are, and changes nothing", async () => {
    const [id] = await seeded("confirmed", 1);
    const before = await orderTrail(id!);
    const { cookie } = await opsSession();
    const form = drawnForm(await page("/ops?status=confirmed", cookie), 'id="bulk-move"');
    const res = await postForm(form.action, Object.entries(form.fields), cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/role="alert">Tick the orders to move first\./);
    expect(await orderTrail(id!)).toEqual(before);
  });

  it("select-all's script offers to clear once every box is ticked, else to select all", () => {
    expect(offer([{ checked: true }, { checked: true }])).toBe("clear");
    expect(offer([{ checked: true }, { checked: false }])).toBe("all");
    expect(offer([])).toBe("all");
  });
});
