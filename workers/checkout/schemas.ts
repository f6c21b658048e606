import { z } from "@hono/zod-openapi";
import { PhoneField } from "../orders/phone";
import { MAX_LINES } from "../../durable-objects/cart";
import { COD_LIMIT_WORDS } from "../delivery/cash-on-delivery";
import { AddressState, Pincode, pincodeInState } from "../delivery/schemas";
import { PAYMENT_METHODS } from "../payments/provider";
import { idempotencyKeyHeader } from "../platform/idempotency-key";
import { oneLineText } from "../platform/one-line-text";

/** The `Idempotency-Key` header a checkout must carry. */
export const IdempotencyHeader = z.object({
  "idempotency-key": idempotencyKeyHeader(
    "Required. A retry with the same key and body answers what the first request answered (`Idempotent-Replayed: true`); the same key with another body is a 422. Kept 24 hours, per shopper.",
  ),
});

/** A delivery address in India. */
export const Address = pincodeInState(
  z
    .object({
      // The forms' own words, so a shopper's app can show them as they come. Each field is one
      // line: it is printed on the seller's label and in mails as stored.
      name: oneLineText().min(1, "Enter the recipient's name").max(100),
      line1: oneLineText().min(1, "Enter the address").max(200),
      line2: oneLineText().max(200).optional(),
      city: oneLineText().min(1, "Enter the city").max(100),
      state: AddressState("Enter the state").openapi({
        description:
          "A state or union territory of India: its name, an old name (Orissa) or its two-letter code (KA). The PIN code must be one of its own",
        example: "Karnataka",
      }),
      // The delivery estimates' own check, so an address they cannot deliver to (an Army Post Office) is refused here too.
      pincode: Pincode,
      phone: PhoneField,
    })
    .strict(),
).openapi("Address");

/**
 * The cart lines one checkout takes, by listing id: a shopper admitted to a flash deal can pay for
 * the deal alone and keep the rest of the cart for later. Each id must be in the cart, once.
 */
export const CheckoutListingIds = z
  .array(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
  )
  .min(1, "Name at least one line of your cart, or leave listing_ids out to check out the whole cart")
  .max(MAX_LINES)
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: `${id} is named more than once` });
    });
  })
  .openapi({
    description:
      "Check out only these lines of the cart (listing ids); the other lines stay in the cart. Left out, the whole cart is checked out. " +
      "An id not in the cart, a repeated id or an empty list is 400 naming it, and nothing changes.",
    example: ["lst_01JDEAL"],
  });

/** Body of POST /api/checkout; the items come from the shopper's cart. */
export const CheckoutBody = z
  .object({
    address: Address,
    payment_method: z
      .enum(PAYMENT_METHODS)
      .openapi({ description: `"cod" is refused (409 \`cod_unavailable\`) for an order at or above the limit. ${COD_LIMIT_WORDS}` }),
    admission_token: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .openapi({ description: "Required when the lines checked out hold a deal's listing" }),
    listing_ids: CheckoutListingIds.optional(),
    expected_total: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000_00)
      .optional()
      .openapi({
        description:
          "Paise: the total the shopper was shown and agreed to pay. When the lines cost exactly that now, prices that changed since " +
          "they were added count as seen, and the order goes ahead at them rather than 409 `price_changed`; any other total is " +
          "checked against the prices when added, as without it",
        example: 1999900,
      }),
  })
  .strict()
  .openapi("CheckoutRequest");

/** What checkout answers (and replays for a retry). */
export const CheckoutResponse = z
  .object({
    order_id: z.string(),
    status: z.string(),
    total: z.number().int(),
    currency: z.literal("INR"),
    payment: z.object({
      id: z.string(),
      method: z.enum(PAYMENT_METHODS),
      status: z.string(),
      redirect_url: z.string().nullable().openapi({ description: "The provider's hosted payment page; null for cash on delivery" }),
    }),
  })
  .openapi("CheckoutResult");

/** Parsed checkout body. */
export type CheckoutInput = z.infer<typeof CheckoutBody>;
/** Checkout's answer. */
export type CheckoutResult = z.infer<typeof CheckoutResponse>;
