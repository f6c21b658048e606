import { istDateTime } from "../platform/time";
import { shownAverage } from "../catalog/rating-average";
import type { Offer } from "./types";
const wholeRupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });
const rupeesAndPaise = new Intl.NumberFormat("en-IN", {
  style: "currency",
  currency: "INR",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * Formats integer paise as Indian rupees with Indian digit grouping: whole rupees without a
 * fraction (₹1,29,999), anything else with both paise digits (₹1,299.50), never one digit, which
 * reads as a different amount.
 */
export function money(paise: number | null | undefined): string {
  if (typeof paise !== "number" || !Number.isFinite(paise)) return "—";
  return (paise % 100 === 0 ? wholeRupees : rupeesAndPaise).format(paise / 100);
}

/**
 * What a line of `qty` units at `unitPaise` comes to, as an order or checkout line shows it: the
 * unit price alone read as the line's amount, so "2 × coffee — ₹6,149" lines seemed not to add up
 * to the total. Several units say "each" and their sum.
 */
export function lineAmount(unitPaise: number | null | undefined, qty: number): string {
  if (qty <= 1 || typeof unitPaise !== "number") return money(unitPaise);
  return `${money(unitPaise)} each, ${money(unitPaise * qty)}`;
}

/**
 * Paise as the big round amount a sale-day review reads: lakh (₹12.5 L) from a lakh of rupees and
 * crore (₹4.9 Cr) from a crore, to one decimal (rounded down, so a figure never overstates what
 * came in), and whole rupees with Indian grouping below a lakh (₹85,000).
 */
export function bigMoney(paise: number | null | undefined): string {
  if (typeof paise !== "number" || !Number.isFinite(paise)) return "—";
  const rupees = Math.trunc(paise / 100);
  const sign = rupees < 0 ? "−" : "";
  const abs = Math.abs(rupees);
  const scaled = (unit: number, word: string) => `${sign}₹${(Math.floor((abs / unit) * 10) / 10).toLocaleString("en-IN")} ${word}`;
  if (abs >= 10_000_000) return scaled(10_000_000, "Cr");
  if (abs >= 100_000) return scaled(100_000, "L");
  return `${sign}${wholeRupees.format(abs)}`;
}

/** A span of seconds as a deal manager says it: "52 s", "3 min 10 s", "2 h 5 min", "3 d 4 h". */
export function spanWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  return waitedFor(s * 1000);
}

/** Percentage off MRP, rounded down so the page never overstates a discount. */
export function percentOff(price: number | null | undefined, mrp: number | null | undefined): number | null {
  if (typeof price !== "number" || typeof mrp !== "number" || mrp <= 0 || price >= mrp) return null;
  return Math.floor(((mrp - price) / mrp) * 100);
}

/** An RFC 3339 time as a short readable date in India Standard Time. */
export function when(iso: string | null | undefined): string {
  return iso ? istDateTime(iso) : "—";
}

/**
 * `when` with its time zone named, for the consoles' tables and figures: a deal manager or ops
 * reading them may be outside India, and the forms they act on take times in IST.
 */
export function whenIst(iso: string | null | undefined): string {
  return iso ? `${istDateTime(iso)} IST` : "—";
}

/**
 * How long something has waited, in the words ops read at a glance ("3 h 10 min", "2 d 4 h"):
 * to the minute within a day, to the hour beyond. ops-overview.js writes the same words as it
 * reloads the figures.
 */
export function waitedFor(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

/**
 * Time left, as the pages' live countdowns tick it ("1d 02:03:04"): what app.js writes a second
 * later, so the time drawn by the server does not change its look when the script takes over.
 */
export function countdownText(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const d = Math.floor(s / 86400);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d ? `${d}d ` : ""}${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** An RFC 3339 time as a time of day in India Standard Time ("3:45 pm"), for a clock that runs out within the hour. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", timeStyle: "short" });
}

/** Human words for an availability bucket from the catalog API. */
export function availabilityLabel(bucket: string | null | undefined): string {
  switch (bucket) {
    case "in_stock":
      return "In stock";
    case "few_left":
      return "Only a few left";
    case "sold_out":
      return "Sold out";
    case "unavailable":
      return "Not on sale";
    default:
      return "Availability unknown";
  }
}

/** The ways to pay checkout offers, with the words shoppers know them by. */
export const PAYMENT_METHODS = [
  ["upi", "UPI"],
  ["card", "Credit or debit card"],
  ["netbanking", "Net banking"],
  ["cod", "Cash on delivery"],
] as const;

/** A payment method in shoppers' words. */
export function paymentMethodLabel(method: string | null | undefined): string {
  return PAYMENT_METHODS.find(([value]) => value === method)?.[1] ?? statusLabel(method);
}

/** A count with its noun, singular for one: "1 minute", "1,200 units". */
export function countWords(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-IN")} ${n === 1 ? one : many}`;
}

/**
 * A count that stops at a cap, as ops read it: exact ("9,999") or, once it reached the cap, the
 * cap with a plus ("10,000+": more than that). ops-overview.js writes the same as it reloads.
 */
export function countUpTo(n: number, capped: boolean): string {
  return `${n.toLocaleString("en-IN")}${capped ? "+" : ""}`;
}

/**
 * A product's average rating as its stars read: one decimal, never rounded up, so a product
 * shown at 4.0 is one the "4★ and up" filter keeps (3.96 reads 3.9).
 */
export function starsText(average: number): string {
  return (shownAverage(average) ?? 0).toFixed(1);
}

/** Human words for an order status. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return "Unknown";
  return status.replaceAll("_", " ").replace(/^./, (ch) => ch.toUpperCase());
}

/**
 * An order's status in a shopper's words, where the lifecycle's own name would puzzle them: an
 * order that exists but is not paid for is "placed", not "created", and an authorized payment is
 * money received as far as the shopper is concerned, except for cash on delivery, where it only
 * means the order may be paid at the door. Ops consoles keep the lifecycle's names. order-live.js
 * reads these from the order page, so the words live here alone.
 */
export function shopperStatusWords(paymentMethod?: string | null): Readonly<Record<string, string>> {
  return paymentMethod === "cod" ? COD_STATUS_WORDS : STATUS_WORDS;
}

const STATUS_WORDS: Readonly<Record<string, string>> = { created: "Placed", payment_authorized: "Payment received" };
const COD_STATUS_WORDS: Readonly<Record<string, string>> = { ...STATUS_WORDS, payment_authorized: "Cash on delivery accepted" };

/** `statusLabel` for shoppers' pages: their words where they differ. */
export function shopperStatusLabel(status: string | null | undefined, paymentMethod?: string | null): string {
  return (status && shopperStatusWords(paymentMethod)[status]) || statusLabel(status);
}

/**
 * Timeline steps named for what they mean to the shopper rather than for the status they lead to,
 * keyed "from>to": a declined return puts the order back to delivered, which is no second delivery.
 * order-live.js reads these from the order page too.
 */
export const SHOPPER_STEP_WORDS: Readonly<Record<string, string>> = {
  "return_requested>delivered": "Return declined",
  "return_requested>refunded": "Return accepted, refunded",
};

/** A timeline step in the shopper's words: the step's own name where it has one, else its status's. */
export function shopperStepLabel(from: string | null | undefined, to: string, paymentMethod?: string | null): string {
  return SHOPPER_STEP_WORDS[`${from}>${to}`] ?? shopperStatusLabel(to, paymentMethod);
}

/** An RFC 3339 time as a day and month in India Standard Time ("11 Dec"), for dates within the coming weeks. */
export function shortDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-IN", { timeZone: "Asia/Kolkata", day: "numeric", month: "short" });
}

/**
 * At most `max` UTF-16 units of `text`, never ending in half a character: a cut through an emoji
 * or another character outside the basic plane would show as "�".
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const weekdayDayMonth = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", weekday: "short", day: "numeric", month: "short" });

/** An RFC 3339 time as a weekday, date and time in India Standard Time ("Thu 3 Dec, 12:00 pm"), for a moment in the coming days. */
export function dayAndTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = weekdayDayMonth
    .formatToParts(d)
    .filter((part) => part.type !== "literal")
    .map((part) => part.value)
    .join(" ");
  return `${date}, ${clockTime(iso)}`;
}

/** An RFC 3339 time as a date alone in India Standard Time, for things dated by the day (a review). */
export function day(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium" });
}

/** An offer's seller name as the product API gives it (an object today, a bare name in older payloads). */
export function offerSeller(o: Offer): string {
  if (typeof o.seller === "string") return o.seller;
  return o.seller?.name ?? o.seller_name ?? "Seller";
}

/**
 * An offer's seller with the rating its buyers give it ("Asha Traders · rated 4.2 ★"), which is what
 * puts one of two offers at the same price first; the name alone when the payload has no rating.
 */
export function offerSellerRated(o: Offer): string {
  const rating = typeof o.seller === "object" ? o.seller?.rating : undefined;
  return typeof rating === "number" ? `${offerSeller(o)} · rated ${rating.toFixed(1)} ★` : offerSeller(o);
}

// Attribute names that are initialisms, written as shoppers read them ("RAM", not "Ram").
const INITIALISMS = new Set([
  "anc",
  "cpu",
  "gpu",
  "hdd",
  "hdmi",
  "hdr",
  "led",
  "lcd",
  "oled",
  "os",
  "ram",
  "rom",
  "sim",
  "ssd",
  "tv",
  "usb",
]);

// Attribute names a listing in India spells out in full rather than as initials: a phone's
// specifications say "Operating system", as every other listing a shopper compares it with does.
const SPELLED_OUT: Record<string, string> = { os: "Operating system" };

/**
 * A product attribute's name as a specification row's label: "ram" is "RAM", "screen_size" is
 * "Screen size", "os" is "Operating system". Sellers name attributes freely, so anything else is
 * only given a capital.
 */
export function specLabel(name: string): string {
  const whole = SPELLED_OUT[name.trim().toLowerCase()];
  if (whole) return whole;
  const words = name.replaceAll("_", " ").trim().split(/\s+/);
  const label = words.map((w) => (INITIALISMS.has(w.toLowerCase()) ? w.toUpperCase() : w)).join(" ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}
