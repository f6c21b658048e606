/** What a shopper is told about stock: never the exact count. */
export type Availability = "in_stock" | "few_left" | "sold_out";

/** At or below this many sellable units a listing shows "few left". */
export const FEW_LEFT_MAX = 5;

/**
 * Buckets sellable units into what the product page shows. Negative counts (a corrupt or
 * in-flight row) are treated as sold out rather than shown as stock.
 */
export function availabilityOf(units: number): Availability {
  if (!Number.isFinite(units) || units <= 0) return "sold_out";
  if (units <= FEW_LEFT_MAX) return "few_left";
  return "in_stock";
}

/**
 * The same buckets as `availabilityOf`, as a SQL expression over `units` (0 sold out, 1 few
 * left, 2 in stock), so a ledger statement can tell whether a movement changed what shoppers see.
 */
export function availabilitySql(units: string): string {
  return `(CASE WHEN COALESCE(${units}, 0) <= 0 THEN 0 WHEN ${units} <= ${FEW_LEFT_MAX} THEN 1 ELSE 2 END)`;
}

/**
 * As SQL, whether `units` (after a movement of `moved` units) and `units - moved` lie on either
 * side of the few-left line. `units` is evaluated once, so it may be a costly subquery (a
 * product's total over all its offers). Only the few-left line: for a total that stays positive
 * it is the only one a movement can cross.
 */
export function crossesFewLeftSql(units: string, moved: string): string {
  const above = FEW_LEFT_MAX + 1;
  return `(${units} BETWEEN min(${above}, ${above} + ${moved}) AND max(${FEW_LEFT_MAX}, ${FEW_LEFT_MAX} + ${moved}))`;
}

/**
 * As SQL, whether `units` (after a movement of `moved` units) and `units - moved` lie on either
 * side of a seller's low-stock `line` (low: at or below it); never for a line of 0, which turns the
 * seller's alerts off.
 */
export function crossesLowStockSql(units: string, moved: string, line: string): string {
  return `(${line} > 0 AND (${units} <= ${line}) != (${units} - ${moved} <= ${line}))`;
}
