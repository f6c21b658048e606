import { z } from "@hono/zod-openapi";
import { normalizeEmail } from "../accounts/accounts";
import { fnv1aHex } from "../platform/ids";
import { pageOf } from "./cursor";
import { normalizePhone } from "./phone";
import { loadCourierCalendar } from "../delivery/courier-calendar";
import { OPS_SUMMARY, type OpsOrderSummary, type OpsSummaryRow, type OrderPage, type PageRequest, keyset, opsSummaries } from "./queries";

/**
 * Finding the orders a support caller means by what they can tell ops: an order id read off a
 * message, the email they shop with, or the phone number their parcel goes to. Each kind is one
 * range of an index (the primary key, the users' email index then `orders_user_idx`, or
 * `orders_phone_idx`), so a lookup costs the same however many orders the store holds.
 */
export type OrderLookup =
  /** `ids`: the id as typed and lowercased; checkout's ids are lowercase hex, read out over the phone in any case. */
  { kind: "id"; key: string; ids: [string, string] } | { kind: "email"; key: string } | { kind: "phone"; key: string };

/** What a lookup can be given, in the words a refused one is answered with. */
export const LOOKUP_WORDS = "an order id (ord_…), a shopper's email address or a 10-digit mobile number";

const ORDER_ID = /^ord_[A-Za-z0-9_-]{1,64}$/i;

/** What `typed` asks for, once trimmed; null when it is none of an order id, an email address or a mobile number. */
export function parseLookup(typed: string): OrderLookup | null {
  const text = typed.trim();
  if (ORDER_ID.test(text)) {
    const asTyped = `ord_${text.slice(4)}`;
    return { kind: "id", key: asTyped.toLowerCase(), ids: [asTyped, asTyped.toLowerCase()] };
  }
  if (text.includes("@")) return z.email().safeParse(text).success ? { kind: "email", key: normalizeEmail(text) } : null;
  const phone = normalizePhone(text);
  return phone ? { kind: "phone", key: phone } : null;
}

/**
 * The cursor scope of one lookup's results. The key is hashed: an email can be long enough to push
 * a cursor past its length limit, and a collision only lets one lookup's cursor page another's.
 */
export function lookupScope(lookup: OrderLookup): string {
  return `ops:q:${lookup.kind}:${fnv1aHex(lookup.key)}`;
}

const WHERE: Record<OrderLookup["kind"], string> = {
  id: "o.id IN (?, ?)",
  // Emails are stored normalized (see `normalizeEmail`), so the exact match reads the unique index.
  email: "o.user_id = (SELECT u.id FROM users u WHERE u.email = ?)",
  phone: "o.phone = ?",
};

/** The statement for one page of a lookup's orders, newest first, and what it is bound to. */
export function lookupStatement(lookup: OrderLookup, page: PageRequest): { sql: string; binds: Array<string | number> } {
  const k = keyset("newest", page.cursor);
  const binds = lookup.kind === "id" ? lookup.ids : [lookup.key];
  return { sql: `${OPS_SUMMARY} WHERE ${WHERE[lookup.kind]}${k.after}${k.order} LIMIT ?`, binds: [...binds, ...k.binds, page.limit + 1] };
}

/** A page of the orders a lookup finds, newest first, each as the ops lists show it. */
export async function findOrders(db: D1Database, lookup: OrderLookup, page: PageRequest): Promise<OrderPage<OpsOrderSummary>> {
  const { sql, binds } = lookupStatement(lookup, page);
  const [{ results }, calendar] = await Promise.all([
    db
      .prepare(sql)
      .bind(...binds)
      .all<OpsSummaryRow>(),
    loadCourierCalendar(db),
  ]);
  return pageOf(opsSummaries(results, calendar.holidays), page.limit, lookupScope(lookup));
}

/**
 * The log line of a lookup: who looked, for what kind of thing and how much they found, never what
 * they typed, which is a shopper's email or phone number.
 */
export function logLookup(line: { requestId: string; opsId: string; kind: OrderLookup["kind"]; found: number; cursor: boolean }): void {
  console.log(JSON.stringify({ level: "info", message: "ops order lookup", ...line }));
}
