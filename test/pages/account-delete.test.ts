import { describe, expect, it } from "vitest";
import { freshEmail } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";

describe("deleting the account from the account page", () => {
  it("says what is erased and kept, and after the password and the ticked box signs the browser out on a page saying so", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { cookie, csrf } = await browserSession(user);
    const page = await (await api("/account", { headers: { cookie } })).text();
    const section = readerText(page.slice(page.indexOf("data-delete-account")));
    expect(section).toContain("Delete your account");
    expect(section).toContain("erases your name, email address, password, saved addresses, cart, wishlist");
    expect(section).toContain("Your orders and their tax invoices are kept, as tax law requires");
    expect(page).toMatch(/<form method="post" action="\/account\/delete"/);

    const res = await postForm("/account/delete", { _csrf: csrf, password: "test-password-1", confirm: "yes" }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account/deleted");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-session=;") || /__Host-session=[^;]*;.*Max-Age=0/i.test(c))).toBe(
      true,
    );

    const done = readerText(await (await api("/account/deleted")).text());
    expect(done).toContain("Your account was deleted");
    expect(done).toContain("you are signed out on every device");
    // The old session no longer opens the account page.
    expect(await (await api("/account", { headers: { cookie } })).text()).not.toContain(user.email);
  });

  it("keeps the account and says why beside the field for a wrong password or an unticked box", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { cookie, csrf } = await browserSession(user);

    const unticked = await postForm("/account/delete", { _csrf: csrf, password: "test-password-1" }, cookie);
    expect(unticked.status).toBe(400);
    const untickedPage = await unticked.text();
    expect(readerText(untickedPage)).toContain("Tick the box to confirm you want your account deleted");
    // The refused form opens on what to fix, not at the page's top, far above it on a phone.
    expect(untickedPage).toMatch(/<input[^>]*name="confirm"[^>]*autofocus/);

    const wrong = await postForm("/account/delete", { _csrf: csrf, password: "not my password", confirm: "yes" }, cookie);
    expect(wrong.status).toBe(400);
    const wrongPage = await wrong.text();
    expect(readerText(wrongPage)).toContain("That is not your current password");
    expect(wrongPage).toMatch(/<input name="password"[^>]*autofocus/);

    expect((await api("/api/me", { headers: user.headers })).status).toBe(200);
  });

  it("tells a seller that an admin closes the account, with no form to delete it", async () => {
    const { sellerId } = await createListingFixture();
    const seller = await createTestUser(["seller"], { sellerId });
    const { cookie } = await browserSession(seller);
    const page = await (await api("/account", { headers: { cookie } })).text();
    expect(readerText(page.slice(page.indexOf("data-delete-account")))).toContain("an admin closes it");
    expect(page).not.toContain('action="/account/delete"');
  });
});
