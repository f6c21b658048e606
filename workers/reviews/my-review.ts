import { AppError } from "../platform/errors";
import { NOT_RECEIVED, hasReceived } from "./eligibility";
import { productExists } from "./own-review";
import { REVIEW_SELECT, type ReviewRow, toReview } from "./reviews-read";
import type { MyReview } from "./schemas";

/** The shopper's own review of a product (to edit it) and whether they may write one. */
export async function myReview(d1: D1Database, userId: string, productId: string): Promise<MyReview> {
  if (!(await productExists(d1, productId))) throw new AppError("not_found", `No product with id ${productId}.`);
  const [received, row] = await Promise.all([
    hasReceived(d1, userId, productId),
    d1.prepare(`${REVIEW_SELECT} WHERE r.product_id = ?1 AND r.user_id = ?2`).bind(productId, userId).first<ReviewRow>(),
  ]);
  return { can_review: received, why_not: received ? null : NOT_RECEIVED, review: row ? toReview(row) : null };
}
