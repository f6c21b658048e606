import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app";
import { purgeSharedPage } from "../../workers/pages/cache";
import { createPageRoutes } from "../../workers/pages/routes";
import type { Deal } from "../../workers/pages/types";
import type { AppEnv } from "../../workers/platform/context";
import { requestContext } from "../../workers/platform/front-door";
import { ORIGIN, readerText } from "../helpers/http";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Midnight in India of the day `ms` falls on there. */
function istMidnight(ms: number): number {
  const date = new Date(ms + 330 * 60_000).toISOString().slice(0, 10);
  return Date.parse(`${date}T00:00:00+05:30`);
}

function deal(id: string, title: string, startsAt: number, extra: Partial<Deal> = {}): Deal {
  return {
    id,
    product_title: title,
    deal_price: 99900,
    mrp: 199900,
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(startsAt + 2 * DAY).toISOString(),
    status: startsAt <= Date.now() ? "live" : "scheduled",
    ...extra,
  };
}

/**
 * Draws a page through page routes whose deals list is `deals` (or the problem `refusal`); every
 * other read goes to the real API. The page's edge copy is dropped first, so each draw is fresh.
 */
async function draw(
  path: string,
  answer: { deals?: Deal[]; refusal?: { status: number; retryAfter?: string } },
  headers: Record<string, string> = {},
): Promise<{ res: Response; html: string }> {
  await purgeSharedPage(path);
  const pages = new Hono<AppEnv>();
  pages.use(requestContext);
  pages.route(
    "/",
    createPageRoutes((request, e, ctx) => {
      if (new URL(request.url).pathname !== "/api/deals") return app.fetch(request, e, ctx);
      const r = answer.refusal;
      if (r) {
        const retry: Record<string, string> = r.retryAfter ? { "retry-after": r.retryAfter } : {};
        return new Response(JSON.stringify({ type: "/problems/overloaded", title: "Overloaded", status: r.status }), {
          status: r.status,
          headers: { "content-type": "application/problem+json", ...retry },
        });
      }
      return Response.json({ items: answer.deals ?? [] });
    }),
  );
  const ctx = createExecutionContext();
  const res = await pages.fetch(new Request(`${ORIGIN}${path}`, { headers }), env, ctx);
  const html = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, html };
}

/** The HTML of the section named by the heading with this id, up to its closing tag. */
function section(html: string, headingId: string): string {
  const start = html.lastIndexOf("<section", html.indexOf(`id="${headingId}"`));
  expect(start, headingId).toBeGreaterThan(-1);
  let depth = 0;
  for (const m of html.slice(start).matchAll(/<section\b|<\/section>/g)) {
    depth += m[0] === "</section>" ? -1 : 1;
    if (depth === 0) return html.slice(start, start + (m.index ?? 0) + "</section>".length);
  }
  throw new Error(`unclosed section ${headingId}`);
}

/** The deal ids of the tiles in some HTML, in page order. */
function tiles(html: string): string[] {
  return [...html.matchAll(/<a href="\/deals\/([^"]+)" class="card-link">/g)].map((m) => m[1] ?? "");
}

describe("the deals page", () => {
  const now = Date.now();
  const midnight = istMidnight(now);
  const tomorrowNoon = midnight + DAY + 12 * HOUR;
  const dayAfter = midnight + 2 * DAY + 9.5 * HOUR;
  const list = [
    deal("dl_buds", "Orbit Buds Pro", now - HOUR),
    deal("dl_gone", "Lumen Lamp Mini", now - 2 * HOUR, { status: "sold_out" }),
    deal("dl_pen", "Quill Pen Tablet", now - 3 * HOUR),
    deal("dl_kettle", "Copper Kettle", tomorrowNoon),
    deal("dl_throw", "Velvet Throw", tomorrowNoon + HOUR),
    deal("dl_fan", "Breeze Fan", dayAfter),
  ];

  it("lists the deals on now, the sold-out one after those still to buy, and the coming ones grouped by the day they open in India", async () => {
    const { res, html } = await draw("/deals", { deals: list });
    expect(res.status).toBe(200);
    expect(html).toContain("<title>Flash deals · Bazaar</title>");
    expect(html).toContain("<h1>Flash deals</h1>");

    const onNow = section(html, "on-now-h");
    expect(onNow).toContain('aria-labelledby="on-now-h"');
    expect(readerText(onNow)).toMatch(/^ On now \(3\) /);
    expect(tiles(onNow)).toEqual(["dl_buds", "dl_pen", "dl_gone"]);
    const soldOut = section(html, "sold-out-h");
    expect(tiles(soldOut)).toEqual(["dl_gone"]);
    // The tile wears its own "Sold out" tag too, for a reader who lands on it alone.
    expect(readerText(soldOut)).toMatch(/^ Sold out \(1\) L Sold out Lumen Lamp Mini /);

    const soon = section(html, "soon-h");
    expect(readerText(soon)).toMatch(/^ Starting soon \(3\) /);
    expect(tiles(soon)).toEqual(["dl_kettle", "dl_throw", "dl_fan"]);
    const tomorrowDate = new Date(tomorrowNoon + 330 * 60_000).toISOString().slice(0, 10);
    const tomorrow = section(html, `opens-${tomorrowDate}-h`);
    expect(tomorrow).toContain(`<time datetime="${tomorrowDate}">Tomorrow</time> (2)`);
    expect(tiles(tomorrow)).toEqual(["dl_kettle", "dl_throw"]);
    expect(tomorrow).toContain(`Opens <time datetime="${new Date(tomorrowNoon).toISOString()}">12:00 pm</time>`);
    expect(readerText(tomorrow)).toContain("Opens 1:00 pm");
    const laterDate = new Date(dayAfter + 330 * 60_000).toISOString().slice(0, 10);
    const later = section(html, `opens-${laterDate}-h`);
    expect(later).toMatch(new RegExp(`<time datetime="${laterDate}">\\w{3} \\d{1,2} \\w{3}</time> \\(1\\)`));
    expect(readerText(later)).toContain("Opens 9:30 am");
    expect(tiles(later)).toEqual(["dl_fan"]);
  });

  it("is shared at the edge like the home page, never past the next opening, with an ETag that answers 304", async () => {
    const { res } = await draw("/deals", { deals: list });
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=15");
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    expect((await draw("/deals", { deals: list }, { "if-none-match": etag })).res.status).toBe(304);

    const opening = await draw("/deals", { deals: [deal("dl_soon", "Soon Speaker", now + 6_000)] });
    expect(opening.res.headers.get("cache-control")).toMatch(/s-maxage=[4-6]$/);
  });

  it("says so when there are no deals", async () => {
    const { res, html } = await draw("/deals", { deals: [] });
    expect(res.status).toBe(200);
    expect(readerText(html)).toContain("Flash deals No deals right now. Check back soon.");
    expect(html).not.toContain('id="on-now-h"');
  });

  it("shows the problem in words when the deals cannot be read, and keeps that page off the edge", async () => {
    const { res, html } = await draw("/deals", { refusal: { status: 503, retryAfter: "7" } });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(readerText(html)).toContain(
      "Flash deals We are very busy right now and have paused non-essential work. Please try again in 7 seconds.",
    );
  });
});

describe("the home page's flash deals", () => {
  const now = Date.now();
  const many = Array.from({ length: 9 }, (_, i) => deal(`dl_home_${i}`, `Home Deal ${i}`, now - (i + 1) * 60_000));

  it("offers all the deals on /deals when there are more than it shows", async () => {
    const { html } = await draw("/", { deals: many });
    expect(tiles(section(html, "deals-h"))).toHaveLength(8);
    expect(html).toContain('<a href="/deals">See all 9 deals</a>');
  });

  it("offers no See all when it shows every deal, but still links to the deals page", async () => {
    const { html } = await draw("/", { deals: many.slice(0, 8) });
    expect(tiles(section(html, "deals-h"))).toHaveLength(8);
    expect(html).not.toContain("See all");
    expect(html).toContain('<a href="/deals">All deals by opening time</a>');
  });

  it("puts Deals in the site's sections, leading to the deals page", async () => {
    const { html } = await draw("/", { deals: [] });
    expect(html).toMatch(/<nav class="site-nav" aria-label="Sections">.*<a href="\/deals">Deals<\/a>/s);
  });
});
