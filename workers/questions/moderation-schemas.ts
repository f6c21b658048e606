import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { REASON_MAX } from "../reviews/moderation-schemas";
import { questionCursorField } from "./cursor";
import { AnswerSchema } from "./schemas";

/** Path parameters of DELETE /api/admin/questions/{id} and /api/admin/answers/{id}. */
export const ModeratedIdParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "qst_3kTq9v2LmX0aZb7c" }),
});

/** Body of a question's or an answer's removal: why it goes, kept on it for whoever asks later. */
export const QuestionRemovalBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { message: "Say why it is removed" })
      .refine((s) => [...s].length <= REASON_MAX, { message: `Must be at most ${REASON_MAX} characters` })
      .openapi({ type: "string", minLength: 1, maxLength: REASON_MAX, example: "Shares a phone number" }),
  })
  .strict()
  .openapi("QuestionRemovalInput");
export type QuestionRemovalInput = z.infer<typeof QuestionRemovalBody>;

/** Query of GET /api/admin/questions. */
export const StoreQuestionsQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Questions per page, at most 100" }),
    cursor: questionCursorField("store_questions").optional(),
  })
  .strict();

/** Query of GET /api/admin/answers. */
export const StoreAnswersQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Answers per page, at most 100" }),
    cursor: questionCursorField("store_answers").optional(),
  })
  .strict();

const Product = z.object({ id: z.string(), title: z.string() });

/** A visible question as ops moderate it: whose product, what it asks, and what sellers said. */
export const StoreQuestionSchema = z
  .object({
    id: z.string(),
    product: Product,
    text: z.string(),
    asker: z.string().openapi({ description: "The asker's first name" }),
    asked_at: z.string().openapi({ format: "date-time" }),
    answers: z.array(AnswerSchema),
  })
  .openapi("StoreQuestion");
export type StoreQuestion = z.infer<typeof StoreQuestionSchema>;

export const StoreQuestionPageSchema = z
  .object({ items: z.array(StoreQuestionSchema), next_cursor: z.string().nullable() })
  .openapi("StoreQuestionPage");
export type StoreQuestionPage = z.infer<typeof StoreQuestionPageSchema>;

/** A visible answer as ops moderate it, last written first, so an answer edited later comes up again. */
export const StoreAnswerSchema = AnswerSchema.extend({
  question: z.object({ id: z.string(), text: z.string() }),
  product: Product,
}).openapi("StoreAnswer");
export type StoreAnswer = z.infer<typeof StoreAnswerSchema>;

export const StoreAnswerPageSchema = z
  .object({ items: z.array(StoreAnswerSchema), next_cursor: z.string().nullable() })
  .openapi("StoreAnswerPage");
export type StoreAnswerPage = z.infer<typeof StoreAnswerPageSchema>;
