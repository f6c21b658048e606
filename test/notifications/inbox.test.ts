import { exports } from "cloudflare:workers";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { INBOX_PAGE } from "../../workers/notifications/schemas";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { ORIGIN, api } from "../helpers/http";
import { note } from "./support";

interface InboxPage {
  items: Array<{ id: string; kind: string; subject: string; body: string; link: string | null; created_at: string }>;
  next_cursor: string | null;
}

describe("the notifications inbox", () => {
  it("refuses guests with a 401 problem", async () => {
    const res = await api("/api/notifications");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists the shopper's own messages newest first, once each, a page at a time", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    await env.DB.batch([...Array.from({ length: INBOX_PAGE + 1 }, (_, i) => note(user.id, i, 200 - i)).flat(), ...note(other.id, 999, 0)]);
    const first = await api("/api/notifications", { headers: user.headers });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const page1 = (await first.json()) as InboxPage;
    expect(page1.items).toHaveLength(INBOX_PAGE);
    expect(page1.items[0]).toMatchObject({ kind: "price_drop", subject: `Subject ${INBOX_PAGE}`, body: `Body ${INBOX_PAGE}` });
    expect(page1.items[0]?.link).toBe(`/products/prd_${INBOX_PAGE}`);
    expect(page1.items.map((i) => i.subject)).toEqual(Array.from({ length: INBOX_PAGE }, (_, i) => `Subject ${INBOX_PAGE - i}`));
    expect(page1.next_cursor).toEqual(expect.any(String));

    const page2 = (await (await api(`/api/notifications?cursor=${page1.next_cursor}`, { headers: user.headers })).json()) as InboxPage;
    expect(page2.items.map((i) => i.subject)).toEqual(["Subject 0"]);
    expect(page2.next_cursor).toBeNull();
  });

  it("gives the order messages recorded before their text was kept a subject, as the migration that added links does", async () => {
    const user = await createTestUser();
    const at = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO notifications (event_id, channel, user_id, order_id, kind, created_at) VALUES (?1, 'email', ?2, 'ord_before', 'order_shipped', ?3)",
    )
      .bind(`test:${user.id}:before`, user.id, at)
      .run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("wishlist_alerts"));
    const backfill = migration?.queries.filter((q) => q.includes("UPDATE `notifications`")) ?? [];
    expect(backfill).toHaveLength(2);
    await env.DB.batch(backfill.map((q) => env.DB.prepare(q)));
    const page = (await (await api("/api/notifications", { headers: user.headers })).json()) as InboxPage;
    expect(page.items).toEqual([
      expect.objectContaining({ kind: "order_shipped", subject: "Your order ord_before has shipped", link: "/orders/ord_before" }),
    ]);
  });

  it("answers a cursor it did not issue with a 400 problem naming the field", async () => {
    const user = await createTestUser();
    const res = await api("/api/notifications?cursor=not-ours", { headers: user.headers });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["cursor"]);
  });
});

describe("the Updates page", () => {
  it("sends a guest to sign in first", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/account/updates`, { redirect: "manual" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Faccount%2Fupdates");
  });

  it("lists what the shopper was told, newest first, linking to each page, and is linked from the account page", async () => {
    const user = await createTestUser([], { email: `${crypto.randomUUID()}@example.test` });
    await env.DB.batch([...note(user.id, 1, 30, "/deals/deal_abc"), ...note(user.id, 2, 5)]);
    const { cookie } = await browserSession(user);
    const res = await api("/account/updates", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    expect(html).toContain("<h1>Updates</h1>");
    expect(html).toContain('<a href="/products/prd_2">Subject 2</a>');
    expect(html).toContain('<a href="/deals/deal_abc">Subject 1</a>');
    expect(html.indexOf("Subject 2")).toBeLessThan(html.indexOf("Subject 1"));
    expect(html.match(/Body 1/g)).toHaveLength(1);
    // In the account page's own links, not only the header's.
    const account = await (await api("/account", { headers: { cookie } })).text();
    expect(account.slice(account.indexOf('<main id="main"'))).toContain('href="/account/updates"');
  });

  it("shows an older alert's words without the bare path they ended with", async () => {
    const user = await createTestUser([], { email: `${crypto.randomUUID()}@example.test` });
    await env.DB.batch([
      ...note(user.id, 1, 10, "/products/prd_1", "Phone, on your wishlist, is back in stock at ₹1,000: /products/prd_1"),
      ...note(user.id, 2, 5, "/products/prd_2", "Ends at 10:00: not a link"),
    ]);
    const { cookie } = await browserSession(user);
    const html = await (await api("/account/updates", { headers: { cookie } })).text();
    expect(html).toContain("<p>Phone, on your wishlist, is back in stock at ₹1,000.</p>");
    expect(html).not.toContain(": /products/prd_1");
    expect(html).toContain("<p>Ends at 10:00: not a link</p>");
  });

  it("says so when there is nothing yet", async () => {
    const user = await createTestUser([], { email: `${crypto.randomUUID()}@example.test` });
    const { cookie } = await browserSession(user);
    expect(await (await api("/account/updates", { headers: { cookie } })).text()).toContain("Nothing yet.");
  });
});
