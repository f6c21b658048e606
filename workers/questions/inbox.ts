import { initialEmailStateSql } from "../notifications/email-delivery";
import { CHANNELS, shortTitle } from "../orders/notifications";
import { countSql } from "../platform/count-sql";
import { hourStart } from "../sellers/low-stock";
import { quote } from "./answered-notice";

/**
 * Each seller's questions to answer (`question_inbox`). A seller's "to answer" list and its count
 * read the seller's own range of question_inbox_unanswered_idx, so a seller with a hundred thousand
 * listings pays for the page it shows, not for every question of every product it sells. The rows
 * are written by the batches that change what a seller is asked: a question asked (for each seller
 * then offering the product), a listing created active or switched back on (the product's recent
 * questions), a listing switched off (the product's unanswered rows gone), an answer (its row
 * answered) and a removal (every row of the question gone). Which of a listing's statements a batch
 * runs follows the status it writes, not the listing as read before it, and each checks the listing
 * as the batch left it, so of two edits racing to switch a listing on and off the inbox follows the
 * one that landed last. So an unanswered row is there only while its seller offers the product, and
 * the reads take them as they are: a seller with many listings switched off reads no rows of theirs
 * for a capped count. Those batches are the only writes of a listing's `active` (the seller's edit,
 * its bulk update, its new listing); a path that switches listings off in another way must take
 * their rows out in its batch too.
 */

/** Where a seller answers: its console's Questions tab. */
export const SELLER_QUESTIONS_LINK = "/seller/questions";

/** The statement, for the question's batch after its insert, putting it in the inbox of each seller offering its product. */
export function inboxOnAskStatement(d1: D1Database, questionId: string): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO question_inbox (seller_id, question_id, product_id, asked_at)
       SELECT l.seller_id, q.id, q.product_id, q.created_at
       FROM product_questions q JOIN listings l ON l.product_id = q.product_id AND l.active = 1
       WHERE q.id = ?1 AND q.status = 'visible'
       ON CONFLICT (seller_id, question_id) DO NOTHING`,
    )
    .bind(questionId);
}

/**
 * A seller listing a product takes on at most this many of its questions, asked within
 * `LISTING_INBOX_DAYS`: recent enough that the asker may still be waiting, few enough that a
 * listing's batch stays small however much the product was asked about.
 */
export const LISTING_INBOX_QUESTIONS = 50;
export const LISTING_INBOX_DAYS = 90;

/** The statement `inboxOnListingStatement` runs: exported for its plan's test. */
export function listingInboxStatement(sellerId: string, productIds: readonly string[], now: string): { sql: string; binds: unknown[] } {
  const since = new Date(Date.parse(now) - LISTING_INBOX_DAYS * 86_400_000).toISOString();
  return {
    sql: `INSERT INTO question_inbox (seller_id, question_id, product_id, asked_at)
       SELECT ?1, q.id, q.product_id, q.created_at
       FROM json_each(?2) p JOIN product_questions q ON q.id IN (
         SELECT r.id FROM product_questions r
         WHERE r.product_id = p.value AND r.status = 'visible' AND r.created_at >= ?3
           AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = r.id AND a.seller_id = ?1)
         ORDER BY r.created_at DESC, r.id DESC LIMIT ?4)
       WHERE EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.value AND l.seller_id = ?1 AND l.active = 1)
       ON CONFLICT (seller_id, question_id) DO NOTHING`,
    binds: [sellerId, JSON.stringify(productIds), since, LISTING_INBOX_QUESTIONS],
  };
}

/**
 * The statement, for the batch of a new listing or of listings set on, putting each of the
 * products' newest visible questions of the last `LISTING_INBOX_DAYS` days that the seller has not
 * answered in its inbox: per product a range of product_questions_product_idx, newest first,
 * stopped at `LISTING_INBOX_QUESTIONS`, with a lookup of the seller's answer and of its listing
 * (their unique indexes). Only for a product the seller offers once the batch's listing write is
 * done, so a write refused in the batch (a price racing a lowered MRP, a bulk row that lost to
 * another edit) puts nothing in, and a row already there stays as it is: a seller's edit runs it
 * whenever it sends the listing on, even one it read as on already (another edit may have switched
 * it off since), and then it costs that bounded read and adds nothing. No one is told of these as
 * of a question just asked: they are old news, up to fifty per product, and the seller who listed
 * the product is at its console, whose every tab shows how many wait.
 */
export function inboxOnListingStatement(d1: D1Database, sellerId: string, productIds: readonly string[], now: string): D1PreparedStatement {
  const { sql, binds } = listingInboxStatement(sellerId, productIds, now);
  return d1.prepare(sql).bind(...binds);
}

/**
 * The statement, for the batch switching listings off, taking the seller's unanswered rows of
 * their products out of its inbox (a range of question_inbox_product_idx each), unless the seller
 * still offers the product once the batch's listing write is done. Switching one back on puts the
 * recent ones back (`inboxOnListingStatement`); those past its bounds stay out, as for a new listing.
 */
export function inboxOnDelistingStatement(d1: D1Database, sellerId: string, productIds: readonly string[]): D1PreparedStatement {
  return d1
    .prepare(
      `DELETE FROM question_inbox
       WHERE seller_id = ?1 AND answered_at IS NULL AND product_id IN (SELECT value FROM json_each(?2))
         AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.product_id = question_inbox.product_id AND l.seller_id = ?1 AND l.active = 1)`,
    )
    .bind(sellerId, JSON.stringify(productIds));
}

/**
 * The statements, for the end of a batch setting some of the seller's listings on or off (by their
 * products), keeping its inbox to the products it offers once the batch's writes are done; none
 * when it sets none, so a price or stock edit reads no questions.
 */
export function inboxOnSwitchStatements(
  d1: D1Database,
  sellerId: string,
  switched: { on: readonly string[]; off: readonly string[] },
  now: string,
): D1PreparedStatement[] {
  return [
    ...(switched.on.length ? [inboxOnListingStatement(d1, sellerId, switched.on, now)] : []),
    ...(switched.off.length ? [inboxOnDelistingStatement(d1, sellerId, switched.off)] : []),
  ];
}

/** The statement, for an answer's batch, taking the question off the seller's list once its answer is there. */
export function inboxAnsweredStatement(d1: D1Database, sellerId: string, questionId: string, now: string): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE question_inbox SET answered_at = ?3
       WHERE seller_id = ?1 AND question_id = ?2 AND answered_at IS NULL
         AND EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = ?2 AND a.seller_id = ?1)`,
    )
    .bind(sellerId, questionId, now);
}

/** The statement, for a removal's batch, taking the question out of every seller's inbox once it is removed. */
export function inboxRemovedStatement(d1: D1Database, questionId: string): D1PreparedStatement {
  return d1
    .prepare(
      `DELETE FROM question_inbox WHERE question_id = ?1
         AND EXISTS (SELECT 1 FROM product_questions q WHERE q.id = ?1 AND q.status = 'removed')`,
    )
    .bind(questionId);
}

/**
 * The most the Questions tab counts to: "99+" says "a lot" as well as the true number would, and
 * the console asks on every load, so a count reads at most a hundred of the seller's rows.
 */
export const WAITING_COUNT_CAP = 99;

/** The statement counting the questions waiting for the seller's answer, up to `cap`: exported for its plan's test. */
export function waitingCountStatement(sellerId: string, cap = WAITING_COUNT_CAP): { sql: string; binds: unknown[] } {
  // The list's own rows: the seller's unanswered range, each still visible.
  const source = {
    from: "question_inbox i JOIN product_questions q ON q.id = i.question_id",
    where: "i.seller_id = ?1 AND i.answered_at IS NULL AND q.status = 'visible'",
  };
  return { sql: countSql(source, cap), binds: [sellerId] };
}

/** How many questions wait for the seller's answer, exact up to `cap`. */
export async function countWaitingQuestions(
  d1: D1Database,
  sellerId: string,
  cap = WAITING_COUNT_CAP,
): Promise<{ unanswered: number; capped_at: number; capped: boolean }> {
  const { sql, binds } = waitingCountStatement(sellerId, cap);
  const row = await d1
    .prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  const n = row?.n ?? 0;
  return { unanswered: Math.min(n, cap), capped_at: cap, capped: n > cap };
}

/**
 * At most this many separate "new question" messages per seller user and channel per UTC hour; the
 * hour's questions past it are told by one note pointing at the Questions tab, so a flood of
 * questions (a product going viral, a bot) sends a seller at most six mails an hour.
 */
export const QUESTION_ALERTS_PER_HOUR = 5;

/** What a seller's users are told of a new question, in words that stand without the page. */
export function askedText(q: { productTitle: string; question: string }) {
  return {
    subject: `New question about ${shortTitle(q.productTitle)}`,
    body: `A shopper asked about ${shortTitle(q.productTitle, 80)}: “${quote(q.question, 160)}” Answer it on your Questions tab; your answer shows on the product's page with your business name.`,
  };
}

/** The hour's note for the questions past the cap. */
export const QUESTIONS_DIGEST_TEXT = {
  subject: "More questions are waiting for your answer",
  body: "Shoppers asked more questions about the products you offer this hour. See them all on your Questions tab.",
};

/**
 * The statements, for the question's batch after its inbox rows, telling the users of each seller
 * whose inbox it is in: one message per user and channel (the event id names the question and the
 * user, so a retried batch tells no one twice), while the user had fewer than
 * `QUESTION_ALERTS_PER_HOUR` this hour (a range of notifications_user_channel_created_idx); past
 * that, one note per seller, user, channel and hour instead. Email follows the user's
 * `shopper_questions` choice.
 */
export function askedNoticeStatements(
  d1: D1Database,
  at: { questionId: string; now: string },
  text: { subject: string; body: string },
): D1PreparedStatement[] {
  const since = hourStart(at.now);
  const recipients = `FROM question_inbox i JOIN user_roles r ON r.seller_id = i.seller_id AND r.role = 'seller'
    WHERE i.question_id = ?1`;
  const eventOf = (user: string) => `'question-asked:' || ?1 || ':' || ${user}`;
  const tell = CHANNELS.map((channel) =>
    d1
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ${eventOf("r.user_id")}, ?2, r.user_id, 'question_asked', ?3, ?4, ?5, ?6,
           ${initialEmailStateSql("?2", { user: "r.user_id", group: "shopper_questions" })}
         ${recipients}
           AND (SELECT COUNT(*) FROM notifications n WHERE n.user_id = r.user_id AND n.channel = ?2 AND n.created_at >= ?7
             AND n.kind = 'question_asked') < ?8
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(at.questionId, channel, text.subject, text.body, SELLER_QUESTIONS_LINK, at.now, since, QUESTION_ALERTS_PER_HOUR),
  );
  const digest = CHANNELS.map((channel) =>
    d1
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT 'questions-digest:' || i.seller_id || ':' || ?3 || ':' || r.user_id, ?2, r.user_id, 'questions_digest', ?4, ?5, ?6, ?7,
           ${initialEmailStateSql("?2", { user: "r.user_id", group: "shopper_questions" })}
         ${recipients}
           AND NOT EXISTS (SELECT 1 FROM notifications t WHERE t.event_id = ${eventOf("r.user_id")} AND t.channel = ?2)
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(
        at.questionId,
        channel,
        since.slice(0, 13),
        QUESTIONS_DIGEST_TEXT.subject,
        QUESTIONS_DIGEST_TEXT.body,
        SELLER_QUESTIONS_LINK,
        at.now,
      ),
  );
  return [...tell, ...digest];
}
