import { z } from "@hono/zod-openapi";
import { CatalogId } from "../catalog/schemas";
import { pincodeProblem } from "./pincode";
import { canonicalState, pincodeStateProblem, stateProblem } from "./pincode-state";

/** A shopper's PIN code, refused with `pincodeProblem`'s words. */
export const Pincode = z
  .string()
  // Far above six digits with spaces around them, so a typo is still refused in pincodeProblem's words.
  .max(32)
  .trim()
  // Written as people write it on an envelope ("560 038") it is still the PIN code.
  .overwrite((v) => (/^\d{3}[\s-]+\d{3}$/.test(v) ? v.replace(/[\s-]+/, "") : v))
  .superRefine((value, ctx) => {
    const problem = pincodeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({ description: "The 6-digit PIN code to deliver to", example: "560001" });

/** A delivery address's state or union territory, by name, old name or its two-letter code. */
export const AddressState = (emptyMessage?: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(100)
    .superRefine((value, ctx) => {
      const problem = value ? stateProblem(value) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    // Kept by its own name, so the address reads "Karnataka" wherever it is shown, however it was typed.
    .overwrite((value) => canonicalState(value) ?? value);

/**
 * Refuses an address whose PIN code cannot be in its state, on the PIN code's field. It runs
 * beside the other fields' own checks, so every mistake in the form is said at once, and only
 * once the PIN code and the state are each well-formed.
 */
export function pincodeInState<T extends z.ZodObject>(address: T): T {
  return address.superRefine(
    (a, ctx) => {
      const { pincode, state } = a as { pincode?: unknown; state?: unknown };
      if (typeof pincode !== "string" || typeof state !== "string") return;
      const problem = pincodeStateProblem(pincode, state);
      if (problem) ctx.addIssue({ code: "custom", path: ["pincode"], message: problem });
    },
    {
      when: (payload) =>
        typeof payload.value === "object" &&
        payload.value !== null &&
        !payload.issues.some((i) => !i.path?.length || i.path[0] === "pincode" || i.path[0] === "state"),
    },
  );
}

/** Query of GET /api/products/{id}/delivery. */
export const DeliveryQuery = z
  .object({
    pincode: Pincode,
    listing_id: CatalogId.optional().openapi({ description: "An offer of the product; the buy box's when left out" }),
  })
  .strict();

/** Where and when an order placed now would arrive. */
export const DeliveryAnswerSchema = z
  .object({
    product_id: z.string(),
    listing_id: z.string().nullable().openapi({ description: "The offer estimated: the one asked for, else the buy box" }),
    pincode: z.string(),
    deliverable: z.boolean().openapi({ description: "False when the offer has no stock in any warehouse" }),
    from_city: z.string().nullable().openapi({ description: "The city of the warehouse it ships from: the one that delivers soonest" }),
    min_days: z.int().nullable().openapi({ description: "Days in transit after dispatch, at the soonest" }),
    max_days: z.int().nullable(),
    dispatch_on: z.string().nullable().openapi({
      format: "date",
      description: "IST date the parcel leaves (after 2 pm IST, or on a Sunday or courier holiday, the next working day)",
    }),
    earliest: z.string().nullable().openapi({ format: "date", description: "IST date it may arrive at the soonest" }),
    by: z.string().nullable().openapi({
      format: "date",
      description:
        "IST date it arrives by: what the page shows as Delivery by. Transit skips the days couriers close (26 Jan, 15 Aug, 2 Oct, and the courier holidays ops keep: Holi, Diwali, strikes)",
    }),
    cod_available: z.boolean().openapi({ description: "Whether an order of one unit may be paid cash on delivery" }),
  })
  .openapi("DeliveryEstimate");

export type DeliveryAnswer = z.infer<typeof DeliveryAnswerSchema>;
