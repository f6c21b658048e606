import { requireUser } from "../accounts/authorize";
import { OrderParam } from "../orders/schemas";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { readOrderInvoices } from "./read-invoices";
import { OrderInvoicesSchema } from "./schemas";

/** An order's tax invoices and the credit notes cancelling them, for its shopper and for ops. */
export const invoiceRoutes = createRouter();

invoiceRoutes.openapi(
  route({
    method: "get",
    path: "/orders/{id}/invoices",
    access: "signed_in",
    tags: ["orders", "invoices"],
    summary: "The order's GST tax invoices, one per seller, issued when it shipped, and the credit notes cancelling them",
    description:
      "For the shopper who placed the order, and for ops. An order that has not shipped has none. Refunding a shipped order " +
      "(accepting its return, or ops refunding it) keeps its invoices and issues one credit note per invoice, crediting it in full.",
    request: { params: OrderParam },
    responses: {
      200: {
        description: "The invoices and credit notes with their lines and totals",
        content: { "application/json": { schema: OrderInvoicesSchema } },
      },
      404: { description: "No such order, or someone else's" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const found = await readOrderInvoices(c.env.DB, c.req.valid("param").id);
    // Someone else's order is indistinguishable from a missing one.
    if (!found || (found.owner !== user.id && !user.roles.includes("ops"))) throw new AppError("not_found", "No such order.");
    c.header("cache-control", "private, no-store");
    return c.json({ items: found.invoices, credit_notes: found.creditNotes }, 200);
  },
);
