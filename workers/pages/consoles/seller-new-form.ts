import { z } from "zod";
import type { Problem } from "../api";
import { firstErrorPerField } from "../field-error";
import { money } from "../format";
import { parseRupees, RupeesError } from "../rupees";

/** The least and most a listing may cost, as the listings API bounds them (paise). */
const MIN_PRICE = 100;
const MAX_PRICE = 1_000_000_000;

/** Shown when a form arrives without the key it was drawn with: nothing was created. */
export const OLD_NEW_LISTING_FORM =
  "This form came from an older copy of the page, so nothing was created. Check the figures and submit the form again.";

const UNITS = "Enter the units for sale as a whole number from 0 to 1,000,000.";

/** The warehouse select's first option, which the messages about it name. */
export const NO_STOCK_YET = "No stock yet";

const UNITS_WITHOUT_WAREHOUSE = "Choose the warehouse these units are in.";

const WAREHOUSE_GONE = `That warehouse is not taking stock (it may have closed), so nothing was listed. Choose another, or “${NO_STOCK_YET}”.`;

// An emptied optional field arrives as "": it means "not given", not a value to check.
const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Rupees as typed, to paise within a listing's bounds, with the parser's own words for what is
 * wrong. `named` names the amount in the bounds' words, for a form that shows its errors in one line
 * rather than beside each field.
 */
export const listingRupees = (missing: string, named?: string) =>
  z.string({ error: missing }).transform((value, ctx) => {
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: missing });
      return z.NEVER;
    }
    try {
      const paise = parseRupees(value);
      // Out of bounds is no amount at all: comparing it with the other would only add a second, wrong message.
      if (paise < MIN_PRICE || paise > MAX_PRICE) {
        const bound = paise < MIN_PRICE ? `at least ${money(MIN_PRICE)}.` : `at most ${money(MAX_PRICE)}.`;
        ctx.addIssue({ code: "custom", message: named ? `The ${named} must be ${bound}` : bound.charAt(0).toUpperCase() + bound.slice(1) });
        return z.NEVER;
      }
      return paise;
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof RupeesError ? err.message : missing });
      return z.NEVER;
    }
  });

/**
 * The "Sell this" form: the product, the seller's price and MRP in rupees, whether it goes on sale
 * now, and optionally the opening stock in one warehouse. The key is drawn with the form and sent
 * as the create's Idempotency-Key, so a refresh or double click lists the product once.
 */
export const NewListingForm = z
  .object({
    product_id: z.string({ error: "Choose a product from the catalog search." }).regex(/^[A-Za-z0-9_-]{1,64}$/, {
      error: "Choose a product from the catalog search.",
    }),
    key: z.string({ error: OLD_NEW_LISTING_FORM }).regex(/^[A-Za-z0-9-]{8,128}$/, OLD_NEW_LISTING_FORM),
    price: listingRupees("Enter your price in rupees, like 1299."),
    mrp: listingRupees("Enter the MRP in rupees, like 1499."),
    active: z.enum(["true", "false"], { error: "Choose whether the listing goes on sale now." }).transform((v) => v === "true"),
    warehouse_id: z.preprocess(blankAsMissing, z.string().max(64).optional()),
    units: z.preprocess(
      blankAsMissing,
      z
        .string()
        .trim()
        // Digits only: a sign, a fraction or a word is a typo, not a count to round.
        .regex(/^\d{1,7}$/, UNITS)
        .transform(Number)
        .pipe(z.number().max(1_000_000, UNITS))
        .optional(),
    ),
  })
  // Each check says when it can run, so one refusal names every field to fix, not one per submit.
  .superRefine(
    (f, ctx) => {
      if (f.price > f.mrp) {
        ctx.addIssue({ code: "custom", path: ["price"], message: `Your price cannot be above the MRP (${money(f.mrp)}).` });
      }
    },
    { when: ({ value }) => amountsRead(value) },
  )
  .superRefine(
    (f, ctx) => {
      // Given is enough, even if mistyped: units without a warehouse would list the product with
      // its stock silently dropped. A warehouse with the units left blank is no opening stock: a
      // lone warehouse is chosen for the seller, who may well want to list before counting.
      if (f.units !== undefined && f.warehouse_id === undefined) {
        ctx.addIssue({ code: "custom", path: ["warehouse_id"], message: UNITS_WITHOUT_WAREHOUSE });
      }
    },
    { when: ({ value }) => typeof value === "object" && value !== null },
  );

/** Whether both amounts were read as paise, so they can be compared even while other fields fail. */
function amountsRead(value: unknown): boolean {
  const v = value as { price?: unknown; mrp?: unknown } | null;
  return typeof v?.price === "number" && typeof v.mrp === "number";
}

/** The fields a seller fills in, by name, with the label the form shows and the summary names. */
export const NEW_LISTING_FIELDS = {
  price: "Your price",
  mrp: "MRP",
  active: "Status",
  warehouse_id: "Warehouse",
  units: "Units for sale",
} as const;

export type NewListingField = keyof typeof NEW_LISTING_FIELDS;

/** What a refused form is drawn again with: the seller's own input and a message per failing field. */
export interface NewListingState {
  values?: Partial<Record<NewListingField | "key", string>>;
  errors?: Partial<Record<NewListingField, string>>;
}

const isField = (name: string): name is NewListingField => Object.hasOwn(NEW_LISTING_FIELDS, name);

/** The form's fields exactly as typed, and its key, so a refused form comes back as the seller left it. */
export function typedValues(body: Record<string, unknown>): NewListingState["values"] {
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  return { ...Object.fromEntries(Object.keys(NEW_LISTING_FIELDS).map((name) => [name, text(name)])), key: text("key") };
}

/** The form's own failures, one message per field (the first: fixing it may fix the rest). */
export function fieldErrors(error: z.ZodError): NewListingState["errors"] {
  return firstErrorPerField(error.issues, isField);
}

/**
 * The API's field errors on the form's fields; the API checks the same rules in paise. The opening
 * stock's come back under `stock.`: its warehouse is refused when it left the network after the
 * form was drawn, which the form cannot know.
 */
export function apiFieldErrors(problem: Problem): NewListingState["errors"] {
  const errors: NewListingState["errors"] = {};
  for (const e of problem.errors ?? []) {
    if (e.path === "price" && /above the MRP/i.test(e.message)) errors.price ??= "Your price cannot be above the MRP.";
    else if (e.path === "stock.warehouse_id") errors.warehouse_id ??= WAREHOUSE_GONE;
    else if (e.path === "stock.available") errors.units ??= UNITS;
    else if (isField(e.path)) errors[e.path] ??= e.message;
  }
  return errors;
}

/** The line above a refused form: which fields to fix. */
export function refusalSummary(errors: NewListingState["errors"]): string | undefined {
  const labels = Object.entries(NEW_LISTING_FIELDS)
    .filter(([name]) => errors?.[name as NewListingField])
    .map(([, label]) => label);
  return labels.length ? `The product was not listed. Check ${labels.join(", ")}.` : undefined;
}
