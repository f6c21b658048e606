import { afterAll, describe, expect, inject, it } from "vitest";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, registerShopper, signIn } from "./browser";
import { runLocalD1, sqlText } from "./local-d1";

const baseURL = inject("baseURL");
const persistTo = inject("persistTo");
const browser = browserForFile();

// The journeys share one storefront: leave no message of this file's behind.
const MARK = `updates-badge-${Date.now()}`;
afterAll(async () => {
  await runLocalD1(persistTo, `DELETE FROM notifications WHERE event_id LIKE ${sqlText(`${MARK}:%`)};`);
});

async function tokenFor(account: { email: string; password: string }): Promise<{ token: string; id: string }> {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  const { token } = (await login.json()) as { token: string };
  const me = (await (await fetch(`${baseURL}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  return { token, id: me.id };
}

/** A message to the shopper on the Updates page (and by email), `minutesAgo` minutes ago. */
function message(userId: string, n: number, subject: string, minutesAgo: number): string {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at)
    VALUES (${sqlText(`${MARK}:${n}`)}, 'email', ${sqlText(userId)}, 'price_drop', ${sqlText(subject)},
            ${sqlText(`${subject}. See it on the product page.`)}, '/deals', ${sqlText(at)});`;
}

describe("the Updates badge", () => {
  it("shows a shopper how many messages are new, marks them on Updates, and clears once they are seen", async () => {
    const account = await registerShopper(baseURL, "updates", "Meera Nair");
    const { token, id } = await tokenFor(account);
    await runLocalD1(persistTo, message(id, 1, "Price drop on a saved phone", 30) + message(id, 2, "Back in stock: a saved kettle", 2));

    const ctx = await auditedContext(browser(), baseURL, 390);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, account.email, account.password);
    await page.goto("/");

    const header = page.getByRole("navigation", { name: "Account" });
    const badge = header.locator("[data-updates-unread]");
    await expect.poll(() => badge.textContent()).toBe("2");
    const link = header.getByRole("link", { name: "Updates, 2 new" });
    await expect(link.isVisible()).resolves.toBe(true);
    const failures = [...(await violations(page)), ...(await reflow(page))];

    await link.click();
    await page.waitForURL(/\/account\/updates$/);
    const fresh = page.locator("li[data-new]");
    await expect(fresh.count()).resolves.toBe(2);
    await expect(fresh.first().textContent()).resolves.toContain("New");
    // Opening the page records them seen: the badge clears here, and stays clear elsewhere.
    await expect.poll(() => badge.textContent()).toBe("");
    failures.push(...(await violations(page)), ...(await reflow(page)));
    await page.goto("/deals");
    await expect(header.getByRole("link", { name: "Updates", exact: true }).isVisible()).resolves.toBe(true);
    await expect(badge.textContent()).resolves.toBe("");
    const unread = await fetch(`${baseURL}/api/notifications/unread`, { headers: { authorization: `Bearer ${token}` } });
    await expect(unread.json()).resolves.toMatchObject({ unread: 0, more: false });

    // Seen once, not new again on the next visit.
    await page.goto("/account/updates");
    await expect(page.locator("li[data-new]").count()).resolves.toBe(0);
    await expect(page.locator("li[data-update]").count()).resolves.toBe(2);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
