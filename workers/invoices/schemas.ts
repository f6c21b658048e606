import { z } from "@hono/zod-openapi";

const paise = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `paise: ${description}` });

const InvoiceLine = z.object({
  listing_id: z.string(),
  title: z.string().openapi({ description: "As sold" }),
  qty: z.number().int(),
  unit_price: paise("one piece, GST included, as sold"),
  rate: z.number().openapi({ description: "GST in percent", example: 18 }),
  taxable_value: paise("the line's value before GST"),
  cgst: paise("central GST; 0 between states"),
  sgst: paise("state GST; 0 between states"),
  igst: paise("integrated GST; 0 within a state"),
  amount: paise("what the line cost, GST included: taxable_value + cgst + sgst + igst"),
});

/** One seller's tax invoice for its part of a shipped order. */
export const InvoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({
      description: "Consecutive within the seller's series for the financial year; at most 16 characters, as GST rules require",
      example: "2026-27/000042",
    }),
    financial_year: z.string().openapi({ description: "April to March, IST", example: "2026-27" }),
    issued_at: z.string().openapi({ format: "date-time", description: "When the order shipped" }),
    invoice_date: z.string().openapi({ format: "date", description: "The date of issue in IST" }),
    order_id: z.string(),
    currency: z.literal("INR"),
    seller: z.object({
      id: z.string(),
      name: z.string(),
      gstin: z.string(),
      state: z.string().nullable().openapi({ description: "The state the GSTIN is registered in" }),
      state_code: z.string(),
    }),
    buyer: z.object({
      name: z.string(),
      address: z.record(z.string(), z.string()).openapi({ description: "The order's delivery address" }),
    }),
    place_of_supply: z.object({
      state: z.string(),
      state_code: z.string().nullable().openapi({ description: "Null when the delivery address names no state we recognise" }),
    }),
    supply: z.enum(["intra_state", "inter_state"]).openapi({ description: "Within the seller's state: CGST + SGST; between states: IGST" }),
    lines: z.array(InvoiceLine),
    totals: z.object({
      taxable_value: z.number().int(),
      cgst: z.number().int(),
      sgst: z.number().int(),
      igst: z.number().int(),
      tax: z.number().int(),
      amount: z.number().int().openapi({ description: "paise: the invoice's total, GST included" }),
    }),
    amount_in_words: z.string().openapi({ example: "Rupees Twelve Thousand Three Hundred Forty-Five and Fifty Paise only" }),
  })
  .openapi("Invoice");

/** The answer of GET /api/orders/{id}/invoices. */
export const OrderInvoicesSchema = z
  .object({ items: z.array(InvoiceSchema).openapi({ description: "One per seller of the order; empty until it ships" }) })
  .openapi("OrderInvoices");
