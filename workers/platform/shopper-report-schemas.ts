import { z } from "@hono/zod-openapi";
import { queryInt } from "./query-number";

/**
 * The shapes every reported queue shares (shopper-reports.ts): what a queue item adds to the
 * item itself, a page of the queue, its query, and a shopper's own report.
 */

/** What a reported item carries in its queue, besides itself: its reports by reason, and whether ops kept it before. */
export function reportedFieldsOf(noun: string) {
  return {
    report_count: z.int().openapi({ description: "How many shoppers reported it since ops last kept it" }),
    reasons: z.record(z.string(), z.int()).openapi({ description: "Reports by reason", example: { spam: 3, abusive: 1 } }),
    kept_before: z
      .object({
        by: z.string().openapi({ description: "The name of the ops member who kept it" }),
        at: z.string().openapi({ format: "date-time" }),
      })
      .nullable()
      .openapi({ description: `The last time ops kept the ${noun} after earlier reports, if they did` }),
  };
}

/** A page of a reported queue, and how many items wait in all. */
export function reportedPageSchema<T extends z.ZodType>(item: T, nouns: string, name: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z.string().nullable(),
      waiting: z.int().openapi({ description: `How many reported ${nouns} wait for ops, on this page and after it` }),
    })
    .openapi(name);
}

/** The query of a reported queue: a page size and the keyset cursor of that queue alone. */
export function reportedQuery<C extends z.ZodType>(cursor: C, nouns: string) {
  return z
    .object({
      limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: `${nouns} per page, at most 100` }),
      cursor: cursor.optional(),
    })
    .strict();
}

/** A report's body: one of the reasons offered, described for the OpenAPI document. */
export function reportBody<R extends readonly [string, ...string[]]>(reasons: R, description: string, name: string) {
  return z
    .object({ reason: z.enum(reasons).openapi({ description }) })
    .strict()
    .openapi(name);
}

/** The signed-in shopper's own report of an item, while ops have not yet dealt with it. */
export function myReportSchema<R extends readonly [string, ...string[]]>(reasons: R, name: string) {
  return z
    .object({
      report: z
        .object({ reason: z.enum(reasons), reported_at: z.string().openapi({ format: "date-time" }) })
        .nullable()
        .openapi({ description: "Null when the shopper has not reported it, or ops have kept or removed it since" }),
    })
    .openapi(name);
}
