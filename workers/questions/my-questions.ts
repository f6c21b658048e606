import { AppError } from "../platform/errors";
import { isoIn, nowIso } from "../platform/time";
import { QUESTIONS_PER_DAY } from "./ask";
import { answersOf, type QuestionRow, withAnswers } from "./read";
import type { MyQuestions } from "./schemas";

/** The most of their own questions about one product a shopper is shown; the daily limit keeps it near. */
const MINE_SHOWN = 50;

/**
 * The shopper's own questions about a product, newest first, answered or still waiting, each with
 * its answers; how many they asked in the last 24 hours; and whether their account sells it (any
 * listing, live or not), as such an account answers its questions rather than asks them. Read
 * through the asker's index. A question ops removed is gone for its asker too.
 */
export async function myQuestions(d1: D1Database, userId: string, productId: string, sellerId: string | null = null): Promise<MyQuestions> {
  const since = isoIn(-24 * 3600, new Date(nowIso()));
  const mine = `SELECT q.id FROM product_questions q WHERE q.user_id = ?1 AND q.product_id = ?2 AND q.status = 'visible'
    ORDER BY q.created_at DESC LIMIT ?3`;
  const [product, questions, answers, today] = await d1.batch([
    d1
      .prepare("SELECT EXISTS (SELECT 1 FROM listings WHERE product_id = ?1 AND seller_id = ?2) AS own FROM products WHERE id = ?1")
      .bind(productId, sellerId),
    d1
      .prepare(`SELECT q.id, q.body, q.created_at FROM product_questions q WHERE q.id IN (${mine}) ORDER BY q.created_at DESC, q.id DESC`)
      .bind(userId, productId, MINE_SHOWN),
    answersOf(d1, mine).bind(userId, productId, MINE_SHOWN),
    d1
      .prepare("SELECT COUNT(*) AS n FROM product_questions WHERE user_id = ?1 AND product_id = ?2 AND created_at > ?3")
      .bind(userId, productId, since),
  ]);
  if (!product?.results.length) throw new AppError("not_found", `No product with id ${productId}.`);
  const items = withAnswers((questions?.results ?? []) as QuestionRow[], answers?.results).map((q) => ({
    ...q,
    answered: q.answers.length > 0,
  }));
  return {
    items,
    asked_today: (today?.results[0] as { n: number } | undefined)?.n ?? 0,
    daily_limit: QUESTIONS_PER_DAY,
    you_sell_it: (product.results[0] as { own: number }).own === 1,
  };
}
