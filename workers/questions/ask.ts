import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { isoIn, nowIso } from "../platform/time";
import { askedNoticeStatements, askedText, inboxOnAskStatement } from "./inbox";
import type { AskInput } from "./schemas";

/** Questions one shopper may ask about one product in any 24 hours: enough to ask, too few to flood its sellers. */
export const QUESTIONS_PER_DAY = 5;
const DAY_SECONDS = 24 * 3600;

/**
 * SQL over the ask's parameters (?2 product, ?3 asker, ?4 text, ?6 a day ago): the asker's own
 * question with these words about this product, asked within the day and not taken down. Texts
 * are stored normalised (`normaliseText`), so spacing cannot tell two askings apart; case does not.
 */
const SAME_QUESTION = `q.user_id = ?3 AND q.product_id = ?2 AND q.created_at > ?6 AND q.status = 'visible' AND lower(q.body) = lower(?4)`;

/** The limit as the IETF RateLimit-Policy header names it. */
const POLICY = `"questions";q=${QUESTIONS_PER_DAY};w=${DAY_SECONDS}`;

/**
 * A shopper asks about a product. The question is only theirs and its sellers' to see until a
 * seller answers it. The daily limit is counted inside the insert (the asker's index on the
 * product), so questions sent at once cannot pass it together. Removed questions count: asking
 * again what ops took down is no way round it. The same batch puts the question in the inbox of
 * each seller offering the product and tells their users, so no question is asked without its
 * sellers' rows and no seller is told of a question that was refused. The same words asked again
 * within the day (a retried request, a second tap) are the question already asked: answered with
 * it (`repeated`), neither stored twice nor counted against the limit.
 */
export async function askQuestion(
  d1: D1Database,
  userId: string,
  productId: string,
  input: AskInput,
  sellerId: string | null = null,
): Promise<{ id: string; asked_at: string; repeated: boolean }> {
  const product = await d1
    .prepare("SELECT title, EXISTS (SELECT 1 FROM listings WHERE product_id = ?1 AND seller_id = ?2) AS own FROM products WHERE id = ?1")
    .bind(productId, sellerId)
    .first<{ title: string; own: number }>();
  if (!product) throw new AppError("not_found", `No product with id ${productId}.`);
  // A seller's own question, answered by that seller, would read to shoppers as one of theirs.
  if (product.own)
    throw new AppError(
      "forbidden",
      "You sell this product, so you cannot ask about it: shoppers' questions about it reach your seller console, where you answer them.",
    );
  const id = newId("qst");
  const now = nowIso();
  const since = isoIn(-DAY_SECONDS, new Date(now));
  const [inserted] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO product_questions (id, product_id, user_id, body, status, answer_count, created_at)
         SELECT ?1, p.id, ?3, ?4, 'visible', 0, ?5 FROM products p
         WHERE p.id = ?2 AND (SELECT COUNT(*) FROM product_questions q WHERE q.user_id = ?3 AND q.product_id = ?2 AND q.created_at > ?6) < ?7
           AND NOT EXISTS (SELECT 1 FROM product_questions q WHERE ${SAME_QUESTION})`,
      )
      .bind(id, productId, userId, input.text, now, since, QUESTIONS_PER_DAY),
    // Each reads the question the insert wrote: when the limit refused it, they write nothing.
    inboxOnAskStatement(d1, id),
    ...askedNoticeStatements(d1, { questionId: id, now }, askedText({ productTitle: product.title, question: input.text })),
  ]);
  if (inserted?.meta.changes === 1) return { id, asked_at: now, repeated: false };
  const same = await d1
    .prepare(`SELECT q.id, q.created_at FROM product_questions q WHERE ${SAME_QUESTION} ORDER BY q.created_at LIMIT 1`)
    .bind(id, productId, userId, input.text, now, since)
    .first<{ id: string; created_at: string }>();
  if (same) return { id: same.id, asked_at: same.created_at, repeated: true };
  throw await overLimit(d1, userId, productId, since);
}

/** The 429: when the oldest question in the window ages out, the shopper may ask again. */
async function overLimit(d1: D1Database, userId: string, productId: string, since: string): Promise<AppError> {
  const oldest = await d1
    .prepare(
      "SELECT MIN(created_at) AS at FROM (SELECT created_at FROM product_questions WHERE user_id = ?1 AND product_id = ?2 AND created_at > ?3)",
    )
    .bind(userId, productId, since)
    .first<{ at: string | null }>();
  const freeAt = oldest?.at ? Date.parse(oldest.at) + DAY_SECONDS * 1000 : Date.now() + DAY_SECONDS * 1000;
  const seconds = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
  return new AppError(
    "rate_limited",
    `You have asked ${QUESTIONS_PER_DAY} questions about this product in the last 24 hours; you can ask another in ${waitWords(seconds)}.`,
    {
      headers: { "retry-after": String(seconds), ratelimit: `"questions";r=0;t=${seconds}`, "ratelimit-policy": POLICY },
      extensions: { limit: QUESTIONS_PER_DAY },
    },
  );
}

function waitWords(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  if (hours >= 1) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
