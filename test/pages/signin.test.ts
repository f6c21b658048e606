import { env, exports } from "cloudflare:workers";
import { MAX_LINES } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { createListingFixture } from "../helpers/catalog";
import { describe, expect, it } from "vitest";
import { Browser, freshEmail } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, readerText } from "../helpers/http";

/** A same-origin sign-in form post, as a browser sends it (no redirects followed). */
function postSignIn(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return postForm("/signin", fields, headers);
}

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** The value of the sign-in form's hidden `next` field. */
function renderedNext(html: string): string | undefined {
  return /<form method="post" action="\/signin"[\s\S]*?name="next" value="([^"]*)"/.exec(html)?.[1];
}

describe("sign-in redirect", () => {
  it("keeps a shopper on this shop when next hides another host behind a tab", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const page = await exports.default.fetch(new Request(`${ORIGIN}/signin?next=/%09/evil.example/login`));
    expect(renderedNext(await page.text())).toBe("/");

    const res = await postSignIn({ email: user.email, password: "test-password-1", next: "/\t/evil.example/login" });
    expect(res.status).toBe(303);
    // Resolved as a browser would: it drops the tab before reading the host.
    expect(new URL(res.headers.get("location") ?? "", ORIGIN).origin).toBe(ORIGIN);
  });

  it("still sends a shopper back to the page they came from", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const res = await postSignIn({ email: user.email, password: "test-password-1", next: "/orders?page=2" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders?page=2");
  });
});

/** The value a form posting to `action` shows in its `name` field. */
function shownValue(html: string, action: string, name: string): string | undefined {
  const form = html.slice(html.indexOf(`action="${action}"`));
  return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.slice(0, form.indexOf("</form>")))?.[1];
}

describe("a refused form keeps what was typed", () => {
  it("keeps the name and email in the registration form when the password is too short, and creates nothing", async () => {
    const email = freshEmail();
    const res = await postForm("/register", { name: "Asha Rao", email, password: "short" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Use at least 10 characters");
    // Said beside the password, which is marked and takes the focus, in the form that was sent.
    expect(html).toMatch(
      /<input name="password" type="password" value="" autocomplete="new-password" minlength="10" autofocus="" aria-invalid="true" aria-describedby="password-err"/,
    );
    expect(html).toContain('<span class="field-error" id="password-err">Use at least 10 characters</span>');
    expect(readerText(html)).toContain("Your account was not created: check the password below.");
    expect(html.indexOf("Your account was not created")).toBeGreaterThan(html.indexOf('id="register-h"'));
    expect(shownValue(html, "/register", "name")).toBe("Asha Rao");
    expect(shownValue(html, "/register", "email")).toBe(email);
    expect(shownValue(html, "/signin", "email")).toBe("");
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("keeps them in the registration form, and offers the email to sign in with, when it already has an account", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const res = await postForm("/register", { name: "Asha Rao", email: user.email, password: "a long enough password" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("An account with this email already exists");
    expect(shownValue(html, "/register", "name")).toBe("Asha Rao");
    expect(shownValue(html, "/register", "email")).toBe(user.email);
    expect(html).toMatch(/name="email" type="email" value="[^"]*" autocomplete="email"[^>]*autofocus=""[^>]*aria-invalid="true"/);
    // Signing in is what to do next: the sign-in form has the address already.
    expect(shownValue(html, "/signin", "email")).toBe(user.email);
  });

  it("keeps the email in the sign-in form when it is refused, whether malformed or not matching", async () => {
    const malformed = await postSignIn({ email: "asha@", password: "whatever" });
    expect(malformed.status).toBe(400);
    expect(shownValue(await malformed.text(), "/signin", "email")).toBe("asha@");
    const user = await createTestUser([], { email: freshEmail() });
    const wrong = await postSignIn({ email: user.email, password: "not the password" });
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(shownValue(html, "/signin", "email")).toBe(user.email);
    expect(shownValue(html, "/register", "email")).toBe("");
  });
});

describe("sign-in forms for a visitor already signed in", () => {
  /** The CSRF token the sign-in page renders into the form posting to `action`. */
  async function formToken(browser: Browser, action: string): Promise<string> {
    const html = await (await browser.fetch("/signin")).text();
    const form = html.slice(html.indexOf(`action="${action}"`));
    return /name="_csrf" value="([^"]*)"/.exec(form.slice(0, form.indexOf("</form>")))?.[1] ?? "";
  }

  /** A form post from the page, as the browser sends it. */
  function submit(browser: Browser, path: string, fields: Record<string, string>): Promise<Response> {
    return browser.fetch(path, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      redirect: "manual",
    });
  }

  it("lets them sign in as someone else, and ends the session they had", async () => {
    const other = await createTestUser([], { email: freshEmail() });
    const browser = new Browser();
    expect(
      (await browser.fetch("/api/auth/register", { body: { email: freshEmail(), password: "correct horse battery", name: "Asha" } }))
        .status,
    ).toBe(201);
    const oldSession = browser.cookies.get("__Host-session");

    const token = await formToken(browser, "/signin");
    expect(token).not.toBe("");
    const res = await submit(browser, "/signin", { _csrf: token, email: other.email, password: "test-password-1", next: "/orders" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders");

    const me = (await (await browser.fetch("/api/me")).json()) as { email: string };
    expect(me.email).toBe(other.email);
    const stale = new Browser();
    stale.cookies.set("__Host-session", oldSession ?? "");
    expect((await stale.fetch("/api/me")).status).toBe(401);
  });

  it("lets them create a new account", async () => {
    const browser = new Browser();
    expect(
      (await browser.fetch("/api/auth/register", { body: { email: freshEmail(), password: "correct horse battery", name: "Asha" } }))
        .status,
    ).toBe(201);
    const token = await formToken(browser, "/register");
    const email = freshEmail();
    const res = await submit(browser, "/register", { _csrf: token, name: "Ravi", email, password: "another long password" });
    expect(res.status).toBe(303);
    expect(((await (await browser.fetch("/api/me")).json()) as { email: string }).email).toBe(email);
  });

  it("takes an email as long as the API does (254 characters) in both forms", async () => {
    // Longer than 200 characters, as a company's long subdomains make some addresses.
    const long = () => `${crypto.randomUUID()}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example.test`;
    const registered = long();
    expect(registered.length).toBeGreaterThan(200);
    expect(registered.length).toBeLessThanOrEqual(254);
    const made = await postForm("/register", { name: "Asha", email: registered, password: "correct horse battery" });
    expect(made.status).toBe(303);
    const res = await postSignIn({ email: registered, password: "correct horse battery", next: "/orders" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders");

    const tooLong = await postSignIn({ email: `${"a".repeat(250)}@example.test`, password: "correct horse battery" });
    expect(tooLong.status).toBe(400);
    const text = readerText(await tooLong.text());
    expect(text).toContain("Enter your email address");
    expect(text).not.toContain("Too big");
  });

  it("takes a shopper whose guest cart did not fit into their account's cart to the cart, which says so", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const account = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_LINES; i++) expect(await account.setQty(`lst_full_${i}`, 1, 10000)).toBe(true);
    const browser = new Browser();
    for (const f of await Promise.all([1, 2].map(() => createListingFixture())))
      expect((await browser.fetch(`/api/cart/items/${f.listingId}`, { method: "PUT", body: { qty: 1 } })).status).toBe(200);

    const token = await formToken(browser, "/signin");
    const res = await submit(browser, "/signin", { _csrf: token, email: user.email, password: "test-password-1", next: "/orders" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?not_merged=2&next=%2Forders");
    const cart = await (await browser.fetch("/cart?not_merged=2&next=%2Forders")).text();
    expect(cart).toContain(`2 items from before you signed in did not fit: a cart holds at most ${MAX_LINES} items.`);
    expect(cart).toContain('<a href="/orders">Continue where you were going</a>');
  });

  it("takes a shopper whose saved items did not fit to the cart too, which says how many and where they are kept", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const account = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_SAVED; i++) {
      expect(await account.setQty(`lst_saved_${i}`, 1, 10000)).toBe(true);
      expect(await account.saveForLater(`lst_saved_${i}`)).toBe("saved");
    }
    for (let i = 0; i < MAX_LINES; i++) expect(await account.setQty(`lst_full_${i}`, 1, 10000)).toBe(true);
    const browser = new Browser();
    const [line, kept] = await Promise.all([1, 2].map(() => createListingFixture().then((f) => f.listingId)));
    for (const id of [line, kept])
      expect((await browser.fetch(`/api/cart/items/${id}`, { method: "PUT", body: { qty: 1 } })).status).toBe(200);
    expect((await browser.fetch(`/api/cart/items/${kept}/save-for-later`, { method: "POST" })).status).toBe(200);

    const token = await formToken(browser, "/signin");
    const res = await submit(browser, "/signin", { _csrf: token, email: user.email, password: "test-password-1", next: "/orders" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toBe("/cart?not_merged=1&saved_not_merged=1&next=%2Forders");
    const cart = await (await browser.fetch(location)).text();
    expect(cart).toContain(`1 item from before you signed in did not fit: a cart holds at most ${MAX_LINES} items.`);
    expect(cart).toContain(`1 item you saved for later before signing in did not fit: Saved for later holds at most ${MAX_SAVED}.`);
    expect(cart).toContain("join this cart and your saved list when you next sign in");
  });

  it("takes a shopper whose guest line and account line came to more than 10 to the cart, which says it is at 10", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const f = await createListingFixture();
    expect(await env.CART.getByName(`user:${user.id}`).setQty(f.listingId, 6, 10000)).toBe(true);
    const browser = new Browser();
    expect((await browser.fetch(`/api/cart/items/${f.listingId}`, { method: "PUT", body: { qty: 8 } })).status).toBe(200);

    const token = await formToken(browser, "/signin");
    const res = await submit(browser, "/signin", { _csrf: token, email: user.email, password: "test-password-1", next: "/checkout" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toBe("/cart?capped_merge=1&next=%2Fcheckout");
    const cart = await (await browser.fetch(location)).text();
    expect(cart).toContain(
      "1 item from before you signed in came to more than 10 with what your cart held, and one order takes at most 10 of an item: it is at 10 now.",
    );
    expect(cart).toContain('<a href="/checkout">Continue where you were going</a>');
    const lines = (await (await browser.fetch("/api/cart")).json()) as { items: { listing_id: string; qty: number }[] };
    expect(lines.items).toEqual([expect.objectContaining({ listing_id: f.listingId, qty: 10 })]);
  });
});
