import "../../public/static/filter-autosubmit.js";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type LastInput = "pointer" | "keyboard";

// What public/static/filter-autosubmit.js publishes: its rule, apart from the page it wires.
const { autoSubmits } = (
  globalThis as unknown as { bazaarFilters: { autoSubmits: (control: { type: string }, last: LastInput) => boolean } }
).bazaarFilters;

describe("when the filter form submits itself", () => {
  it("never for a choice made from the keyboard, which would send the shopper back to the page's top at each", () => {
    expect(autoSubmits({ type: "select-one" }, "keyboard")).toBe(false);
    expect(autoSubmits({ type: "radio" }, "keyboard")).toBe(false);
    expect(autoSubmits({ type: "checkbox" }, "keyboard")).toBe(false);
  });

  it("at once for a choice picked or a box ticked with a pointer", () => {
    expect(autoSubmits({ type: "select-one" }, "pointer")).toBe(true);
    expect(autoSubmits({ type: "radio" }, "pointer")).toBe(true);
    expect(autoSubmits({ type: "checkbox" }, "pointer")).toBe(true);
  });

  it("never for a typed price, which waits for the Apply button", () => {
    expect(autoSubmits({ type: "number" }, "keyboard")).toBe(false);
    expect(autoSubmits({ type: "number" }, "pointer")).toBe(false);
  });

  it("is wired on results pages, which keep the Apply button for people without scripts", async () => {
    const html = await (await api("/search?q=phone")).text();
    expect(html).toContain('<script src="/static/filter-autosubmit.js"');
    expect(html).toMatch(/<form class="filters"[^>]*data-autosubmit[\s\S]*<button type="submit">Apply filters<\/button>/);
  });
});
