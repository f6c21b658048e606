import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { demoDealPrice, ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { ensureDemoOrders } from "../../scripts/demo-orders.mjs";
import { DEMO_QUESTIONS, ensureDemoQuestions } from "../../scripts/demo-questions.mjs";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, fillAddress, reviewedDemoProduct, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";

const baseURL = inject("baseURL");
const browser = browserForFile();
afterAll(() => endOpenDeals(baseURL));

/** A shopper's browser that lets the audit's script in. */
const auditedBrowser = (width: number): Promise<BrowserContext> => auditedContext(browser(), baseURL, width);

/** Where to go: a path, or a function that finds one by following the page before. */
type Target = string | ((page: Page) => Promise<string>);

/** A page to audit, with the heading it must show: so an error page in its place fails the audit. */
interface Expected {
  to: Target;
  h1: RegExp;
}

/** The page as it stands (a section opened, a refused form drawn again); at phone width, whether it reflows too. */
async function auditShown(page: Page): Promise<string[]> {
  const phone = (page.viewportSize()?.width ?? Number.POSITIVE_INFINITY) < 600;
  return [...(await violations(page)), ...(phone ? await reflow(page) : [])];
}

/** Every page at `paths`, audited in turn; one given with its heading must show it. */
async function audit(page: Page, paths: (Target | Expected)[]): Promise<string[]> {
  const failures: string[] = [];
  for (const entry of paths) {
    const target = typeof entry === "object" ? entry.to : entry;
    await page.goto(typeof target === "string" ? target : await target(page));
    await page.waitForLoadState("load");
    if (typeof entry === "object") {
      const h1 = ((await page.locator("h1").first().textContent()) ?? "").trim();
      if (!entry.h1.test(h1)) failures.push(`${page.url()} shows the heading "${h1}", not ${entry.h1}`);
    }
    failures.push(...(await auditShown(page)));
  }
  return failures;
}

/** The first link on the current page whose address starts with `prefix`. */
const firstLink = (prefix: string) => async (page: Page) => {
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  if (!href) throw new Error(`no link to ${prefix} on ${page.url()}`);
  return href;
};

/** A comparison of the first two products listed on the current page (a category's: products of one kind). */
const compareFirstTwo = async (page: Page) => {
  const ids = new Set<string>();
  for (const href of await page.locator('main a[href^="/products/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    const id = /^\/products\/([^/?#]+)$/.exec(href)?.[1];
    if (id) ids.add(decodeURIComponent(id));
  }
  const [a, b] = [...ids];
  if (!a || !b) throw new Error(`no two products on ${page.url()}`);
  return `/compare?ids=${a},${b}`;
};

/** The first item's Write a review link on the current (delivered) order's page. */
const writeReview = async (page: Page) => {
  const href = await page.locator('main a[data-write-review][href$="/review"]').first().getAttribute("href");
  if (!href) throw new Error(`no Write a review link on ${page.url()}`);
  return href;
};

/** Results for `q` narrowed to the first brand their filter form offers. */
const firstBrand = (q: string) => async (page: Page) => {
  await page.goto(`/search?q=${encodeURIComponent(q)}`);
  const brand = await page.locator('main form input[name="brand"]').first().getAttribute("value");
  if (!brand) throw new Error(`no brand filter on ${page.url()}`);
  return `/search?${new URLSearchParams({ q, brand })}`;
};

/** Waits until the product page shows the answered demo question, which reaches the catalog through its queue. */
async function answerShown(productId: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const p = (await (await fetch(`${baseURL}/api/products/${productId}`)).json()) as { questions?: { count: number } };
    if ((p.questions?.count ?? 0) > 0) return;
  }
  throw new Error(`the answered question about ${productId} never reached its page`);
}

/** A bearer-token call to the storefront's API, answering its status and JSON body. */
async function callApi(token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseURL}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface SellerListing {
  id: string;
  product_id: string;
  price: number;
  active: boolean;
  stock: { available: number }[];
}

/** Waits until the catalog no longer offers `listingId` on its product's page, which it learns through its queue. */
async function offSale(productId: string, listingId: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const res = await fetch(`${baseURL}/api/products/${productId}`);
    if (res.status === 404) return;
    const p = (await res.json()) as { offers?: { listing_id: string }[] };
    if (!(p.offers ?? []).some((o) => o.listing_id === listingId)) return;
  }
  throw new Error(`the catalog still offers ${listingId} after it was switched off`);
}

/**
 * A deal to copy whose listing is off sale, which no demo deal is: one on a listing of the demo
 * seller's, ended at once (a copy needs no open deal, and the journeys expect none left open),
 * then the listing switched off by its seller as the console would. `restore` switches it back on.
 */
async function offSaleDeal(): Promise<{ id: string; restore: () => Promise<void> }> {
  const [deals, seller] = [await managerToken(baseURL), await managerToken(baseURL, "seller@demo.test")];
  const listed = await fetch(`${baseURL}/api/seller/listings?limit=50`, { headers: { authorization: `Bearer ${seller}` } });
  const { items } = (await listed.json()) as { items: SellerListing[] };
  const starts = Date.now() + 3_600_000;
  for (const l of items.filter((l) => l.active && l.stock.some((s) => s.available > 0)).reverse()) {
    const made = await callApi(
      deals,
      "POST",
      "/api/admin/deals",
      {
        listing_id: l.id,
        deal_price: demoDealPrice(l.price),
        units: 1,
        starts_at: new Date(starts).toISOString(),
        ends_at: new Date(starts + 3_600_000).toISOString(),
        per_user_limit: 1,
        waiting_room: { active_users: 50, new_users_per_minute: 30, session_minutes: 10 },
      },
      { "idempotency-key": `audit-off-sale-${l.id}-${starts}` },
    );
    // A listing with a deal already, or too few units in one warehouse: the next will do.
    if (made.status === 409 || made.status === 422) continue;
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = String(made.body.id);
    expect((await callApi(deals, "POST", `/api/admin/deals/${id}/end`)).status).toBe(200);
    const switchTo = async (active: boolean) =>
      expect((await callApi(seller, "PATCH", `/api/seller/listings/${l.id}`, { active })).status).toBe(200);
    await switchTo(false);
    await offSale(l.product_id, l.id);
    return { id, restore: () => switchTo(true) };
  }
  throw new Error("no listing of the demo seller's takes a deal");
}

/**
 * The demo's first deal opens at the next whole minute after one more (scripts/demo-deals.mjs), up
 * to two minutes after it is made, and the phone-width audit ends on its live page: that wait comes
 * on top of the audit's own time, so the test has it added to the usual bound.
 */
const DEAL_OPENS_WITHIN_MS = 120_000;

describe("accessibility (axe-core, WCAG A and AA)", () => {
  it(
    "finds nothing on the pages a visitor and a shopper use, at phone width",
    async () => {
      // The demo's deals, as a fresh `npm run dev` makes them: one opens within minutes.
      const dealsToken = await managerToken(baseURL);
      await endOpenDeals(baseURL, dealsToken);
      const [deal] = await ensureDemoDeals(baseURL, { token: dealsToken });
      // Its orders at every stage (one delivered, its seller rated) and the questions the demo shopper asked the demo seller.
      await ensureDemoOrders(baseURL);
      await ensureDemoQuestions(baseURL);
      const askedId = String(DEMO_QUESTIONS[0]?.product_id);
      await answerShown(askedId);
      const asked = `/products/${askedId}`;
      const reviewed = `/products/${await reviewedDemoProduct(baseURL)}`;
      // 360 px wide: the commonest phone screen in India.
      const ctx = await auditedBrowser(360);
      const page = await ctx.newPage();
      const failures = await audit(page, [
        "/",
        firstLink("/categories/"),
        "/search?q=phone",
        firstLink("/products/"),
        "/deals",
        `/deals/${deal?.id}`,
        "/signin",
        "/forgot-password",
        // A reset link that does not work opens its refusal (the password-reset journey audits the form a real link opens).
        "/reset-password?token=audit",
        // An unsubscribe link that does not check out: the page says so and offers the settings.
        "/unsubscribe?u=usr_audit&g=saved_products&sig=audit",
        "/cart",
        "/categories/mobiles",
        { to: compareFirstTwo, h1: /^Compare 2 / },
        { to: firstBrand("phone"), h1: /phone/ },
        asked,
        { to: firstLink(`${asked}/questions`), h1: /^Questions about / },
        { to: `${reviewed}/reviews`, h1: /^Reviews of / },
        // One star rating's reviews: the breakdown's links, one of them the current page.
        { to: `${reviewed}/reviews?rating=5`, h1: /^5-star reviews of / },
      ]);
      await signIn(page, "shopper@demo.test");
      // The first Report link on a page of `from`.
      const firstReport = (from: string) => async (p: Page) => {
        await p.goto(from);
        const href = await p.locator('main a.report-link[href$="/report"]').first().getAttribute("href");
        if (!href) throw new Error(`no Report link on ${p.url()}`);
        return href;
      };
      // Reporting a review: the reasons, then again with the error of none chosen.
      failures.push(...(await audit(page, [{ to: firstReport(`${reviewed}/reviews`), h1: /^Report a review$/ }])));
      await page.getByRole("button", { name: "Report it" }).click();
      await page.locator("#reason-err").waitFor();
      failures.push(...(await violations(page)), ...(await reflow(page)));
      // Reporting a seller's answer: the same form, about the answer and its question.
      failures.push(...(await audit(page, [{ to: firstReport(`${asked}/questions`), h1: /^Report an answer$/ }])));
      // The ask page, then again with the error of a question too short to send.
      failures.push(...(await audit(page, [{ to: `${asked}/ask`, h1: /^Ask a question$/ }])));
      await page.getByRole("textbox", { name: "Your question" }).fill("Box?");
      await page.getByRole("button", { name: "Ask a question" }).click();
      await page.locator("#text-err").waitFor();
      failures.push(...(await violations(page)), ...(await reflow(page)));
      // Something in the cart, so the cart and checkout pages have their lines and forms.
      await page.goto("/search?q=phone");
      await page.goto(await firstLink("/products/")(page));
      await page.locator('form.add-to-cart button[type="submit"]:not([disabled])').first().click();
      await page.locator("[data-cart-count]").filter({ hasText: /[1-9]/ }).waitFor();
      failures.push(
        ...(await audit(page, [
          { to: "/orders", h1: /^Your orders$/ },
          "/account",
          "/account/notifications",
          "/seller/register",
          "/cart",
          "/checkout",
        ])),
      );
      // An order of their own, so the order pages have one to show.
      await fillAddress(page);
      await page.getByRole("button", { name: /Place order and pay/ }).click();
      await page.waitForURL(/\/psp-sandbox\//);
      failures.push(...(await violations(page)), ...(await reflow(page)));
      await page.getByRole("button", { name: "Pay", exact: true }).click();
      await page.waitForURL(/\/orders\/[^/?]+/);
      const orderPath = new URL(page.url()).pathname;
      failures.push(...(await audit(page, [orderPath, "/orders", "/orders?status=in_progress"])));
      // Ops ship it, so its tax invoice is on the order page: the widest page a shopper opens.
      await page.goto(orderPath);
      await page
        .locator("[data-order-status]")
        .filter({ hasText: /^Confirmed$/ })
        .waitFor({ timeout: 60_000 });
      const ops = await managerToken(baseURL, "ops@demo.test");
      for (const to of ["packed", "shipped"]) {
        const moved = await fetch(`${baseURL}/api${orderPath.replace("/orders/", "/admin/orders/")}/transitions`, {
          method: "POST",
          headers: { authorization: `Bearer ${ops}`, "content-type": "application/json" },
          body: JSON.stringify({ to }),
        });
        expect(moved.status).toBe(200);
      }
      await page.goto(orderPath);
      // The order's messages are on the Updates page by now; the wishlist page even when empty.
      failures.push(...(await audit(page, [firstLink(`${orderPath}/invoices/`), "/account/updates", "/wishlist"])));
      // The demo orders delivered and sent back, each with its forms (rate the seller, return, review).
      failures.push(
        ...(await audit(page, [
          { to: "/orders?status=delivered", h1: /^Your orders$/ },
          firstLink("/orders/ord_"),
          { to: writeReview, h1: /review/i },
          { to: "/orders?status=returns", h1: /^Your orders$/ },
          firstLink("/orders/ord_"),
        ])),
      );
      // The demo deal, open by now: its page as the sale's shoppers see it.
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(deal?.starts_at ?? "") - Date.now() + 1000)));
      failures.push(...(await audit(page, [`/deals/${deal?.id}`])));
      await expect(page.locator("main .tag").first().textContent()).resolves.toBe("Live now");
      expect(failures).toEqual([]);
      await ctx.close();
    },
    DEAL_OPENS_WITHIN_MS + 120_000,
  );

  it("finds nothing in the seller, deal manager and ops consoles, at desktop width", async () => {
    const failures: string[] = [];
    for (const [who, paths] of [
      [
        "seller@demo.test",
        [
          "/seller",
          // A listing on its own, its edit forms open: the way there is its buy box tag on the list.
          { to: firstLink("/seller?product="), h1: /^Your listings$/ },
          "/seller?stock=low",
          "/seller?due=today",
          "/seller/profile",
          "/seller/returns",
          "/seller/payments",
          "/seller/bulk",
          "/seller/new?q=phone",
          firstLink("/seller/new/"),
          { to: "/seller/questions", h1: /^Questions$/ },
          { to: "/seller/questions?state=answered", h1: /^Questions$/ },
          { to: "/seller/feedback", h1: /^Ratings$/ },
        ],
      ],
      ["deals@demo.test", ["/deals-console", firstLink("/deals-console/"), "/deals-console?find=phone"]],
      [
        "ops@demo.test",
        [
          "/ops/overview",
          "/ops",
          "/ops?status=shipped",
          "/ops?q=shopper%40demo.test",
          firstLink("/ops/orders/"),
          "/ops/holidays",
          "/ops/emails?state=failed",
          { to: "/ops/reviews", h1: /^Reviews$/ },
          { to: "/ops/questions", h1: /^Questions and answers$/ },
          { to: "/ops/help", h1: /^Help requests$/ },
          "/ops?due=late",
        ],
      ],
    ] as const) {
      const ctx = await auditedBrowser(1280);
      const page = await ctx.newPage();
      await page.goto("/signin");
      await signIn(page, who);
      failures.push(...(await audit(page, [...paths])));
      await ctx.close();
    }
    expect(failures).toEqual([]);
  });

  it("finds nothing in the packed queue's manifest or a copy of a deal off sale, at phone and desktop width", async () => {
    // The demo orders have one packed, so the packed queue draws its bulk form and manifest.
    await ensureDemoOrders(baseURL);
    const copied = await offSaleDeal();
    const failures: string[] = [];
    try {
      for (const width of [360, 1280]) {
        const ops = await auditedBrowser(width);
        const page = await ops.newPage();
        await signIn(page, "ops@demo.test");
        failures.push(...(await audit(page, [{ to: "/ops?status=packed", h1: /^Operations$/ }])));
        // The manifest opened, then drawn again after a line naming no order and no courier on the list.
        await page.getByText("Add couriers and AWBs from a manifest").click();
        failures.push(...(await auditShown(page)));
        const manifest = page.getByRole("textbox", { name: "Courier manifest" });
        await manifest.fill("ord_doesnotexist1, Delhivry, 123");
        const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/ops/orders/transitions");
        await page.getByRole("button", { name: "Mark selected shipped" }).click();
        expect((await answered).status()).toBe(400);
        await page
          .locator("#manifest-err")
          .filter({ hasText: /^Line 1: / })
          .waitFor();
        await expect(manifest.getAttribute("aria-describedby")).resolves.toBe("manifest-help manifest-err");
        await expect(manifest.getAttribute("aria-invalid")).resolves.toBe("true");
        failures.push(...(await auditShown(page)));
        await ops.close();

        const deals = await auditedBrowser(width);
        const manager = await deals.newPage();
        await signIn(manager, "deals@demo.test");
        failures.push(...(await audit(manager, [{ to: `/deals-console?like=${copied.id}#new-deal`, h1: /^Deals console$/ }])));
        await expect(manager.locator('#new-deal .panel.warning[role="alert"]').textContent()).resolves.toMatch(/switched off/);
        await deals.close();
      }
    } finally {
      await copied.restore();
    }
    expect(failures).toEqual([]);
  });
});
