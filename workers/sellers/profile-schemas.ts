import { z } from "@hono/zod-openapi";
import { type GstinFault, gstinFault, isValidGstin } from "../invoices/gstin";
import { oneLineText } from "../platform/one-line-text";

/**
 * Why a GSTIN was refused, in words a seller can act on. The check character's message never
 * names the right character: that would turn the check into a generator of valid-looking GSTINs.
 */
export function gstinFaultMessage(fault: GstinFault, gstin: string): string {
  switch (fault) {
    case "length":
      return `A GSTIN has 15 characters; this has ${gstin.length}. Copy it from your GST registration certificate.`;
    case "shape":
      return "This is not the shape of a GSTIN: 2 digits for your state, your 10-character PAN, one more digit or letter, Z, and a last character (like 27AAPFU0939F1ZV).";
    case "state":
      return `${gstin.slice(0, 2)} is not a GST state code: a GSTIN starts with the code of the state you are registered in, like 27 for Maharashtra or 29 for Karnataka.`;
    case "check":
      return "The last character does not match the rest of the GSTIN: check for a typo.";
  }
}

/** A GSTIN as a seller types it: spaces around it and lower case forgiven, then checked in full. */
export const GstinField = z
  .string({ error: "Enter your GSTIN" })
  // Room for spaces around it; anything longer is no GSTIN, whatever it holds.
  .max(40, "A GSTIN has 15 characters. Copy it from your GST registration certificate.")
  .trim()
  .toUpperCase()
  .superRefine((gstin, ctx) => {
    if (isValidGstin(gstin)) return;
    if (gstin === "") return void ctx.addIssue({ code: "custom", message: "Enter your GSTIN" });
    ctx.addIssue({ code: "custom", message: gstinFaultMessage(gstinFault(gstin) ?? "shape", gstin) });
  })
  .openapi({
    description:
      "The 15-character GST registration number (upper case; surrounding spaces are dropped): state code, PAN, registration number, Z, check character. One seller per GSTIN.",
    example: "27AAPFU0939F1ZV",
  });

// One line each: the name opens mails to shoppers and heads tax invoices, as stored.
const BusinessName = oneLineText({ error: "Enter your business name" })
  .min(2, "Enter your business name as it is registered (at least 2 characters)")
  .max(100, "Use at most 100 characters")
  .openapi({ description: "The business's name as shoppers see it and tax invoices state it", example: "Shree Ganesh Traders" });

const City = oneLineText({ error: "Enter the city you ship from" })
  .min(2, "Enter the city you ship from")
  .max(60, "Use at most 60 characters")
  .openapi({ description: "The city the business ships from, shown beside its offers", example: "Pune" });

/** Body of POST /api/seller/register. */
export const RegisterSellerBody = z
  .object({ business_name: BusinessName, city: City, gstin: GstinField })
  .strict()
  .openapi("RegisterSeller");

/** Body of PATCH /api/seller/profile: any of the business's details. */
export const UpdateSellerProfileBody = z
  .object({ business_name: BusinessName.optional(), city: City.optional(), gstin: GstinField.optional() })
  .strict()
  .refine((b) => b.business_name !== undefined || b.city !== undefined || b.gstin !== undefined, {
    message: "Give at least one of business_name, city, gstin",
  })
  .openapi("UpdateSellerProfile");

/** Why a seller's tax invoices cannot be issued. */
export const INVOICE_BLOCKERS = ["no_gstin", "invalid_gstin"] as const;

/** A seller's business profile, as the seller sees it. */
export const SellerProfileSchema = z
  .object({
    id: z.string(),
    business_name: z.string(),
    city: z.string(),
    gstin: z.string().nullable().openapi({ description: "The GSTIN on file; null when none is" }),
    gst_state: z
      .object({ code: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: "The state the GSTIN is registered in, from its first two digits; null without a valid GSTIN" }),
    can_invoice: z.boolean().openapi({
      description:
        "Whether tax invoices can be issued for your sales. Without them an order holding your items cannot ship, and orders that shipped before invoicing existed keep waiting for your invoice.",
    }),
    invoice_blocker: z
      .object({ reason: z.enum(INVOICE_BLOCKERS), message: z.string() })
      .nullable()
      .openapi({ description: "Why invoices cannot be issued, and what to do; null when they can" }),
    created_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SellerProfile");

export type RegisterSellerInput = z.infer<typeof RegisterSellerBody>;
export type UpdateSellerProfileInput = z.infer<typeof UpdateSellerProfileBody>;
export type SellerProfile = z.infer<typeof SellerProfileSchema>;
