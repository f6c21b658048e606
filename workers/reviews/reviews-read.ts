import { FORMER_SHOPPER } from "../accounts/erased-account";
import { RECEIVED_ORDER } from "./eligibility";
import type { ProductReview, Review } from "./schemas";

/**
 * How reviews are read for anyone to see: the reviewer's first name (never the account), and
 * whether they received the product in a delivered order. A review written before accounts has
 * no reviewer and is not verified.
 */
export const REVIEW_SELECT = `SELECT r.id, r.product_id, r.rating, r.title, r.body, r.created_at, r.helpful_count, u.name AS reviewer_name,
    (r.user_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.user_id = r.user_id AND ${RECEIVED_ORDER} AND i.product_id = r.product_id)) AS verified
  FROM reviews r LEFT JOIN users u ON u.id = r.user_id`;

export interface ReviewRow {
  id: string;
  product_id: string;
  rating: number;
  title: string;
  body: string;
  created_at: string;
  helpful_count: number;
  reviewer_name: string | null;
  verified: number;
}

/**
 * The first word of a name, so a review never shows who the shopper is beyond what they'd say at a
 * counter; a deleted account's whole placeholder, which no first word of stands for anyone.
 */
export function firstName(name: string | null): string {
  if (name === FORMER_SHOPPER) return FORMER_SHOPPER;
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : "A shopper";
}

export function toReview(r: ReviewRow): Review {
  return {
    id: r.id,
    rating: r.rating,
    title: r.title,
    body: r.body,
    reviewer: firstName(r.reviewer_name),
    verified_purchase: r.verified === 1,
    created_at: r.created_at,
    helpful_count: r.helpful_count,
  };
}

/** One review as anyone may read it, with the product it is of and its title; null when there is none (or no longer). */
export async function readReview(d1: D1Database, reviewId: string): Promise<ProductReview | null> {
  const row = await d1
    .prepare(`SELECT x.*, p.title AS product_title FROM (${REVIEW_SELECT} WHERE r.id = ?1) x JOIN products p ON p.id = x.product_id`)
    .bind(reviewId)
    .first<ReviewRow & { product_title: string }>();
  return row ? { ...toReview(row), product_id: row.product_id, product_title: row.product_title } : null;
}
