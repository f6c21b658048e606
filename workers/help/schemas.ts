import { z } from "@hono/zod-openapi";
import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";
import { OrderId } from "../orders/schemas";
import { queryInt } from "../platform/query-number";
import { plainText } from "../questions/text";
import { HELP_TOPIC_NAMES } from "./topics";

/** How long a request for help and ops' answer may be, in characters as a person counts them. */
export const HELP_MESSAGE_MIN = 5;
export const HELP_MESSAGE_MAX = 1000;
export const HELP_ANSWER_MIN = 2;
export const HELP_ANSWER_MAX = 2000;

export const HELP_STATES = ["open", "answered"] as const;
/** Which open requests the ops queue lists, by who took them. */
export const HELP_TAKEN = ["me", "no_one"] as const;
export type HelpTaken = (typeof HELP_TAKEN)[number];
export type HelpState = (typeof HELP_STATES)[number];

/** Body of POST /api/orders/{id}/help. */
export const HelpAskBody = z
  .object({
    topic: z.enum(HELP_TOPIC_NAMES).openapi({ description: "What the request is about", example: "where_is_my_order" }),
    message: plainText(HELP_MESSAGE_MIN, HELP_MESSAGE_MAX, "It was due on Friday and the tracking has not moved since Tuesday."),
  })
  .strict()
  .openapi("HelpRequestInput");
export type HelpAskInput = z.infer<typeof HelpAskBody>;

/** Body of POST /api/admin/help/{id}/answer. */
export const HelpAnswerBody = z
  .object({
    answer: plainText(
      HELP_ANSWER_MIN,
      HELP_ANSWER_MAX,
      "Your parcel was held at the Bhiwandi hub by the rain; Delhivery will deliver it by Monday.",
    ),
  })
  .strict()
  .openapi("HelpAnswerInput");

const HELP_ID = /^hlp_[A-Za-z0-9_-]{1,64}$/;
/** A help request's id, as every path and cursor names it. */
const HelpId = z.string().regex(HELP_ID);

/** Path parameter of an ops answer. */
export const HelpIdParams = z.object({
  id: HelpId.openapi({ param: { name: "id", in: "path" }, example: "hlp_3kTq9v2LmX0aZb7c" }),
});

/** At most this many additions to one request: more is a conversation the answer should start. */
export const HELP_ADDITIONS_MAX = 5;

/** Body of POST /api/orders/{id}/help/{help_id}/additions. */
export const HelpAddBody = z
  .object({ message: plainText(HELP_MESSAGE_MIN, HELP_MESSAGE_MAX, "It arrived this morning, but the box was crushed.") })
  .strict()
  .openapi("HelpAdditionInput");

/** Path parameters of a shopper's addition. */
export const HelpAddParams = z.object({
  id: OrderId.openapi({ param: { name: "id", in: "path" }, example: "ord_3f9c2a7d1e0b4c6a8f2d1e0b4c" }),
  help_id: HelpId.openapi({ param: { name: "help_id", in: "path" }, example: "hlp_3kTq9v2LmX0aZb7c" }),
});

/** What a shopper added to a request while it waited, with when. */
export const HelpAdditionSchema = z.object({ message: z.string(), added_at: z.string() }).openapi("HelpAddition");
export type HelpAddition = z.infer<typeof HelpAdditionSchema>;

/** A request for help as its shopper and ops read it. */
export const HelpRequestSchema = z
  .object({
    id: z.string(),
    order_id: z.string(),
    topic: z.enum(HELP_TOPIC_NAMES),
    message: z.string(),
    status: z.enum(HELP_STATES),
    asked_at: z.string(),
    answer: z.string().nullable(),
    answered_at: z.string().nullable(),
    additions: z.array(HelpAdditionSchema).openapi({ description: "What the shopper added while it waited, oldest first" }),
    taken_at: z.string().nullable().openapi({
      description: "When someone in our team took the request up to answer it; null while no one has (or they gave it back)",
    }),
  })
  .openapi("HelpRequest");
export type HelpRequestView = z.infer<typeof HelpRequestSchema>;

/** An order's requests for help, newest first. */
export const OrderHelpSchema = z.object({ items: z.array(HelpRequestSchema) }).openapi("OrderHelp");

/** Who in ops took a request to answer, as ops read it (when, the shopper reads too); null while no one has. */
const TakenFields = {
  taken_by: z.string().nullable().openapi({ description: "The ops member's user id" }),
  taken_by_name: z.string().nullable(),
};

/** A request for help as ops read it on the order's page: with who took it, and who answered. */
export const OpsHelpRequestSchema = HelpRequestSchema.extend({
  ...TakenFields,
  answered_by_name: z.string().nullable().openapi({ description: "The ops member who answered; null while open" }),
}).openapi("OpsOrderHelpRequest");
export type OpsHelpRequestView = z.infer<typeof OpsHelpRequestSchema>;

/** An order's requests for help as ops read them, newest first. */
export const OpsOrderHelpSchema = z.object({ items: z.array(OpsHelpRequestSchema) }).openapi("OpsOrderHelp");

/** A row of the ops queue: the request, with the order's status, whom to answer and who took it. */
export const OpsHelpRowSchema = OpsHelpRequestSchema.extend({
  order_status: z.string(),
  shopper_name: z.string(),
  shopper_email: z.string(),
}).openapi("OpsHelpRequest");
export type OpsHelpRow = z.infer<typeof OpsHelpRowSchema>;

/** Body of POST /api/admin/help/{id}/take. */
export const HelpTakeBody = z
  .object({
    take_over: z
      .boolean()
      .default(false)
      .openapi({ description: "Take it even though a colleague has: for one who went off shift with it" }),
  })
  .strict()
  .openapi("HelpTakeInput");

export const OpsHelpPageSchema = z.object({ items: z.array(OpsHelpRowSchema), next_cursor: z.string().nullable() }).openapi("OpsHelpPage");

/** Which requests a list of the queue holds by who took them: all, the caller's or no one's. */
export type HelpTakenList = HelpTaken | "all";

/** Where a page of the ops queue ended, and which list it was. */
export interface HelpPosition {
  state: HelpState;
  taken: HelpTakenList;
  at: string;
  id: string;
}

export const encodeHelpCursor = (state: HelpState, taken: HelpTakenList, last: { asked_at: string; id: string }) =>
  encodeKeyset(["help", state, taken, last.asked_at, last.id]);

/** Query of GET /api/admin/help. */
export const OpsHelpQuery = z
  .object({
    status: z
      .enum(HELP_STATES)
      .default("open")
      .openapi({ description: "`open`: waiting for an answer, oldest first; `answered`: newest asked first" }),
    taken: z
      .enum(HELP_TAKEN)
      .optional()
      .openapi({ description: "Only open requests: `me`, those the caller took; `no_one`, those no one has taken" }),
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Requests per page, at most 100" }),
    cursor: keysetCursorField([/^help$/, /^(open|answered)$/, /^(all|me|no_one)$/, ISO_TIME, HELP_ID], ([, state, taken, at, id]) => ({
      state: state as HelpState,
      taken: taken as HelpTakenList,
      at: at as string,
      id: id as string,
    })).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    // A page of one list does not say where another one's next page starts.
    if (q.cursor && (q.cursor.state !== q.status || q.cursor.taken !== (q.taken ?? "all")))
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "belongs to a different list" });
    if (q.taken && q.status !== "open") ctx.addIssue({ code: "custom", path: ["taken"], message: "applies only to open requests" });
  });
