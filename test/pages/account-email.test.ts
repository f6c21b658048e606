import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshEmail, setCookies } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { readerText } from "../helpers/http";
import { mailSpy } from "../notifications/support";
import { browseWith, postWith } from "../helpers/worker-with";

const emailOf = async (userId: string) =>
  (await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(userId).first<{ email: string }>())?.email;

describe("changing the email from the account page", () => {
  it("mails a link from the form, and the page the link opens makes the change once", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { cookie, csrf } = await browserSession(user);
    const page = await (await browseWith(env, "/account", cookie)).text();
    expect(readerText(page)).toContain("Change your email");
    expect(page).toContain('action="/account/email"');

    const wrong = await browseWith(env, "/account/email", cookie, { _csrf: csrf, new_email: freshEmail(), password: "not-the-password" });
    expect(wrong.status).toBe(400);
    const wrongPage = await wrong.text();
    expect(readerText(wrongPage)).toContain("That is not your current password");
    expect(wrongPage).toMatch(/<input name="password"[^>]*autofocus/);

    const invalid = await browseWith(env, "/account/email", cookie, { _csrf: csrf, new_email: "nowhere", password: "test-password-1" });
    expect(invalid.status).toBe(400);
    expect(readerText(await invalid.text())).toContain("Enter the new email address");

    const newEmail = freshEmail();
    const { sent, spyEnv } = mailSpy();
    const asked = await browseWith(spyEnv, "/account/email", cookie, { _csrf: csrf, new_email: newEmail, password: "test-password-1" });
    expect(asked.status).toBe(200);
    const askedPage = await asked.text();
    // The answer takes the focus, so the page opens on it rather than at the top, far above it on a phone.
    expect(askedPage).toMatch(/<p class="panel ok" role="status" tabindex="-1" autofocus/);
    expect(readerText(askedPage)).toContain(`We sent a link to ${newEmail}; your sign-in address stays ${user.email} until you open it.`);
    expect(sent.map((m) => m.to)).toEqual([newEmail]);
    expect(await emailOf(user.id)).toBe(user.email);

    // Opened in another browser (the phone's mail app): the token moves into a cookie, off the address bar.
    const link = new URL(/https:\/\/\S+\/confirm-email\?token=\S+/.exec(sent[0]?.text ?? "")?.[0] ?? "");
    const landed = await browseWith(env, `${link.pathname}${link.search}`, "");
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe("/confirm-email");
    const kept = setCookies(landed).find((c) => c.name === "__Secure-email-change-token");
    const tokenCookie = `${kept?.name}=${kept?.value}`;

    const ask = await browseWith(env, "/confirm-email", tokenCookie);
    expect(ask.status).toBe(200);
    expect(ask.headers.get("referrer-policy")).toBe("no-referrer");
    const askText = readerText(await ask.text());
    expect(askText).toContain(`Sign in to the Bazaar Edge account ${user.email} with ${newEmail} from now on.`);
    // Opening the link alone changes nothing: a mail scanner may have opened it.
    expect(await emailOf(user.id)).toBe(user.email);

    const done = await browseWith(env, "/confirm-email", tokenCookie, {});
    expect(done.status).toBe(200);
    const doneText = readerText(await done.text());
    expect(doneText).toContain(`Your email address is now ${newEmail} .`);
    // A browser signed in to no one is led to sign in with the new address, not to an account page it cannot open.
    expect(doneText).toContain("Sign in with your new address");
    expect(await emailOf(user.id)).toBe(newEmail);

    const again = await browseWith(env, "/confirm-email", tokenCookie, {});
    expect(again.status).toBe(400);
    const againHtml = await again.text();
    expect(readerText(againHtml)).toContain("This link to change your email has expired or was already used.");
    expect(againHtml).toContain('<a href="/account#email-h">Ask again from your account page</a>');
    const reopened = await browseWith(env, "/confirm-email", tokenCookie);
    expect(readerText(await reopened.text())).toContain("expired or was already used");

    // The browser that asked is still signed in, under the new address.
    expect(readerText(await (await browseWith(env, "/account", cookie)).text())).toContain(newEmail);
  });

  it("opened in a browser signed in to another account, says that account stays as it is and leads nowhere near it", async () => {
    const owner = await createTestUser([], { email: freshEmail() });
    const asker = await browserSession(owner);
    const newEmail = freshEmail();
    const { sent, spyEnv } = mailSpy();
    await browseWith(spyEnv, "/account/email", asker.cookie, { _csrf: asker.csrf, new_email: newEmail, password: "test-password-1" });
    const link = new URL(/https:\/\/\S+\/confirm-email\?token=\S+/.exec(sent[0]?.text ?? "")?.[0] ?? "");

    const other = await createTestUser([], { email: freshEmail() });
    const { cookie, csrf } = await browserSession(other);
    const landed = await browseWith(env, `${link.pathname}${link.search}`, cookie);
    const kept = setCookies(landed).find((c) => c.name === "__Secure-email-change-token");
    const both = `${cookie}; ${kept?.name}=${kept?.value}`;

    const askText = readerText(await (await browseWith(env, "/confirm-email", both)).text());
    expect(askText).toContain(`Sign in to the Bazaar Edge account ${owner.email} with ${newEmail} from now on.`);
    expect(askText).toContain(`This browser is signed in to another account, ${other.email} , which stays as it is.`);

    const done = await browseWith(env, "/confirm-email", both, { _csrf: csrf });
    const doneHtml = await done.text();
    expect(readerText(doneHtml)).toContain(`This browser is still signed in to another account, ${other.email} .`);
    expect(doneHtml).not.toContain('<a href="/account">');
    expect(await emailOf(owner.id)).toBe(newEmail);
    expect(await emailOf(other.id)).toBe(other.email);
  });

  it("says why once another account took the new address, and lets the used-up link go", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const newEmail = freshEmail();
    const { sent, spyEnv } = mailSpy();
    await postWith(spyEnv, "/api/me/email", { current_password: "test-password-1", new_email: newEmail }, user.headers);
    const link = new URL(/https:\/\/\S+\/confirm-email\?token=\S+/.exec(sent[0]?.text ?? "")?.[0] ?? "");
    const kept = setCookies(await browseWith(env, `${link.pathname}${link.search}`, "")).find(
      (c) => c.name === "__Secure-email-change-token",
    );
    await createTestUser([], { email: newEmail });

    const refused = await browseWith(env, "/confirm-email", `${kept?.name}=${kept?.value}`, {});
    expect(refused.status).toBe(409);
    const text = readerText(await refused.text());
    expect(text).toContain("Your email was not changed");
    expect(text).toContain(
      `${newEmail} now belongs to another account, so your email was not changed. You still sign in with ${user.email}.`,
    );
    expect(
      setCookies(refused)
        .find((c) => c.name === "__Secure-email-change-token")
        ?.attributes.get("max-age"),
    ).toBe("0");
    expect(await emailOf(user.id)).toBe(user.email);
  });
});
