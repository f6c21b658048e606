import { z } from "zod";
import { SESSION_MINUTES_MAX } from "../../deals/schemas";
import type { Problem } from "../api";
import { Field, firstErrorPerField } from "../field-error";
import { availabilityLabel, money, offerSeller } from "../format";
import { CsrfField } from "../layout";
import type { Offer, ProductDetail } from "../types";
import { rupeesField } from "./guard";
import { type OfferStock, stockInWords, unitsInWords } from "./offer-stock";

/** A time typed in the form's datetime-local field, in IST, as RFC 3339. */
export const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Pick a date and time")
  // The form's times are India Standard Time, which has no daylight saving: a fixed +05:30.
  .transform((v) => new Date(`${v.length === 16 ? `${v}:00` : v}+05:30`).toISOString());

/** A whole number typed in a number field, within bounds. */
export const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(min, `At least ${min.toLocaleString("en-IN")}`)
    .max(max, `At most ${max.toLocaleString("en-IN")}`);

/** The create-deal form, in the units a deal manager thinks in (rupees, IST, minutes). */
export const CreateDealForm = z.object({
  idempotency_key: z.string().min(16).max(64),
  listing_id: z.string().trim().min(1, "Pick an offer above, or enter its listing id").max(64),
  deal_price: rupeesField("Enter the deal price in rupees").refine((paise) => paise > 0, "Enter a deal price above ₹0"),
  units: whole(1, 1_000_000),
  starts_at: localTime,
  ends_at: localTime,
  per_user_limit: whole(1, 10),
  active_users: whole(1, 1_000_000),
  new_users_per_minute: whole(1, 1_000_000),
  session_minutes: whole(1, SESSION_MINUTES_MAX),
  // Left blank, the API's default applies (ten minutes, or the whole session when shorter).
  hold_minutes: z.preprocess((v) => (v === "" ? undefined : v), whole(1, 60).optional()),
});

/** The fields the manager fills in, each with its label, input type and starting value. */
const FIELDS = [
  { name: "listing_id", label: "Listing id" },
  { name: "deal_price", label: "Deal price (₹)" },
  { name: "units", label: "Units", type: "number", min: "1" },
  { name: "starts_at", label: "Starts (IST)", type: "datetime-local" },
  { name: "ends_at", label: "Ends (IST)", type: "datetime-local" },
  { name: "per_user_limit", label: "Limit per shopper", type: "number", min: "1", start: "1" },
  { name: "active_users", label: "Shoppers shopping at once", type: "number", min: "1", start: "100", room: true },
  { name: "new_users_per_minute", label: "New shoppers let in per minute", type: "number", min: "1", start: "60", room: true },
  { name: "session_minutes", label: "Minutes an admitted shopper has to buy", type: "number", min: "1", start: "10", room: true },
  {
    name: "hold_minutes",
    label: "Minutes a unit held on the deal page waits for checkout (blank: 10, or the session if shorter)",
    type: "number",
    min: "1",
    room: true,
    optional: true,
  },
] as const;

type FieldName = (typeof FIELDS)[number]["name"];

/** What a refused form is drawn again with: the manager's own input and a message per failing field. */
export interface DealFormState {
  values?: Record<string, string>;
  errors?: Partial<Record<FieldName, string>>;
  /** The Idempotency-Key to send again; a fresh one unless the refusal left the outcome unknown. */
  key?: string;
  /** The offer picked in the console's search, named beside the listing field while that field still holds it. */
  chosen?: ChosenOffer;
  /** The stock of the listing in the form, when known: it bounds the units field. */
  stock?: OfferStock | undefined;
}

/** A product and one of its offers, as the manager picked them. */
export interface ChosenOffer {
  product: ProductDetail;
  offer: Offer;
}

/**
 * The hidden field that carries the picked offer's product through a refused post, so the form
 * still names it: the API has no read of a listing by id, only of a product with its offers.
 */
export const CHOSEN_PRODUCT_FIELD = "chosen_product";

const isField = (name: string): name is FieldName => FIELDS.some((f) => f.name === name);

/** The form's fields exactly as typed, so a refused form comes back as the manager left it. */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((f) => [f.name, typeof body[f.name] === "string" ? (body[f.name] as string) : ""]));
}

/** The form's own validation failures, one message per field (the first, as fixing it may fix the rest). */
export function formErrors(error: z.ZodError): DealFormState["errors"] {
  return firstErrorPerField(error.issues, isField);
}

/**
 * The API's field errors moved onto the form's fields. The API speaks its own names and units
 * (`waiting_room.active_users`, paise, `starts_at`); a manager reads labels and rupees.
 */
export function apiFieldErrors(problem: Problem): DealFormState["errors"] {
  const errors: DealFormState["errors"] = {};
  const most = refusedStock(problem)?.dealUnits;
  if (most !== undefined) errors.units = tooManyUnits(most);
  for (const e of problem.errors ?? []) {
    if (e.path === "hold_seconds") {
      errors.hold_minutes ??= holdInMinutes(e.message);
      continue;
    }
    const name = e.path.replace(/^waiting_room\./, "");
    if (isField(name)) errors[name] ??= inWords(e.message);
  }
  return errors;
}

/** The most units the API said a deal could carve, when it refused the deal for want of stock. */
export function refusedStock(problem: Problem): OfferStock | undefined {
  const most = problem.deal_units;
  const aboutUnits = problem.errors?.some((e) => e.path === "units");
  return aboutUnits && typeof most === "number" && Number.isInteger(most) && most >= 0 ? { dealUnits: most } : undefined;
}

function tooManyUnits(most: number): string {
  if (most === 0) return "No units are available to carve: the listing has no stock for a deal";
  return `Only ${unitsInWords(most)} ${most === 1 ? "is" : "are"} available to carve: enter ${most.toLocaleString("en-IN")} or fewer`;
}

/** The API bounds a hold in seconds; the form asks for minutes. */
function holdInMinutes(message: string): string {
  const range = /^must be between \d+ and (\d+) seconds(.*)$/.exec(message);
  if (!range) return inWords(message);
  const minutes = Math.floor(Number(range[1]) / 60);
  return `At most ${minutes} minute${minutes === 1 ? "" : "s"}${range[2]}`;
}

function inWords(message: string): string {
  const text = message.replaceAll("starts_at", "the start");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The labels of the failing fields, for the summary at the top of the page. */
export function failingLabels(errors: DealFormState["errors"]): string[] {
  return FIELDS.filter((f) => errors?.[f.name]).map((f) => f.label);
}

const hintId = (name: FieldName) => `${name}-hint`;

/** What the units hint says while the listing's stock is not known: true of every listing. */
export const UNITS_HINT_UNKNOWN = "A deal can carve at most the units one warehouse holds of the listing.";

/** The units hint's words: how many units the listing's stock allows, when that is known. */
function unitsHintText(stock: OfferStock | undefined): string {
  if (!stock) return UNITS_HINT_UNKNOWN;
  if (stock.dealUnits === 0) return "The listing has no units to carve for a deal.";
  const { carve, split } = stockInWords(stock);
  return `Up to ${carve} can be carved from the listing's stock${split ? ` (${split}).` : "."}`;
}

/**
 * The hint beside the units field. console.js writes the same words here for a listing id typed
 * by hand, and puts back the ones in `data-units-hint` when it cannot tell that listing's stock.
 */
function UnitsHint(props: { stock: OfferStock | undefined }) {
  return (
    <p class="field-hint" id={hintId("units")} data-units-hint={UNITS_HINT_UNKNOWN} data-deal-units={props.stock?.dealUnits}>
      {unitsHintText(props.stock)}
    </p>
  );
}

/**
 * What the picked offer tells the manager beside a field: which offer the listing is, and what to
 * price below. `data-chosen-for` names the listing, so console.js hides these while the listing
 * field holds another id: they would describe an offer the form no longer creates a deal for.
 */
function OfferHint(props: { name: FieldName; chosen: ChosenOffer }) {
  const { product, offer } = props.chosen;
  const mrp = offer.mrp ? `, MRP ${money(offer.mrp)}` : "";
  if (props.name === "listing_id")
    return (
      <p class="field-hint" id={hintId(props.name)} data-chosen-offer data-chosen-for={offer.listing_id}>
        <strong>{product.title}</strong>, sold by {offerSeller(offer)} at {money(offer.price)}
        {mrp} ({availabilityLabel(offer.availability).toLowerCase()}).
      </p>
    );
  if (props.name === "deal_price")
    return (
      <p class="field-hint" id={hintId(props.name)} data-chosen-for={offer.listing_id}>
        The offer sells at {money(offer.price)}
        {mrp}: price the deal below {money(offer.price)}.
      </p>
    );
  return null;
}

const HINTED: readonly FieldName[] = ["listing_id", "deal_price"];

function DealField(props: { field: (typeof FIELDS)[number]; state: DealFormState }) {
  const f = props.field;
  // Fields the state leaves out (all but the listing, when an offer was just picked) start at their defaults.
  const value = props.state.values?.[f.name] ?? ("start" in f ? f.start : "");
  const { chosen, stock } = props.state;
  const hinted = chosen !== undefined && HINTED.includes(f.name);
  const isUnits = f.name === "units";
  // The units field is bounded by the stock when it is known, so the browser warns before the API refuses.
  const bounded = isUnits && stock !== undefined;
  return (
    <>
      <Field
        label={f.label}
        name={f.name}
        value={value}
        error={props.state.errors?.[f.name]}
        type={"type" in f ? f.type : undefined}
        min={"min" in f ? f.min : undefined}
        max={bounded ? String(stock.dealUnits) : undefined}
        required={!("optional" in f)}
        // step=1 lets a deal start on the second, not just the minute.
        step={"type" in f && f.type === "datetime-local" ? "1" : undefined}
        hintId={hinted || isUnits ? hintId(f.name) : undefined}
      />
      {hinted && <OfferHint name={f.name} chosen={chosen} />}
      {isUnits && <UnitsHint stock={stock} />}
    </>
  );
}

/** The create-deal form, blank or drawn again after a refusal. */
export function CreateDealFormView(props: { csrf: string | null; state: DealFormState }) {
  const { state } = props;
  // A refused form is drawn again below the deals table: the fragment brings the manager back to it
  // and to the reason above it.
  return (
    <form method="post" action="/deals-console#new-deal" class="stack">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="idempotency_key" value={state.key ?? crypto.randomUUID()} />
      {state.chosen && <input type="hidden" name={CHOSEN_PRODUCT_FIELD} value={state.chosen.product.id} />}
      {FIELDS.filter((f) => !("room" in f)).map((f) => (
        <DealField field={f} state={state} />
      ))}
      <fieldset>
        <legend>Waiting room</legend>
        {FIELDS.filter((f) => "room" in f).map((f) => (
          <DealField field={f} state={state} />
        ))}
      </fieldset>
      <button type="submit" class="primary">
        Create deal
      </button>
    </form>
  );
}
