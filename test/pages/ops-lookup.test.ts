import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { consolePost, drawnForm } from "../helpers/forms";
import { ORIGIN, api, readerText } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

let ops: TestUser;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
});

async function html(path: string, status = 200): Promise<string> {
  const res = await api(path, { headers: ops.headers });
  expect(res.status).toBe(status);
  return res.text();
}

const lookFor = (q: string) => `/ops?q=${encodeURIComponent(q)}`;

/** A page as a browser first gets it, redirects not followed. */
const visit = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: "manual" }));

/** The ids of the order rows drawn, in page order. */
const rows = (page: string) => [...page.matchAll(/<tr data-order-id="([^"]+)"/g)].map((m) => m[1]);

/** The address of the link reading `label`. */
function linkTo(page: string, label: string): string | null {
  const href = new RegExp(`<a href="([^"]*)"[^>]*>${label}</a>`).exec(page)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
}

/** The lookup box as drawn: its form tag and its text input. */
function lookupBox(page: string): { form: string; input: string; label: string } {
  const form = /<form[^>]*aria-label="Find orders"[^>]*>[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
  return { form, input: /<input[^>]*name="q"[^>]*>/.exec(form)?.[0] ?? "", label: readerText(form) };
}

describe("the ops console's order lookup", () => {
  it("is a GET form at the top of the orders page, above the status lists", async () => {
    const page = await html("/ops");
    const box = lookupBox(page);
    expect(box.form).toMatch(/^<form method="get" action="\/ops"/);
    expect(box.label).toContain("Order id, shopper email or phone");
    expect(box.input).toContain('value=""');
    expect(page.indexOf('aria-label="Find orders"')).toBeLessThan(page.indexOf('aria-label="Orders by status"'));
  });

  it("opens the order an id names, pasted with spaces around it", async () => {
    const id = await seedOrder({ status: "shipped", at: "2033-01-01T10:00:00.000Z" });
    const res = await visit(lookFor(`  ${id} `), ops.headers);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/ops/orders/${id}`);
  });

  it("lists a shopper's orders newest first under 'Orders for …', with each order's status, in place of the status lists", async () => {
    const shopper = await createTestUser([], { email: "page.caller@example.com" });
    const [t1, t2] = timesFrom("2033-02-01T10:00:00.000Z", 2);
    const older = await seedOrder({ userId: shopper.id, status: "delivered", at: t1! });
    const newer = await seedOrder({ userId: shopper.id, status: "confirmed", at: t2! });
    await seedOrder({ status: "confirmed", at: t2! });

    const page = await html(lookFor("Page.Caller@example.com"));
    expect(readerText(page)).toContain("Orders for Page.Caller@example.com");
    expect(rows(page)).toEqual([newer, older]);
    expect(page).toContain(`href="/ops/orders/${newer}"`);
    // One of them is on its way, so the list says when it is due.
    expect(readerText(page)).toMatch(/Order Status Total Payment Placed Due by Move it along/);
    expect(page).toMatch(new RegExp(`data-order-id="${newer}"[\\s\\S]*?<td class="words" data-status="confirmed">Confirmed</td>`));
    // When it was placed, in the zone ops' other times are in.
    expect(page).toMatch(new RegExp(`data-order-id="${newer}"[\\s\\S]*?<td class="words">1 Feb 2033, 3:30 pm IST</td>`));
    expect(page).not.toContain('aria-label="Orders by status"');
    expect(lookupBox(page).input).toContain('value="Page.Caller@example.com"');
    expect(linkTo(page, "Back to the lists")).toBe("/ops");
  });

  it("pages a long lookup with the lists' links", async () => {
    const shopper = await createTestUser([], { email: "many.orders@example.com" });
    const times = timesFrom("2033-03-01T10:00:00.000Z", 51);
    await env.DB.batch(
      times.map((at, i) =>
        env.DB.prepare(
          `INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, created_at, updated_at)
           VALUES (?1, ?2, 'delivered', ?1, 1000, 1000, 'INR', '{}', 'upi', ?3, ?3)`,
        ).bind(`ord_many${String(i).padStart(2, "0")}`, shopper.id, at),
      ),
    );
    const first = await html(lookFor("many.orders@example.com"));
    expect(rows(first)).toHaveLength(50);
    expect(rows(first)[0]).toBe("ord_many50");
    const older = linkTo(first, "Older orders");
    expect(older).toMatch(/^\/ops\?q=many\.orders%40example\.com&cursor=/);
    const second = await html(older!);
    expect(rows(second)).toEqual(["ord_many00"]);
    expect(linkTo(second, "Back to the start")).toBe("/ops?q=many.orders%40example.com");
  });

  it("says so when nothing matches", async () => {
    const page = await html(lookFor("+91 90000 99999"));
    expect(readerText(page)).toContain("Orders for +91 90000 99999");
    expect(readerText(page)).toContain("No orders match.");
    expect(rows(page)).toEqual([]);
  });

  it("answers what cannot be searched by beside the box, keeping what was typed, over the usual lists", async () => {
    const page = await html(lookFor("asha rao"), 400);
    const box = lookupBox(page);
    expect(box.input).toContain('value="asha rao"');
    expect(box.input).toContain('aria-invalid="true"');
    expect(box.label).toContain("Search by an order id (ord_…), a shopper's email address or a 10-digit mobile number.");
    expect(page).toContain('aria-label="Orders by status"');
  });

  it("brings a move made on the results back to them", async () => {
    const shopper = await createTestUser([], { email: "move.caller@example.com" });
    const id = await seedOrder({ userId: shopper.id, status: "confirmed", at: "2033-04-01T10:00:00.000Z" });
    const page = await html(lookFor("move.caller@example.com"));
    const pack = drawnForm(page.slice(page.indexOf(`data-order-id="${id}"`)), 'name="to" value="packed"');
    expect(pack.fields.q).toBe("move.caller@example.com");
    const res = await consolePost(pack.action, pack.fields, ops.headers);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/ops?q=move.caller%40example.com&done=packed&order=${id}`);
    const after = await html(res.headers.get("location")!);
    // What was done, to which order: the list has many.
    expect(readerText(after)).toContain(`Order ${id}: Marked packed.`);
    expect(after).toContain('<td class="words" data-status="packed">Packed</td>');
  });

  it("is for ops only", async () => {
    const shopper = await createTestUser();
    expect((await api(lookFor(shopper.email), { headers: shopper.headers })).status).toBe(403);
    const guest = await visit(lookFor(shopper.email));
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toMatch(/^\/signin\?next=/);
  });
});
