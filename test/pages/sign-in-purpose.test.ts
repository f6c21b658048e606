import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signInPurpose } from "../../workers/pages/sign-in-purpose";
import { ORIGIN, readerText } from "../helpers/http";

/** A guest's visit to `path`, followed to where it is sent, with the words above the sign-in forms. */
async function sentToSignIn(path: string): Promise<{ at: string; said: string }> {
  const first = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual" }));
  expect(first.status).toBe(303);
  const at = first.headers.get("location") ?? "";
  const page = await exports.default.fetch(new Request(new URL(at, ORIGIN)));
  expect(page.status).toBe(200);
  const html = await page.text();
  const said = /<p class="panel ok" role="status">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
  return { at, said: readerText(said).trim() };
}

describe("the sign-in page a guest is sent to", () => {
  it("says what signing in is for, from the page that sent them", async () => {
    expect(await sentToSignIn("/wishlist")).toEqual({ at: "/signin?next=%2Fwishlist", said: "Sign in to see your wishlist." });
    expect((await sentToSignIn("/orders")).said).toBe("Sign in to see your orders.");
    expect((await sentToSignIn("/orders/ord_x1")).said).toBe("Sign in to see this order.");
    // Back to the account page after deleting the account lands here too.
    expect((await sentToSignIn("/account")).said).toBe("Sign in to see your account.");
    expect((await sentToSignIn("/account/updates")).said).toBe("Sign in to see your updates.");
    expect((await sentToSignIn("/seller?due=late")).said).toBe("Sign in to your seller console.");
    expect((await sentToSignIn("/ops")).said).toBe("Sign in to the operations console.");
  });

  it("reads the most particular page first, and says nothing for a page it cannot name", () => {
    expect(signInPurpose("/wishlist/save?product=prd_1")).toBe("Sign in to save this to your wishlist.");
    expect(signInPurpose("/orders/ord_1/invoices/inv_1")).toBe("Sign in to see this invoice.");
    expect(signInPurpose("/orders/ord_1/credit-notes/cn_1")).toBe("Sign in to see this credit note.");
    expect(signInPurpose("/orders?status=delivered")).toBe("Sign in to see your orders.");
    expect(signInPurpose("/products/prd_1/review")).toBe("Sign in to review this product.");
    expect(signInPurpose("/products/prd_1/ask")).toBe("Sign in to ask the sellers a question.");
    expect(signInPurpose("/deals-console")).toBe("Sign in to the deals console.");
    expect(signInPurpose("/")).toBeNull();
    expect(signInPurpose("/products/prd_1")).toBeNull();
    expect(signInPurpose("/sellers-guide")).toBeNull();
    expect(signInPurpose("/accounts")).toBeNull();
  });

  it("leaves a refused form's warning alone, and checkout's own words", async () => {
    const form = await (await exports.default.fetch(new Request(`${ORIGIN}/signin?why=form&next=%2Faccount`))).text();
    expect(readerText(form)).toContain("You were signed out, so what you just sent was not saved or done.");
    expect(form).not.toContain("Sign in to see your account.");
    const checkout = await (await exports.default.fetch(new Request(`${ORIGIN}/signin?why=checkout&next=%2Fcheckout`))).text();
    expect(readerText(checkout)).toContain("Sign in to check out. Your cart comes with you.");
  });
});
