import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

const STARTS = Date.parse("2026-12-01T10:02:00Z");
const ENDS = STARTS + 3_600_000;
const startsAt = new Date(STARTS).toISOString();
const endsAt = new Date(ENDS).toISOString();

/**
 * The deal page as the server renders it for a deal drawn `phase`, reduced to what app.js reads:
 * the deal's times on the page, and on each part what it becomes at the start and the end.
 * `join` is the way in: the server's link, or the button waiting-room.js puts in its place.
 */
function dealPage(phase: "upcoming" | "live", join: "link" | "button" = "button"): FakeElement {
  const upcoming = phase === "upcoming";
  const opens: Record<string, string> = upcoming ? { "data-live-text": "Live now" } : {};
  const terms: Record<string, string> = upcoming ? { "data-live-text": "12 units at this price. Ends 1 Dec 2026, 4:32 pm IST." } : {};
  const to = upcoming ? startsAt : endsAt;
  const joinAttrs = { "data-wr-join": "true", "data-ended-off": "" };
  return el("body", {}, [
    el("article", { "data-deal-id": "deal_1", "data-deal-phase": phase, "data-starts-at": startsAt, "data-ends-at": endsAt }, [
      el("p", { class: "tag", ...opens, "data-ended-text": "Ended" }, [], upcoming ? "Coming up" : "Live now"),
      el(
        "p",
        { class: "muted", "data-deal-terms": "true", ...terms, "data-ended-text": "12 units at this price." },
        [],
        upcoming ? "12 units at this price. Opens 1 Dec 2026, 3:32 pm IST." : "12 units at this price. Ends 1 Dec 2026, 4:32 pm IST.",
      ),
      el("p", { class: "countdown", "data-ended-text": "This deal has ended." }, [
        // As the server draws it: a label for a date, which the script makes one for a countdown.
        el(
          "span",
          upcoming ? { "data-live-text": "Ends in", "data-ticking-text": "Opens in" } : { "data-ticking-text": "Ends in" },
          [],
          upcoming ? "Opens" : "Ends",
        ),
        el("time", { datetime: to, "data-countdown": to, ...(upcoming ? { "data-live-to": endsAt } : {}) }),
      ]),
      join === "link"
        ? el("a", { class: "button primary", href: "/deals/deal_1/wait", ...joinAttrs }, [], "Join the waiting room")
        : el("button", { type: "button", ...joinAttrs }, [], "Join the waiting room"),
      // The reminder of the opening, drawn only before it.
      ...(upcoming
        ? [el("div", { class: "deal-remind", "data-live-hide": "" }, [], "We tell you in your Updates the moment it opens.")]
        : []),
    ]),
  ]);
}

const text = (body: FakeElement, selector: string) => body.querySelector(selector)?.textContent ?? "";
const clock = (body: FakeElement) => body.querySelector("time[data-countdown]");

afterEach(closeBrowser);

describe("app.js changes a deal's page over at the deal's start and end", () => {
  it("changes nothing before the start", async () => {
    const body = dealPage("upcoming");
    const browser = await runScript("app.js", { body, now: STARTS - 5_000 });
    expect(clock(body)?.textContent).toBe("00:00:05");
    browser.now = STARTS - 1;
    await browser.fireTimers();
    expect(text(body, "p[class]")).toBe("Coming up");
    expect(text(body, "[data-deal-terms]")).toBe("12 units at this price. Opens 1 Dec 2026, 3:32 pm IST.");
    expect(text(body, "span")).toBe("Opens in");
    expect(clock(body)?.dataset.countdown).toBe(startsAt);
    expect(clock(body)?.textContent).toBe("00:00:00");
    expect(body.querySelector("button")?.disabled).toBe(false);
    expect(body.querySelector("[data-live-hide]")?.hidden).toBe(false);
  });

  it("at the start shows the live tag, terms and the countdown to the end", async () => {
    const body = dealPage("upcoming");
    const browser = await runScript("app.js", { body, now: STARTS - 1_000 });
    browser.now = STARTS;
    await browser.fireTimers();
    expect(text(body, "p[class]")).toBe("Live now");
    expect(text(body, "[data-deal-terms]")).toBe("12 units at this price. Ends 1 Dec 2026, 4:32 pm IST.");
    expect(text(body, "span")).toBe("Ends in");
    expect(clock(body)?.dataset.countdown).toBe(endsAt);
    expect(clock(body)?.getAttribute("datetime")).toBe(endsAt);
    expect(clock(body)?.textContent).toBe("01:00:00");
    expect(body.querySelector("button")?.disabled).toBe(false);
    // A reminder of the opening has no use once it has opened.
    expect(body.querySelector("[data-live-hide]")?.hidden).toBe(true);
  });

  it("at the end shows the ended tag, terms and words, and switches the way in off", async () => {
    const body = dealPage("upcoming");
    const browser = await runScript("app.js", { body, now: STARTS - 1_000 });
    browser.now = STARTS + 1_000;
    await browser.fireTimers();
    expect(text(body, "p[class]")).toBe("Live now");
    browser.now = ENDS;
    await browser.fireTimers();
    expect(text(body, "p[class]")).toBe("Ended");
    expect(text(body, "[data-deal-terms]")).toBe("12 units at this price.");
    expect(text(body, 'p[class="countdown"]')).toBe("This deal has ended.");
    expect(body.querySelector("button")?.disabled).toBe(true);
  });

  it("ends a live deal's page at its end, and not a moment before", async () => {
    const body = dealPage("live", "link");
    const browser = await runScript("app.js", { body, now: ENDS - 1 });
    expect(text(body, "p[class]")).toBe("Live now");
    expect(body.querySelector("a")?.getAttribute("href")).toBe("/deals/deal_1/wait");
    browser.now = ENDS;
    await browser.fireTimers();
    expect(text(body, "p[class]")).toBe("Ended");
    expect(text(body, 'p[class="countdown"]')).toBe("This deal has ended.");
    // A link cannot be disabled: it loses its address and says it is off.
    const link = body.querySelector("a");
    expect(link?.getAttribute("href")).toBeNull();
    expect(link?.getAttribute("aria-disabled")).toBe("true");
  });

  it("switches off the join button waiting-room.js puts in place of the server's link", async () => {
    const body = dealPage("live", "link");
    await runScript("waiting-room.js", { body, now: ENDS - 60_000 });
    const button = body.querySelector("button[data-wr-join]");
    expect(button?.disabled).toBe(false);
    await runScript("app.js", { body, now: ENDS });
    expect(body.querySelector("button[data-wr-join]")).toBe(button);
    expect(button?.disabled).toBe(true);
  });

  it("ends a product page's deal box and the deal's way in from the buy box together", async () => {
    const scope = { "data-deal-phase": "live", "data-starts-at": startsAt, "data-ends-at": endsAt };
    const body = el("body", {}, [
      el("section", { class: "deal-banner", ...scope }, [
        el("p", { class: "countdown", "data-ended-text": "This deal has ended." }, [
          el("span", {}, [], "Ends in"),
          el("time", { datetime: endsAt, "data-countdown": endsAt }),
        ]),
        el("a", { class: "button primary", href: "/deals/deal_1", "data-ended-off": "" }, [], "Get the deal"),
      ]),
      el("div", { class: "deal-entry", "data-deal-entry": "deal_1", ...scope }, [
        el("a", { class: "button primary", href: "/deals/deal_1", "data-ended-off": "" }, [], "Get the deal in the waiting room"),
        el(
          "p",
          { class: "muted", "data-ended-text": "This deal has ended." },
          [],
          "While the flash deal is live, this offer is sold through its waiting room.",
        ),
      ]),
    ]);
    const browser = await runScript("app.js", { body, now: ENDS - 1_000 });
    expect(body.querySelectorAll("a[href]")).toHaveLength(2);
    browser.now = ENDS;
    await browser.fireTimers();
    expect(body.querySelectorAll("a[href]")).toHaveLength(0);
    expect(body.querySelectorAll('a[aria-disabled="true"]')).toHaveLength(2);
    expect(text(body, 'p[class="countdown"]')).toBe("This deal has ended.");
    expect(text(body, 'p[class="muted"]')).toBe("This deal has ended.");
  });

  it("wakes a tab asleep through the whole deal to the deal ended", async () => {
    const body = dealPage("upcoming");
    await runScript("app.js", { body, now: ENDS + 60_000 });
    expect(text(body, "p[class]")).toBe("Ended");
    expect(text(body, "[data-deal-terms]")).toBe("12 units at this price.");
    expect(text(body, 'p[class="countdown"]')).toBe("This deal has ended.");
    expect(body.querySelector("button")?.disabled).toBe(true);
  });
});
