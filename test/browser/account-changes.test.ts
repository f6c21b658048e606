import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, newShopper, registerShopper, screenshots, signIn, signOut } from "./browser";
import { mailsTo, nextMailText } from "./mailbox";

const baseURL = inject("baseURL");
const serverLog = inject("serverLog");
const browser = browserForFile();

/** Whether the element is on screen without scrolling, as a phone shows the page it opens. */
const onScreen = (page: Page, text: string) =>
  page
    .getByText(text)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
    });

describe("changing the account's email, then deleting the account", () => {
  it("a shopper moves their account to a new address through the mailed link, signs in with it, then deletes the account", async () => {
    const ctx = await newShopper(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const oldEmail = `mover-${stamp}@shoppers.test`;
    const newEmail = `moved-${stamp}@shoppers.test`;
    const password = "moving-password-1";

    await page.goto("/signin");
    const register = page.locator("form[action='/register']");
    await register.getByLabel("Your name").fill("Meera Mover");
    await register.getByLabel("Email").fill(oldEmail);
    await register.getByLabel(/Password/).fill(password);
    await register.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseURL}/`);

    // A wrong password is said beside its field, and the phone opens the page there, not at its top.
    await page.goto("/account");
    const emailForm = page.locator("[data-email-form]");
    await emailForm.getByLabel("New email address").fill(newEmail);
    await emailForm.getByLabel("Current password").fill("not-my-password");
    await emailForm.getByRole("button", { name: "Email me a link to confirm" }).click();
    await page.waitForLoadState("load");
    await expect(onScreen(page, "That is not your current password")).resolves.toBe(true);
    await expect(
      page.evaluate(() => (globalThis as unknown as { document: { activeElement: { name?: string } } }).document.activeElement.name),
    ).resolves.toBe("password");

    const earlier = mailsTo(serverLog, newEmail).length;
    await emailForm.getByLabel("Current password").fill(password);
    await emailForm.getByRole("button", { name: "Email me a link to confirm" }).click();
    await page.waitForLoadState("load");
    const sent = `We sent a link to ${newEmail}; your sign-in address stays ${oldEmail} until you open it.`;
    await expect(page.getByRole("status").textContent()).resolves.toContain(sent);
    await expect(onScreen(page, sent)).resolves.toBe(true);
    await screenshots(page, "email-change-sent");

    // The new inbox: the link opens a page that asks before it changes anything.
    const { mail, text } = await nextMailText(serverLog, newEmail, earlier);
    expect(mail.subject).toBe("Confirm your new Bazaar Edge email address");
    const link = /(\S+\/confirm-email\?token=\S+)/.exec(text)?.[1] ?? "";
    expect(link.startsWith(`${baseURL}/confirm-email?token=`)).toBe(true);

    // Opened on another device, signed in to no one (the phone's mail app).
    const inbox = await newShopper(browser(), baseURL, 1280);
    const mailPage = await inbox.newPage();
    await mailPage.goto(link);
    expect(mailPage.url()).toBe(`${baseURL}/confirm-email`);
    await expect(mailPage.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Confirm your new email");
    await expect(mailPage.locator("main").textContent()).resolves.toContain(
      `Sign in to the Bazaar Edge account ${oldEmail} with ${newEmail} from now on.`,
    );
    await screenshots(mailPage, "email-change-confirm");
    await mailPage.getByRole("button", { name: "Use this email address" }).click();
    await mailPage.waitForLoadState("load");
    await expect(mailPage.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your email is changed");
    await screenshots(mailPage, "email-change-done");
    await mailPage.getByRole("link", { name: "Sign in with your new address" }).click();
    await mailPage.waitForURL(/\/signin/);
    await inbox.close();

    // The phone that asked still shows the account, under the new address; signed out, the new address signs in.
    await page.goto("/account");
    await expect(page.locator(".account-facts").textContent()).resolves.toContain(newEmail);
    await signOut(page);
    await signIn(page, oldEmail, password);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("That email and password do not match.");
    await signIn(page, newEmail, password);
    await page.waitForURL(`${baseURL}/`);
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();

    // Updates keeps the notice mailed to the old address, in words that read right under the new one.
    await page
      .getByRole("link", { name: /^Updates/ })
      .first()
      .click();
    await page.waitForURL(/\/account\/updates$/);
    const notice = page.locator("[data-update='email_changed']");
    await expect(notice.textContent()).resolves.toContain("The old address no longer signs in to the account");
    await screenshots(page, "email-change-updates");

    // Deleting: the unticked box is said beside it, on screen; then the account goes.
    await page.goto("/account");
    const deletion = page.locator("[data-delete-account]");
    await deletion.getByText("Delete my account", { exact: true }).first().click();
    await deletion.getByLabel("Current password").fill(password);
    await deletion.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForLoadState("load");
    await expect(onScreen(page, "Tick the box to confirm you want your account deleted")).resolves.toBe(true);
    await deletion.getByLabel("Current password").fill(password);
    await deletion.getByLabel(/I understand my account/).check();
    await deletion.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(`${baseURL}/account/deleted`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your account was deleted");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await screenshots(page, "account-deleted");

    // The account page asks to sign in, and the address no longer does.
    await page.goto("/account");
    await page.waitForURL(/\/signin/);
    await signIn(page, newEmail, password);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("That email and password do not match.");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await ctx.close();
  });

  it("an owner whose account someone else moved takes it back through the link in the notice to the old address", async () => {
    const owner = await registerShopper(baseURL, "owner", "Kavya Owner");
    const takenTo = `taker-${Date.now()}-${Math.floor(Math.random() * 1e6)}@shoppers.test`;

    // Someone who knows the password moves the account to a mailbox of theirs.
    const taker = await newShopper(browser(), baseURL, 1280);
    const takerPage = await taker.newPage();
    await takerPage.goto("/signin");
    await signIn(takerPage, owner.email, owner.password);
    await takerPage.waitForURL(`${baseURL}/`);
    await takerPage.goto("/account");
    const emailForm = takerPage.locator("[data-email-form]");
    await emailForm.getByLabel("New email address").fill(takenTo);
    await emailForm.getByLabel("Current password").fill(owner.password);
    const toTaker = mailsTo(serverLog, takenTo).length;
    const toOwner = mailsTo(serverLog, owner.email).length;
    await emailForm.getByRole("button", { name: "Email me a link to confirm" }).click();
    await takerPage.waitForLoadState("load");
    const confirm = /(\S+\/confirm-email\?token=\S+)/.exec((await nextMailText(serverLog, takenTo, toTaker)).text)?.[1] ?? "";
    await takerPage.goto(confirm);
    await takerPage.getByRole("button", { name: "Use this email address" }).click();
    await takerPage.waitForLoadState("load");
    await expect(takerPage.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your email is changed");

    // The owner's old inbox: the notice no longer asks for a reply; its link asks before it acts.
    const { mail, text } = await nextMailText(serverLog, owner.email, toOwner);
    expect(mail.subject).toBe("Your Bazaar Edge email address was changed");
    expect(text).not.toContain("reply");
    const link = /(\S+\/secure-account\?token=\S+)/.exec(text)?.[1] ?? "";
    expect(link.startsWith(`${baseURL}/secure-account?token=`)).toBe(true);
    const ctx = await newShopper(browser(), baseURL, 360);
    const page = await ctx.newPage();
    await page.goto(link);
    expect(page.url()).toBe(`${baseURL}/secure-account`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Secure your account");
    await expect(page.locator("main").textContent()).resolves.toContain(`Put it back on ${owner.email}?`);
    await screenshots(page, "secure-account-ask");
    await page.getByRole("button", { name: "Take my account back" }).click();

    // On to a new password, as a reset link would: the one the taker knows is of no use any more.
    await page.waitForURL(`${baseURL}/reset-password?secured=1`);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      `${owner.email} is your account's address again, and every device was signed out.`,
    );
    await screenshots(page, "secure-account-new-password");
    const newPassword = "taken-back-passphrase";
    await page.getByLabel("New password (at least 10 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL(/\/account\?done=reset$/);
    await expect(page.locator(".account-facts").textContent()).resolves.toContain(owner.email);

    // The taker's browser is signed out, and neither their address nor the old password signs in.
    await takerPage.goto("/account");
    await takerPage.waitForURL(/\/signin/);
    await signIn(takerPage, takenTo, owner.password);
    await expect(takerPage.getByRole("alert").textContent()).resolves.toContain("That email and password do not match.");
    await signIn(takerPage, owner.email, owner.password);
    await expect(takerPage.getByRole("alert").textContent()).resolves.toContain("That email and password do not match.");
    await taker.close();

    // The link worked once.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your account was not changed");
    await ctx.close();
  });
});
