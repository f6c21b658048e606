import { z } from "@hono/zod-openapi";

// Apart from the other question schemas, which name catalog ids: the product document includes
// these, and the catalog's schemas must not import what imports them.

/** One seller's answer as anyone may read it. */
export const AnswerSchema = z
  .object({
    id: z.string(),
    seller: z.object({ id: z.string(), name: z.string() }).openapi({ description: "The seller who answered" }),
    text: z.string(),
    answered_at: z.string().openapi({ format: "date-time", description: "When the seller last wrote it" }),
  })
  .openapi("Answer");
export type Answer = z.infer<typeof AnswerSchema>;

/** A question with its answers, oldest answer first. Never the asker's account. */
export const QuestionSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    asked_at: z.string().openapi({ format: "date-time" }),
    answers: z.array(AnswerSchema),
  })
  .openapi("Question");
export type Question = z.infer<typeof QuestionSchema>;
