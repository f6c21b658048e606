import { describe, expect, inject, it } from "vitest";
import { auditedContext, violations } from "./audit";
import { browserForFile, newShopper, screenshots, signIn, signOut } from "./browser";
import { mailsTo, nextMailText } from "./mailbox";

const baseURL = inject("baseURL");
const serverLog = inject("serverLog");
const browser = browserForFile();

describe("password reset by email", () => {
  it("a shopper who forgot their password gets a link by email, sets a new one, and only the new one works", async () => {
    const ctx = await newShopper(browser(), baseURL);
    const page = await ctx.newPage();
    const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const email = `forgetful-${stamp}@shoppers.test`;
    const oldPassword = "first-password-1";
    const newPassword = "second-password-2";

    // A new account of their own, so the demo accounts the other journeys sign in with stay as they are.
    await page.goto("/signin");
    const register = page.locator("form[action='/register']");
    await register.getByLabel("Your name").fill("Farah Forgetful");
    await register.getByLabel("Email").fill(email);
    await register.getByLabel(/Password/).fill(oldPassword);
    await register.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseURL}/`);
    await signOut(page);

    // Later, at the sign-in page, they cannot remember it.
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(/\/signin/);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(/\/forgot-password$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Forgot your password?");
    await screenshots(page, "forgot-password");
    const earlier = mailsTo(serverLog, email).length;
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.waitForURL(/\/forgot-password\?sent=1$/);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "If an account exists for that address, we've sent a link to reset its password. It works for 30 minutes.",
    );
    await screenshots(page, "forgot-password-sent");

    // Their inbox: the mail the server printed, addressed to them, with a link to this store.
    const { mail, text } = await nextMailText(serverLog, email, earlier);
    expect(mail.subject).toBe("Reset your Bazaar password");
    expect(text).toContain("Hello Farah Forgetful,");
    const link = /(\S+\/reset-password\?token=\S+)/.exec(text)?.[1] ?? "";
    expect(link.startsWith(`${baseURL}/reset-password?token=`)).toBe(true);

    // The form the link opens passes the accessibility audit; opening the link uses nothing up.
    const audited = await auditedContext(browser(), baseURL, 360);
    const auditPage = await audited.newPage();
    await auditPage.goto(link);
    expect(await violations(auditPage)).toEqual([]);
    await audited.close();

    // The link opens the new-password form; two different passwords are caught before anything changes.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Choose a new password");
    // The token is gone from the address bar (and so from history) before the form shows.
    expect(page.url()).toBe(`${baseURL}/reset-password`);
    await screenshots(page, "reset-password");
    await page.getByLabel("New password (at least 10 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(`${newPassword}x`);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForLoadState("domcontentloaded");
    await expect(page.getByText("The two passwords differ").count()).resolves.toBe(1);
    await page.getByLabel("New password (at least 10 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();

    // They land on their account page, signed in.
    await page.waitForURL(/\/account\?done=reset$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your account");
    await expect(page.getByText("Your new password is set and you are signed in.").count()).resolves.toBe(1);
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await screenshots(page, "reset-password-done");

    // The new password signs them in; the old one is refused.
    await signOut(page);
    await page.goto("/signin");
    await signIn(page, email, newPassword);
    await page.waitForURL(`${baseURL}/`);
    // The header says so once the page has asked who is signed in.
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
    await signOut(page);
    await page.goto("/signin");
    await signIn(page, email, oldPassword);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("That email and password do not match.");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await screenshots(page, "reset-old-password-refused");

    // The link worked once: opened again, it is refused at once, with the way to a new one.
    await page.goto(link);
    await expect(page.getByLabel("New password again").count()).resolves.toBe(0);
    const refusal = page.getByRole("alert");
    await expect(refusal.getByRole("heading").textContent()).resolves.toBe("This link does not work any more");
    await expect(refusal.textContent()).resolves.toContain("This reset link has expired or was already used. Ask for a new one.");
    await screenshots(page, "reset-link-used");
    await refusal.getByRole("link", { name: "Ask for a new reset link" }).click();
    await page.waitForURL(/\/forgot-password$/);
    // Nothing changed: the new password still signs them in.
    await page.goto("/signin");
    await signIn(page, email, newPassword);
    await page.waitForURL(`${baseURL}/`);
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
    await ctx.close();
  });
});
