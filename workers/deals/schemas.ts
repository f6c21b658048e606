import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { DealCursorField } from "./admin-list";
import { TICKET_HEADER } from "./queue-reply";
import { idempotencyKeyHeader } from "../platform/idempotency-key";
import { LONGEST_DEAL_DAYS, LONGEST_DEAL_MS, STARTS_WITHIN_DAYS, STARTS_WITHIN_MS } from "./deal-length";

/** The request and response shapes of the deal routes; each feeds both validation and the OpenAPI document. */

const Rfc3339 = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T06:30:00Z" });

/** The longest admission session a waiting room gives a shopper, in minutes; the console's form allows the same. */
export const SESSION_MINUTES_MAX = 120;

const HOLD_SECONDS_MIN = 10;

/** The hold of a deal whose request names none, when the session is at least as long. */
const DEFAULT_HOLD_SECONDS = 600;

// The settings a deal can be created with and later adjusted to, with the same bounds either way.
const DealPrice = z.number().int().positive("must be more than 0").openapi({ description: "Paise; below the listing's price" });
const PerUserLimit = z.number().int().min(1).max(10);
const ActiveUsers = z.number().int().min(1).max(1_000_000);
const NewUsersPerMinute = z.number().int().min(1).max(1_000_000);
const SessionMinutes = z.number().int().min(1).max(SESSION_MINUTES_MAX);

/** `POST /api/admin/deals` body. */
export const CreateDealBody = z
  .object({
    listing_id: z.string().min(1).max(64),
    deal_price: DealPrice,
    units: z.number().int().min(1).max(1_000_000),
    starts_at: Rfc3339.openapi({ description: `Not in the past, and within ${STARTS_WITHIN_DAYS} days` }),
    ends_at: Rfc3339.openapi({
      description: `After starts_at, and at most ${LONGEST_DEAL_DAYS} days after it`,
    }),
    per_user_limit: PerUserLimit,
    hold_seconds: z
      .number()
      .int()
      .min(HOLD_SECONDS_MIN)
      .max(3_600)
      .optional()
      .openapi({
        description: `How long a unit held on the deal page waits for checkout: at most the waiting room's session, as a held unit is let go when the shopper's session ends (a longer hold is refused). Without it, ${DEFAULT_HOLD_SECONDS} seconds, or the whole session when that is shorter. A unit an order holds waits for its payment this long, or the checkout's payment window and a margin when that is longer, so a shopper who pays in time gets it.`,
      }),
    waiting_room: z
      .object({ active_users: ActiveUsers, new_users_per_minute: NewUsersPerMinute, session_minutes: SessionMinutes })
      .strict(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const starts = Date.parse(b.starts_at);
    const ends = Date.parse(b.ends_at);
    // A minute of slack for clock skew between the console and the edge.
    if (starts < Date.now() - 60_000) ctx.addIssue({ code: "custom", path: ["starts_at"], message: "must not be in the past" });
    else if (starts > Date.now() + STARTS_WITHIN_MS)
      ctx.addIssue({ code: "custom", path: ["starts_at"], message: `must be within ${STARTS_WITHIN_DAYS} days from now` });
    if (ends <= starts) ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be after starts_at" });
    if (ends - starts > LONGEST_DEAL_MS)
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: `a deal lasts at most ${LONGEST_DEAL_DAYS} days` });
    if (b.per_user_limit > b.units) ctx.addIssue({ code: "custom", path: ["per_user_limit"], message: "must not exceed units" });
    // A deal-page hold ends with the shopper's session whatever its own length (sku-gate-reserve),
    // so a longer hold would be cut short on every shopper, never lasting what the manager set.
    // (A hold shorter than the checkout's payment window is fine: it is the page's; an order's
    // hold is lengthened to the window so a shopper who pays in time is not refused the unit.)
    const longest = b.waiting_room.session_minutes * 60;
    if (b.hold_seconds !== undefined && b.hold_seconds > longest) {
      ctx.addIssue({
        code: "custom",
        path: ["hold_seconds"],
        message: `must be between ${HOLD_SECONDS_MIN} and ${longest} seconds: a held unit is let go when the shopper's ${b.waiting_room.session_minutes}-minute session ends`,
      });
    }
  })
  .transform((b) => ({ ...b, hold_seconds: b.hold_seconds ?? Math.min(DEFAULT_HOLD_SECONDS, b.waiting_room.session_minutes * 60) }))
  .openapi("CreateDeal");

/** The inferred create input. */
export type CreateDealInput = z.infer<typeof CreateDealBody>;

const BEFORE_OPEN = "Only while the deal is scheduled and has not opened: once shoppers have seen it live, it stays";

/**
 * `PATCH /api/admin/deals/{id}` body: the settings to change, at least one; those left out stay.
 * What the body alone can tell is checked here; what needs the deal (its status, its listing's
 * price, its hold time) is checked against it in adjust-rules.ts.
 */
export const AdjustDealBody = z
  .object({
    deal_price: DealPrice.optional().openapi({ description: `Paise; below the listing's price. ${BEFORE_OPEN}` }),
    starts_at: Rfc3339.optional().openapi({
      description: `In the future and before the end. ${BEFORE_OPEN}`,
    }),
    ends_at: Rfc3339.optional().openapi({
      description:
        "Later or earlier, but in the future and after the start; any time before the deal has ended. Ending it now is `POST /api/admin/deals/{id}/end`",
    }),
    per_user_limit: PerUserLimit.optional().openapi({ description: `At most the deal's units. ${BEFORE_OPEN}` }),
    waiting_room: z
      .object({
        active_users: ActiveUsers.optional().openapi({ description: "Takes effect at the waiting room's next admission step" }),
        new_users_per_minute: NewUsersPerMinute.optional().openapi({
          description: "Takes effect at the waiting room's next admission step",
        }),
        session_minutes: SessionMinutes.optional().openapi({
          description:
            "For shoppers admitted from now on; sessions under way keep the end they were given. Not shorter than the deal's hold time",
        }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const room = b.waiting_room;
    const named = [b.deal_price, b.starts_at, b.ends_at, b.per_user_limit, room].filter((v) => v !== undefined);
    if (named.length === 0) ctx.addIssue({ code: "custom", path: [], message: "name at least one setting to change" });
    if (room && Object.values(room).every((v) => v === undefined))
      ctx.addIssue({ code: "custom", path: ["waiting_room"], message: "name at least one waiting-room setting to change" });
    const now = Date.now();
    const starts = b.starts_at === undefined ? undefined : Date.parse(b.starts_at);
    const ends = b.ends_at === undefined ? undefined : Date.parse(b.ends_at);
    if (starts !== undefined && starts <= now) ctx.addIssue({ code: "custom", path: ["starts_at"], message: "must be in the future" });
    if (ends !== undefined && ends <= now)
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be in the future: to end the deal now, end it" });
    if (starts !== undefined && ends !== undefined && ends <= starts)
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be after starts_at" });
  })
  .openapi("AdjustDeal");

/** The inferred adjust input. */
export type AdjustDealInput = z.infer<typeof AdjustDealBody>;

/** A deal as the API returns it. */
export const DealSchema = z
  .object({
    id: z.string(),
    listing_id: z.string(),
    product_id: z.string(),
    deal_price: z
      .number()
      .int()
      .openapi({ description: "Paise a shopper pays: the deal's price, or the listing's if its seller has since lowered it below" }),
    currency: z.literal("INR"),
    units: z.number().int(),
    starts_at: z.string(),
    ends_at: z.string(),
    ended_at: z
      .string()
      .nullable()
      .openapi({
        description:
          "When the deal stopped selling: when it was ended (by its manager, by selling out, or by the minute cron at `ends_at`), " +
          "or `ends_at` once that has passed; null while it may still sell. Earlier than `ends_at` for a deal ended early",
      }),
    per_user_limit: z.number().int(),
    hold_seconds: z.number().int(),
    // sold_out: live, but every unit is sold (shown on the public list, from the gate's state).
    status: z.enum(["setting_up", "setup_failed", "scheduled", "live", "paused", "ended", "sold_out"]).openapi({
      description:
        "setting_up: created, its setup not finished yet. setup_failed: its setup failed after its units were set aside; it cannot open or sell. " +
        "Creating it again with the same Idempotency-Key within a few minutes finishes the setup; otherwise it is ended (as is ending it now) and its units go back to stock. " +
        "sold_out: live, but every unit is sold.",
    }),
    waiting_room: z.object({ active_users: z.number().int(), new_users_per_minute: z.number().int(), session_minutes: z.number().int() }),
  })
  .openapi("Deal");

/** A deal on the public list: with everything its card shows of its product, listing and seller. */
export const PublicDealSchema = DealSchema.extend({
  product_title: z.string().openapi({ description: "The title of the product on deal" }),
  product_brand: z.string().openapi({ description: "That product's brand" }),
  mrp: z.number().int().openapi({ description: "Paise: the listing's MRP, which shoppers see the deal's discount against" }),
  product_image: z
    .string()
    .nullable()
    .openapi({ description: "A same-site URL of the product's picture, as the product answers give `image`; null when it has none" }),
  seller_name: z.string().openapi({ description: "The name of the seller whose listing is on deal" }),
}).openapi("PublicDeal");

// Joins are counted where tickets are issued, not per shopper: the gate only ever learns counts.
const JOINED =
  "Joins to the waiting room: one per ticket issued while the deal could still sell. A shopper who joins again with their ticket is counted once; " +
  "one who starts over (a lapsed turn, a new browser) again";
const JOINED_BEFORE_OPEN = "Of `joined`, the joins before the deal opened";

/** A deal for its manager's dashboard: what it is on, and live figures from its SkuGate. */
export const DealFiguresSchema = DealSchema.extend({
  product_title: z.string().openapi({ description: "The title of the product on deal" }),
  seller_id: z.string().openapi({ description: "The seller whose listing is on deal" }),
  seller_name: z.string().openapi({ description: "That seller's name" }),
  listing_price: z.number().int().openapi({ description: "Paise: the listing's own price now, which `deal_price` never exceeds" }),
  mrp: z.number().int().openapi({ description: "Paise: the listing's MRP, which shoppers see the deal's discount against" }),
  figures: z.object({
    status: z.string().openapi({
      description:
        "The deal as its gate sees it: scheduled, live, paused, sold_out or ended (which it is once its end time passes). " +
        "paused_past_end: paused, and its end time passed before it was ended: it sells nothing, and ending it (as the minute cron will) returns its `remaining` units to stock. " +
        "past_end: the same for a deal that was scheduled or live when its end time passed.",
    }),
    sold: z.number().int(),
    reserved: z.number().int(),
    remaining: z.number().int(),
    returned: z.number().int(),
    waiting: z
      .number()
      .int()
      .openapi({
        description:
          "Estimated shoppers in the waiting room whose turn can still come. 0 once the deal is sold out or has ended: " +
          "everyone still in line is then told so and waits for nothing. While every unit left is only held, the line still counts, as a held unit may come back.",
      }),
    joined: z.number().int().openapi({ description: JOINED }),
    joined_before_open: z.number().int().openapi({ description: JOINED_BEFORE_OPEN }),
    admitted: z.number().int(),
    active: z.number().int().openapi({ description: "Admitted shoppers whose checkout session is open" }),
    admission_rate_per_minute: z.number().int(),
    sell_rate_per_minute: z.number().int(),
    journal_pending: z.number().int(),
  }),
}).openapi("DealFigures");

const count = (description: string) => z.number().int().openapi({ description });
const paise = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `Paise: ${description}` });

/**
 * How a deal did, for its manager's review. Sales are counted from the deal's orders: a unit is
 * sold when its order is confirmed (paid, or accepted for cash on delivery), at the time its order
 * was placed.
 */
export const DealResultsSchema = z
  .object({
    deal_id: z.string(),
    status: DealSchema.shape.status,
    final: z.boolean().openapi({
      description:
        "true once the deal has ended and every unit it held is sold or back in stock, as the ledger records; before that every figure is so far",
    }),
    units: z.object({
      allocated: count("Units carved out of stock for the deal"),
      sold: count("Units in confirmed orders"),
      cancelled: count("Of those, units whose order was cancelled after it was confirmed"),
      returned: count(
        "Of those, units refunded after delivery: sent back, or the whole line when ops refunded an order none of whose lines was asked back",
      ),
      net_sold: count("sold less cancelled and returned: what the deal sold and kept sold"),
      returned_to_stock: count(
        "Units the deal gave back to stock unsold when it ended (and unsold units of an ended deal's holds, as they lapse)",
      ),
      still_in_deal: count(
        "Units neither sold nor returned to stock in the ledger yet: unsold or held while the deal runs, and sales on their way from the gate",
      ),
    }),
    orders: z.object({
      placed: count("Orders with a line on the deal"),
      paid: count("Of those, orders confirmed"),
      cancelled: count("Orders cancelled, before or after they were confirmed"),
      returned: count("Confirmed, uncancelled orders refunded after delivery"),
    }),
    revenue: z.object({
      gross: paise("confirmed deal lines at the price paid"),
      refunded: paise("money given back: lines cancelled after their money was taken, and units returned, at the price paid"),
      cancelled_unpaid: paise(
        "confirmed lines cancelled before any money was taken (cash on delivery not yet collected), at the deal price: nothing to refund",
      ),
      net: paise("gross less refunded and less cancelled_unpaid"),
      discount: paise("what the units kept sold gave away: the listing's own price when each order was placed, less the price paid"),
      discount_unrecorded_units: count(
        "Units kept sold from orders placed before the listing's price was recorded with each order; `discount` leaves them out",
      ),
    }),
    timing: z.object({
      opened_at: z.string().nullable().openapi({ description: "The deal's start time, once it has come; null for a deal ended before it" }),
      first_sale_at: z.string().nullable().openapi({ description: "When the first confirmed order was placed" }),
      sold_out_at: z
        .string()
        .nullable()
        .openapi({ description: "When the order that took the last unit was placed; null unless every unit sold" }),
      sell_out_seconds: z.number().int().nullable().openapi({ description: "Seconds from opened_at to sold_out_at" }),
      ended_at: z
        .string()
        .nullable()
        .openapi({ description: "When the deal stopped selling: when it was ended, or its end time if ended after it; null until ended" }),
      peak_minute: z
        .object({ starts_at: z.string(), units: z.number().int() })
        .nullable()
        .openapi({ description: "The minute since opening in which confirmed orders took the most units" }),
      first_minutes: z.array(z.number().int()).openapi({
        description: "Units sold in each of the first 30 minutes after opening, by when their orders were placed",
      }),
    }),
    shoppers: z.object({
      joined: z
        .number()
        .int()
        .nullable()
        .openapi({ description: `${JOINED}; null when the deal's gate could not be asked` }),
      joined_before_open: z
        .number()
        .int()
        .nullable()
        .openapi({ description: `${JOINED_BEFORE_OPEN}; null when the deal's gate could not be asked` }),
      admitted: z.number().int().nullable().openapi({
        description: "Shoppers the waiting room let in, as the deal's gate counts them; null when the gate could not be asked",
      }),
      ordered: count("Shoppers who placed an order on the deal, which held its units at checkout"),
      paid: count("Of those, shoppers with a confirmed order"),
    }),
  })
  .openapi("DealResults");

/** Query of `GET /api/admin/deals`: every deal, ended ones included, latest start first. */
export const AdminDealsQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Deals per page, at most 100" }),
    cursor: DealCursorField.optional(),
  })
  .strict();

/** One page of the admin deal list; `next_cursor` is null on the last page. */
export const AdminDealPage = z
  .object({
    items: z.array(
      DealSchema.extend({
        product_title: z.string().openapi({ description: "The title of the product on deal" }),
        seller_name: z.string().openapi({ description: "The name of the seller whose listing is on deal" }),
        remaining: z
          .number()
          .int()
          .nullable()
          .openapi({
            description:
              "Units neither sold nor held. A live or paused deal's come from its gate, read at most once a second per deal however often the list is read " +
              "(`status` is then `sold_out` when every unit is sold); a scheduled deal has all its `units`. " +
              "null when its gate could not be asked, and for a deal setting up, whose setup failed, or ended, which is not asked: " +
              "an ended deal's unsold units went back to stock, and `sold` and `returned` say what became of its units",
          }),
        sold: z
          .number()
          .int()
          .nullable()
          .openapi({
            description:
              "Units the deal sold, as its gate counted them: recorded when the deal ended and again, final, once units still held at the end were sold or returned. " +
              "null until the deal is ended (one past its end time is shown `ended` a moment before the minute cron ends it). " +
              "Its results (`GET /api/admin/deals/{id}/results`) count its orders, cancellations and money",
          }),
        returned: z.number().int().nullable().openapi({
          description:
            "Units the deal gave back to stock when it ended, and later from holds that ran out; recorded as `sold` is, and null when it is",
        }),
      }).openapi("AdminDeal"),
    ),
    next_cursor: z.string().nullable(),
  })
  .openapi("AdminDealPage");

/** `{id}` path parameter. */
export const DealIdParam = z.object({ id: z.string().min(1).max(64) });

/** The `Idempotency-Key` header a deal creation must carry. */
export const IdempotencyHeader = z.object({
  "idempotency-key": idempotencyKeyHeader(
    "Required, and each manager's own. A retry by the same manager with the same key returns the first deal.",
  ),
});

/** A waiting-room answer. */
export const QueueStatusSchema = z
  .object({
    ticket: z.string(),
    status: z.enum(["waiting", "admitted", "expired", "sold_out", "ended"]).openapi({
      description: "expired: the shopper was admitted and the session has ended; joining again without the ticket starts a new place",
    }),
    position: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Shoppers ahead; null before the start, when places in line are drawn at random" }),
    eta_seconds: z.number().int().nullable().openapi({ description: "Estimated wait; null before the start" }),
    all_held: z.boolean().openapi({
      description:
        "True while the deal is live and every unit not sold is held by shoppers checking out: nobody more is let in until " +
        "one is released or its hold runs out, so the wait may be longer than estimated",
    }),
    paused: z.boolean(),
    starts_at: z.string(),
    admission_token: z.string().optional(),
    admission_expires_at: z.string().optional(),
  })
  .openapi("QueueStatus");

// A signed ticket is far shorter; the header and the query parameter carry the same thing.
const TICKET_MAX = 1024;
const TicketField = z.string().max(TICKET_MAX);

/**
 * The ticket on a join or poll, in its header: the router validates it and the edge's fast paths
 * (hot-join.ts, hot-poll.ts) leave to the router any the router would refuse.
 */
export const TicketHeader = z.object({
  [TICKET_HEADER]: TicketField.optional().openapi({
    description: "The waiting-room ticket a join answered with; read before the `ticket` query parameter when both are sent",
  }),
});

/**
 * Whether the router takes this ticket header (or none): what the edge's fast paths check before
 * answering. `TicketField`'s one rule, checked by hand because the herd's every poll passes here.
 */
export const ticketHeaderValid = (ticket: string | null) => ticket === null || ticket.length <= TICKET_MAX;

/** The ticket on a join or poll as the `ticket` query parameter, for clients that cannot set a header. */
export const TicketQuery = z
  .object({
    ticket: TicketField.optional().openapi({ description: `The waiting-room ticket, when it is not sent in the ${TICKET_HEADER} header` }),
  })
  .strict();

/** `POST /api/deals/{id}/hold` body. */
export const HoldBody = z
  .object({ admission_token: z.string().min(1).max(1024), qty: z.number().int().min(1).max(10).default(1) })
  .strict()
  .openapi("DealHold");

/** A hold on deal units. */
export const HoldSchema = z
  .object({ reservation_id: z.string(), deal_id: z.string(), qty: z.number().int(), expires_at: z.string() })
  .openapi("DealHoldResult");

/** `GET /api/deals/{id}/hold` query: the admission the hold was taken with. */
export const HoldQuery = z
  .object({
    admission_token: z
      .string()
      .min(1)
      .max(1024)
      // A signed token is two base64url parts; anything else cannot be one, whoever it was issued to.
      .regex(/^[\w-]+\.[\w-]+$/, "must be an admission token from the deal's waiting room"),
  })
  .strict();

/** A shopper's hold on deal units as it stands. */
export const HoldStateSchema = HoldSchema.extend({
  status: z.enum(["held", "claimed", "committed", "released", "expired"]).openapi({
    description:
      "held: the units are kept for the shopper until `expires_at`. claimed: a checkout took the hold over for its order " +
      "(the hold id is free for the shopper's next purchase). committed: sold. released: given back. expired: its time ran out " +
      "(`expires_at` is when), and the units went back to the deal.",
  }),
  expires_at: z.string().openapi({
    description:
      "When a held hold runs out (RFC 3339); for a settled one, the expiry it had. While the deal is paused, as if it resumed now.",
  }),
  paused: z.boolean().openapi({
    description:
      "Whether the deal is paused: a held hold's time does not run until the deal resumes, so `expires_at` moves on with the clock",
  }),
  order_status: z
    .enum(["held", "committed", "released", "expired"])
    .nullable()
    .openapi({
      description:
        "For a claimed hold, where the latest order that took it over stands: held (awaiting payment), committed (paid), " +
        "released or expired (the order was not paid, and its units went back); null otherwise",
    }),
  more_allowed: z.number().int().nullable().openapi({
    description: "For a claimed hold, how many more units the shopper may buy under the deal's limit per shopper; null otherwise",
  }),
  over_limit: z.boolean().openapi({
    description:
      "For a held hold taken as a guest and read signed in: true when the account already holds or bought the deal's limit " +
      "per shopper, so checkout would refuse the hold (`per_user_limit`); it is given back when its time runs out",
  }),
  turn_ends_at: z.string().openapi({
    description:
      "When the admission's turn from the waiting room ends (RFC 3339). No hold outlasts it, and checkout refuses the admission " +
      "after it: a hold whose `expires_at` is this time runs out with the turn, and the shopper joins the waiting room again",
  }),
}).openapi("DealHoldState");

/** A signed-in shopper's own units of a deal against its limit per shopper. */
export const BoughtSchema = z
  .object({
    deal_id: z.string(),
    per_user_limit: z.number().int().openapi({ description: "The most units one shopper may buy of the deal" }),
    bought: z.number().int().openapi({
      description:
        "Units of the deal in the shopper's orders that were not cancelled, paid or awaiting payment (a unit held at a checkout not yet placed is not counted)",
    }),
    more_allowed: z.number().int().openapi({ description: "How many more units the shopper may buy; 0 once they have the limit" }),
  })
  .openapi("DealBought");
