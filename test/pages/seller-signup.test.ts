import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession, drawnForm, field, postForm } from "../helpers/forms";
import { uniqueGstin } from "../helpers/gstin";
import { ORIGIN, readerText } from "../helpers/http";

const WARNING = "Orders with your items can't ship until you add your GSTIN.";

/** A page as a browser asks for it, with the redirect it answers left unfollowed. */
async function page(path: string, cookie?: string): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} }));
}

async function sellersOf(userId: string): Promise<number> {
  return (
    (await env.DB.prepare("SELECT COUNT(*) AS n FROM user_roles WHERE user_id = ? AND role = 'seller'").bind(userId).first<number>("n")) ??
    0
  );
}

/** The value a drawn input holds. */
const typedIn = (input: string) => /value="([^"]*)"/.exec(input)?.[1];

describe("Sell on Bazaar (/seller/register)", () => {
  it("sends a guest to sign in and back", async () => {
    const res = await page("/seller/register");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fseller%2Fregister");
  });

  it("shows each refused field's message beside it, keeps what was typed, and registers nothing", async () => {
    const shopper = await createTestUser();
    const { cookie, csrf } = await browserSession(shopper);
    const drawn = await (await page("/seller/register", cookie)).text();
    expect(readerText(drawn)).toContain("Sell on Bazaar");
    const form = drawnForm(drawn, "data-seller-register");
    expect(form.action).toBe("/seller/register");
    expect(form.fields._csrf).toBe(csrf);

    const typo = `${uniqueGstin("27").slice(0, 14)}?`;
    const res = await postForm(form.action, { ...form.fields, business_name: "Lotus Home Decor", city: "", gstin: typo }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(field(html, "gstin").error).toMatch(/^This is not the shape of a GSTIN/);
    expect(typedIn(field(html, "gstin").input)).toBe(typo);
    expect(field(html, "city").error).toBe("Enter the city you ship from");
    expect(field(html, "business_name").error).toBeNull();
    expect(typedIn(field(html, "business_name").input)).toBe("Lotus Home Decor");

    // A GSTIN another seller has is the API's refusal, shown beside the field the same way.
    const other = await createListingFixture();
    const taken = (await env.DB.prepare("SELECT gstin FROM sellers WHERE id = ?").bind(other.sellerId).first<string>("gstin")) ?? "";
    const clash = await postForm(form.action, { ...form.fields, business_name: "Lotus Home Decor", city: "Mumbai", gstin: taken }, cookie);
    expect(clash.status).toBe(409);
    const clashHtml = await clash.text();
    expect(field(clashHtml, "gstin").error).toContain("already registered to another seller");
    expect(typedIn(field(clashHtml, "city").input)).toBe("Mumbai");
    expect(await sellersOf(shopper.id)).toBe(0);
  });

  it("registers the business and lands on the seller console, after which the form sends the seller there", async () => {
    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    const form = drawnForm(await (await page("/seller/register", cookie)).text(), "data-seller-register");
    const gstin = uniqueGstin("29");
    const res = await postForm(form.action, { ...form.fields, business_name: "Kaveri Kitchenware", city: "Bengaluru", gstin }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/seller?done=registered");
    expect(await sellersOf(shopper.id)).toBe(1);

    const consolePage = await page("/seller?done=registered", cookie);
    expect(consolePage.status).toBe(200);
    const text = readerText(await consolePage.text());
    expect(text).toContain("Welcome to Bazaar's sellers.");
    expect(text).not.toContain(WARNING);

    const again = await page("/seller/register", cookie);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/seller");
  });

  it("refuses a form posted without the session's CSRF token", async () => {
    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    const res = await postForm("/seller/register", { business_name: "Forged Traders", city: "Pune", gstin: uniqueGstin() }, cookie);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await sellersOf(shopper.id)).toBe(0);
  });

  it("is offered on the account page to accounts that do not sell yet", async () => {
    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    expect(await (await page("/account", cookie)).text()).toContain('href="/seller/register"');
    const seller = await createTestUser(["seller"], { sellerId: (await createListingFixture()).sellerId });
    const sellerPage = await (await page("/account", (await browserSession(seller)).cookie)).text();
    expect(sellerPage).not.toContain('href="/seller/register"');
    expect(sellerPage).toContain('href="/seller/profile"');
  });
});

describe("the seller console's Profile tab", () => {
  it("warns a seller without a GSTIN on the console and lets it add one on its profile", async () => {
    const f = await createListingFixture();
    await env.DB.prepare("UPDATE sellers SET gstin = NULL WHERE id = ?").bind(f.sellerId).run();
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const { cookie } = await browserSession(seller);

    const consolePage = await (await page("/seller", cookie)).text();
    expect(readerText(consolePage)).toContain(WARNING);
    expect(consolePage).toContain('href="/seller/profile#business"');

    const profile = await (await page("/seller/profile", cookie)).text();
    expect(profile).toContain('<a href="/seller/profile" aria-current="page">Profile</a>');
    expect(readerText(profile)).toContain("GSTIN Not on file");
    expect(readerText(profile)).toContain(WARNING);
    const form = drawnForm(profile, "data-seller-profile-form");
    expect(form.fields).toMatchObject({ business_name: "Test Seller", city: "Pune", gstin: "" });

    const valid = uniqueGstin("27");
    const wrong = valid.slice(0, 14) + (valid.endsWith("0") ? "1" : "0");
    const bad = await postForm(form.action, { ...form.fields, gstin: wrong }, cookie);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(field(badHtml, "gstin").error).toBe("The last character does not match the rest of the GSTIN: check for a typo.");
    expect(typedIn(field(badHtml, "gstin").input)).toBe(wrong);

    const gstin = uniqueGstin("27");
    const saved = await postForm(form.action, { ...form.fields, city: "Nashik", gstin: gstin.toLowerCase() }, cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/seller/profile?done=saved");
    const after = readerText(await (await page("/seller/profile?done=saved", cookie)).text());
    expect(after).toContain("Business details saved.");
    expect(after).toContain(`GSTIN ${gstin}`);
    expect(after).toContain("Registered in Maharashtra (27)");
    expect(after).toContain("City Nashik");
    expect(after).not.toContain(WARNING);
    expect(readerText(await (await page("/seller", cookie)).text())).not.toContain(WARNING);
  });

  it("keeps the GSTIN on file when the field is left empty, and refuses the profile to non-sellers", async () => {
    const f = await createListingFixture();
    const gstin = await env.DB.prepare("SELECT gstin FROM sellers WHERE id = ?").bind(f.sellerId).first<string>("gstin");
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const { cookie } = await browserSession(seller);
    const form = drawnForm(await (await page("/seller/profile", cookie)).text(), "data-seller-profile-form");
    expect(form.fields.gstin).toBe(gstin);
    const saved = await postForm(form.action, { ...form.fields, business_name: "Test Seller & Sons", gstin: "" }, cookie);
    expect(saved.status).toBe(303);
    const row = await env.DB.prepare("SELECT name, gstin FROM sellers WHERE id = ?").bind(f.sellerId).first();
    expect(row).toEqual({ name: "Test Seller & Sons", gstin });

    const shopper = await createTestUser();
    expect((await page("/seller/profile", (await browserSession(shopper)).cookie)).status).toBe(403);
  });
});
