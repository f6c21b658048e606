import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { createDeal } from "../../workers/deals/create-deal";
import { CreateDealBody } from "../../workers/deals/schemas";
import { type DealSetup, createDealViaApi, dealBody, dealSetup, gateDownEnv, liveDealTwoSold } from "../deals/helpers";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { type FakeElement, closeBrowser, el, runScript } from "./script-dom";

afterEach(closeBrowser);

const ACTIONS = ["pause", "resume", "end"] as const;

/** Each control's form on the dashboard of deal `id`, as drawn: its opening tag, or null when there is none. */
function forms(page: string, id: string): Record<(typeof ACTIONS)[number], string | null> {
  const tag = (action: string) => new RegExp(`<form method="post" action="/deals-console/${id}/${action}"[^>]*>`).exec(page)?.[0] ?? null;
  return { pause: tag("pause"), resume: tag("resume"), end: tag("end") };
}

/** The controls a manager sees on the page (a hidden form shows nothing, scripts or not). */
function offered(page: string, id: string): string[] {
  const drawn = forms(page, id);
  return ACTIONS.filter((action) => drawn[action] !== null && !/ hidden(="")?[ >]/.test(drawn[action] ?? ""));
}

/** A deal opening in an hour, for an hour. */
const scheduledDeal = (s: DealSetup) =>
  createDealViaApi(s, {
    starts_at: new Date(Date.now() + 3_600_000).toISOString(),
    ends_at: new Date(Date.now() + 7_200_000).toISOString(),
  });

const statusOf = (page: string) => /data-figure="status">(.*?)<\/dd>/.exec(page)?.[1] ?? "";

/** Presses End on the dashboard of deal `id` (10 units, 2 sold): its 8 unsold units go back, and the page then offers nothing. */
async function endedFromTheDashboard(s: DealSetup, id: string): Promise<void> {
  expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
  expect((await inventoryRows(s.fixture.listingId))[0]).toMatchObject({ available: 18 });
  const after = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
  expect(offered(after, id)).toEqual([]);
  expect(statusOf(after)).toBe("Ended");
}

describe("the deal dashboard's controls", () => {
  it("offer a scheduled deal Pause and End, as the API pauses a deal before it opens, but not Resume", async () => {
    const s = await dealSetup(20);
    const id = await scheduledDeal(s);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(offered(page, id)).toEqual(["pause", "end"]);
    // The status counts down to the opening, in the pages' countdown form.
    expect(statusOf(page)).toMatch(/^Scheduled: opens in <time datetime="[^"]+" data-countdown="[^"]+">00:59:\d\d<\/time>$/);
  });

  it("offer a live deal Pause and End", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(offered(page, id)).toEqual(["pause", "end"]);
    expect(statusOf(page)).toBe("Live");
  });

  it("offer a paused deal Resume and End, not Pause", async () => {
    const s = await dealSetup(20);
    const id = await scheduledDeal(s);
    expect((await consolePost(`/deals-console/${id}/pause`, {}, s.manager.headers)).status).toBe(303);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(offered(page, id)).toEqual(["resume", "end"]);
    expect(statusOf(page)).toBe("Paused");
  });

  it("offer a paused deal whose end time has passed End alone, saying what ending it returns", async () => {
    const s = await dealSetup(20);
    const endsAt = Date.now() + 1_500;
    const { id } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
    expect((await consolePost(`/deals-console/${id}/pause`, {}, s.manager.headers)).status).toBe(303);
    await new Promise((r) => setTimeout(r, endsAt - Date.now() + 100));

    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    // It cannot be resumed (its time is over), but until it is ended its 8 unsold units are out of stock.
    expect(offered(page, id)).toEqual(["end"]);
    expect(statusOf(page)).toBe("Paused — its end time has passed; ending returns 8 unsold units to stock");

    await endedFromTheDashboard(s, id);
  });

  it("offer a live deal whose end time has passed End alone, saying what ending it returns", async () => {
    const s = await dealSetup(20);
    const endsAt = Date.now() + 1_500;
    const { id } = await liveDealTwoSold(s, { ends_at: new Date(endsAt).toISOString() });
    await new Promise((r) => setTimeout(r, endsAt - Date.now() + 100));

    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    // Before the minute cron ends it, its 8 unsold units are neither on sale nor in stock.
    expect(offered(page, id)).toEqual(["end"]);
    expect(statusOf(page)).toBe("Its end time has passed; ending returns 8 unsold units to stock");

    await endedFromTheDashboard(s, id);
  });

  it("offer an ended deal none", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    expect((await consolePost(`/deals-console/${id}/end`, {}, s.manager.headers)).status).toBe(303);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(offered(page, id)).toEqual([]);
    expect(forms(page, id)).toEqual({ pause: null, resume: null, end: null });
    expect(statusOf(page)).toBe("Ended");
  });

  it("offer a deal whose setup failed only End, which the API allows to give its units back", async () => {
    const s = await dealSetup(20);
    const key = `failed-setup-${crypto.randomUUID()}`;
    await expect(createDeal(gateDownEnv(), CreateDealBody.parse(dealBody(s)), key, s.manager.id)).rejects.toThrow("gate unavailable");
    const id = (await env.DB.prepare("SELECT id FROM deals WHERE idempotency_key = ?").bind(key).first<string>("id")) ?? "";
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    expect(offered(page, id)).toEqual(["end"]);
    expect(statusOf(page)).toBe("Setup failed");
  });

  it("follow the status as the live figures change it, in the page's words", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    // The page as drawn: its status words and each form's statuses, as the server wrote them.
    const words = /data-status-words="([^"]*)"/.exec(page)?.[1]?.replaceAll("&quot;", '"') ?? "";
    const control = (action: string) => {
      const tag = forms(page, id)[action as (typeof ACTIONS)[number]] ?? "";
      const attrs: Record<string, string> = { "data-applies-to": /data-applies-to="([^"]*)"/.exec(tag)?.[1] ?? "" };
      const form = el("form", attrs);
      form.hidden = / hidden(="")?[ >]/.test(tag);
      return form;
    };
    const controls = Object.fromEntries(ACTIONS.map((action) => [action, control(action)])) as Record<string, FakeElement>;
    const status = el("dd", { "data-figure": "status" }, [], "Live");
    const board = el("dl", { "data-deal-dashboard": id, "data-status": "live", "data-status-words": words }, [status]);
    let figures: Record<string, unknown> = { status: "live" };
    const startsAt = "2030-01-15T04:30:00.000Z";
    const fetch = async () => Response.json({ id, starts_at: startsAt, figures });
    const browser = await runScript("console.js", {
      body: el("body", {}, [board, el("div", {}, Object.values(controls))]),
      fetch,
    });
    const shown = () => ACTIONS.filter((action) => !controls[action]?.hidden);
    const poll = async (next: string) => {
      figures = { status: next };
      await browser.fireTimers();
    };
    expect(shown()).toEqual(["pause", "end"]);

    await poll("paused");
    expect(shown()).toEqual(["resume", "end"]);
    expect(status.textContent).toBe("Paused");

    // Resumed before it opens: scheduled again, counting down to its opening.
    await poll("scheduled");
    expect(shown()).toEqual(["pause", "end"]);
    expect(status.textContent).toBe("Scheduled: opens in ");
    expect(status.children[0]?.dataset.countdown).toBe(startsAt);

    await poll("live");
    expect(status.textContent).toBe("Live");
    expect(status.children).toEqual([]);

    await poll("sold_out");
    expect(shown()).toEqual(["end"]);
    expect(status.textContent).toBe("Sold out");

    await poll("ended");
    expect(shown()).toEqual([]);
    expect(status.textContent).toBe("Ended");
  });

  it("offer only End once a paused deal's end time passes while the dashboard is open, counting the units it returns", async () => {
    const s = await dealSetup(20);
    const id = await scheduledDeal(s);
    expect((await consolePost(`/deals-console/${id}/pause`, {}, s.manager.headers)).status).toBe(303);
    const page = await (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();
    const words = /data-status-words="([^"]*)"/.exec(page)?.[1]?.replaceAll("&quot;", '"') ?? "";
    const controls = Object.fromEntries(
      ACTIONS.map((action) => {
        const tag = forms(page, id)[action] ?? "";
        const form = el("form", { "data-applies-to": /data-applies-to="([^"]*)"/.exec(tag)?.[1] ?? "" });
        form.hidden = / hidden(="")?[ >]/.test(tag);
        return [action, form];
      }),
    ) as Record<string, FakeElement>;
    const status = el("dd", { "data-figure": "status" }, [], "Paused");
    const announce = el("p", { "data-deal-announce": "" });
    const board = el("dl", { "data-deal-dashboard": id, "data-status": "paused", "data-status-words": words }, [status]);
    let figures: Record<string, unknown> = { status: "paused", remaining: 10 };
    const browser = await runScript("console.js", {
      body: el("body", {}, [announce, board, el("div", {}, Object.values(controls))]),
      fetch: async () => Response.json({ id, figures }),
    });
    const shown = () => ACTIONS.filter((action) => !controls[action]?.hidden);
    expect(shown()).toEqual(["resume", "end"]);

    figures = { status: "paused_past_end", remaining: 10 };
    await browser.fireTimers();
    expect(shown()).toEqual(["end"]);
    expect(status.textContent).toBe("Paused — its end time has passed; ending returns 10 unsold units to stock");
    expect(announce.textContent).toBe("The deal's end time has passed while it was paused: end it to return its unsold units to stock.");

    // A hold let go meanwhile is one more unit that ending returns.
    figures = { status: "paused_past_end", remaining: 1 };
    await browser.fireTimers();
    expect(status.textContent).toBe("Paused — its end time has passed; ending returns 1 unsold unit to stock");

    figures = { status: "ended", remaining: 0 };
    await browser.fireTimers();
    expect(shown()).toEqual([]);
    expect(status.textContent).toBe("Ended");
  });
});
