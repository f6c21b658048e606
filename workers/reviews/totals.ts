import { catalogChangeStatement } from "../catalog/changes";

/**
 * The statements that follow a review write in its batch: the product's rating totals moved by
 * the write's difference, its version bumped (the projection and every cache of the page key on
 * it), and the catalog change that has the consumer rebuild the page. Each runs only if the
 * statement before it changed one row, so a write that lost a race moves nothing.
 */
export function afterReviewChange(
  d1: D1Database,
  productId: string,
  delta: { sum: number; count: number },
  at: string,
): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `UPDATE products SET rating_sum = rating_sum + ?2, rating_count = rating_count + ?3, version = version + 1, updated_at = ?4
         WHERE id = ?1 AND changes() = 1`,
      )
      .bind(productId, delta.sum, delta.count, at),
    catalogChangeStatement(d1, { type: "product.changed", product_id: productId, reason: "review_changed", at }, { afterChange: true }),
  ];
}
