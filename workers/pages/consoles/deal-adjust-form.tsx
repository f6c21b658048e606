import { z } from "zod";
import { SESSION_MINUTES_MAX } from "../../deals/schemas";
import { Field, firstErrorPerField } from "../field-error";
import { CsrfField } from "../layout";
import { localTime, whole } from "./deal-form";
import type { DashboardDeal } from "./deal-terms";
import { rupeesField } from "./guard";

/**
 * The dashboard's Adjust form: the waiting room's numbers and the end while the deal has not
 * ended, and before it opens its price, start and per-shopper limit too, in the units the create
 * form uses (rupees, IST, minutes). It carries the values it was drawn with (`was_*`), so only
 * what the manager changed is sent: a form left open must not put back a setting changed since,
 * nor ask to change a price that the deal's opening has fixed when the manager did not touch it.
 */

/** The statuses (as the dashboard shows them) a deal's settings can change in; console.js hides the form in others. */
const ADJUSTABLE = ["scheduled", "live", "paused", "sold_out"] as const;

/** Whether the dashboard's status is one in which only a deal not open yet is: its price, start and limit may change. */
const beforeOpen = (status: string | undefined) => status === "scheduled";

const ROOM = [
  { name: "active_users", label: "Shoppers shopping at once", min: "1" },
  { name: "new_users_per_minute", label: "New shoppers let in per minute", min: "1" },
  { name: "session_minutes", label: "Minutes an admitted shopper has to buy (for shoppers let in from now on)", min: "1" },
] as const;

const BEFORE_OPEN = [
  { name: "deal_price", label: "Deal price (₹)" },
  { name: "starts_at", label: "Starts (IST)", type: "datetime-local" },
  { name: "per_user_limit", label: "Limit per shopper", type: "number", min: "1" },
] as const;

/** The form's fields, each named as the create form names it. */
export type AdjustField = (typeof ROOM)[number]["name"] | (typeof BEFORE_OPEN)[number]["name"] | "ends_at";

const FIELD_NAMES: readonly AdjustField[] = [...ROOM.map((f) => f.name), "ends_at", ...BEFORE_OPEN.map((f) => f.name)];
const isField = (name: string): name is AdjustField => FIELD_NAMES.includes(name as AdjustField);

/** A setting as typed and as the form was drawn with it; the drawn one is optional, for a form drawn before it was shown. */
const both = <T extends z.ZodType>(name: string, field: T) => ({
  [name]: field.optional(),
  [`was_${name}`]: field.optional().catch(undefined),
});

/** The Adjust form as posted. */
export const AdjustDealForm = z.object({
  ...both("active_users", whole(1, 1_000_000)),
  ...both("new_users_per_minute", whole(1, 1_000_000)),
  ...both("session_minutes", whole(1, SESSION_MINUTES_MAX)),
  ...both("ends_at", localTime),
  ...both("deal_price", rupeesField("Enter the deal price in rupees")),
  ...both("starts_at", localTime),
  ...both("per_user_limit", whole(1, 10)),
});

type Posted = Record<string, unknown>;

/** What the Adjust form changed, as the body of `PATCH /api/admin/deals/{id}`; empty when nothing was. */
export function adjustChanges(form: Posted): Record<string, unknown> {
  const changed = (name: string) => form[name] !== undefined && form[name] !== form[`was_${name}`];
  const pick = (names: readonly string[]) => Object.fromEntries(names.filter(changed).map((n) => [n, form[n]]));
  const room = pick(ROOM.map((f) => f.name));
  return {
    ...pick(["deal_price", "starts_at", "ends_at", "per_user_limit"]),
    ...(Object.keys(room).length > 0 ? { waiting_room: room } : {}),
  };
}

/** The form's own validation failures, one message per field. */
export function adjustFormErrors(error: z.ZodError): AdjustFormState["errors"] {
  return firstErrorPerField(error.issues, isField);
}

/** The Adjust form drawn again after a refusal: the manager's input and a message per failing field. */
export interface AdjustFormState {
  values?: Record<string, string>;
  errors?: Partial<Record<AdjustField, string>>;
}

/** The fields as typed, so a refused form comes back as the manager left it; the drawn values stay as they were. */
export function typedAdjustValues(body: Posted): Record<string, string> {
  const names = FIELD_NAMES.flatMap((n) => [n, `was_${n}`]);
  return Object.fromEntries(names.flatMap((n) => (typeof body[n] === "string" ? [[n, body[n] as string]] : [])));
}

/** An RFC 3339 time as a datetime-local value in IST (no daylight saving: a fixed +05:30), to the second. */
export function istInput(iso: string): string {
  return new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 19);
}

/** The deal's settings as the form shows them. */
function drawnValues(d: DashboardDeal): Record<AdjustField, string> {
  return {
    active_users: String(d.waiting_room.active_users),
    new_users_per_minute: String(d.waiting_room.new_users_per_minute),
    session_minutes: String(d.waiting_room.session_minutes),
    ends_at: istInput(d.ends_at),
    deal_price: (d.deal_price / 100).toFixed(2),
    starts_at: istInput(d.starts_at),
    per_user_limit: String(d.per_user_limit),
  };
}

/**
 * The Adjust form, pre-filled with the deal's settings (or, after a refusal, what was typed). Its
 * price, start and limit are drawn only while the deal has not opened.
 */
export function AdjustDealFormView(props: {
  deal: DashboardDeal;
  status: string | undefined;
  csrf: string | null | undefined;
  state?: AdjustFormState | undefined;
}) {
  const { deal, status, state } = props;
  if (status === undefined || !(ADJUSTABLE as readonly string[]).includes(status)) return null;
  const drawn = drawnValues(deal);
  const value = (name: AdjustField) => state?.values?.[name] ?? drawn[name];
  const was = (name: AdjustField) => state?.values?.[`was_${name}`] ?? drawn[name];
  const shown: AdjustField[] = [...ROOM.map((f) => f.name), "ends_at", ...(beforeOpen(status) ? BEFORE_OPEN.map((f) => f.name) : [])];
  return (
    <section class="panel" aria-labelledby="adjust-deal-h">
      <h2 id="adjust-deal-h">Adjust</h2>
      <form
        method="post"
        action={`/deals-console/${encodeURIComponent(deal.id)}/adjust`}
        class="stack"
        data-deal-adjust
        data-applies-to={ADJUSTABLE.join(" ")}
      >
        <CsrfField token={props.csrf} />
        {/* What the form showed: the page sends only the settings changed from these. */}
        {shown.map((name) => (
          <input type="hidden" name={`was_${name}`} value={was(name)} />
        ))}
        <fieldset>
          <legend>Waiting room</legend>
          {ROOM.map((f) => (
            <Field label={f.label} name={f.name} value={value(f.name)} error={state?.errors?.[f.name]} type="number" min={f.min} />
          ))}
        </fieldset>
        <Field label="Ends (IST)" name="ends_at" value={value("ends_at")} error={state?.errors?.ends_at} type="datetime-local" step="1" />
        {beforeOpen(status) && (
          <fieldset>
            <legend>Before it opens</legend>
            {BEFORE_OPEN.map((f) => (
              <Field
                label={f.label}
                name={f.name}
                value={value(f.name)}
                error={state?.errors?.[f.name]}
                type={"type" in f ? f.type : undefined}
                min={"min" in f ? f.min : undefined}
                step={f.name === "starts_at" ? "1" : undefined}
              />
            ))}
          </fieldset>
        )}
        <button type="submit">Save changes</button>
      </form>
    </section>
  );
}
