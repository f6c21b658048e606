import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, runScript } from "./script-dom";

const UNTIL = Date.parse("2026-12-01T10:15:00Z");
const until = new Date(UNTIL).toISOString();
const LAST_MINUTE = "One minute left to place your order before your deal unit is released.";

/** Checkout's panel for a held deal unit, as deal-hold.tsx draws it, reduced to what app.js reads. */
function heldPanel() {
  const after = el("p", { "data-after-lapse": "" }, [], "Your hold on Xiaomi 14 ran out. Units may still be left.");
  after.hidden = true;
  return el("body", {}, [
    el("section", { class: "panel ok", "data-deal-hold": "deal_1", "data-hold-state": "held", "data-lapses": "" }, [
      el("div", { "data-until-lapse": "" }, [
        el("p", { role: "status" }, [], "Your deal unit of Xiaomi 14 is held for you until 3:45 pm IST."),
        el("p", { class: "countdown" }, [el("time", { datetime: until, "data-countdown": until })]),
        el("p", { class: "visually-hidden", role: "status", "data-hold-warning": LAST_MINUTE }),
      ]),
      after,
    ]),
  ]);
}

afterEach(closeBrowser);

describe("app.js on checkout's deal hold clock", () => {
  it("turns the held panel into the ran-out warning when the clock reaches zero, not only after a reload", async () => {
    const body = heldPanel();
    const browser = await runScript("app.js", { body, now: UNTIL - 2_000 });
    const panel = body.querySelector("[data-deal-hold]");
    expect(body.querySelector("time[data-countdown]")?.textContent).toBe("00:00:02");
    expect(panel?.getAttribute("data-hold-state")).toBe("held");
    expect(body.querySelector("[data-after-lapse]")?.hidden).toBe(true);

    browser.now = UNTIL;
    await browser.fireTimers();
    expect(panel?.getAttribute("data-hold-state")).toBe("lapsed");
    expect(panel?.className).toBe("panel error");
    expect(panel?.getAttribute("role")).toBe("alert");
    expect(body.querySelector("[data-until-lapse]")?.hidden).toBe(true);
    expect(body.querySelector("[data-after-lapse]")?.hidden).toBe(false);
  });

  it("says the last minute once to a screen reader, which does not hear the clock tick", async () => {
    const body = heldPanel();
    const browser = await runScript("app.js", { body, now: UNTIL - 61_000 });
    const warning = body.querySelector("[data-hold-warning]");
    expect(body.querySelector("time[data-countdown]")?.textContent).toBe("00:01:01");
    expect(warning?.textContent).toBe("");

    browser.now = UNTIL - 60_000;
    await browser.fireTimers();
    expect(warning?.textContent).toBe(LAST_MINUTE);
    // Written once: a live region written again would be read again.
    warning!.textContent = "read";
    browser.now = UNTIL - 30_000;
    await browser.fireTimers();
    expect(warning?.textContent).toBe("read");
  });

  it("keeps the server's time, so a shopper's clock ten minutes fast neither shortens the hold nor lapses it", async () => {
    const body = heldPanel();
    // Served with five minutes of the hold left, on a PC whose clock is ten minutes fast.
    await runScript("app.js", { body, now: UNTIL + 300_000, servedAt: UNTIL - 300_000 });
    // The time it took the script to run may already have taken the clock under 5:00.
    expect(body.querySelector("time[data-countdown]")?.textContent).toMatch(/^00:0(5:00|4:59)$/);
    expect(body.querySelector("[data-deal-hold]")?.getAttribute("data-hold-state")).toBe("held");
  });
});
