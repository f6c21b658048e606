import { describe, expect, it } from "vitest";
import { DEFAULT_RETURN_DAYS, departmentOf, returnDays, returnDeadline, returnWindow } from "../../workers/orders/return-window";

const line = (department: string | null, title = "Item") => ({ listing_id: `lst_${title}`, title, department });

describe("return windows", () => {
  it("give each department its days, and none to groceries", () => {
    expect(returnDays("fashion")).toBe(10);
    expect(returnDays("electronics")).toBe(7);
    expect(returnDays("home-kitchen")).toBe(7);
    expect(returnDays("office-books")).toBe(7);
    expect(returnDays("grocery")).toBeNull();
    // A department without a rule, or a product gone from the catalog, gets the common week.
    expect(returnDays("garden")).toBe(DEFAULT_RETURN_DAYS);
    expect(returnDays(null)).toBe(DEFAULT_RETURN_DAYS);
  });

  it("find the department from a category's path", () => {
    expect(departmentOf("/fashion/footwear/sneakers/")).toBe("fashion");
    expect(departmentOf("/grocery/")).toBe("grocery");
    expect(departmentOf(null)).toBeNull();
  });

  it("count calendar days in India from the day of delivery, to the end of the last one", () => {
    // Delivered at 9 pm IST on 1 Dec: a 10-day window runs to the end of 11 Dec in India.
    expect(returnDeadline("2031-12-01T15:30:00.000Z", 10)).toBe("2031-12-11T18:29:59.999Z");
    // Delivered at 1 am IST on 2 Dec (still 1 Dec in UTC) counts from 2 Dec.
    expect(returnDeadline("2031-12-01T19:30:00.000Z", 7)).toBe("2031-12-09T18:29:59.999Z");
  });

  it("are open through the last day and closed the moment after", () => {
    const delivered = "2031-12-01T06:00:00.000Z";
    const lastMoment = new Date("2031-12-11T18:29:59.999Z");
    expect(returnWindow(delivered, [line("fashion")], lastMoment)).toEqual({ state: "open", until: lastMoment.toISOString(), lines: [] });
    expect(returnWindow(delivered, [line("fashion")], new Date("2031-12-11T18:30:00.000Z")).state).toBe("closed");
    // A day after the last one is well out.
    expect(returnWindow(delivered, [line("fashion")], new Date("2031-12-12T12:00:00.000Z")).state).toBe("closed");
  });

  it("take the shortest window of an order's lines that can be returned", () => {
    const w = returnWindow("2031-12-01T06:00:00.000Z", [line("fashion"), line("electronics")], new Date("2031-12-09T06:00:00.000Z"));
    expect(w).toMatchObject({ state: "closed", until: "2031-12-08T18:29:59.999Z" });
  });

  it("name the lines that can never be returned, and stay open for the rest of the order", () => {
    const lines = [line("fashion", "Kurta"), line("grocery", "Basmati Rice 5 kg")];
    const rice = { listing_id: "lst_Basmati Rice 5 kg", title: "Basmati Rice 5 kg", why: "Groceries can't be returned" };
    const w = returnWindow("2031-12-01T06:00:00.000Z", lines, new Date("2031-12-02T06:00:00.000Z"));
    // The kurta's ten days decide: the rice has no window to shorten it.
    expect(w).toEqual({ state: "open", until: "2031-12-11T18:29:59.999Z", lines: [rice] });
    expect(returnWindow(null, lines, new Date())).toEqual({ state: "not_delivered", until: null, lines: [rice] });
    // Only an order with nothing that can be returned is not returnable.
    expect(returnWindow("2031-12-01T06:00:00.000Z", [line("grocery", "Basmati Rice 5 kg")], new Date("2031-12-02T06:00:00.000Z"))).toEqual({
      state: "not_returnable",
      until: null,
      lines: [rice],
    });
    expect(returnWindow(null, [line("fashion")], new Date())).toEqual({ state: "not_delivered", until: null, lines: [] });
  });
});
