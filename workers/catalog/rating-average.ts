/**
 * A product's average rating as every answer gives it: to one decimal, rounded down, as the pages
 * draw it, so a "4★ & up" filter never shows a product whose average reads 4.0 but is 3.96.
 * The small lift keeps an average of exactly 4.3, computed as 4.2999…, at 4.3.
 */
export function ratingAverage(sum: number, count: number): number | null {
  return count > 0 ? Math.floor((sum / count) * 10 + 1e-9) / 10 : null;
}

/** An average already divided out (a search row's), to the same one decimal. */
export function shownAverage(average: number | null): number | null {
  return average === null ? null : Math.floor(average * 10 + 1e-9) / 10;
}
