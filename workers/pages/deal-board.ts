import { dealPhase } from "./components";
import type { Deal } from "./types";

/** The upcoming deals opening on one day in India, under the words shoppers know that day by. */
export interface OpeningDay {
  /** The day in India as YYYY-MM-DD, for `<time datetime>` and a stable id. */
  date: string;
  /** "Today", "Tomorrow", or the weekday and date ("Fri 4 Dec"). */
  label: string;
  deals: Deal[];
}

/** The deals page's sections: what can be bought now, what is on but gone, and what opens when. */
export interface DealBoard {
  onNow: Deal[];
  soldOut: Deal[];
  openingDays: OpeningDay[];
}

// India keeps one offset all year, so a day there is a fixed shift of UTC.
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

const weekdayDate = new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });

/** The day in India (YYYY-MM-DD) of an instant. */
export function istDate(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A day in India as a shopper says it, seen from `now`: "Today", "Tomorrow", else "Fri 4 Dec". */
export function dayLabel(date: string, now: number): string {
  if (date === istDate(now)) return "Today";
  if (date === istDate(now + DAY_MS)) return "Tomorrow";
  return weekdayDate
    .formatToParts(new Date(`${date}T00:00:00Z`))
    .filter((part) => part.type !== "literal")
    .map((part) => part.value)
    .join(" ");
}

/**
 * Sorts the public deal list into the deals page's sections at `now`. Buyable deals keep the list's
 * order; a deal whose units are gone is still on, but goes after every one that can be bought, so
 * the first tiles are always ones worth opening. Upcoming deals are grouped by the day they open in
 * India, soonest first. A deal that ended since the list was read is left out.
 */
export function dealBoard(deals: readonly Deal[], now = Date.now()): DealBoard {
  const onNow: Deal[] = [];
  const soldOut: Deal[] = [];
  const upcoming: Deal[] = [];
  for (const d of deals) {
    const started = Date.parse(d.starts_at) <= now;
    const ended = Date.parse(d.ends_at) <= now;
    if (d.status === "sold_out" && started && !ended) soldOut.push(d);
    else if (dealPhase(d, now) === "live") onNow.push(d);
    else if (dealPhase(d, now) === "upcoming") upcoming.push(d);
  }
  upcoming.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  const openingDays: OpeningDay[] = [];
  for (const d of upcoming) {
    const date = istDate(Date.parse(d.starts_at));
    const last = openingDays.at(-1);
    if (last?.date === date) last.deals.push(d);
    else openingDays.push({ date, label: dayLabel(date, now), deals: [d] });
  }
  return { onNow, soldOut, openingDays };
}

/**
 * Seconds the deals page drawn at `now` stays right: until the next deal opens or closes (its tile
 * must then move section or go), and never more than `edgeSeconds`.
 */
export function boardEdgeSeconds(deals: readonly Deal[], edgeSeconds: number, now = Date.now()): number {
  let seconds = edgeSeconds;
  for (const d of deals) {
    for (const moment of [Date.parse(d.starts_at), Date.parse(d.ends_at)]) {
      if (moment > now) seconds = Math.min(seconds, Math.floor((moment - now) / 1000));
    }
  }
  return Math.max(0, seconds);
}
