import { afterEach, describe, expect, it } from "vitest";
import { pauseTags } from "../../workers/pages/components";
import { boughtLimitMessage, scriptRefusals } from "../../workers/pages/hold-refusal";
import { closeBrowser, el, type FakeElement, runScript, settle } from "./script-dom";

/** A reply from the fake API: status, JSON body, headers. */
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fake API answering the script's requests by method and path. */
function server(route: (method: string, path: string) => Reply) {
  return async (url: string, init?: RequestInit) => {
    const r = route(init?.method ?? "GET", url);
    return new Response(JSON.stringify(r.body ?? null), { status: r.status, headers: r.headers });
  };
}

/** A fake API whose queue has admitted this tab's ticket, and whose hold answers `hold`. */
function admittedThenHold(hold: Reply) {
  return server((method, path) => {
    if (path === QUEUE) return { status: 200, body: { ticket: "tkt_1", status: "admitted", admission_token: "adm_1", position: 0 } };
    if (method === "POST" && path === "/api/deals/deal_1/hold") return hold;
    return { status: 404 };
  });
}

/** The deal page as the server renders it, reduced to what waiting-room.js reads. */
function dealPage(): FakeElement {
  const figures = el("dl", { "data-wr-figures": "" }, [el("dd", { "data-wr-position": "" }), el("dd", { "data-wr-eta": "" })]);
  figures.hidden = true;
  return el("body", {}, [
    el("article", { "data-deal-id": "deal_1", "data-listing-id": "lst_1", "data-wr-refusals": JSON.stringify(scriptRefusals()) }, [
      el("p", { "data-wr-message": "" }),
      el("p", { class: "visually-hidden", role: "status", "data-wr-calm": "" }),
      figures,
      el("a", { class: "button primary", href: "/deals/deal_1/wait", "data-wr-join": "" }, [], "Join the waiting room"),
    ]),
  ]);
}

const message = (body: FakeElement) => body.querySelector("[data-wr-message]")?.textContent ?? "";
const joinButton = (body: FakeElement) => body.querySelector("button[data-wr-join]");
const QUEUE = "/api/deals/deal_1/queue";

afterEach(closeBrowser);

describe("waiting-room.js", () => {
  it("tells a signed-in shopper who already bought the deal's limit so, and offers no place in line", async () => {
    for (const moreAllowed of [0, 1]) {
      const body = dealPage();
      const page = body.querySelector("[data-deal-id]");
      page?.setAttribute("data-deal-phase", "live");
      page?.setAttribute("data-wr-bought-limit", boughtLimitMessage(2));
      const asked: string[] = [];
      const fetch = server((_method, path) => {
        asked.push(path);
        return path === "/api/deals/deal_1/bought"
          ? { status: 200, body: { deal_id: "deal_1", per_user_limit: 2, bought: 2 - moreAllowed, more_allowed: moreAllowed } }
          : { status: 404 };
      });
      const browser = await runScript("waiting-room.js", { body, fetch, cookie: "__Host-csrf=tok" });
      await settle();
      expect(joinButton(body)?.hidden, String(moreAllowed)).toBe(moreAllowed === 0);
      if (moreAllowed === 0) expect(message(body)).toBe(boughtLimitMessage(2));
      else expect(message(body)).toBe("");
      expect(asked).toEqual(["/api/deals/deal_1/bought"]);
      // A reload within the minute uses the answer it had rather than asking again.
      closeBrowser();
      const again = dealPage();
      again.querySelector("[data-deal-id]")?.setAttribute("data-deal-phase", "live");
      again.querySelector("[data-deal-id]")?.setAttribute("data-wr-bought-limit", boughtLimitMessage(2));
      await runScript("waiting-room.js", { body: again, fetch, cookie: "__Host-csrf=tok", storage: Object.fromEntries(browser.storage) });
      await settle();
      expect(asked).toHaveLength(1);
      expect(joinButton(again)?.hidden).toBe(moreAllowed === 0);
      closeBrowser();
    }
  });

  it("asks a guest nothing about what they bought", async () => {
    const body = dealPage();
    body.querySelector("[data-deal-id]")?.setAttribute("data-deal-phase", "live");
    body.querySelector("[data-deal-id]")?.setAttribute("data-wr-bought-limit", boughtLimitMessage(1));
    const asked: string[] = [];
    const fetch = server((_method, path) => {
      asked.push(path);
      return { status: 404 };
    });
    await runScript("waiting-room.js", { body, fetch });
    await settle();
    expect(asked).toEqual([]);
    expect(joinButton(body)?.hidden).toBe(false);
  });

  it("switches the deal's tag to paused when the line hears of a pause, and back when it resumes", async () => {
    for (const phase of ["live", "upcoming"] as const) {
      const body = dealPage();
      const page = body.querySelector("[data-deal-id]");
      page?.setAttribute("data-deal-phase", phase);
      const running = phase === "live" ? "Live now" : "Coming up";
      const tag = el(
        "p",
        { class: "tag", ...(phase === "upcoming" ? { "data-live-text": "Live now" } : {}), ...pauseTags(phase) },
        [],
        running,
      );
      page?.append(tag);
      let paused = true;
      const fetch = server((_method, path) =>
        path === QUEUE || path.startsWith(`${QUEUE}?`)
          ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: phase === "live" ? 3 : null, eta_seconds: null, paused } }
          : { status: 404 },
      );
      const browser = await runScript("waiting-room.js", { body, fetch });
      await joinButton(body)?.click();
      expect(tag.textContent, phase).toBe("Paused");
      // Still paused at the opening, the tag the opening puts in says so.
      if (phase === "upcoming") expect(tag.getAttribute("data-live-text")).toBe("Paused");
      paused = false;
      await browser.fireTimers();
      expect(tag.textContent, phase).toBe(running);
      if (phase === "upcoming") expect(tag.getAttribute("data-live-text")).toBe("Live now");
      closeBrowser();
    }
  });

  it("turns the page's waiting-room link into a button that joins in the page", async () => {
    const body = dealPage();
    const fetch = server((method, path) =>
      method === "POST" && path === QUEUE
        ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: null, eta_seconds: null, paused: false } }
        : { status: 404 },
    );
    const browser = await runScript("waiting-room.js", { body, fetch });
    expect(body.querySelector("a[data-wr-join]")).toBeNull();
    const button = joinButton(body);
    expect(button?.hidden).toBe(false);
    await button?.click();
    expect(browser.storage.get("wr-ticket:deal_1")).toBe("tkt_1");
    expect(message(body)).toContain("pre-queue");
    expect(browser.timers).toEqual([2000]);
  });

  it("moves keyboard focus to what the page says once the focused Join button is gone, not to the page's top", async () => {
    const body = dealPage();
    const fetch = server((method, path) =>
      method === "POST" && path === QUEUE
        ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: null, eta_seconds: null, paused: false } }
        : { status: 404 },
    );
    await runScript("waiting-room.js", { body, fetch });
    const button = joinButton(body);
    button?.focus();
    await button?.click();
    expect(button?.hidden).toBe(true);
    const said = body.querySelector("[data-wr-message]");
    expect((globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement).toBe(said);
    expect(message(body)).toContain("pre-queue");
  });

  it("tells a screen reader the place in line at a calm pace, not at every poll", async () => {
    const body = dealPage();
    let place = 1234;
    const fetch = server((_method, path) =>
      path === QUEUE || path.startsWith(`${QUEUE}?`)
        ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: place, eta_seconds: 180, paused: false } }
        : { status: 404 },
    );
    const browser = await runScript("waiting-room.js", { body, fetch, now: Date.parse("2026-12-01T10:00:00Z") });
    await joinButton(body)?.click();
    const calm = body.querySelector("[data-wr-calm]");
    expect(calm?.textContent).toBe("Your place in line: 1,234, estimated wait about 3 minutes.");
    expect(body.querySelector("[data-wr-position]")?.textContent).toBe("1,234");

    // The next poll, seconds later: the figures change on screen, the screen reader is not told again yet.
    place = 1100;
    browser.now = Date.parse("2026-12-01T10:00:02Z");
    await browser.fireTimers();
    expect(body.querySelector("[data-wr-position]")?.textContent).toBe("1,100");
    expect(calm?.textContent).toBe("Your place in line: 1,234, estimated wait about 3 minutes.");

    place = 900;
    browser.now = Date.parse("2026-12-01T10:00:40Z");
    await browser.fireTimers();
    expect(calm?.textContent).toBe("Your place in line: 900, estimated wait about 3 minutes.");
  });

  it("says a wait of about a minute in the singular, on screen and to a screen reader", async () => {
    const body = dealPage();
    let eta = 75;
    const fetch = server((_method, path) =>
      path === QUEUE || path.startsWith(`${QUEUE}?`)
        ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: 1, eta_seconds: eta, paused: false } }
        : { status: 404 },
    );
    const browser = await runScript("waiting-room.js", { body, fetch, now: Date.parse("2026-12-01T10:00:00Z") });
    await joinButton(body)?.click();
    expect(body.querySelector("[data-wr-eta]")?.textContent).toBe("about 1 minute");
    expect(body.querySelector("[data-wr-calm]")?.textContent).toBe("Your place in line: 1, estimated wait about 1 minute.");
    eta = 1;
    await browser.fireTimers();
    expect(body.querySelector("[data-wr-eta]")?.textContent).toBe("1 second");
  });

  it("stops showing an estimated wait while the deal is paused, and keeps the place in line", async () => {
    const body = dealPage();
    let paused = false;
    const fetch = server((_method, path) =>
      path === QUEUE || path.startsWith(`${QUEUE}?`)
        ? { status: 200, body: { ticket: "tkt_1", status: "waiting", position: 2, eta_seconds: paused ? null : 120, paused } }
        : { status: 404 },
    );
    const browser = await runScript("waiting-room.js", { body, fetch });
    await joinButton(body)?.click();
    expect(body.querySelector("[data-wr-eta]")?.textContent).toBe("about 2 minutes");
    paused = true;
    await browser.fireTimers();
    expect(message(body)).toBe(scriptRefusals().paused);
    expect(body.querySelector("[data-wr-position]")?.textContent).toBe("2");
    expect(body.querySelector("[data-wr-eta]")?.textContent).toBe("—");
  });

  it("stops telling a screen reader a place in line once the shopper is out of the line", async () => {
    const body = dealPage();
    let status = "waiting";
    const fetch = server((_method, path) =>
      path === QUEUE || path.startsWith(`${QUEUE}?`)
        ? { status: 200, body: { ticket: "tkt_1", status, position: status === "waiting" ? 3 : null, eta_seconds: 30, paused: false } }
        : { status: 404 },
    );
    const browser = await runScript("waiting-room.js", { body, fetch });
    await joinButton(body)?.click();
    const calm = body.querySelector("[data-wr-calm]");
    expect(calm?.textContent).toBe("Your place in line: 3, estimated wait 30 seconds.");
    status = "sold_out";
    await browser.fireTimers();
    expect(message(body)).toBe(scriptRefusals().sold_out);
    expect(body.querySelector("[data-wr-figures]")?.hidden).toBe(true);
    expect(calm?.textContent).toBe("");
  });

  it("says in words why an admitted shopper's hold was refused for the per-shopper limit, and stops", async () => {
    const body = dealPage();
    const fetch = admittedThenHold({
      status: 409,
      body: { reason: "per_user_limit", detail: "The deal cannot be held now (per_user_limit)." },
    });
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    expect(message(body)).toBe(
      "You already have as many of this deal as one shopper may buy, in a checkout or an order, on your account or in this browser.",
    );
    expect(message(body)).not.toContain("per_user_limit");
    expect(browser.timers).toEqual([]);
    expect(browser.location.href).toBe("");
  });

  it("keeps an admitted shopper's turn while every unit is held, says to keep the page open, and asks again", async () => {
    const body = dealPage();
    const fetch = admittedThenHold({
      status: 409,
      body: { reason: "all_held", detail: "Every unit is held by shoppers checking out; try again shortly." },
    });
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    expect(message(body)).toBe(
      "Every unit is held by shoppers checking out. Units may come back if they do not buy; keep this page open and we will try again.",
    );
    expect(browser.storage.get("wr-ticket:deal_1")).toBe("tkt_1");
    expect(browser.timers).toEqual([5000]);
  });

  it("holds a unit for an admitted shopper, keeps their turn and when it ends for this tab, and goes to checkout", async () => {
    const body = dealPage();
    const until = "2026-12-05T10:15:00.000Z";
    const fetch = server((method, path) => {
      if (path === QUEUE)
        return {
          status: 200,
          body: { ticket: "tkt_1", status: "admitted", admission_token: "adm_1", admission_expires_at: until, position: 0 },
        };
      if (method === "POST" && path === "/api/deals/deal_1/hold") return { status: 200, body: { expires_at: until } };
      if (method === "PUT" && path === "/api/cart/items/lst_1") return { status: 200, body: {} };
      return { status: 404 };
    });
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    // The cart and checkout read both: the turn, and whether it is still open.
    expect(browser.storage.get("wr-admission:deal_1")).toBe("adm_1");
    expect(browser.storage.get("wr-admission-until:deal_1")).toBe(until);
    expect(browser.location.href).toBe("/checkout?admission_token=adm_1&deal=deal_1");
  });

  it("tells a shopper whose turn already bought the deal so, instead of holding it again and going to checkout", async () => {
    const body = dealPage();
    const asked: string[] = [];
    const fetch = server((method, path) => {
      asked.push(`${method} ${path}`);
      if (path === QUEUE) return { status: 200, body: { ticket: "tkt_1", status: "admitted", admission_token: "adm_1", position: 0 } };
      if (method === "GET" && path === "/api/deals/deal_1/hold?admission_token=adm_1")
        return { status: 200, body: { status: "committed", qty: 1 } };
      return { status: 500 };
    });
    const browser = await runScript("waiting-room.js", {
      body,
      fetch,
      storage: { "wr-ticket:deal_1": "tkt_1", "wr-admission:deal_1": "adm_1" },
    });
    expect(message(body)).toBe("You bought this deal with your turn. You will find it in your orders.");
    expect(asked).not.toContain("POST /api/deals/deal_1/hold");
    expect(browser.location.href).toBe("");
    expect(browser.timers).toEqual([]);
    expect(browser.storage.get("wr-ticket:deal_1")).toBeUndefined();
    expect(browser.storage.get("wr-admission:deal_1")).toBeUndefined();
  });

  it("says an order waiting for payment is waiting, and after it is paid offers another where the deal's limit allows", async () => {
    const body = dealPage();
    const asked: string[] = [];
    let hold: Record<string, unknown> = { status: "claimed", order_status: "held", more_allowed: 1, qty: 1 };
    const fetch = server((method, path) => {
      asked.push(`${method} ${path}`);
      if (path === QUEUE) return { status: 200, body: { ticket: "tkt_1", status: "admitted", admission_token: "adm_1", position: 0 } };
      if (method === "GET" && path === "/api/deals/deal_1/hold?admission_token=adm_1") return { status: 200, body: hold };
      if (method === "POST" && path === "/api/deals/deal_1/hold") return { status: 201, body: { expires_at: "2026-12-05T10:15:00.000Z" } };
      if (method === "PUT" && path === "/api/cart/items/lst_1") return { status: 200, body: {} };
      return { status: 500 };
    });
    const storage = { "wr-ticket:deal_1": "tkt_1", "wr-admission:deal_1": "adm_1" };
    const unpaid = await runScript("waiting-room.js", { body, fetch, storage });
    expect(message(body)).toBe("You have placed an order for this deal with your turn: finish paying for it from your orders.");
    expect(body.querySelector("button[data-wr-go-on]")).toBeNull();
    // The turn is kept, so the page, opened again once the order is paid, can offer another.
    expect(unpaid.storage.get("wr-ticket:deal_1")).toBe("tkt_1");

    // Paid, with one more allowed: told so, and nothing is held until the shopper asks.
    const again = dealPage();
    hold = { status: "claimed", order_status: "committed", more_allowed: 1, qty: 1 };
    const paid = await runScript("waiting-room.js", { body: again, fetch, storage });
    expect(message(again)).toBe("You bought this deal with your turn. You will find it in your orders. You may buy 1 more.");
    expect(asked).not.toContain("POST /api/deals/deal_1/hold");
    const more = again.querySelector("button[data-wr-go-on]");
    expect(more?.textContent).toBe("Buy another");
    await more?.click();
    expect(asked).toContain("POST /api/deals/deal_1/hold");
    expect(paid.location.href).toBe("/checkout?admission_token=adm_1&deal=deal_1");

    // At the limit: said so, nothing offered, and the turn is forgotten.
    const full = dealPage();
    hold = { status: "claimed", order_status: "committed", more_allowed: 0, qty: 1 };
    const done = await runScript("waiting-room.js", { body: full, fetch, storage });
    expect(message(full)).toBe(
      "You bought this deal with your turn. You will find it in your orders. You already have as many of this deal as one shopper may buy, in a checkout or an order, on your account or in this browser.",
    );
    expect(full.querySelector("button[data-wr-go-on]")).toBeNull();
    expect(done.storage.get("wr-ticket:deal_1")).toBeUndefined();
  });

  it("does not send a shopper who came Back from checkout on to it again unasked", async () => {
    const body = dealPage();
    const asked: string[] = [];
    const fetch = server((method, path) => {
      asked.push(`${method} ${path}`);
      if (path === QUEUE) return { status: 200, body: { ticket: "tkt_1", status: "admitted", admission_token: "adm_1", position: 0 } };
      if (method === "GET" && path === "/api/deals/deal_1/hold?admission_token=adm_1")
        return { status: 200, body: { status: "held", qty: 1, expires_at: "2026-12-05T10:15:00.000Z" } };
      if (method === "POST" && path === "/api/deals/deal_1/hold") return { status: 201, body: { expires_at: "2026-12-05T10:15:00.000Z" } };
      if (method === "PUT" && path === "/api/cart/items/lst_1") return { status: 200, body: {} };
      return { status: 500 };
    });
    const browser = await runScript("waiting-room.js", {
      body,
      fetch,
      navigation: "back_forward",
      storage: { "wr-ticket:deal_1": "tkt_1", "wr-admission:deal_1": "adm_1" },
    });
    expect(message(body)).toBe("Your unit is held for you: place your order before its time runs out.");
    expect(browser.location.href).toBe("");
    expect(asked).not.toContain("POST /api/deals/deal_1/hold");
    const go = body.querySelector("button[data-wr-go-on]");
    expect(go?.textContent).toBe("Continue to checkout");
    await go?.click();
    expect(browser.location.href).toBe("/checkout?admission_token=adm_1&deal=deal_1");
  });

  it("offers a new place when the hold refuses an admission that ran out", async () => {
    const body = dealPage();
    const fetch = admittedThenHold({ status: 403, body: { detail: "Your admission is not valid." } });
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    expect(message(body)).toContain("Join the waiting room again");
    expect(joinButton(body)?.hidden).toBe(false);
    expect(browser.storage.has("wr-ticket:deal_1")).toBe(false);
    expect(browser.timers).toEqual([]);
  });

  it("waits as long as a busy answer's Retry-After asks, and says that same wait", async () => {
    const body = dealPage();
    const fetch = server(() => ({ status: 429, body: { detail: "Too many requests" }, headers: { "retry-after": "12" } }));
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    expect(browser.timers).toEqual([12_000]);
    expect(message(body)).toContain("12 seconds");
  });

  it("stops polling with a ticket the server refuses, forgets it, and offers to join again", async () => {
    const body = dealPage();
    const fetch = server(() => ({ status: 401, body: { detail: "This waiting-room ticket is not valid." } }));
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "forged" } });
    expect(browser.timers).toEqual([]);
    expect(browser.storage.has("wr-ticket:deal_1")).toBe(false);
    expect(message(body)).not.toContain("signed out");
    expect(message(body)).toContain("Join again");
    expect(joinButton(body)?.hidden).toBe(false);
  });

  it("stops polling for a deal that no longer exists, and says so", async () => {
    const body = dealPage();
    const fetch = server(() => ({ status: 404, body: { detail: "No deal deal_1." } }));
    const browser = await runScript("waiting-room.js", { body, fetch, storage: { "wr-ticket:deal_1": "tkt_1" } });
    expect(browser.timers).toEqual([]);
    expect(browser.storage.has("wr-ticket:deal_1")).toBe(false);
    expect(message(body)).toContain("no longer exists");
    expect(joinButton(body)?.hidden).toBe(true);
  });
});
