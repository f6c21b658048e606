import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { FieldError } from "./field-error";
import { day } from "./format";
import { CsrfField } from "./layout";
import { signInFirst } from "./review-action";

/**
 * A shopper's page for reporting what someone else wrote (a review, a seller's answer) to ops:
 * the item, and the reasons to choose from, or when and why they reported it already. Personal
 * (it carries the session's CSRF token); a guest is asked to sign in first. Works without scripts:
 * the form posts, then redirects.
 */
export interface ReportPage<Item, Reason extends string> {
  /** What is reported, as the page words it: "review", "answer". */
  noun: string;
  /** The page's path for an item, and its report in the API. */
  path: (id: string) => string;
  api: (id: string) => string;
  reasons: readonly Reason[];
  /** Each reason in a shopper's words, in the order offered. */
  words: Record<Reason, string>;
  /** The item for the page, or the refusal page when it cannot be read. */
  read: (c: Context<AppEnv>, fetchApi: ApiFetch, id: string, title: string) => Promise<Item | Response>;
  /** The page around the form: its heading, the item and the way back. */
  frame: (props: {
    c: Context<AppEnv>;
    title: string;
    heading: string;
    item: Item;
    message?: string | undefined;
    children: Child;
  }) => HtmlEscapedString | Promise<HtmlEscapedString>;
}

async function renderReportPage<Item, Reason extends string>(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  spec: ReportPage<Item, Reason>,
  id: string,
  state: { done?: boolean; message?: string; error?: string; chosen?: string } = {},
) {
  const title = `Report ${/^[aeiou]/.test(spec.noun) ? "an" : "a"} ${spec.noun}`;
  const [item, mine] = await Promise.all([
    spec.read(c, fetchApi, id, title),
    callApi<{ report: { reason: Reason; reported_at: string } | null }>(c, fetchApi, spec.api(id)),
  ]);
  if (item instanceof Response) return item;
  // Reported already (and not yet dealt with): say so rather than offer the form again.
  const sent = mine.ok ? mine.data.report : null;
  // The shopper's own: the API's words for why, in place of a form that could only be refused.
  const own = !mine.ok && mine.problem.status === 403 ? (mine.problem.detail ?? problemMessage(mine.problem)) : null;
  const heading = state.done
    ? `Thank you for reporting this ${spec.noun}`
    : sent
      ? `You reported this ${spec.noun}`
      : own
        ? `This ${spec.noun} is yours`
        : title;
  return c.html(
    spec.frame({
      c,
      title,
      heading,
      item,
      message: state.message,
      children: own ? (
        <p role="status" data-own-item>
          {own}
        </p>
      ) : sent ? (
        <p role="status">
          You reported it on {day(sent.reported_at)} as "{spec.words[sent.reason]}". Our team will read it and remove it if it breaks the
          store's guidelines. It stays up until then.
        </p>
      ) : (
        <form method="post" action={spec.path(id)} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <fieldset aria-describedby={state.error ? "reason-err" : undefined}>
            <legend>What is wrong with it?</legend>
            {spec.reasons.map((reason) => (
              <label class="check">
                <input type="radio" name="reason" value={reason} required checked={state.chosen === reason} /> {spec.words[reason]}
              </label>
            ))}
            <FieldError field="reason" message={state.error} />
          </fieldset>
          <button type="submit" class="primary">
            Report it
          </button>
        </form>
      ),
    }),
  );
}

/** Registers an item's report page at `spec.path` and its form. */
export function registerReportPage<Item, Reason extends string>(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  route: string,
  spec: ReportPage<Item, Reason>,
): void {
  app.get(route, async (c) => {
    const id = c.req.param("id") ?? "";
    if (!c.var.user) return signInFirst(c, spec.path(id));
    return renderReportPage(c, fetchApi, spec, id, { done: c.req.query("done") === "reported" });
  });

  app.post(route, async (c) => {
    const id = c.req.param("id") ?? "";
    if (!c.var.user) return signInFirst(c, spec.path(id));
    const form = await c.req.parseBody();
    const reason = form.reason;
    if (typeof reason !== "string" || !spec.reasons.includes(reason as Reason)) {
      c.status(400);
      return renderReportPage(c, fetchApi, spec, id, {
        error: `Choose what is wrong with the ${spec.noun}.`,
        message: "Please choose a reason.",
      });
    }
    const res = await callApi(c, fetchApi, spec.api(id), { method: "PUT", body: { reason } });
    if (res.ok) return c.redirect(`${spec.path(id)}?done=reported`, 303);
    answerProblem(c, res.problem);
    // The API's own words for the refusal it explains: the item is the shopper's own.
    const own = res.problem.status === 403 && res.problem.detail;
    return renderReportPage(c, fetchApi, spec, id, { chosen: reason, message: own || problemMessage(res.problem) });
  });
}
