import "../../public/static/order-poll.js";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeElement, closeBrowser, el, runScript } from "./script-dom";

afterEach(() => closeBrowser());

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes)).toISOString();
const SHIPPED = [
  { from: null, to: "created", at: at(0) },
  { from: "created", to: "confirmed", at: at(1) },
  { from: "confirmed", to: "packed", at: at(2) },
  { from: "packed", to: "shipped", at: at(3) },
];
const DELHIVERY = {
  carrier: "delhivery",
  carrier_name: "Delhivery",
  tracking_number: "1234567890123",
  tracking_url: "https://www.delhivery.com/track/package/1234567890123",
  updated_at: at(3),
};
const GATI = { carrier: "other", carrier_name: "Gati", tracking_number: "GT99887766", tracking_url: null, updated_at: at(4) };

/** An open order page as the server draws it before ops gave the shipment: its place left empty and hidden. */
function orderPage() {
  const slot = el("div", { "data-shipment-slot": "" });
  slot.hidden = true;
  const root = el("section", { "data-order-live": "ord_1", "data-status": "shipped", "data-status-words": "{}" }, [
    el("strong", { "data-order-status": "" }, [], "Shipped"),
    slot,
    el("ol", { "data-timeline": "", "data-reasons-for": "" }),
  ]);
  return { root, slot, body: el("body", {}, [root]) };
}

/** The shipment line as a reader sees it: its words, and where its link goes and how it opens. */
function drawn(slot: FakeElement) {
  const a = slot.querySelector("a[data-track-link]") as unknown as {
    href: string;
    target: string;
    rel: string;
    textContent: string;
  } | null;
  return {
    carrier: slot.querySelector("[data-shipment-carrier]")?.textContent,
    number: slot.querySelector("[data-shipment-number]")?.textContent,
    link: a ? { href: a.href, target: a.target, rel: a.rel, text: a.textContent } : null,
  };
}

describe("the shipment on an open order page", () => {
  it("appears once ops give it and follows a correction, without a reload", async () => {
    const page = orderPage();
    let shipment: unknown = null;
    const browser = await runScript("order-live.js", {
      body: page.body,
      fetch: () => Promise.resolve(Response.json({ id: "ord_1", status: "shipped", timeline: SHIPPED, shipment })),
      window: { bazaarOrderPoll: (globalThis as unknown as { bazaarOrderPoll: unknown }).bazaarOrderPoll },
    });
    await browser.fireTimers();
    expect(page.slot.hidden).toBe(true);

    shipment = DELHIVERY;
    await browser.fireTimers();
    expect(page.slot.hidden).toBe(false);
    expect(drawn(page.slot)).toEqual({
      carrier: "Delhivery",
      number: "1234567890123",
      link: { href: DELHIVERY.tracking_url, target: "_blank", rel: "noopener noreferrer", text: "Track your package" },
    });

    // Corrected to a courier with no tracking page: the number stays to quote, no link goes nowhere.
    shipment = GATI;
    await browser.fireTimers();
    expect(drawn(page.slot)).toEqual({ carrier: "Gati", number: "GT99887766", link: null });
    expect(page.slot.querySelectorAll("[data-shipment]")).toHaveLength(1);
  });
});
