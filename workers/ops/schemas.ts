import { z } from "@hono/zod-openapi";
import { REPLAYABLE_QUEUE_NAMES } from "../platform/dead-letters";

/**
 * The statuses ops work through, in the order an order moves through them. Finished orders
 * (delivered, cancelled, refunded, …) are left out: their counts only grow with the store's
 * history, say nothing about its health, and counting them would read ever longer index ranges.
 */
export const QUEUE_STATUSES = ["created", "payment_authorized", "confirmed", "packed", "shipped", "return_requested"] as const;

/**
 * The overview's counts, by their path in its answer (and in the page's `data-figure`): each
 * counted up to the answer's `capped_at`, and named in its `capped` when there were more.
 */
export const COUNT_FIGURES = [
  ...QUEUE_STATUSES.map((s) => `orders.by_status.${s}` as const),
  "orders.help_waiting",
  "backlog.sagas_due",
  "backlog.cancellations_unsettled",
  "backlog.restocks_owed",
  "backlog.invoices_owed",
  "backlog.invoices_held_without_gstin",
  "backlog.outbox_unrelayed",
  "backlog.emails_waiting",
  "backlog.emails_given_up",
  ...REPLAYABLE_QUEUE_NAMES.map((q) => `backlog.dead_letters.${q}` as const),
  "moderation.reviews_reported",
  "moderation.answers_reported",
] as const;

/** A count of the overview, by its path in the answer. */
export type CountFigure = (typeof COUNT_FIGURES)[number];

/**
 * The overview's figures summed from the orders counted per minute as they are placed: exact
 * however many, so never capped (and never named in `capped`).
 */
export const EXACT_FIGURES = ["orders.placed_last_hour", "orders.placed_last_5_minutes"] as const;

/** A figure of the overview's page, by its path in the answer. */
export type Figure = CountFigure | (typeof EXACT_FIGURES)[number];

const count = (description: string) => z.number().int().min(0).openapi({ description });

/** One of `COUNT_FIGURES`. */
const cappedCount = (description: string) => count(`${description}, up to \`capped_at\` (see \`capped\`)`);

/** The order longest in a queue, and since when it is in it. */
const LongestWaitingSchema = z
  .object({
    order_id: z.string(),
    since: z.string().openapi({ format: "date-time", description: "When the order moved into the status it waits in" }),
  })
  .openapi("LongestWaiting");

/** The orders placed in one minute. */
const PlacedMinuteSchema = z
  .object({
    minute: z.string().openapi({ format: "date-time", description: "The minute's start" }),
    placed: count("Orders placed in the minute (the current minute's so far)"),
  })
  .openapi("PlacedMinute");

/** A live or upcoming flash deal with the units it has left. */
const OverviewDealSchema = z
  .object({
    id: z.string(),
    product_title: z.string(),
    status: z.enum(["live", "scheduled", "paused", "sold_out"]),
    starts_at: z.string().openapi({ format: "date-time" }),
    ends_at: z.string().openapi({ format: "date-time" }),
    units: count("Units the deal was given"),
    remaining: z.number().int().nullable().openapi({
      description: "Units neither sold nor held, from the deal's gate (all of them before it opens); null when the gate could not be asked",
    }),
  })
  .openapi("OverviewDeal");

/** GET /api/admin/overview: whether the store is keeping up, every figure read at `read_at`. */
export const OverviewSchema = z
  .object({
    read_at: z.string().openapi({ format: "date-time", description: "When the figures were read, all in one D1 batch" }),
    capped_at: z.number().int().positive().openapi({
      description:
        "The most a count of a queue or a backlog here counts to: each stops reading one row past it, so a sale day's long queues are not read in full on every view. The orders placed lately are exact and never stop at it",
    }),
    capped: z.array(z.enum(COUNT_FIGURES)).openapi({
      description:
        "The counts that stopped at `capped_at`, by their path in this answer (`backlog.emails_waiting`): each reads `capped_at` and means more than that many. Any other count is exact, `capped_at` itself included",
    }),
    orders: z.object({
      by_status: z
        .object(
          Object.fromEntries(QUEUE_STATUSES.map((s) => [s, cappedCount(`Orders in ${s}`)])) as Record<
            (typeof QUEUE_STATUSES)[number],
            z.ZodNumber
          >,
        )
        .openapi({ description: "Orders in each status ops work through; finished orders are not counted" }),
      placed_last_hour: count(
        "Orders placed since the start of the minute an hour before `read_at` (orders are counted per minute): between 60 and 61 minutes of orders, never fewer than the hour's. Exact, never capped",
      ),
      placed_last_5_minutes: count(
        "Orders placed since the start of the minute 5 minutes before `read_at`: between 5 and 6 minutes of orders, never fewer than the 5 minutes'. Exact, never capped",
      ),
      per_minute: z.array(PlacedMinuteSchema).openapi({
        description:
          "Orders placed in each of the last 60 minutes, oldest first: the minute `read_at` falls in last (so far), a minute without orders as 0. Exact, never capped",
      }),
      help_waiting: cappedCount("Shoppers' requests for help with an order, waiting for an answer"),
      oldest_waiting_to_pack: LongestWaitingSchema.nullable().openapi({ description: "The order confirmed longest ago and not packed" }),
      oldest_return_request: LongestWaitingSchema.nullable().openapi({
        description: "The return request waiting longest for ops to accept or decline it",
      }),
      oldest_help_request: LongestWaitingSchema.nullable().openapi({
        description: "The request for help waiting longest for an answer: its order, and when it was asked",
      }),
    }),
    backlog: z.object({
      sagas_due: cappedCount("Checkout sagas the minute cron is due to look at, as they may be stuck"),
      cancellations_unsettled: cappedCount("Cancellations whose stock or money is not back yet"),
      restocks_owed: cappedCount("Cancelled or failed orders with units not yet back on sale"),
      invoices_owed: cappedCount("Orders that shipped before invoicing and still lack a seller's invoice"),
      invoices_held_without_gstin: cappedCount("Of those, the ones held back by a seller without a valid GSTIN"),
      outbox_unrelayed: cappedCount("Events written but not yet sent to their queue"),
      emails_waiting: cappedCount("Emails recorded and not yet accepted by the mail provider, retries included"),
      emails_given_up: cappedCount("Emails given up after repeated failed sends, or whose recipient no longer exists"),
      dead_letters: z
        .object(
          Object.fromEntries(REPLAYABLE_QUEUE_NAMES.map((q) => [q, cappedCount(`Messages ${q} gave up on`)])) as Record<
            (typeof REPLAYABLE_QUEUE_NAMES)[number],
            z.ZodNumber
          >,
        )
        .openapi({ description: "Messages each queue gave up on, kept until ops send them back" }),
    }),
    moderation: z.object({
      reviews_reported: cappedCount("Reviews shoppers reported that ops have not yet kept or removed"),
      answers_reported: cappedCount("Sellers' answers shoppers reported, still shown, that ops have not yet kept or removed"),
    }),
    deals: z.array(OverviewDealSchema).openapi({ description: "Live and upcoming flash deals, live ones first" }),
  })
  .openapi("OpsOverview");

/** What GET /api/admin/overview answers. */
export type Overview = z.infer<typeof OverviewSchema>;

/** A live or upcoming deal as the overview lists it. */
export type OverviewDeal = z.infer<typeof OverviewDealSchema>;

/** The order longest in a queue. */
export type LongestWaiting = z.infer<typeof LongestWaitingSchema>;
