import { z } from "@hono/zod-openapi";
import { CREDIT_NOTE_REASONS } from "./issue-credit-notes";

const paise = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `paise: ${description}` });

const InvoiceLine = z.object({
  listing_id: z.string(),
  title: z.string().openapi({ description: "As sold" }),
  hsn: z.string().nullable().openapi({
    description: "The HSN code of the goods, six digits, as their category had it at issue; null on lines issued before codes were kept",
    example: "851713",
  }),
  qty: z.number().int(),
  unit_price: paise("one piece, GST included, as sold"),
  rate: z.number().openapi({ description: "GST in percent", example: 18 }),
  taxable_value: paise("the line's value before GST"),
  cgst: paise("central GST; 0 between states"),
  sgst: paise("state GST; 0 between states"),
  igst: paise("integrated GST; 0 within a state"),
  amount: paise("what the line cost, GST included: taxable_value + cgst + sgst + igst"),
});

const Seller = z.object({
  id: z.string(),
  name: z.string(),
  gstin: z.string(),
  state: z.string().nullable().openapi({ description: "The state the GSTIN is registered in" }),
  state_code: z.string(),
});

const Buyer = z.object({
  name: z.string(),
  address: z.record(z.string(), z.string()).openapi({ description: "The order's delivery address" }),
});

const PlaceOfSupply = z.object({
  state: z.string(),
  state_code: z.string().nullable().openapi({ description: "Null when the delivery address names no state we recognise" }),
});

const Supply = z
  .enum(["intra_state", "inter_state"])
  .openapi({ description: "Within the seller's state: CGST + SGST; between states: IGST" });

const Totals = z.object({
  taxable_value: z.number().int(),
  cgst: z.number().int(),
  sgst: z.number().int(),
  igst: z.number().int(),
  tax: z.number().int(),
  amount: z.number().int().openapi({ description: "paise: the document's total, GST included" }),
});

const AmountInWords = z.string().openapi({ example: "Rupees Twelve Thousand Three Hundred Forty-Five and Fifty Paise only" });

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
    seller: Seller,
    buyer: Buyer,
    place_of_supply: PlaceOfSupply,
    supply: Supply,
    lines: z.array(InvoiceLine),
    totals: Totals,
    amount_in_words: AmountInWords,
  })
  .openapi("Invoice");

/** A credit note cancelling one invoice in full when the order was refunded: the invoice's lines, tax and amounts, credited. */
export const CreditNoteSchema = InvoiceSchema.omit({ invoice_date: true })
  .extend({
    number: z.string().openapi({
      description: "Consecutive within the seller's own credit note series for the financial year; at most 16 characters",
      example: "CN26-27/000042",
    }),
    financial_year: z.string().openapi({ description: "Of the credit note's own date: April to March, IST", example: "2026-27" }),
    issued_at: z.string().openapi({ format: "date-time", description: "When the order was refunded" }),
    credit_note_date: z.string().openapi({ format: "date", description: "The date of issue in IST" }),
    reason: z.enum(CREDIT_NOTE_REASONS).openapi({
      description:
        "`return_accepted`: the shopper returned the whole order; `part_return_accepted`: the shopper returned part of the order, and only the goods that came back are credited; `refunded_by_ops`: ops refunded the delivered order",
    }),
    invoice: z
      .object({ id: z.string(), number: z.string(), invoice_date: z.string().openapi({ format: "date" }) })
      .openapi({ description: "The invoice it cancels" }),
    lines: z.array(InvoiceLine).openapi({
      description:
        "The invoice lines it credits: all of them in full, or for a part return only the returned units (`qty`), taxed at the line's rate on their price paid, so `totals.amount` is what they refunded",
    }),
  })
  .openapi("CreditNote");

/** The answer of GET /api/orders/{id}/invoices. */
export const OrderInvoicesSchema = z
  .object({
    items: z.array(InvoiceSchema).openapi({ description: "One per seller of the order; empty until it ships" }),
    credit_notes: z.array(CreditNoteSchema).openapi({
      description:
        "One per invoice once a shipped order is refunded (a return accepted, or ops refunding it); a return credits only the invoices of the sellers whose goods came back; empty before",
    }),
  })
  .openapi("OrderInvoices");

/** A credit note as the invoice it cancelled names it. */
const CreditNoteRefSchema = CreditNoteSchema.pick({ id: true, number: true, credit_note_date: true })
  .extend({
    amount: paise(
      "what it credits, GST included: the invoice's `totals.amount` when it cancels the invoice, less when a part return credits some of its lines",
    ),
  })
  .openapi("CreditNoteRef");

/** A seller's copy of its own invoice (GET /api/seller/invoices/{id}): the invoice, and what cancelled it. */
export const SellerInvoiceSchema = InvoiceSchema.extend({
  credit_notes: z.array(CreditNoteRefSchema).openapi({
    description:
      "The credit notes cancelling this invoice, or crediting part of it, since its order was refunded (GET /api/seller/credit-notes/{id}); empty while it stands",
  }),
}).openapi("SellerInvoice");
