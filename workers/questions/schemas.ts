import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { questionCursorField } from "./cursor";
import { QuestionSchema } from "./question-schema";
import { plainText } from "./text";

export { type Answer, AnswerSchema, type Question, QuestionSchema } from "./question-schema";

/** How long a question and an answer may be, in characters as a person counts them. */
export const QUESTION_MIN = 10;
export const QUESTION_MAX = 300;
export const ANSWER_MIN = 2;
export const ANSWER_MAX = 1000;

/** Path parameters of a product's question routes. */
export const QuestionProductParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "prd_0000001" }),
});

/** Path parameters of a seller's answer. */
export const QuestionIdParams = z.object({
  question_id: CatalogId.openapi({ param: { name: "question_id", in: "path" }, example: "qst_3kTq9v2LmX0aZb7c" }),
});

/** Body of POST /api/products/{id}/questions. */
export const AskBody = z
  .object({ text: plainText(QUESTION_MIN, QUESTION_MAX, "Does this support 5G on Jio?") })
  .strict()
  .openapi("QuestionInput");
export type AskInput = z.infer<typeof AskBody>;

/** Body of PUT /api/seller/questions/{question_id}/answer. */
export const AnswerBody = z
  .object({ text: plainText(ANSWER_MIN, ANSWER_MAX, "Yes, it supports 5G on Jio and Airtel (n78 band).") })
  .strict()
  .openapi("AnswerInput");
export type AnswerInput = z.infer<typeof AnswerBody>;

/** Query of GET /api/products/{id}/questions. */
export const QuestionListQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(50).default(10)).openapi({ description: "Questions per page, at most 50" }),
    cursor: questionCursorField("product").optional(),
  })
  .strict();

/** Query of GET /api/seller/questions. */
export const SellerQuestionsQuery = z
  .object({
    state: z
      .enum(["unanswered", "answered"])
      .default("unanswered")
      .openapi({ description: "Questions you have not answered yet, or those you have" }),
    limit: queryInt(z.number().int().min(1).max(50).default(20)).openapi({ description: "Questions per page, at most 50" }),
    cursor: questionCursorField("seller").optional(),
  })
  .strict();

/** A page of a product's answered questions, newest asked first. */
export const QuestionPageSchema = z
  .object({
    count: z.int().openapi({ description: "How many of the product's questions are answered and shown" }),
    items: z.array(QuestionSchema),
    next_cursor: z.string().nullable(),
  })
  .openapi("QuestionPage");
export type QuestionPage = z.infer<typeof QuestionPageSchema>;

/** The signed-in shopper's own questions about a product, answered or not, newest first. */
export const MyQuestionsSchema = z
  .object({
    items: z.array(QuestionSchema.extend({ answered: z.boolean().openapi({ description: "False while waiting for a seller's answer" }) })),
    asked_today: z.int().openapi({ description: "Questions asked about this product in the last 24 hours" }),
    daily_limit: z.int(),
    you_sell_it: z.boolean().openapi({
      description: "The account sells this product (a listing, live or not), so asking is refused: its questions reach the seller console",
    }),
  })
  .openapi("MyQuestions");
export type MyQuestions = z.infer<typeof MyQuestionsSchema>;

/** A question as a seller of the product sees it, with the seller's own answer if any. */
export const SellerQuestionSchema = z
  .object({
    id: z.string(),
    product: z.object({ id: z.string(), title: z.string() }),
    text: z.string(),
    asked_at: z.string().openapi({ format: "date-time" }),
    answer_count: z.int().openapi({ description: "Visible answers from every seller" }),
    my_answer: z
      .object({
        id: z.string(),
        text: z.string(),
        answered_at: z.string().openapi({ format: "date-time" }),
        removed: z.boolean().openapi({ description: "Ops removed it; it cannot be written over" }),
        removal_reason: z.string().nullable().openapi({ description: "Why ops removed it, for a removed answer; null otherwise" }),
      })
      .nullable(),
  })
  .openapi("SellerQuestion");
export type SellerQuestion = z.infer<typeof SellerQuestionSchema>;

export const SellerQuestionPageSchema = z
  .object({ items: z.array(SellerQuestionSchema), next_cursor: z.string().nullable() })
  .openapi("SellerQuestionPage");
export type SellerQuestionPage = z.infer<typeof SellerQuestionPageSchema>;

/** How many questions wait for the seller's answer (GET /api/seller/questions/waiting). */
export const WaitingQuestionsSchema = z
  .object({
    unanswered: z.int().min(0).openapi({ description: "Questions `?state=unanswered` lists, counted up to `capped_at`" }),
    capped_at: z.int().openapi({ description: "The most the count counts to", example: 99 }),
    capped: z.boolean().openapi({ description: "True when more questions than `capped_at` are waiting" }),
  })
  .openapi("WaitingQuestions");
export type WaitingQuestions = z.infer<typeof WaitingQuestionsSchema>;
