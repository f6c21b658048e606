import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { browserForFile, newShopper } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

async function managerToken(): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "deals@demo.test", password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Ends every deal not yet ended, as the deal manager would from the console. */
async function endOpenDeals(): Promise<void> {
  const token = await managerToken();
  const list = await fetch(`${baseURL}/api/admin/deals?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  const { items } = (await list.json()) as { items: { id: string; status: string }[] };
  for (const { id } of items.filter((d) => d.status !== "ended")) {
    const res = await fetch(`${baseURL}/api/admin/deals/${id}/end`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }
}

// The journeys share one storefront: leave it with no open deal, as the others expect to find it.
afterAll(endOpenDeals);

describe("the demo deals a fresh `npm run dev` makes", () => {
  it("puts two flash deals on the home page, one opening within minutes with its waiting room, and makes no more while they are open", async () => {
    await endOpenDeals();
    const made = await ensureDemoDeals(baseURL);
    expect(made).toHaveLength(2);
    const opensIn = Date.parse(made[0]?.starts_at ?? "") - Date.now();
    expect(opensIn).toBeGreaterThan(0);
    expect(opensIn).toBeLessThanOrEqual(2 * 60_000);

    // A restart while they are open keeps them.
    await expect(ensureDemoDeals(baseURL)).resolves.toEqual([]);

    const ctx = await newShopper(browser(), baseURL);
    const page = await ctx.newPage();
    // The home page may be cached at the edge from before the deals, for up to its 30 s.
    await expect
      .poll(
        async () => {
          await page.goto("/");
          const text = (await page.locator("main").textContent()) ?? "";
          return made.every((d) => text.includes(d.title.slice(0, 20)));
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe(true);
    await page.goto(`/deals/${made[0]?.id}`);
    await page.getByRole("button", { name: "Join the waiting room" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/Opens in/);
    await ctx.close();
  });
});
