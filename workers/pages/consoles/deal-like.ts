import type { Context } from "hono";
import { DealIdParam } from "../../deals/schemas";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "../api";
import { clockTime, dayAndTime, money, offerSeller, shortDay } from "../format";
import { rupeesInput } from "../rupees";
import { istInput } from "./deal-adjust-form";
import type { ChosenOffer, DealFormState } from "./deal-form";
import type { DashboardDeal } from "./deal-terms";
import { type OfferLookup, findOffer, lookUpOffer } from "./offer-search";

/** The console's address that opens the create form filled in like the deal, landing on the notice above it. */
export const likeHref = (id: string) => `/deals-console?like=${encodeURIComponent(id)}#new-deal`;

const DAY = 86_400_000;

/**
 * The copy's window: the deal's own, moved on by whole days to the first day on which it is still
 * ahead and clear of the deal itself. Sale-day deals repeat in set slots ("noon again tomorrow"),
 * so a manager expects the same time of day; India has no daylight saving, so whole days keep it;
 * and a listing has one deal at a time, so a copy overlapping the deal would only be refused.
 */
export function nextSlot(deal: { starts_at: string; ends_at: string }, now: number): { starts_at: string; ends_at: string } {
  const starts = Date.parse(deal.starts_at);
  const ends = Date.parse(deal.ends_at);
  const days = Math.ceil((Math.max(now + 1, ends) - starts) / DAY);
  return { starts_at: new Date(starts + days * DAY).toISOString(), ends_at: new Date(ends + days * DAY).toISOString() };
}

/** The deal's settings as the create form's fields, with the window moved on as `nextSlot` says. */
function copiedValues(d: DashboardDeal, slot: { starts_at: string; ends_at: string }): Record<string, string> {
  return {
    listing_id: d.listing_id,
    deal_price: rupeesInput(d.deal_price),
    units: String(d.units),
    starts_at: istInput(slot.starts_at),
    ends_at: istInput(slot.ends_at),
    per_user_limit: String(d.per_user_limit),
    active_users: String(d.waiting_room.active_users),
    new_users_per_minute: String(d.waiting_room.new_users_per_minute),
    session_minutes: String(d.waiting_room.session_minutes),
    // The form takes whole minutes; rounding up never passes the session, which is whole minutes too.
    hold_minutes: String(Math.ceil(d.hold_seconds / 60)),
  };
}

/**
 * The line above the copied form: which deal it copies, where its times moved, and, when another
 * offer was picked for it, that the listing is that offer's now. While the copy as drawn would be
 * refused (its listing off sale, its price not below the picked offer's), it does not ask the
 * manager to create it: the warning below it says what to do instead.
 */
function copyNotice(
  d: DashboardDeal,
  slot: { starts_at: string },
  now: number,
  creatable: boolean,
  picked?: ChosenOffer | undefined,
): string {
  const ended = d.status === "ended" || Date.parse(d.ends_at) <= now ? "ended" : "ends";
  // A deal ended early stopped at `ended_at`, hours before the end it was set for.
  const end = ended === "ended" && d.ended_at ? d.ended_at : d.ends_at;
  const what = d.product_title ?? `deal ${d.id}`;
  const changed = picked
    ? ` The listing is changed from ${d.listing_id} to the offer picked: ${picked.product.title}, sold by ${offerSeller(picked.offer)} at ${money(picked.offer.price)}.`
    : "";
  return (
    `Copying the deal on ${what} (${ended} ${shortDay(end)}, ${clockTime(end)} IST). ` +
    `This one opens ${dayAndTime(slot.starts_at)} IST, at the same time of day and for as long.` +
    changed +
    (creatable ? " Check it, then create it: nothing is created until then." : "")
  );
}

/**
 * The warning over a copy moved to another offer whose price the copied deal price is not below.
 * The API refuses such a deal; the form still holds the copied price, as the manager may mean to
 * lower it only a little, so the warning says what the offer sells at.
 */
export function priceWarning(dealPrice: number, picked: ChosenOffer): string | undefined {
  const { offer } = picked;
  if (dealPrice < offer.price) return undefined;
  return (
    `The copied deal price of ${money(dealPrice)} is not below the price of the offer picked ` +
    `(${offerSeller(offer)} sells at ${money(offer.price)}), so a deal at it would be refused. ` +
    `Lower the deal price below ${money(offer.price)} before creating it.`
  );
}

/** Why a copy's listing makes no offer a deal can be created on now. */
export type OffSale = "switched_off" | "no_stock";

/**
 * Why the copied listing is off sale, if it is: the catalog lists no offer of it (switched off,
 * or gone with its product), or one with no stock, from which a deal has no units to set aside.
 * An offer the catalog could not be read for is not called off sale: nothing is known of it.
 */
function offSale(found: OfferLookup | null): OffSale | undefined {
  // Without the deal's product there is no offer to look for: the console says nothing it does not know.
  if (!found || found.status === "unreadable") return undefined;
  if (found.status === "not_offered") return "switched_off";
  return found.offer.availability === "sold_out" ? "no_stock" : undefined;
}

const OFF_SALE_WORDS: Record<OffSale, { why: string; fix: string }> = {
  switched_off: { why: "switched off", fix: "Switch it back on" },
  no_stock: { why: "out of stock", fix: "Restock it" },
};

/**
 * The warning over a copy whose listing is off sale. The API would refuse a deal on it, and the
 * manager should learn that on opening the copy rather than on submitting it. The form still holds
 * the listing, as the manager may put it back on sale first; an offer picked with the picker's
 * search takes the listing's place and keeps the rest of the copy.
 */
export function offSaleWarning(d: { listing_id: string; product_title?: string | null | undefined }, reason: OffSale): string {
  const what = d.product_title ? `${d.product_title} is not on sale from this listing now` : `Listing ${d.listing_id} is not on sale now`;
  const { why, fix } = OFF_SALE_WORDS[reason];
  return (
    `${what}: the listing is ${why}, so a deal on it would be refused. ` +
    `${fix} first (the form keeps it), or pick another offer with the search below, which keeps the rest of the copy.`
  );
}

/**
 * The warning over a copy whose listing could not be looked up: the copy is drawn all the same, and
 * creating it checks the listing, as creating any deal does.
 */
function uncheckedWarning(d: { listing_id: string; product_title?: string | null | undefined }, problem: Problem): string {
  const what = d.product_title ? `${d.product_title} (listing ${d.listing_id})` : `listing ${d.listing_id}`;
  return (
    `Whether ${what} is still on sale could not be checked just now: ${problemMessage(problem)} ` + "Creating the deal checks it again."
  );
}

/**
 * What the console draws for `?like=`: the form filled in, a notice, and a warning when the copy as
 * drawn would be refused; or an empty form and why. `picked` says whether the offer the query
 * picked is in the form; when it is gone, `error` says so and the copy keeps its own listing.
 */
export type LikeForm =
  | { ok: true; form: DealFormState; notice: string; warning: string | undefined; picked: boolean; error?: string | undefined }
  | { ok: false; error: string };

/** The offer the picker's query names for a copy's listing. */
export interface PickedListing {
  product: string;
  listing: string;
}

const EMPTY = "so the form below is empty.";

/** An empty form, with why it is not a copy; the page answers with the problem's status. */
function notCopied(c: Context<AppEnv>, problem: Problem, why: string): LikeForm {
  answerProblem(c, problem);
  return { ok: false, error: why };
}

/** Why the deal could not be read, in words about the copy rather than the API. */
function unreadable(c: Context<AppEnv>, id: string, problem: Problem): LikeForm {
  if (problem.status === 404) return notCopied(c, problem, `There is no deal ${id} to copy, ${EMPTY}`);
  return notCopied(c, problem, `The deal to copy could not be read, ${EMPTY} ${problemMessage(problem)}`);
}

/**
 * The copy moved to the offer picked: the deal's settings with the picked listing in place of its
 * own, that offer named beside it, and a warning when the copied price is not below the offer's.
 * The original listing's state does not matter any more, so it is not looked up.
 */
export function pickedCopy(deal: DashboardDeal, picked: ChosenOffer, now: number): Extract<LikeForm, { ok: true }> {
  const slot = nextSlot(deal, now);
  const warning = priceWarning(deal.deal_price, picked);
  return {
    ok: true,
    form: { values: { ...copiedValues(deal, slot), listing_id: picked.offer.listing_id }, chosen: picked },
    notice: copyNotice(deal, slot, now, warning === undefined, picked),
    warning,
    picked: true,
  };
}

/**
 * Reads the deal `like` names through the admin API and fills the create form in like it, with the
 * offer named beside the listing as the picker names it (when the listing still offers it), and
 * a warning when the listing is off sale. With an offer `pick`ed in the picker, the copy takes that
 * offer's listing instead, so "the same deal on another seller's offer" needs no retyping.
 * The form keeps its own fresh idempotency key: the copy is another deal.
 */
export async function likeForm(c: Context<AppEnv>, fetchApi: ApiFetch, like: string, pick?: PickedListing): Promise<LikeForm> {
  const id = DealIdParam.shape.id.safeParse(like);
  if (!id.success) return notCopied(c, { status: 400 }, `The link does not name a deal to copy, ${EMPTY}`);
  const res = await callApi<DashboardDeal>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id.data)}`);
  if (!res.ok) return unreadable(c, id.data, res.problem);
  const deal = res.data;
  const now = Date.now();
  const picked = pick ? await findOffer(c, fetchApi, pick.product, pick.listing) : null;
  if (picked) return pickedCopy(deal, picked, now);
  const slot = nextSlot(deal, now);
  const found = deal.product_id ? await lookUpOffer(c, fetchApi, deal.product_id, deal.listing_id) : null;
  const off = offSale(found);
  const chosen = found?.status === "found" ? { product: found.product, offer: found.offer } : undefined;
  return {
    ok: true,
    form: { values: copiedValues(deal, slot), chosen },
    notice: copyNotice(deal, slot, now, off === undefined),
    warning: off ? offSaleWarning(deal, off) : found?.status === "unreadable" ? uncheckedWarning(deal, found.problem) : undefined,
    picked: false,
    // A stale pick link: the copy is drawn as it was, and the picker asks for another offer.
    error: pick ? "That offer is no longer on sale. Please pick another." : undefined,
  };
}
