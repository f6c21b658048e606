import { describe, expect, it } from "vitest";
import { Browser, freshEmail, type SetCookie, setCookies } from "../accounts/browser";
import { createProduct } from "../catalog/fixtures";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api, ORIGIN } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

const HOME = {
  name: "Ananya Iyer",
  phone: "9876543210",
  line1: "4 Indiranagar 100 Ft Road",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560038",
};
const PARENTS = {
  name: "Ananya Iyer",
  phone: "9876543210",
  line1: "22 Anna Salai",
  city: "Chennai",
  state: "Tamil Nadu",
  pincode: "600002",
};

/** A shopper with an account who has had orders delivered to `addresses` (oldest first). */
async function shopperWhoOrdered(addresses: Record<string, string>[]): Promise<TestUser> {
  const user = await createTestUser([], { email: freshEmail() });
  const times = timesFrom("2025-06-01T09:00:00.000Z", addresses.length);
  for (const [i, address] of addresses.entries())
    await seedOrder({ userId: user.id, status: "delivered", at: times[i] as string, address });
  return user;
}

/** Signs `user` in through the sign-in page's form, as a browser posts it. */
async function signIn(browser: Browser, user: TestUser): Promise<Response> {
  const res = await browser.fetch("/signin", {
    method: "POST",
    body: new URLSearchParams({ email: user.email, password: "test-password-1", next: "/" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    redirect: "manual",
  });
  expect(res.status).toBe(303);
  return res;
}

/** The remembered PIN code cookie a response sets, if any. */
const pincodeCookie = (res: Response): SetCookie | undefined => setCookies(res).find((c) => c.name === "__Host-pincode");

/** The cookie the product page sets for a PIN code typed into its box: the one every setter must match. */
async function typedPincodeCookie(): Promise<SetCookie> {
  const f = await createProduct([{ price: 129900, units: 12 }]);
  const cookie = pincodeCookie(await api(`/products/${f.productId}?pincode=411014`));
  expect(cookie).toBeDefined();
  return cookie as SetCookie;
}

describe("a returning shopper's PIN code", () => {
  it("is remembered at sign-in from their latest order's address, as a typed one is", async () => {
    const user = await shopperWhoOrdered([PARENTS, HOME]);
    const browser = new Browser();
    const res = await signIn(browser, user);
    const cookie = pincodeCookie(res);
    expect(cookie?.value).toBe("560038");
    expect(cookie?.attributes).toEqual((await typedPincodeCookie()).attributes);
    expect(browser.cookies.get("__Host-pincode")).toBe("560038");
  });

  it("stays unset for a shopper who has never ordered, until they have", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    expect(pincodeCookie(await signIn(new Browser(), user))).toBeUndefined();

    await seedOrder({ userId: user.id, status: "confirmed", at: "2025-06-02T09:00:00.000Z", address: HOME });
    expect(pincodeCookie(await signIn(new Browser(), user))?.value).toBe("560038");
  });

  it("keeps the PIN code a browser already remembers, which a fresh browser would not get", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const asked = new Browser();
    asked.cookies.set("__Host-pincode", "110001");
    expect(pincodeCookie(await signIn(asked, user))).toBeUndefined();
    expect(asked.cookies.get("__Host-pincode")).toBe("110001");

    expect(pincodeCookie(await signIn(new Browser(), user))?.value).toBe("560038");
  });

  it("skips an address the shopper removed, starting a new device from the latest one still saved", async () => {
    const user = await shopperWhoOrdered([PARENTS, HOME]);
    const items = (
      (await (await api("/api/me/addresses", { headers: user.headers })).json()) as { items: { id: string; pincode: string }[] }
    ).items;
    expect(items[0]?.pincode).toBe("560038");
    const removed = await api(`/api/me/addresses/${items[0]?.id}`, { method: "DELETE", headers: user.headers });
    expect(removed.status).toBe(204);
    expect(pincodeCookie(await signIn(new Browser(), user))?.value).toBe("600002");
  });

  it("moves to where they just ordered when they place an order on the checkout page", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const f = await stockedListing(10);
    const { cookie, csrf } = await browserSession(user);
    const remembered = `${cookie}; __Host-pincode=560038`;
    await postForm("/cart/items", { listing_id: f.listingId, qty: "1", _csrf: csrf }, remembered);
    const res = await postForm("/checkout", checkoutFields(csrf, PARENTS), remembered);
    expect(res.status).toBe(303);
    const set = pincodeCookie(res);
    expect(set?.value).toBe("600002");
    expect(set?.attributes).toEqual((await typedPincodeCookie()).attributes);
  });

  it("is not touched by a refused order, which delivers nowhere", async () => {
    const user = await shopperWhoOrdered([HOME]);
    const { cookie, csrf } = await browserSession(user);
    // An empty cart places nothing.
    const res = await postForm("/checkout", checkoutFields(csrf, PARENTS), `${cookie}; __Host-pincode=560038`);
    expect(res.status).not.toBe(303);
    expect(pincodeCookie(res)).toBeUndefined();
  });
});
