import "../../public/static/filter-autosubmit.js";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type LastInput = "pointer" | "keyboard";

// What public/static/filter-autosubmit.js publishes: its rule, apart from the page it wires.
const { autoSubmits } = (
  globalThis as unknown as { bazaarFilters: { autoSubmits: (control: { type: string }, last: LastInput) => boolean } }
).bazaarFilters;

describe("when the filter form submits itself", () => {
  it("never on a key press that only moves through a list of choices", () => {
    expect(autoSubmits({ type: "select-one" }, "keyboard")).toBe(false);
    expect(autoSubmits({ type: "radio" }, "keyboard")).toBe(false);
  });

  it("at once for a choice picked with a pointer, and for a ticked box however it was ticked", () => {
    expect(autoSubmits({ type: "select-one" }, "pointer")).toBe(true);
    expect(autoSubmits({ type: "radio" }, "pointer")).toBe(true);
    expect(autoSubmits({ type: "checkbox" }, "keyboard")).toBe(true);
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
