import type { Context, Hono } from "hono";
import { HELP_ANSWER_MAX, type HelpState, type OpsHelpRow } from "../../help/schemas";
import { helpTopicWords } from "../../help/topics";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { statusLabel, whenIst } from "../format";
import { Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import { OrderId } from "../../orders/schemas";
import { consoleGuard, Flash } from "./guard";
import { ANSWER_LENGTH_WORDS, type AnswerDraft, HelpAnswer } from "./help-answer";
import { renderOpsOrder } from "./ops-order";
import { OpsNav } from "./ops-nav";

/** Requests per page of the queue. */
const PAGE = 25;

const PATH = "/ops/help";

const stateOf = (asked: string | undefined): HelpState => (asked === "answered" ? "answered" : "open");

/** One request: whose order, what they asked, and the answer given or a form to give it. */
function HelpRow(props: { r: OpsHelpRow; csrf: string | null; cursor: string | undefined; draft?: AnswerDraft | undefined }) {
  const { r } = props;
  return (
    <article class="panel" data-help-request={r.id} aria-labelledby={`help-${r.id}`}>
      <h3 id={`help-${r.id}`}>{helpTopicWords(r.topic)}</h3>
      <p class="muted">
        <a href={`/ops/orders/${encodeURIComponent(r.order_id)}`}>{r.order_id}</a> ({statusLabel(r.order_status)}) · {r.shopper_name} (
        {r.shopper_email}) · asked {whenIst(r.asked_at)}
      </p>
      <blockquote class="words">{r.message}</blockquote>
      <HelpAnswer
        r={r}
        csrf={props.csrf}
        label={`Send answer to ${r.shopper_name} about ${r.order_id}`}
        fields={{ cursor: props.cursor }}
        draft={props.draft}
      />
    </article>
  );
}

async function renderHelp(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  at: { state: HelpState; cursor?: string | undefined },
  draft?: AnswerDraft,
  error?: string,
) {
  const page = await callApi<Page<OpsHelpRow>>(
    c,
    fetchApi,
    withQuery("/api/admin/help", { status: at.state, limit: PAGE, cursor: at.cursor }),
  );
  if (!page.ok) answerProblem(c, page.problem);
  const items = page.ok ? page.data.items : [];
  const next = page.ok ? page.data.next_cursor : null;
  const done =
    c.req.query("done") === "answered"
      ? "Answer sent. The shopper reads it on their order's page and is told by email and SMS."
      : undefined;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Help requests">
      <h1>Help requests</h1>
      <OpsNav current={PATH} />
      <Flash ok={done} error={error ?? (page.ok ? undefined : problemMessage(page.problem))} />
      <p class="muted">Shoppers' questions about their orders. An order has one waiting for an answer at a time.</p>
      <nav class="chips" aria-label="Help requests by state">
        <a href={PATH} aria-current={at.state === "open" ? "page" : undefined}>
          Waiting for an answer
        </a>
        <a href={withQuery(PATH, { state: "answered" })} aria-current={at.state === "answered" ? "page" : undefined}>
          Answered
        </a>
      </nav>
      <h2>{at.state === "open" ? "Waiting for an answer" : "Answered"}</h2>
      <p class="muted">{at.state === "open" ? "Oldest first." : "Newest asked first."}</p>
      {items.length === 0 ? (
        <p class="panel">{at.state === "open" ? "No one is waiting for an answer." : "Nothing answered yet."}</p>
      ) : (
        items.map((r) => <HelpRow r={r} csrf={c.var.csrfToken} cursor={at.cursor} draft={draft} />)
      )}
      <PageLinks
        next={next ? withQuery(PATH, { state: at.state === "open" ? undefined : at.state, cursor: next }) : null}
        first={at.cursor ? withQuery(PATH, { state: at.state === "open" ? undefined : at.state }) : null}
        label={at.state === "open" ? "Later requests" : "Older requests"}
      />
    </Layout>,
  );
}

/** Registers the ops queue of shoppers' requests for help, and answering them. */
export function registerOpsHelp(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(
    PATH,
    (c) =>
      consoleGuard(c, "ops") ??
      renderHelp(c, fetchApi, { state: stateOf(c.req.query("state")), cursor: cursorParam(c.req.query("cursor")) }),
  );

  app.post(`${PATH}/:id/answer`, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const answer = typeof form.answer === "string" ? form.answer.slice(0, HELP_ANSWER_MAX * 4) : "";
    const cursor = cursorParam(typeof form.cursor === "string" ? form.cursor : undefined);
    // Answered from the order's own page: the answer, or why it was refused, comes back there.
    const order = OrderId.safeParse(form.order);
    const res = await callApi(c, fetchApi, `/api/admin/help/${encodeURIComponent(id)}/answer`, { method: "POST", body: { answer } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const draft = res.problem.status === 400 ? { id, answer, error: ANSWER_LENGTH_WORDS } : undefined;
      const error = draft ? undefined : problemMessage(res.problem);
      if (order.success) return renderOpsOrder(c, fetchApi, order.data, { ...(error ? { error } : {}), helpDraft: draft });
      return renderHelp(c, fetchApi, { state: "open", cursor }, draft, error);
    }
    if (order.success) return c.redirect(`/ops/orders/${encodeURIComponent(order.data)}?done=help_answered#help`, 303);
    return c.redirect(withQuery(PATH, { cursor, done: "answered" }), 303);
  });
}
