import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, ORIGIN } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

/** The href of the link whose text is `label`, unescaped; null when the page has none. */
function linkTo(html: string, label: string): string | null {
  const m = new RegExp(`<a href="([^"]+)"[^>]*>${label}</a>`).exec(html);
  return m ? m[1]!.replaceAll("&amp;", "&") : null;
}

function orderIdsIn(html: string): string[] {
  return [...html.matchAll(/data-order-id="([^"]+)"/g)].map((m) => m[1]!);
}

async function html(path: string, headers: Record<string, string>): Promise<string> {
  const res = await api(path, { headers });
  expect(res.status).toBe(200);
  return res.text();
}

describe("paged order lists in the pages", () => {
  it("my orders shows the newest page and links to older orders and back", async () => {
    const user = await createTestUser();
    const ids = [];
    for (const at of timesFrom("2032-01-01T00:00:00.000Z", 21)) ids.push(await seedOrder({ userId: user.id, status: "delivered", at }));
    const newest = [...ids].reverse();

    const first = await html("/orders", user.headers);
    expect(orderIdsIn(first)).toEqual(newest.slice(0, 20));
    const older = linkTo(first, "Older orders");
    expect(older).toMatch(/^\/orders\?cursor=[A-Za-z0-9_-]+$/);

    const second = await html(older!, user.headers);
    expect(orderIdsIn(second)).toEqual([newest[20]]);
    expect(linkTo(second, "Older orders")).toBeNull();
    expect(linkTo(second, "Back to the start")).toBe("/orders");
  });

  it("my orders names each order by its costliest line, with its picture, and counts the rest", async () => {
    const user = await createTestUser();
    const phone = await createListingFixture({ title: "Apple iPhone 15 (Blue, 128GB)" });
    await env.DB.prepare("UPDATE products SET image = '/art/phone/teal.svg' WHERE id = ?").bind(phone.productId).run();
    const [early, late] = timesFrom("2033-05-01T00:00:00.000Z", 2);
    const bundle = await seedOrder({
      userId: user.id,
      status: "confirmed",
      at: early!,
      lines: [
        { sellerId: phone.sellerId, productId: newId("prd"), title: "Phone case", unitPrice: 49900, qty: 2 },
        { sellerId: phone.sellerId, productId: phone.productId, title: "Apple iPhone 15 (Blue, 128GB)", unitPrice: 7990000 },
        { sellerId: phone.sellerId, productId: newId("prd"), title: "Screen guard", unitPrice: 29900 },
      ],
    });
    // A single line whose product has left the catalog keeps its title and the lettered square.
    const gone = await seedOrder({
      userId: user.id,
      status: "delivered",
      at: late!,
      lines: [{ sellerId: phone.sellerId, productId: newId("prd"), title: "Old kettle", unitPrice: 150000 }],
    });

    const listed = (await (await api("/api/orders", { headers: user.headers })).json()) as {
      items: Array<{ id: string; lines: number; lead_item: { product_id: string | null; title: string; image: string | null } | null }>;
    };
    expect(listed.items.map((o) => [o.id, o.lines, o.lead_item])).toEqual([
      [gone, 1, { product_id: expect.any(String), title: "Old kettle", image: null }],
      [bundle, 3, { product_id: phone.productId, title: "Apple iPhone 15 (Blue, 128GB)", image: "/art/phone/teal.svg" }],
    ]);

    const page = await html("/orders", user.headers);
    // A row holds a list of its other pictures, so it runs to the next row rather than the first </li>.
    const rowOf = (id: string) => page.slice(page.indexOf(`data-order-id="${id}"`)).split('<li class="order-row"')[0]!;
    expect(rowOf(bundle)).toContain('<img src="/art/phone/teal.svg"');
    expect(linkTo(rowOf(bundle), "Apple iPhone 15 \\(Blue, 128GB\\) and 2 more items")).toBe(`/orders/${bundle}`);
    expect(rowOf(bundle)).toContain(`Order ${bundle}`);
    expect(rowOf(gone)).toMatch(/<span class="thumb small" aria-hidden="true">O<\/span>/);
    expect(linkTo(rowOf(gone), "Old kettle")).toBe(`/orders/${gone}`);
  });

  it("my orders starts over from the newest when a cursor is not one the API takes", async () => {
    const user = await createTestUser();
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/orders?cursor=bm90LWEtY3Vyc29y`, { headers: user.headers, redirect: "manual" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders");
  });

  it("the ops console pages a finished status newest first, and links each row to the order", async () => {
    const ops = await createTestUser(["ops"]);
    const ids = [];
    for (const at of timesFrom("2097-01-01T00:00:00.000Z", 51)) ids.push(await seedOrder({ status: "refunded", at }));
    const newest = [...ids].reverse();

    const first = await html("/ops?status=refunded", ops.headers);
    expect(orderIdsIn(first)).toEqual(newest.slice(0, 50));
    expect(first).toContain(`href="/ops/orders/${newest[0]}"`);
    const older = linkTo(first, "Older orders");
    expect(older).toMatch(/^\/ops\?status=refunded&sort=newest&cursor=/);

    const second = await html(older!, ops.headers);
    expect(orderIdsIn(second)[0]).toBe(newest[50]);
    expect(linkTo(second, "Back to the start")).toBe("/ops?status=refunded&sort=newest");
    expect(linkTo(first, "Show oldest first")).toBe("/ops?status=refunded&sort=oldest");
  });

  it("the ops console works a queue oldest first, with a switch to newest first", async () => {
    const ops = await createTestUser(["ops"]);
    const page = await html("/ops?status=confirmed", ops.headers);
    expect(page).toContain("Oldest first.");
    expect(linkTo(page, "Show newest first")).toBe("/ops?status=confirmed&sort=newest");
  });

  it("the ops order page shows the lines, address, payment and timeline, for ops only", async () => {
    const { user, orderId } = await confirmedOrder({ qty: 2 });
    const ops = await createTestUser(["ops"]);
    const page = await html(`/ops/orders/${orderId}`, ops.headers);
    expect(page).toContain(`data-ops-order="${orderId}"`);
    expect(page).toContain("Test Phone 5G (8GB RAM, 128GB)");
    expect(page).toMatch(/<td>2<\/td>/);
    expect(page).toContain("12 MG Road");
    expect(page).toContain("560001");
    expect(page).toMatch(/<dt>Status<\/dt><dd>Captured<\/dd>/);
    expect(page).toContain('data-status="confirmed"');
    expect(page).toContain(user.id);

    const refused = await api(`/ops/orders/${orderId}`, { headers: user.headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("12 MG Road");
    expect((await api("/ops/orders/ord_nosuchorder", { headers: ops.headers })).status).toBe(404);
  });

  it("the seller console lists the seller's own lines of their orders and pages back through them", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const lines = [
      { sellerId, listingId: "lst_console_mine", title: "Console kettle", qty: 2, unitPrice: 150000 },
      { sellerId: newId("sel"), listingId: "lst_console_theirs", title: "Someone else's toaster" },
    ];
    const ids = [];
    for (const at of timesFrom("2032-02-01T00:00:00.000Z", 21))
      ids.push(await seedOrder({ status: "confirmed", confirmed: true, at, lines }));
    const page = await html("/seller", seller.headers);
    expect(page).not.toContain("not available here yet");
    expect(orderIdsIn(page)).toEqual([...ids].reverse().slice(0, 20));
    expect(page).toContain("2 × Console kettle at ₹1,500");
    expect(page).toContain("Bengaluru, Karnataka 560001");
    expect(page).not.toContain("toaster");
    expect(page).not.toContain("12 MG Road");
    const older = linkTo(page, "Older orders");
    expect(older).toMatch(/^\/seller\?orders_cursor=[A-Za-z0-9_-]+#orders$/);
    expect(orderIdsIn(await html(older!, seller.headers))).toEqual([ids[0]]);
  });
});
