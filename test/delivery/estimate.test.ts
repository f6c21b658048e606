import { describe, expect, it } from "vitest";
import { codAvailable } from "../../workers/delivery/cash-on-delivery";
import {
  deliveryDateLabel,
  dispatchDate,
  estimateDelivery,
  handedOverFrom,
  nextDate,
  nextEstimateChange,
} from "../../workers/delivery/estimate";
import { nearestWarehouse } from "../../workers/delivery/nearest-warehouse";
import { InvalidPincodeError } from "../../workers/delivery/pincode";
import { MIGRATED_HOLIDAYS } from "../helpers/courier-calendar";

// Tue 1 Dec 2026, 10:00 IST (04:30 UTC): before the cut-off on a dispatch day.
const TUESDAY_MORNING = new Date("2026-12-01T04:30:00Z");

describe("estimateDelivery", () => {
  it("delivers within the sorting district the day after dispatch", () => {
    const e = estimateDelivery("560067", "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS);
    expect(e).toEqual({
      distance: "district",
      minDays: 1,
      maxDays: 1,
      dispatchOn: "2026-12-01",
      earliest: "2026-12-02",
      latest: "2026-12-02",
    });
  });

  it("takes longer the fewer leading digits the PIN codes share", () => {
    expect(estimateDelivery("562114", "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)).toMatchObject({
      distance: "circle",
      latest: "2026-12-03",
    });
    expect(estimateDelivery("500001", "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)).toMatchObject({
      distance: "region",
      earliest: "2026-12-04",
      latest: "2026-12-05",
    });
    // Delhi to Bengaluru: another region, the widest window.
    expect(estimateDelivery("110001", "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)).toMatchObject({
      distance: "country",
      earliest: "2026-12-05",
      latest: "2026-12-07",
    });
  });

  it("counts from the next day for an order placed after the 2 pm IST cut-off", () => {
    // 14:00 IST exactly is 08:30 UTC: already too late for today's dispatch.
    const before = estimateDelivery("560067", "560001", new Date("2026-12-01T08:29:59Z"), MIGRATED_HOLIDAYS);
    const after = estimateDelivery("560067", "560001", new Date("2026-12-01T08:30:00Z"), MIGRATED_HOLIDAYS);
    expect(before).toMatchObject({ dispatchOn: "2026-12-01", latest: "2026-12-02" });
    expect(after).toMatchObject({ dispatchOn: "2026-12-02", latest: "2026-12-03" });
    // 23:00 UTC on the 1st is already the 2nd in India, before its cut-off.
    expect(estimateDelivery("560067", "560001", new Date("2026-12-01T23:00:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-12-02",
    });
  });

  it("does not dispatch on a Sunday", () => {
    // Saturday 5 Dec, 3 pm IST: past the cut-off, and Sunday is no dispatch day, so Monday.
    expect(estimateDelivery("560067", "560001", new Date("2026-12-05T09:30:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-12-07",
      latest: "2026-12-08",
    });
    // Sunday morning too.
    expect(estimateDelivery("560067", "560001", new Date("2026-12-06T03:00:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-12-07",
    });
    // Transit runs through Sunday: Saturday's dispatch from another region arrives by Thursday.
    expect(estimateDelivery("110001", "560001", new Date("2026-12-05T04:30:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-12-05",
      latest: "2026-12-11",
    });
  });

  it("neither dispatches nor delivers on Republic Day, for an order placed the day before", () => {
    // Mon 25 Jan 2027, 10:00 IST: dispatched that day; the next day is Republic Day, when nothing moves.
    const eve = new Date("2027-01-25T04:30:00Z");
    expect(estimateDelivery("560067", "560001", eve, MIGRATED_HOLIDAYS)).toMatchObject({ dispatchOn: "2027-01-25", latest: "2027-01-27" });
    // Across regions, 4 to 6 days in transit, Republic Day not among them (Sunday the 31st is).
    expect(estimateDelivery("110001", "560001", eve, MIGRATED_HOLIDAYS)).toMatchObject({ earliest: "2027-01-30", latest: "2027-02-01" });
  });

  it("sends an order placed at the 2 pm IST cut-off on the eve of a holiday the day after the holiday", () => {
    // 14:00 IST on Mon 25 Jan 2027 is 08:30 UTC: too late for the 25th, and the 26th is Republic Day.
    const before = estimateDelivery("560067", "560001", new Date("2027-01-25T08:29:59Z"), MIGRATED_HOLIDAYS);
    const after = estimateDelivery("560067", "560001", new Date("2027-01-25T08:30:00Z"), MIGRATED_HOLIDAYS);
    expect(before).toMatchObject({ dispatchOn: "2027-01-25", latest: "2027-01-27" });
    expect(after).toMatchObject({ dispatchOn: "2027-01-27", earliest: "2027-01-28", latest: "2027-01-28" });
    // The festivals close couriers too: Holi, Mon 22 Mar 2027.
    expect(estimateDelivery("560067", "560001", new Date("2027-03-20T09:00:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2027-03-23",
    });
  });

  it("skips a holiday that falls on a Sunday in transit, though an ordinary Sunday counts", () => {
    // Diwali 2026 is Sun 8 Nov. Dispatched Sat 7 Nov within the state: two days in transit, the 9th and the 10th.
    expect(estimateDelivery("562114", "560001", new Date("2026-11-07T04:30:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-11-07",
      earliest: "2026-11-10",
      latest: "2026-11-10",
    });
    // The Saturday before, an ordinary Sunday is the first day in transit.
    expect(estimateDelivery("562114", "560001", new Date("2026-10-31T04:30:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      latest: "2026-11-02",
    });
    // Past Saturday's cut-off it waits for Monday, as any Sunday would make it.
    expect(estimateDelivery("560067", "560001", new Date("2026-11-07T09:30:00Z"), MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2026-11-09",
    });
  });

  it("refuses what is no PIN code, saying why", () => {
    const refused = (pin: string) => () => estimateDelivery("560067", pin, TUESDAY_MORNING, MIGRATED_HOLIDAYS);
    expect(refused("56000")).toThrow(InvalidPincodeError);
    expect(refused("56000")).toThrow("Enter a 6-digit PIN code");
    expect(refused("5600011")).toThrow("Enter a 6-digit PIN code");
    expect(refused("56000a")).toThrow("Enter a 6-digit PIN code");
    expect(refused("000000")).toThrow("No PIN code starts with 0");
    expect(refused("012345")).toThrow("No PIN code starts with 0");
    expect(refused("999999")).toThrow("Army Post Office");
  });

  it("estimates from anywhere in India when the warehouse's place is unknown", () => {
    expect(estimateDelivery(null, "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)).toMatchObject({ distance: "country", maxDays: 6 });
  });
});

describe("estimateDelivery with the courier calendar ops keep", () => {
  it("neither dispatches nor delivers on a day added to the calendar, in a year the code never listed", () => {
    // Holi 2028 is Sat 11 Mar. Without it, Friday's order within the district leaves that day and arrives on the 11th.
    const friday = new Date("2028-03-10T04:30:00Z");
    const holi2028 = new Set([...MIGRATED_HOLIDAYS, "2028-03-11"]);
    expect(estimateDelivery("560067", "560001", friday, MIGRATED_HOLIDAYS)).toMatchObject({
      dispatchOn: "2028-03-10",
      latest: "2028-03-11",
    });
    // With it, the 11th is not a day in transit: the ordinary Sunday after it is.
    expect(estimateDelivery("560067", "560001", friday, holi2028)).toMatchObject({ dispatchOn: "2028-03-10", latest: "2028-03-12" });
    // Past Friday's cut-off it would leave on the Saturday: Holi closes it, and Sunday is no dispatch day.
    const fridayEvening = new Date("2028-03-10T10:00:00Z");
    expect(estimateDelivery("560067", "560001", fridayEvening, holi2028)).toMatchObject({ dispatchOn: "2028-03-13", latest: "2028-03-14" });
    expect(dispatchDate(fridayEvening, holi2028)).toBe("2028-03-13");
  });

  it("counts a day the calendar no longer holds", () => {
    // Diwali 2027, Fri 29 Oct, taken out of the calendar: Thursday's order arrives on it.
    const thursday = new Date("2027-10-28T04:30:00Z");
    expect(estimateDelivery("560067", "560001", thursday, MIGRATED_HOLIDAYS)).toMatchObject({ latest: "2027-10-30" });
    expect(estimateDelivery("560067", "560001", thursday, new Set())).toMatchObject({ latest: "2027-10-29" });
    // The national holidays stay whatever the calendar holds.
    expect(estimateDelivery("560067", "560001", new Date("2027-01-25T04:30:00Z"), new Set())).toMatchObject({ latest: "2027-01-27" });
  });
});

describe("handedOverFrom", () => {
  it("is the moment from which orders are handed over on a day or later, over weekends and holidays", () => {
    // Fri 5 Mar 2027 to Sun 28 Mar 2027, with Holi (22 Mar) migrated and a bandh on Sat 13 Mar.
    const calendar = new Set([...MIGRATED_HOLIDAYS, "2027-03-13"]);
    const start = Date.parse("2027-03-04T18:30:00Z");
    for (let day = "2027-03-06"; day <= "2027-03-28"; day = nextDate(day)) {
      const from = handedOverFrom(day, calendar).getTime();
      for (let t = start; t < start + 24 * 86_400_000; t += 15 * 60_000) {
        const before = dispatchDate(new Date(t), calendar) < day;
        if (before !== t < from) throw new Error(`${new Date(t).toISOString()} against ${day}: dispatched before it is ${before}`);
      }
    }
    // Monday's orders were placed from Saturday's cut-off (14:00 IST); Sunday is never a dispatch day.
    expect(handedOverFrom("2027-03-08", calendar).toISOString()).toBe("2027-03-06T08:30:00.000Z");
    expect(handedOverFrom("2027-03-07", calendar)).toEqual(handedOverFrom("2027-03-08", calendar));
    // With the Saturday bandh, Monday 15 Mar's orders were placed from Friday's cut-off.
    expect(handedOverFrom("2027-03-15", calendar).toISOString()).toBe("2027-03-12T08:30:00.000Z");
    // After Holi on Monday 22 Mar, Tuesday's start from Saturday's cut-off.
    expect(handedOverFrom("2027-03-23", calendar).toISOString()).toBe("2027-03-20T08:30:00.000Z");
  });
});

describe("nextEstimateChange", () => {
  it("is the cut-off before it, and IST midnight after it", () => {
    expect(nextEstimateChange(TUESDAY_MORNING).toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(nextEstimateChange(new Date("2026-12-01T10:00:00Z")).toISOString()).toBe("2026-12-01T18:30:00.000Z");
  });
});

describe("deliveryDateLabel", () => {
  it("reads as Indian marketplaces write it", () => {
    expect(deliveryDateLabel("2026-12-03")).toBe("Thu, 3 Dec");
    expect(deliveryDateLabel("2027-01-10")).toBe("Sun, 10 Jan");
  });
});

describe("nearestWarehouse", () => {
  it("ships from the warehouse that delivers soonest, placing one without a PIN code by its city", () => {
    const warehouses = [
      { id: "wh_a", city: "Delhi NCR", pincode: "122001" },
      { id: "wh_b", city: "Chennai", pincode: null },
      { id: "wh_c", city: "Bengaluru", pincode: "562114" },
    ];
    expect(nearestWarehouse(warehouses, "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)?.warehouse.id).toBe("wh_c");
    expect(nearestWarehouse(warehouses, "600040", TUESDAY_MORNING, MIGRATED_HOLIDAYS)?.warehouse.id).toBe("wh_b");
    expect(nearestWarehouse([], "560001", TUESDAY_MORNING, MIGRATED_HOLIDAYS)).toBeNull();
  });
});

describe("codAvailable", () => {
  it("takes cash for orders under ₹50,000 to places we deliver to", () => {
    expect(codAvailable(4_999_999, true)).toBe(true);
    expect(codAvailable(5_000_000, true)).toBe(false);
    expect(codAvailable(100, false)).toBe(false);
  });
});
