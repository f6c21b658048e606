import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FORMER_SHOPPER } from "../../workers/accounts/erased-account";
import { createTestUser } from "../helpers/accounts";
import { d1InterposingFirstBatch } from "../helpers/d1-interpose";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { twoSellerShippedOrder } from "../invoices/two-sellers";
import { lineOf, move, packedOrder, taxedListing } from "../invoices/support";
import { heldMailSpy, mailSpy } from "../notifications/support";
import { freshEmail } from "./browser";
import { postAnswered, postWith } from "../helpers/worker-with";

const PASSWORD = "test-password-1";

const deleteAs = (headers: Record<string, string>, body: unknown = { password: PASSWORD, confirm: true }) =>
  postWith(env, "/api/me/delete", body, headers);

const me = (headers: Record<string, string>) => api("/api/me", { headers });

async function signInAgain(email: string, password = PASSWORD): Promise<Response> {
  return postWith(env, "/api/auth/login", { email, password });
}

describe("deleting one's own account", () => {
  it("erases the name and email, signs out every device, mails the old address, and frees the email to register again", async () => {
    const shopper = await createTestUser([], { email: freshEmail() });
    const phone = await signInAgain(shopper.email);
    expect(phone.status).toBe(200);
    const phoneHeaders = { authorization: `Bearer ${((await phone.json()) as { token: string }).token}` };
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO notification_preferences (user_id, alert_group, email, updated_at) VALUES (?1, 'saved_products', 0, ?2)",
      ).bind(shopper.id, new Date().toISOString()),
    ]);

    const { sent, spyEnv } = mailSpy();
    const res = await postWith(spyEnv, "/api/me/delete", { password: PASSWORD, confirm: true }, shopper.headers);
    expect(res.status).toBe(204);

    expect((await me(shopper.headers)).status).toBe(401);
    expect((await me(phoneHeaders)).status).toBe(401);
    expect((await signInAgain(shopper.email)).status).toBe(401);
    const row = await env.DB.prepare("SELECT email, name FROM users WHERE id = ?")
      .bind(shopper.id)
      .first<{ email: string; name: string }>();
    expect(row?.name).toBe("A former shopper");
    expect(row?.email).not.toContain(shopper.email);
    const prefs = await env.DB.prepare("SELECT COUNT(*) AS n FROM notification_preferences WHERE user_id = ?")
      .bind(shopper.id)
      .first<{ n: number }>();
    expect(prefs?.n).toBe(0);

    const mail = sent.filter((m) => m.subject === "Your Bazaar Edge account was deleted");
    expect(mail.map((m) => m.to)).toEqual([shopper.email]);
    expect(mail[0]?.text).toContain("Your orders and their tax invoices are kept");
    // The address was kept only to send that one mail.
    const kept = await env.DB.prepare("SELECT to_email, email_state FROM notifications WHERE user_id = ?").bind(shopper.id).all();
    expect(kept.results).toEqual([{ to_email: null, email_state: "sent" }]);

    const again = await postWith(env, "/api/auth/register", {
      email: shopper.email,
      password: "a fresh start passphrase",
      name: "Asha Rao",
    });
    expect(again.status).toBe(201);
  });

  it("does not keep the deletion waiting on the mail provider: it is answered, and the mail to the old address follows", async () => {
    const shopper = await createTestUser([], { email: freshEmail() });
    const { sent, release, spyEnv } = heldMailSpy();
    const { res, settled } = await postAnswered(spyEnv, "/api/me/delete", { password: PASSWORD, confirm: true }, shopper.headers);
    expect(res.status).toBe(204);
    expect(sent).toEqual([]);

    release();
    await settled;
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[shopper.email, "Your Bazaar Edge account was deleted"]]);
  });

  it("keeps a delivered order and its invoices, without the shipping name, street or phone, and shows the shopper's review anonymously", async () => {
    const order = await twoSellerShippedOrder();
    expect((await move(order.orderId, "delivered", order.ops)).status).toBe(200);
    await env.DB.prepare(
      "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?1, ?2, ?3, 5, 'Lovely kurta', 'Soft cotton', ?4)",
    )
      .bind(`rev_${crypto.randomUUID()}`, order.a.productId, order.shopper.id, new Date().toISOString())
      .run();
    const before = (await (await api(`/api/products/${order.a.productId}/reviews`)).json()) as { items: Array<{ reviewer: string }> };
    expect(before.items.map((r) => r.reviewer)).toEqual(["Test"]);

    expect((await deleteAs(order.shopper.headers)).status).toBe(204);

    const kept = await env.DB.prepare("SELECT address, phone, status FROM orders WHERE id = ?")
      .bind(order.orderId)
      .first<{ address: string; phone: string | null; status: string }>();
    expect(kept?.status).toBe("delivered");
    expect(kept?.phone).toBeNull();
    const address = JSON.parse(kept?.address ?? "{}") as Record<string, string>;
    expect(address).toEqual({ name: "A former shopper", city: "Bengaluru", state: "Karnataka", pincode: expect.any(String) });
    const invoices = await env.DB.prepare("SELECT number FROM invoices WHERE order_id = ? ORDER BY number")
      .bind(order.orderId)
      .all<{ number: string }>();
    expect(invoices.results.map((i) => i.number).sort()).toEqual([order.invoiceA.number, order.invoiceB.number].sort());

    const after = (await (await api(`/api/products/${order.a.productId}/reviews`)).json()) as {
      items: Array<{ reviewer: string; title: string }>;
    };
    expect(after.items.map((r) => [r.reviewer, r.title])).toEqual([["A former shopper", "Lovely kurta"]]);
  });

  it("changes nothing for a wrong password or without the confirmation, answering a 400 problem", async () => {
    const shopper = await createTestUser([], { email: freshEmail() });
    const wrong = await deleteAs(shopper.headers, { password: "not my password", confirm: true });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("content-type")).toBe("application/problem+json");
    expect(((await wrong.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["password"]);

    const unconfirmed = await deleteAs(shopper.headers, { password: PASSWORD });
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["confirm"]);
    expect((await deleteAs(shopper.headers, { password: PASSWORD, confirm: false })).status).toBe(400);

    expect((await me(shopper.headers)).status).toBe(200);
    expect((await signInAgain(shopper.email)).status).toBe(200);
  });

  it("refuses with a 409 saying what to do while an order is still on its way", async () => {
    const shopper = await createTestUser([], { email: freshEmail() });
    const listing = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(listing, 49_900)]);
    const res = await deleteAs(shopper.headers);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { type: string; detail: string; orders: string[] };
    expect(problem.type).toBe("/problems/orders-in-progress");
    expect(problem.detail).toContain("1 order still in progress");
    expect(problem.detail).toContain("Once they are delivered, cancelled or refunded you can delete it");
    expect(problem.orders).toEqual([orderId]);
    expect((await me(shopper.headers)).status).toBe(200);
  });

  it("refuses with the same 409, erasing nothing, when an order is placed in another tab while the deletion runs", async () => {
    const shopper = await createTestUser([], { email: freshEmail() });
    const listing = await taxedListing({ stateCode: "29" });
    let orderId = "";
    // The order lands after the deletion found none in progress, just before it erases the account.
    const racing = {
      ...env,
      DB: d1InterposingFirstBatch(env.DB, async () => {
        orderId = await packedOrder(shopper.id, [lineOf(listing, 49_900)]);
      }),
    } as Env;
    const res = await postWith(racing, "/api/me/delete", { password: PASSWORD, confirm: true }, shopper.headers);
    expect(orderId).not.toBe("");
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { type: string; detail: string; orders: string[] };
    expect(problem.type).toBe("/problems/orders-in-progress");
    expect(problem.detail).toContain("1 order still in progress");
    expect(problem.orders).toEqual([orderId]);

    // Still the shopper's account, signed in, able to sign in again, with the order's address whole.
    expect((await me(shopper.headers)).status).toBe(200);
    expect((await signInAgain(shopper.email)).status).toBe(200);
    const order = await env.DB.prepare("SELECT address, phone FROM orders WHERE id = ?").bind(orderId).first<{ address: string }>();
    expect(JSON.parse(order?.address ?? "{}").name).not.toBe(FORMER_SHOPPER);
  });

  it("refuses a seller's or ops account, which an admin closes", async () => {
    const { sellerId } = await createListingFixture();
    for (const staff of [await createTestUser(["seller"], { sellerId }), await createTestUser(["ops"])]) {
      const res = await deleteAs(staff.headers);
      expect(res.status).toBe(403);
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type).toBe("/problems/staff-account");
      expect(problem.detail).toContain("an admin closes it");
      expect((await me(staff.headers)).status).toBe(200);
    }
  });
});
