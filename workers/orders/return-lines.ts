import { money } from "../pages/format";
import { AppError, type FieldError } from "../platform/errors";

/** One line the shopper names in a return: which line, and how many of its units go back. */
export interface ReturnAsk {
  listing_id: string;
  quantity: number;
}

/** A line of the order as choosing what goes back reads it: `return_days` null means it can never be returned. */
export interface ReturnableLine {
  listing_id: string;
  title: string;
  qty: number;
  return_days: number | null;
}

/**
 * The units of each line a return takes back, by listing. Without `items`, every line that can be
 * returned goes back whole, so a client that never names lines returns what it always did (and an
 * order with groceries in it returns the rest). Named lines are checked all at once and refused
 * together (400, each failing entry named by its path), so nothing is written for a bad list: a line
 * not in this order, one named twice, one that can never be returned, or more units than were bought.
 */
export function chooseReturnLines(lines: readonly ReturnableLine[], items: readonly ReturnAsk[] | undefined): Map<string, number> {
  if (!items) return new Map(lines.filter((l) => l.return_days !== null).map((l) => [l.listing_id, l.qty]));
  const byListing = new Map(lines.map((l) => [l.listing_id, l]));
  const chosen = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const line = byListing.get(item.listing_id);
    if (!line) errors.push({ path: `items.${i}.listing_id`, message: "Not a line of this order" });
    else if (chosen.has(item.listing_id)) errors.push({ path: `items.${i}.listing_id`, message: "This line is named twice" });
    else if (line.return_days === null) errors.push({ path: `items.${i}.listing_id`, message: `${line.title} can't be returned` });
    else if (item.quantity > line.qty)
      errors.push({ path: `items.${i}.quantity`, message: `Only ${line.qty} of ${line.title} were bought` });
    if (line && !chosen.has(item.listing_id)) chosen.set(item.listing_id, item.quantity);
  });
  if (errors.length > 0) {
    throw new AppError(
      "validation_failed",
      `The items to return are not lines of this order as bought: ${errors.map((e) => e.path).join(", ")}. Nothing changed.`,
      {
        errors,
      },
    );
  }
  return chosen;
}

/** A line as its return's money reads it: the price paid per unit, the units bought, and the units asked back. */
export interface AskedBackLine {
  listing_id: string;
  qty: number;
  unit_price: number;
  return_qty: number | null;
}

/**
 * What a return refunds, in paise: each asked-back unit at the price the shopper paid for it. An
 * order's total is the sum of its lines at their price paid (a deal's price is the line's own), and
 * checkout adds no delivery fee nor takes any order-wide discount, so there is no share of either to
 * give back or keep: the asked-back lines' price is the refund to the paisa.
 */
export function returnRefund(lines: readonly AskedBackLine[]): number {
  return lines.reduce((sum, l) => sum + l.unit_price * (l.return_qty ?? 0), 0);
}

/** Whether a return takes every unit of the order back, and so refunds all that was captured. */
export function returnsWholeOrder(lines: readonly AskedBackLine[]): boolean {
  return lines.length > 0 && lines.every((l) => l.return_qty === l.qty);
}

/** How many units a return takes back, of how many the order holds. */
export function returnedUnits(lines: readonly AskedBackLine[]): { units: number; of: number } {
  return { units: lines.reduce((n, l) => n + (l.return_qty ?? 0), 0), of: lines.reduce((n, l) => n + l.qty, 0) };
}

/** What a return takes back, as the shopper reads it: "Return of 1 of 2 items", or of the whole order. */
export function returnScopeWords(units: number, of: number): string {
  return units >= of ? "Return of the whole order" : `Return of ${units} of ${of} ${of === 1 ? "item" : "items"}`;
}

/** What the shopper reads of an accepted return: "Return of 1 of 2 items: ₹499.00 refunded". */
export function returnRefundWords(lines: readonly AskedBackLine[], refunded: number): string {
  const { units, of } = returnedUnits(lines);
  return `${returnScopeWords(units, of)}: ${money(refunded)} refunded`;
}

/**
 * The units of line `i` (an `order_items` alias) asked back, as SQL: null when the line was not asked
 * back. A line stamped by a release from before returns were per line has no quantity: it went back
 * whole, as every return then did.
 */
export function askedBackUnitsSql(i: string): string {
  return `CASE WHEN ${i}.return_requested_at IS NULL THEN NULL ELSE COALESCE(${i}.return_quantity, ${i}.qty) END`;
}

/**
 * The order's lines with the units asked back, in listing order. A return accepted with no line
 * stamped at all was asked for before lines were stamped, and so took the whole order.
 */
export async function readReturnedLines(db: D1Database, orderId: string): Promise<AskedBackLine[]> {
  const { results } = await db
    .prepare(
      `SELECT i.listing_id, i.qty, i.unit_price, ${askedBackUnitsSql("i")} AS return_qty FROM order_items i
       WHERE i.order_id = ? ORDER BY i.listing_id`,
    )
    .bind(orderId)
    .all<AskedBackLine>();
  return results.some((l) => l.return_qty !== null) ? results : results.map((l) => ({ ...l, return_qty: l.qty }));
}

/** The units asked back of each line that was, by listing: what the return's credit notes cancel. */
export function unitsAskedBack(lines: readonly AskedBackLine[]): Map<string, number> {
  return new Map(lines.filter((l) => (l.return_qty ?? 0) > 0).map((l) => [l.listing_id, l.return_qty ?? 0]));
}

/**
 * Stamps the lines the shopper asks back with the request's time and how many units, so each seller
 * finds its returns from its own lines and the refund, credit notes and receipt take only those units.
 * It must be the first statement after the move's own in its batch: `changes() = 1` there is the
 * move's outbox row having been written, so only the batch that made the move stamps lines, and a
 * concurrent request naming other lines, whose move missed, stamps none.
 */
export function markLinesAskedBack(db: D1Database, orderId: string, chosen: ReadonlyMap<string, number>, at: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE order_items SET return_requested_at = ?2,
         return_quantity = (SELECT j.value ->> 1 FROM json_each(?3) j WHERE j.value ->> 0 = order_items.listing_id)
       WHERE order_id = ?1 AND listing_id IN (SELECT j.value ->> 0 FROM json_each(?3) j)
         AND return_requested_at IS NULL AND changes() = 1`,
    )
    .bind(orderId, at, JSON.stringify([...chosen]));
}
