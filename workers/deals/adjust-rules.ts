import { AppError, type FieldError } from "../platform/errors";
import { money } from "../pages/format";
import { LONGEST_DEAL_DAYS, LONGEST_DEAL_MS } from "./deal-length";
import type { DealRow } from "./deal-rows";
import type { GateAdjustRefusal, GateAdjustment } from "./gate-types";
import type { AdjustDealInput } from "./schemas";
import { when } from "../pages/format";
import { fieldsRefused } from "../platform/failed-fields";
import { listInWords } from "../platform/list-in-words";

/**
 * What a deal manager may change of a deal, and when: the waiting room's numbers and the end any
 * time before the deal has ended; the price, the start and the per-shopper limit only before it
 * opens, as shoppers may have seen or bought under them since. Plain functions over the deal row,
 * so the rules can be read and tested without a request; the deal's gate checks the same timing
 * against its own clock (durable-objects/sku-gate-adjust.ts).
 */

/** The settings of a deal row an adjustment can change, as the row keeps them. */
export type DealSettings = Pick<
  DealRow,
  "dealPrice" | "startsAt" | "endsAt" | "perUserLimit" | "activeUsers" | "newUsersPerMinute" | "sessionMinutes"
>;

/** An adjustment checked against the deal: the row's settings after it, and what the gate is asked to change. */
export interface Adjustment {
  settings: DealSettings;
  gate: GateAdjustment;
  /** Whether it changes a setting only a deal not open yet may change. */
  beforeOpen: boolean;
  /** Whether the window moves, so no other deal on the listing may cover the new one. */
  windowMoves: boolean;
  /** Whether the product page shows something it changes (the price, the start or the end). */
  pageChanges: boolean;
}

// Why each setting stays once the deal has opened, for a manager to read beside the field.
const OPENED_BECAUSE = {
  deal_price: "shoppers have already seen this price",
  starts_at: "it has already opened",
  per_user_limit: "shoppers have already bought under this limit",
} as const;

type BeforeOpenField = keyof typeof OPENED_BECAUSE;

// Each such setting as the refusal's detail names it: the console shows that detail to the manager.
const SETTING_WORDS: Record<BeforeOpenField, string> = { deal_price: "price", starts_at: "start", per_user_limit: "per-shopper limit" };

/** The settings in words, as a list: "price", "price and start", "price, start and per-shopper limit". */
function settingsInWords(fields: BeforeOpenField[]): string {
  return listInWords(fields.map((f) => SETTING_WORDS[f]));
}

/** The fields of `input` that only a deal not open yet may change. */
function beforeOpenFields(input: AdjustDealInput): BeforeOpenField[] {
  return (["deal_price", "starts_at", "per_user_limit"] as const).filter((f) => input[f] !== undefined);
}

/** Whether the deal has not opened: scheduled, and its start still ahead. */
export function notOpenYet(deal: DealRow, now: number): boolean {
  return deal.status === "scheduled" && Date.parse(deal.startsAt) > now;
}

/**
 * The refusal (409) for a deal whose settings can no longer change at all: ended, being set up, or
 * past its end time (ending it is what is left); null when they can.
 */
function closedProblem(deal: DealRow, now: number): AppError | null {
  if (deal.status === "ended") return new AppError("illegal_transition", "This deal has ended, so its settings cannot change.");
  if (deal.status === "setting_up")
    return new AppError("illegal_transition", "This deal is not set up, so its settings cannot change. End it or finish its setup.");
  if (Date.parse(deal.endsAt) <= now)
    return new AppError(
      "illegal_transition",
      "This deal's end time has passed, so its settings cannot change: end it to return its units.",
    );
  return null;
}

/** The refusal (409) naming each setting asked for that the deal, opened or paused, can no longer change. */
export function lockedFieldsProblem(deal: DealRow, fields: BeforeOpenField[], now: number): AppError {
  const opened = Date.parse(deal.startsAt) <= now;
  const state = deal.status === "paused" ? "paused" : "live";
  const errors: FieldError[] = fields.map((f) => ({
    path: f,
    message: opened ? `the deal is ${state}: ${OPENED_BECAUSE[f]}` : "the deal is paused: resume it to change this before it opens",
  }));
  const what = settingsInWords(fields);
  return new AppError(
    "conflict",
    opened
      ? `This deal is ${state}, so its ${what} can no longer change: only its waiting room and end can.`
      : `This deal is paused, so its ${what} cannot change until it is resumed.`,
    { errors },
  );
}

/**
 * Checks `input` against the deal at `now` and says what it changes. Throws a 409 when the deal's
 * state refuses it (ended, past its end, or a setting that only a deal not open yet may change),
 * else a 400 listing every value that does not fit the deal.
 */
export function planAdjustment(deal: DealRow, input: AdjustDealInput, now = Date.now()): Adjustment {
  const closed = closedProblem(deal, now);
  if (closed) throw closed;
  const locked = beforeOpenFields(input);
  if (locked.length > 0 && !notOpenYet(deal, now)) throw lockedFieldsProblem(deal, locked, now);

  const room = input.waiting_room ?? {};
  const settings: DealSettings = {
    dealPrice: input.deal_price ?? deal.dealPrice,
    startsAt: input.starts_at === undefined ? deal.startsAt : new Date(input.starts_at).toISOString(),
    endsAt: input.ends_at === undefined ? deal.endsAt : new Date(input.ends_at).toISOString(),
    perUserLimit: input.per_user_limit ?? deal.perUserLimit,
    activeUsers: room.active_users ?? deal.activeUsers,
    newUsersPerMinute: room.new_users_per_minute ?? deal.newUsersPerMinute,
    sessionMinutes: room.session_minutes ?? deal.sessionMinutes,
  };
  const errors = valueErrors(deal, input, settings);
  if (errors.length > 0) {
    throw fieldsRefused(errors, "do not fit this deal");
  }
  const starts = Date.parse(settings.startsAt);
  const ends = Date.parse(settings.endsAt);
  const windowMoves = settings.startsAt !== deal.startsAt || settings.endsAt !== deal.endsAt;
  return {
    settings,
    gate: {
      beforeOpen: locked.length > 0,
      ...(input.starts_at === undefined ? {} : { startsAt: starts }),
      ...(input.ends_at === undefined ? {} : { endsAt: ends }),
      ...(input.per_user_limit === undefined ? {} : { perUserLimit: settings.perUserLimit }),
      ...(room.active_users === undefined ? {} : { activeUsers: settings.activeUsers }),
      ...(room.new_users_per_minute === undefined ? {} : { newUsersPerMinute: settings.newUsersPerMinute }),
      ...(room.session_minutes === undefined ? {} : { sessionMinutes: settings.sessionMinutes }),
    },
    beforeOpen: locked.length > 0,
    windowMoves,
    pageChanges: windowMoves || settings.dealPrice !== deal.dealPrice,
  };
}

/** The values of `input` that do not fit the deal once `settings` apply, each with what would. */
function valueErrors(deal: DealRow, input: AdjustDealInput, settings: DealSettings): FieldError[] {
  const errors: FieldError[] = [];
  if (input.deal_price !== undefined && input.deal_price >= deal.listingPrice)
    errors.push({ path: "deal_price", message: `must be below the listing's price of ${money(deal.listingPrice)}` });
  if (input.per_user_limit !== undefined && input.per_user_limit > deal.units)
    errors.push({ path: "per_user_limit", message: `must not exceed the deal's ${deal.units} units` });
  const session = input.waiting_room?.session_minutes;
  if (session !== undefined && session * 60 < deal.holdSeconds) {
    errors.push({
      path: "waiting_room.session_minutes",
      message: `must be at least ${Math.ceil(deal.holdSeconds / 60)} minutes: the deal holds a unit for ${holdWords(deal.holdSeconds)}, and a hold ends with the shopper's session`,
    });
  }
  const starts = Date.parse(settings.startsAt);
  const ends = Date.parse(settings.endsAt);
  // The field to blame is the one asked for; when both are, the end.
  const moved = input.ends_at !== undefined ? "ends_at" : "starts_at";
  if (ends <= starts) {
    errors.push(
      moved === "ends_at"
        ? { path: "ends_at", message: `must be after the start, ${when(settings.startsAt)} IST` }
        : { path: "starts_at", message: `must be before the end, ${when(settings.endsAt)} IST` },
    );
  } else if (ends - starts > LONGEST_DEAL_MS) {
    errors.push({ path: moved, message: `a deal lasts at most ${LONGEST_DEAL_DAYS} days` });
  }
  return errors;
}

/** The refusal for an adjustment the deal's gate refused by its own state and clock; nothing was changed. */
export function gateRefusalProblem(reason: GateAdjustRefusal, deal: DealRow, input: AdjustDealInput, now = Date.now()): AppError {
  switch (reason) {
    case "ended":
      return new AppError("illegal_transition", "This deal has ended, or its end time has passed, so its settings cannot change.");
    case "opened":
    case "paused": {
      const opened = { ...deal, status: reason === "opened" ? "live" : "paused" } as DealRow;
      return lockedFieldsProblem(
        reason === "opened" ? { ...opened, startsAt: new Date(now).toISOString() } : opened,
        beforeOpenFields(input),
        now,
      );
    }
    case "starts_too_soon":
      return new AppError("validation_failed", "The new start has passed.", {
        errors: [{ path: "starts_at", message: "must be in the future" }],
      });
    case "ends_too_soon":
      return new AppError("validation_failed", "The new end must come after now and after the start.", {
        errors: [{ path: "ends_at", message: "must be in the future and after starts_at" }],
      });
    case "session_under_hold":
      return new AppError("validation_failed", "A session may not be shorter than the deal's hold.", {
        errors: [{ path: "waiting_room.session_minutes", message: `must be at least ${Math.ceil(deal.holdSeconds / 60)} minutes` }],
      });
  }
}

/** A hold time in the minutes the deal form asks for, with any seconds over. */
function holdWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const m = minutes > 0 ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "";
  const s = rest > 0 ? `${rest} second${rest === 1 ? "" : "s"}` : "";
  return [m, s].filter(Boolean).join(" ");
}
