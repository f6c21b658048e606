import { Address } from "../checkout/schemas";
import { derivedSecret, hmacHex } from "../platform/hmac";

/** How many saved addresses a shopper is offered: enough for home, work and family, few enough to read at a glance. */
export const MAX_SAVED_ADDRESSES = 5;

/**
 * How many of the shopper's latest orders are looked at. Addresses come from orders, so there is
 * no second copy to keep in sync; this bounds the read to one index range however many orders a
 * shopper has, at the cost of dropping an address not used in that many orders. Addresses the
 * shopper removed are skipped within these orders, so removing one lets an older one take its place.
 */
export const ADDRESS_LOOKBACK = 50;

/**
 * How many addresses a shopper may add in their account (see addAddress). Well past the 5 offered,
 * so adding never feels rationed, and a bound so the table cannot grow without one.
 */
export const MAX_ADDED_ADDRESSES = 20;

/** How a saved address's id looks: the first 64 bits of an HMAC-SHA-256, in lowercase hex. */
export const ADDRESS_ID = /^[0-9a-f]{16}$/;

/** A delivery address the shopper has used, as checkout's address schema has it, and when it was last used. */
export interface SavedAddress {
  /** Stable for the same address however it is spelled, so a link can name it while the list moves (see addressId). */
  id: string;
  name: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  pincode: string;
  last_used_at: string;
}

/** One order's address (its stored JSON, or already parsed) and when the order was placed. */
export interface AddressUse {
  address: unknown;
  usedAt: string;
  /** The shopper added it in their account: it has a row in `added_addresses`, which counts against the cap. */
  added?: boolean;
}

/**
 * Which of the shopper's addresses a list gives. `recent`: the most recently used, at most
 * MAX_SAVED_ADDRESSES, which is what checkout offers. `all`: those, and after them every other
 * address the shopper added (at most MAX_ADDED_ADDRESSES), so a shopper at the cap on adding sees
 * every address that counts against it and can remove one; this is what the account page lists.
 * Older addresses found only in orders are left out of both, as checkout never offers them.
 */
export const ADDRESS_SCOPES = ["recent", "all"] as const;
export type AddressScope = (typeof ADDRESS_SCOPES)[number];

/** The most addresses an `all` list can hold: the recent ones, and every added one besides. */
export const MAX_LISTED_ADDRESSES = MAX_SAVED_ADDRESSES + MAX_ADDED_ADDRESSES;

const FIELDS = ["name", "phone", "line1", "line2", "city", "state", "pincode"] as const;

/** The shopper's latest orders (address and time), newest first, from the `orders_user_idx` range of one user. */
export const RECENT_ORDER_ADDRESSES_SQL = "SELECT address, created_at FROM orders WHERE user_id = ? ORDER BY created_at DESC LIMIT ?";

/** The addresses the shopper removed and when, from the `forgotten_addresses` key's range of one user. */
export const FORGOTTEN_ADDRESSES_SQL = "SELECT address_id, forgotten_at FROM forgotten_addresses WHERE user_id = ?";

/** The addresses the shopper added in their account and when, from the `added_addresses` key's range of one user. */
export const ADDED_ADDRESSES_SQL = "SELECT address, added_at FROM added_addresses WHERE user_id = ? ORDER BY added_at DESC LIMIT ?";

/**
 * An order's address as checkout would accept it today, or null. Stored addresses passed the same
 * schema when placed; one that no longer does could not be sent again, so it is not offered.
 */
function readAddress(stored: unknown): Omit<SavedAddress, "id" | "last_used_at"> | null {
  let value = stored;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  // Only the schema's own fields: anything else a row may carry is not part of the address.
  const parsed = Address.safeParse(Object.fromEntries(FIELDS.filter((f) => record[f] !== undefined).map((f) => [f, record[f]])));
  if (!parsed.success) return null;
  return { ...parsed.data, line2: parsed.data.line2 ?? "" };
}

const fold = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/** What makes two addresses the same place and person, whatever their spacing, case or phone prefix. */
function addressKey(a: Omit<SavedAddress, "id" | "last_used_at">): string {
  const phone = a.phone.replace(/\D/g, "").slice(-10);
  return JSON.stringify([fold(a.name), phone, fold(a.line1), fold(a.line2), fold(a.city), fold(a.state), a.pincode.trim()]);
}

/** Whose addresses are being listed, and the server secret their ids are keyed with (SESSION_SECRET). */
export interface AddressOwner {
  userId: string;
  secret: string;
}

/** The label the ids' key is derived under, so it is not the key that signs cookies. */
const ADDRESS_ID_KEY = "saved-address-id";

/**
 * An address's id, from its key and its shopper: the same address has the same id on every read
 * with nothing stored, and a newer order moves it in the list without changing it. Keyed, because
 * an id travels in links, Referers and logs, and a plain digest of an address would let anyone
 * holding one confirm a guessed address offline; bound to the shopper, so two accounts' equal
 * addresses do not share an id. Ids are compared only within one shopper's few addresses, so 64
 * bits are plenty; changing addressKey, the label or the secret changes every id, which only sends
 * an old link to the most recent address.
 */
async function addressId(owner: AddressOwner, key: string): Promise<string> {
  const idKey = await derivedSecret(owner.secret, ADDRESS_ID_KEY);
  return (await hmacHex(idKey, `${owner.userId}\n${key}`)).slice(0, 16);
}

/**
 * When the shopper removed each address they removed, by id. Orders keep their addresses (they are
 * the record of where goods went), so a removal is this note beside them rather than a change to them.
 */
export type ForgottenAddresses = ReadonlyMap<string, string>;

/**
 * The distinct addresses of `uses`, most recently used first, at most `limit`, with ids for
 * `owner`. Each keeps the spelling of its latest use, which is what the shopper last typed. An
 * address `forgotten` at or after its latest use is left out, and the limit counts only what is
 * kept, so a removed address frees its place for the next one. One used again after it was
 * removed is kept: ordering to it again is the shopper saying they want it, as an address is saved
 * in the first place by ordering to it. With `scope` `all`, every address with an `added` use
 * follows the first `limit` too, in the same order, wherever its latest use falls.
 */
export async function distinctAddresses(
  uses: AddressUse[],
  owner: AddressOwner,
  forgotten: ForgottenAddresses = new Map(),
  limit = MAX_SAVED_ADDRESSES,
  scope: AddressScope = "recent",
): Promise<SavedAddress[]> {
  const newestFirst = [...uses].sort((a, b) => (a.usedAt < b.usedAt ? 1 : a.usedAt > b.usedAt ? -1 : 0));
  // By key, not by a use's flag: an added address ordered to since has an order as its latest use.
  const addedKeys = new Set<string>();
  if (scope === "all") {
    for (const use of uses) {
      const address = use.added ? readAddress(use.address) : null;
      if (address) addedKeys.add(addressKey(address));
    }
  }
  const seen = new Set<string>();
  const found: SavedAddress[] = [];
  for (const use of newestFirst) {
    if (found.length >= limit && addedKeys.size === 0) break;
    const address = readAddress(use.address);
    if (!address) continue;
    const key = addressKey(address);
    if (seen.has(key)) continue;
    // Seen either way: an older use of a removed address must not bring it back.
    seen.add(key);
    if (found.length >= limit && !addedKeys.has(key)) continue;
    const id = await addressId(owner, key);
    const forgottenAt = forgotten.get(id);
    if (forgottenAt !== undefined && forgottenAt >= use.usedAt) continue;
    found.push({ id, ...address, last_used_at: use.usedAt });
  }
  return found;
}

/**
 * An address as checkout's schema parsed it, as the list would offer it, with its id for `owner`
 * and `usedAt` as its last use: what adding it in the account stores and answers.
 */
export async function savedAddressOf(
  owner: AddressOwner,
  parsed: Omit<SavedAddress, "id" | "last_used_at" | "line2"> & { line2?: string | undefined },
  usedAt: string,
): Promise<SavedAddress> {
  const address = { ...parsed, line2: parsed.line2 ?? "" };
  return { id: await addressId(owner, addressKey(address)), ...address, last_used_at: usedAt };
}

/**
 * The shopper's saved delivery addresses, read from their latest orders and the addresses they
 * added in their account; `secret` keys their ids, and `scope` says which (see ADDRESS_SCOPES). An
 * added address counts as a use at the time it was added, so it takes its place among the orders'
 * by time. The orders, the added addresses and the removed ids are read in one batch: one round
 * trip, three index ranges, whichever the scope, as both read the same rows.
 */
export async function savedAddresses(
  db: D1Database,
  userId: string,
  secret: string,
  scope: AddressScope = "recent",
): Promise<SavedAddress[]> {
  // A batch's results share one row type, so each is typed here as its statement selects.
  const [orders, added, removed] = await db.batch<unknown>([
    db.prepare(RECENT_ORDER_ADDRESSES_SQL).bind(userId, ADDRESS_LOOKBACK),
    db.prepare(ADDED_ADDRESSES_SQL).bind(userId, MAX_ADDED_ADDRESSES),
    db.prepare(FORGOTTEN_ADDRESSES_SQL).bind(userId),
  ]);
  const ordered = (orders?.results ?? []) as { address: string; created_at: string }[];
  const addedRows = (added?.results ?? []) as { address: string; added_at: string }[];
  const forgotten = (removed?.results ?? []) as { address_id: string; forgotten_at: string }[];
  return distinctAddresses(
    [
      ...ordered.map((r) => ({ address: r.address, usedAt: r.created_at })),
      ...addedRows.map((r) => ({ address: r.address, usedAt: r.added_at, added: true })),
    ],
    { userId, secret },
    new Map(forgotten.map((r) => [r.address_id, r.forgotten_at])),
    MAX_SAVED_ADDRESSES,
    scope,
  );
}
