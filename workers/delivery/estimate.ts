import { type CourierCalendar, isCourierHoliday } from "./holidays";
import { InvalidPincodeError, type PincodeDistance, pincodeDistance, pincodeProblem } from "./pincode";

/**
 * Days in transit after dispatch, by how far the parcel goes. Within a sorting district a parcel
 * rides the local van the next day; within a circle (a state) it makes one hop through the state's
 * hub; within a region it goes by road between neighbouring states' hubs, a day or two more; across
 * regions it is long-haul road or air with a connection, and the far ends (the North East, J&K,
 * the islands) take the longest, hence the wide window.
 */
export const TRANSIT_DAYS: Record<PincodeDistance, { min: number; max: number }> = {
  district: { min: 1, max: 1 },
  circle: { min: 2, max: 2 },
  region: { min: 3, max: 4 },
  country: { min: 4, max: 6 },
};

/** Orders placed at or after this hour (IST) are packed the next dispatch day. */
export const DISPATCH_CUTOFF_HOUR_IST = 14;

// India keeps one time zone without daylight saving, so a fixed offset is exact.
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When an order placed now would arrive, as IST calendar dates (YYYY-MM-DD). */
export interface DeliveryEstimate {
  distance: PincodeDistance;
  minDays: number;
  maxDays: number;
  /** The day the warehouse hands the parcel over. */
  dispatchOn: string;
  earliest: string;
  /** The last day of the window: what "Delivery by" promises. */
  latest: string;
}

/**
 * When an order placed at `now` for `toPincode` arrives from a warehouse at `fromPincode` (null
 * when the warehouse's place is unknown: the widest window, as from anywhere in India).
 *
 * Kept simple on purpose: warehouses dispatch every day but Sunday and courier holidays, before the
 * cut-off for the same day, and transit counts calendar days (couriers deliver on Sundays, sorting
 * hubs run through them) except holidays (the national ones and `calendar`'s), when nothing moves.
 * Throws `InvalidPincodeError` for a PIN code we refuse.
 */
export function estimateDelivery(fromPincode: string | null, toPincode: string, now: Date, calendar: CourierCalendar): DeliveryEstimate {
  const problem = pincodeProblem(toPincode);
  if (problem) throw new InvalidPincodeError(problem);
  const distance = fromPincode && !pincodeProblem(fromPincode) ? pincodeDistance(fromPincode, toPincode) : "country";
  const { min, max } = TRANSIT_DAYS[distance];
  const dispatch = dispatchDay(now, calendar);
  return {
    distance,
    minDays: min,
    maxDays: max,
    dispatchOn: isoDate(dispatch),
    earliest: isoDate(afterTransit(dispatch, min, calendar)),
    latest: isoDate(afterTransit(dispatch, max, calendar)),
  };
}

/** The day a parcel dispatched on `day` arrives after `days` days in transit, holidays not counted. */
function afterTransit(day: number, days: number, calendar: CourierCalendar): number {
  let arrives = day;
  for (let left = days; left > 0; ) {
    arrives += DAY_MS;
    if (!isCourierHoliday(isoDate(arrives), calendar)) left--;
  }
  return arrives;
}

/** Midnight (as UTC epoch ms of the IST calendar date) of the day an order placed at `now` is dispatched. */
function dispatchDay(now: Date, calendar: CourierCalendar): number {
  const ist = now.getTime() + IST_OFFSET_MS;
  let day = Math.floor(ist / DAY_MS) * DAY_MS;
  if (ist - day >= DISPATCH_CUTOFF_HOUR_IST * 60 * 60 * 1000) day += DAY_MS;
  while (new Date(day).getUTCDay() === 0 || isCourierHoliday(isoDate(day), calendar)) day += DAY_MS;
  return day;
}

/**
 * The IST date (YYYY-MM-DD) an order placed at `placedAt` is handed to the courier: the day every
 * delivery date the shopper saw for it counts from, so the day its sellers must pack it by.
 */
export function dispatchDate(placedAt: Date, calendar: CourierCalendar): string {
  return isoDate(dispatchDay(placedAt, calendar));
}

/**
 * The first moment an order placed then is handed over on `day` (YYYY-MM-DD, IST) or later: the
 * cut-off of the last dispatch day before `day`. `dispatchDate` never moves back as time moves on,
 * so an order is due before `day` exactly when it was placed (and confirmed) before this moment,
 * which lets a list pick the orders due before a day with a comparison of stored times.
 */
export function handedOverFrom(day: string, calendar: CourierCalendar): Date {
  let last = Date.parse(`${day}T00:00:00Z`) - DAY_MS;
  while (new Date(last).getUTCDay() === 0 || isCourierHoliday(isoDate(last), calendar)) last -= DAY_MS;
  return new Date(last + DISPATCH_CUTOFF_HOUR_IST * 60 * 60 * 1000 - IST_OFFSET_MS);
}

/** The IST calendar date (YYYY-MM-DD) the day after `day`. */
export const nextDate = (day: string) => isoDate(Date.parse(`${day}T00:00:00Z`) + DAY_MS);

/** The IST calendar date (YYYY-MM-DD) at `at`: the day the estimates count from. */
export function istDate(at: Date): string {
  return isoDate(Math.floor((at.getTime() + IST_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/**
 * The next moment an estimate made at `now` may change by the clock alone: the cut-off, or the
 * start of the next IST day, whichever comes first. Nothing may keep an answer past it. (A change
 * to the courier calendar is the other thing that moves an estimate: see `loadCourierCalendar`.)
 */
export function nextEstimateChange(now: Date): Date {
  const ist = now.getTime() + IST_OFFSET_MS;
  const day = Math.floor(ist / DAY_MS) * DAY_MS;
  const cutoff = day + DISPATCH_CUTOFF_HOUR_IST * 60 * 60 * 1000;
  const next = ist < cutoff ? cutoff : day + DAY_MS;
  return new Date(next - IST_OFFSET_MS);
}

const isoDate = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date (YYYY-MM-DD) the way Indian shoppers read a delivery date: "Thu, 3 Dec". */
export function deliveryDateLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}
