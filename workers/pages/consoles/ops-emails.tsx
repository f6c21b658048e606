import type { Context, Hono } from "hono";
import type { OpsMessage } from "../../notifications/ops-messages";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { whenIst } from "../format";
import { Layout } from "../layout";
import { type Page, PageLinks, cursorParam, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { ResendButton, deliveryWords, kindWords, resentWords } from "./message-delivery";
import { OpsNav } from "./ops-nav";
import { registerResendWindowForm, requeuedWords, ResendWindowForm, type WindowFormState } from "./resend-window-form";

const LIST = "/ops/emails";

function GivenUpTable(props: { items: OpsMessage[]; csrf: string | null }) {
  if (props.items.length === 0) return <p data-no-given-up>No mails given up.</p>;
  return (
    <TableScroll label="Emails given up">
      <table class="data" data-given-up>
        <ColumnHeads columns={["Recorded", "Given up", "Message", "To", "Subject", "Order", "Why", "Action"]} />
        <tbody>
          {props.items.map((m) => (
            <tr data-message={m.id}>
              <td class="words">
                <time datetime={m.created_at}>{whenIst(m.created_at)}</time>
              </td>
              <td class="words">{m.given_up_at ? <time datetime={m.given_up_at}>{whenIst(m.given_up_at)}</time> : "—"}</td>
              <td class="words">{kindWords(m.kind)}</td>
              <td class="words">{m.to ?? "Account gone"}</td>
              <td class="words">{m.subject}</td>
              <td class="ref">{m.order_id ? <a href={`/ops/orders/${encodeURIComponent(m.order_id)}`}>{m.order_id}</a> : "—"}</td>
              <td class="words">{deliveryWords(m)}</td>
              <td>
                <ResendButton message={m} csrf={props.csrf} back={{ to: "emails" }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The mails given up, newest first, each with its order and a Send again button, under the form
 * that sends all of a window again; `error` says why a Send again asked for here was refused and
 * `window` what the form was refused for, else the `done` query says what the last press did.
 */
export async function renderGivenUpEmails(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  shown: { error?: string; window?: WindowFormState } = {},
) {
  const { error } = shown;
  const cursor = cursorParam(c.req.query("cursor"));
  const res = await callApi<Page<OpsMessage>>(c, fetchApi, withQuery("/api/admin/notifications", { state: "failed", cursor }));
  if (!res.ok) answerProblem(c, res.problem);
  const next = res.ok && res.data.next_cursor ? withQuery(LIST, { state: "failed", cursor: res.data.next_cursor }) : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Emails given up">
      <h1>Emails given up</h1>
      <OpsNav current="/ops/overview" />
      <Flash
        error={error ?? (res.ok ? undefined : problemMessage(res.problem))}
        ok={error || shown.window ? undefined : (resentWords(c.req.query("done")) ?? requeuedWords(c))}
      />
      <p class="muted">
        Mails the store stopped trying to send: too many failed sends (a mail provider outage of more than an hour gives up every mail in
        it), or a recipient whose account is gone. Send again sends one now.
      </p>
      {(shown.window || (res.ok && res.data.items.length > 0)) && <ResendWindowForm c={c} csrf={c.var.csrfToken} state={shown.window} />}
      {res.ok && <GivenUpTable items={res.data.items} csrf={c.var.csrfToken} />}
      <PageLinks next={next} first={cursor ? withQuery(LIST, { state: "failed" }) : null} label="Older mails" />
    </Layout>,
  );
}

/** Registers the list of given-up mails the ops overview's figure links to, and the post of its Send all given up again form. */
export function registerOpsEmails(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(LIST, (c) => consoleGuard(c, "ops") ?? renderGivenUpEmails(c, fetchApi));
  registerResendWindowForm(app, fetchApi, (c, shown) => renderGivenUpEmails(c, fetchApi, shown));
}
