import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { products, sellers } from "./catalog";

/**
 * Shoppers' questions about a product, answered by its sellers. A question is shown to everyone
 * once it has a visible answer (`answer_count`, kept by the batch that writes or removes one);
 * before that only its asker and the product's sellers see it. Ops remove one by marking it
 * `removed` with who and why, so the record stays for whoever asks later.
 */
export const productQuestions = sqliteTable(
  "product_questions",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** `visible` or `removed`. */
    status: text("status").notNull().default("visible"),
    /** Visible answers it has; never written from a value read in the Worker. */
    answerCount: integer("answer_count").notNull().default(0),
    createdAt: text("created_at").notNull(),
    removedBy: text("removed_by").references(() => users.id),
    removalReason: text("removal_reason"),
    removedAt: text("removed_at"),
  },
  (t) => [
    // A product's shown questions newest first, paged by keyset in index order: the public list and
    // the product page's first three.
    index("product_questions_answered_idx").on(t.productId, t.createdAt, t.id).where(sql`${t.status} = 'visible' AND ${t.answerCount} > 0`),
    // Every visible question of a product newest first, answered or not: what its sellers are asked.
    index("product_questions_product_idx").on(t.productId, t.createdAt, t.id).where(sql`${t.status} = 'visible'`),
    // One shopper's questions about one product: their own list, and how many they asked today.
    index("product_questions_asker_idx").on(t.userId, t.productId, t.createdAt),
    // Moderation reads the whole store's visible questions newest first, paged by keyset.
    index("product_questions_newest_idx").on(t.createdAt, t.id).where(sql`${t.status} = 'visible'`),
  ],
);

/**
 * A seller's answer to a question about a product it sells: one per question and seller, which a
 * second answer from the seller replaces. Removed by ops like a question; a removed answer is not
 * written over, so the seller cannot put back what ops took down.
 */
export const questionAnswers = sqliteTable(
  "question_answers",
  {
    id: text("id").primaryKey(),
    questionId: text("question_id")
      .notNull()
      .references(() => productQuestions.id),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    /** The seller's user who last wrote it. */
    answeredBy: text("answered_by")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** `visible` or `removed`. */
    status: text("status").notNull().default("visible"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    removedBy: text("removed_by").references(() => users.id),
    removalReason: text("removal_reason"),
    removedAt: text("removed_at"),
    // How many shoppers reported the answer to ops since ops last looked: one per entry of answer_reports.
    reportCount: integer("report_count").notNull().default(0),
    // Who in ops last kept the answer after reports, and when: an answer reported again shows it was judged before.
    reportsKeptBy: text("reports_kept_by").references(() => users.id),
    reportsKeptAt: text("reports_kept_at"),
  },
  (t) => [
    // Moderation's queue of reported answers still shown, the most reported first: only those, so it stays small.
    index("question_answers_reported_idx")
      .on(t.reportCount, t.updatedAt, t.id)
      .where(sql`${t.reportCount} > 0 AND ${t.status} = 'visible'`),
    // One answer per question and seller; also how a question's answers are read.
    uniqueIndex("question_answers_question_seller_uq").on(t.questionId, t.sellerId),
    // A seller's answers, last written first: its console's Answered list, paged by keyset.
    index("question_answers_seller_idx").on(t.sellerId, t.updatedAt, t.id),
    // Moderation reads the store's visible answers, last written first, so an edited one comes up again.
    index("question_answers_newest_idx").on(t.updatedAt, t.id).where(sql`${t.status} = 'visible'`),
  ],
);

/**
 * Each seller's questions to answer: one row per seller and question, written with the question
 * for every seller with an active listing of its product then (and for a seller listing the
 * product later or switching its listing back on, its recent questions), so a seller's "to answer"
 * list and count read its own rows rather than every question of every product it sells.
 * `answered_at` is set by the batch that writes the seller's answer; a question ops remove leaves
 * every inbox in its batch, and a listing switched off takes its product's unanswered rows with it.
 */
export const questionInbox = sqliteTable(
  "question_inbox",
  {
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    questionId: text("question_id")
      .notNull()
      .references(() => productQuestions.id),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    /** The question's `created_at`, copied so the list is ordered by this table's index alone. */
    askedAt: text("asked_at").notNull(),
    answeredAt: text("answered_at"),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.questionId] }),
    // The seller's questions still to answer, newest asked first, paged by keyset: one range of
    // the seller's own rows, however many products it sells.
    index("question_inbox_unanswered_idx").on(t.sellerId, t.askedAt, t.questionId).where(sql`${t.answeredAt} IS NULL`),
    // A removed question leaves every seller's inbox at once.
    index("question_inbox_question_idx").on(t.questionId),
    // A listing switched off takes its product's unanswered rows out of its seller's inbox.
    index("question_inbox_product_idx").on(t.sellerId, t.productId).where(sql`${t.answeredAt} IS NULL`),
  ],
);

/**
 * Shoppers who reported a seller's answer to ops, one entry each with their reason, so a report
 * counts once however often it is sent. Cleared when ops keep the answer or remove it.
 */
export const answerReports = sqliteTable(
  "answer_reports",
  {
    answerId: text("answer_id")
      .notNull()
      .references(() => questionAnswers.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.userId] })],
);
