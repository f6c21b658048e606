import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateFor } from "../../workers/deals/gate-client";
import { api } from "../helpers/http";
import { reloadUntil, visitor } from "../helpers/no-script";
import { createDealViaApi, dealSetup } from "../deals/helpers";

const inIst = (iso: string) => new Date(iso).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of the first element carrying `mark`, without markup. */
function textOf(html: string, mark: string): string {
  const at = html.indexOf(mark);
  expect(at, mark).toBeGreaterThan(-1);
  const open = html.lastIndexOf("<", at);
  const name = /^<(\w+)/.exec(html.slice(open))?.[1] ?? "";
  const body = html.slice(html.indexOf(">", at) + 1, html.indexOf(`</${name}>`, at));
  return body
    .replace(/<[^>]*>/g, "")
    .replace(/<!-- -->/g, "")
    .trim();
}

describe("a deal's page read without scripts", () => {
  it("asks a shopper to keep a page open only once they are in line", async () => {
    const setup = await dealSetup(20);
    const upcoming = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 600_000).toISOString() });
    const live = await createDealViaApi(await dealSetup(20), { starts_at: new Date(Date.now() + 200).toISOString() });
    await sleep(300);
    for (const id of [upcoming, live]) {
      const message = textOf(await (await api(`/deals/${id}`)).text(), "data-wr-message");
      expect(message).toContain("Join the waiting room");
      expect(message).not.toMatch(/keep this page open/i);
    }
    // Once in line, the waiting room's own page says it refreshes itself.
    const go = visitor();
    const waitUrl = (await go(`/deals/${live}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    expect(await (await go(waitUrl)).text()).toMatch(/You are in line|your turn/i);
  });

  it("says the opening and closing times it shows are India's (IST)", async () => {
    const setup = await dealSetup(20);
    const startsAt = new Date(Date.now() + 600_000).toISOString();
    const id = await createDealViaApi(setup, { starts_at: startsAt });
    const html = await (await api(`/deals/${id}`)).text();
    expect(textOf(html, 'class="countdown"').replace(/\s+/g, " ")).toBe(`Opens ${inIst(startsAt)} IST`);
  });

  it("leads from a sold-out deal to the page listing the other deals, on the deal page and in the waiting room", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { units: 1, starts_at: new Date(Date.now() + 200).toISOString() });
    await sleep(300);
    const go = visitor();
    const waitUrl = (await go(`/deals/${id}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    const gate = gateFor(env, id);
    expect((await gate.reserve({ reservationId: "other", shopperId: "gst_other", qty: 1 })).ok).toBe(true);
    expect(await gate.commit("other")).toBe("done");

    const waiting = await reloadUntil(go, waitUrl, "<h1>Sold out</h1>");
    expect(waiting).toContain('<a href="/deals">See other deals</a>');
    expect(waiting).not.toContain('<a href="/">See other deals</a>');

    let page = "";
    for (let i = 0; i < 20 && !page.includes("Sold out:"); i++) {
      await sleep(250);
      page = await (await api(`/deals/${id}`)).text();
    }
    expect(page).toContain("Sold out: every unit of this deal has been sold.");
    expect(/<p [^>]*data-wr-elsewhere[^>]*>/.exec(page)?.[0]).not.toContain("hidden");
    expect(page).toContain('<a href="/deals">See other deals</a>');
  });
});

describe("the waiting room's own page", () => {
  it("names the deal it is for, with its price, and links back to the deal's page", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 600_000).toISOString(), deal_price: 99900 });
    const go = visitor();
    const waitUrl = (await go(`/deals/${id}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    for (const html of [await (await go(waitUrl)).text(), await (await go(`/deals/${id}/wait`)).text()]) {
      const named = /<div class="wr-deal">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
      expect(named).toContain(`<a href="/deals/${id}">Test Phone 5G (8GB RAM, 128GB)</a>`);
      expect(named).toContain("₹999");
      expect(named).toContain("₹1,499");
    }
  });
});
