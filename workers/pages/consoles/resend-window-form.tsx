import type { Context, Hono } from "hono";
import { z } from "zod";
import { RESEND_BATCH } from "../../notifications/resend";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { Field, firstErrorPerField } from "../field-error";
import { countWords } from "../format";
import { CsrfField } from "../layout";
import { istInput } from "./deal-adjust-form";
import { localTime } from "./deal-form";
import { consoleGuard } from "./guard";

/**
 * The given-up mails list's "Send all given up again" form: every mail given up within a window
 * (a mail provider outage) goes back to waiting, and the minute cron sends them. The window is
 * typed in IST, as the consoles' other times are; its end left empty is now.
 */

const ACTION = "/ops/emails/resend-given-up";

const FIELDS = ["given_up_after", "given_up_before"] as const;
type WindowField = (typeof FIELDS)[number];
const isField = (name: string): name is WindowField => (FIELDS as readonly string[]).includes(name);

/** The form as posted: the window's start, and its end or nothing for now. */
const WindowForm = z.object({
  given_up_after: localTime,
  given_up_before: z.preprocess((v) => (v === "" ? undefined : v), localTime.optional()),
});

/** The form drawn again after a refusal: what was typed and a message per failing field. */
export interface WindowFormState {
  values: Partial<Record<WindowField, string>>;
  errors: Partial<Record<WindowField, string>>;
}

const LOCAL_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * The window the form starts with: the one last pressed (carried back on the redirect, so a window
 * with more to send is pressed again as it was), else the last 24 hours to now.
 */
function startingValues(c: Context<AppEnv>): Record<WindowField, string> {
  const after = c.req.query("after");
  const before = c.req.query("before");
  if (after && LOCAL_VALUE.test(after)) return { given_up_after: after, given_up_before: before && LOCAL_VALUE.test(before) ? before : "" };
  const dayAgo = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
  return { given_up_after: istInput(new Date(dayAgo).toISOString()).slice(0, 16), given_up_before: "" };
}

/** The form, above the list of given-up mails. */
export function ResendWindowForm(props: { c: Context<AppEnv>; csrf: string | null; state?: WindowFormState | undefined }) {
  const start = startingValues(props.c);
  const value = (name: WindowField) => props.state?.values[name] ?? start[name];
  return (
    <section class="panel" aria-labelledby="resend-window-h" data-resend-window>
      <h2 id="resend-window-h">Send all given up again</h2>
      <p class="muted" id="resend-window-hint">
        After a mail provider outage: every mail given up between these times goes back to waiting and is sent within minutes (mails its
        recipient turned off stay unsent). Up to {RESEND_BATCH.toLocaleString("en-IN")} a press; the page says when there are more.
      </p>
      <form method="post" action={ACTION} class="stack">
        <CsrfField token={props.csrf} />
        <Field
          label="Given up from (IST)"
          name="given_up_after"
          value={value("given_up_after")}
          error={props.state?.errors.given_up_after}
          type="datetime-local"
          step="1"
          hintId="resend-window-hint"
        />
        <Field
          label="Until (IST; empty for now)"
          name="given_up_before"
          value={value("given_up_before")}
          error={props.state?.errors.given_up_before}
          type="datetime-local"
          step="1"
          required={false}
        />
        <button type="submit">Send all given up again</button>
      </form>
    </section>
  );
}

/** What the list says after a press, from the redirect's query: how many were queued, and whether the window holds more. */
export function requeuedWords(c: Context<AppEnv>): string | undefined {
  if (c.req.query("done") !== "requeued") return undefined;
  const moved = Number(c.req.query("moved") ?? 0);
  if (!Number.isSafeInteger(moved) || moved <= 0) return "No mails were given up in that window: nothing was queued again.";
  const queued = `Queued again: ${countWords(moved, "mail", "mails")}, sent within a few minutes.`;
  return c.req.query("more") === "1"
    ? `${queued} The window holds more given-up mails: press Send all given up again for the next ones.`
    : queued;
}

interface Resent {
  moved: number;
  more: boolean;
}

/**
 * Registers the form's post: it asks the API to move the window's given-up mails back to waiting
 * and comes back to the list saying how many (post, then redirect), or draws the list again with
 * a message beside each field the form or the API refused.
 */
export function registerResendWindowForm(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  renderBack: (c: Context<AppEnv>, shown: { error?: string; window?: WindowFormState }) => Response | Promise<Response>,
): void {
  app.post(ACTION, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const values = Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === "string" ? body[f] : ""])) as Record<WindowField, string>;
    const parsed = WindowForm.safeParse(values);
    if (!parsed.success) {
      c.status(400);
      return renderBack(c, { window: { values, errors: firstErrorPerField(parsed.error.issues, isField) } });
    }
    const res = await callApi<Resent>(c, fetchApi, "/api/admin/notifications/resend-given-up", {
      method: "POST",
      body: {
        given_up_after: parsed.data.given_up_after,
        ...(parsed.data.given_up_before ? { given_up_before: parsed.data.given_up_before } : {}),
      },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors = firstErrorPerField(
        (res.problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message })),
        isField,
      );
      return Object.keys(errors).length > 0
        ? renderBack(c, { window: { values, errors } })
        : renderBack(c, { error: problemMessage(res.problem), window: { values, errors } });
    }
    const back = new URLSearchParams({ state: "failed", done: "requeued", moved: String(res.data.moved) });
    if (res.data.more) back.set("more", "1");
    back.set("after", values.given_up_after);
    if (values.given_up_before) back.set("before", values.given_up_before);
    return c.redirect(`/ops/emails?${back}`, 303);
  });
}
