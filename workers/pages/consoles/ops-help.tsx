import type { Context, Hono } from "hono";
import { HELP_ANSWER_MAX, HELP_TAKEN, type HelpState, type HelpTaken, type OpsHelpRow } from "../../help/schemas";
import { helpTopicWords } from "../../help/topics";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { statusLabel, whenIst } from "../format";
import { Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import { OrderId } from "../../orders/schemas";
import { consoleGuard, Flash } from "./guard";
import { ANSWER_LENGTH_WORDS, type AnswerDraft, HelpThread, TAKE_ACTS } from "./help-answer";
import { renderOpsOrder } from "./ops-order";
import { OpsNav } from "./ops-nav";

/** Requests per page of the queue. */
const PAGE = 25;

const PATH = "/ops/help";

/** What the queue says after a move made on one of its requests, by the `done` query. */
const QUEUE_DONE: Record<string, string> = {
  answered: "Answer sent. The shopper reads it on their order's page and is told by email and SMS.",
  taken: "You took the request: colleagues see it is yours.",
  given_back: "Request given back for anyone to take.",
};

const stateOf = (asked: string | undefined): HelpState => (asked === "answered" ? "answered" : "open");

const takenOf = (asked: unknown): HelpTaken | undefined => HELP_TAKEN.find((t) => t === asked);

/** Where a queue page is: which list, and how far along it. */
interface QueueAt {
  state: HelpState;
  taken?: HelpTaken | undefined;
  cursor?: string | undefined;
}

/** The lists of the queue, each a chip: its name, heading and what it says when empty. */
const LISTS = [
  { key: "open", query: {}, name: "Waiting for an answer", empty: "No one is waiting for an answer." },
  { key: "me", query: { taken: "me" }, name: "Taken by me", empty: "You have taken no request waiting for an answer." },
  { key: "no_one", query: { taken: "no_one" }, name: "Not taken", empty: "Every request waiting for an answer has been taken." },
  { key: "answered", query: { state: "answered" }, name: "Answered", empty: "Nothing answered yet." },
] as const;

const listOf = (at: QueueAt) => LISTS.find((l) => l.key === (at.state === "answered" ? "answered" : (at.taken ?? "open"))) ?? LISTS[0];

/** One request: whose order, what they asked, and the answer given or a form to give it. */
function HelpRow(props: {
  r: OpsHelpRow;
  viewerId: string | null;
  csrf: string | null;
  cursor: string | undefined;
  taken: HelpTaken | undefined;
  draft?: AnswerDraft | undefined;
}) {
  const { r } = props;
  return (
    <article class="panel" data-help-request={r.id} aria-labelledby={`help-${r.id}`}>
      <h3 id={`help-${r.id}`}>{helpTopicWords(r.topic)}</h3>
      <p class="muted">
        <a href={`/ops/orders/${encodeURIComponent(r.order_id)}`}>{r.order_id}</a> ({statusLabel(r.order_status)}) · {r.shopper_name} (
        {r.shopper_email}) · asked {whenIst(r.asked_at)}
      </p>
      <HelpThread
        r={r}
        viewerId={props.viewerId}
        csrf={props.csrf}
        label={`Send answer to ${r.shopper_name} about ${r.order_id}`}
        fields={{ cursor: props.cursor, taken: props.taken }}
        draft={props.draft}
      />
    </article>
  );
}

async function renderHelp(c: Context<AppEnv>, fetchApi: ApiFetch, at: QueueAt, draft?: AnswerDraft, error?: string) {
  const page = await callApi<Page<OpsHelpRow>>(
    c,
    fetchApi,
    withQuery("/api/admin/help", { status: at.state, taken: at.taken, limit: PAGE, cursor: at.cursor }),
  );
  if (!page.ok) answerProblem(c, page.problem);
  const items = page.ok ? page.data.items : [];
  const next = page.ok ? page.data.next_cursor : null;
  const done = Object.hasOwn(QUEUE_DONE, c.req.query("done") ?? "") ? QUEUE_DONE[c.req.query("done") as string] : undefined;
  const list = listOf(at);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Help requests">
      <h1>Help requests</h1>
      <OpsNav current={PATH} />
      <Flash ok={done} error={error ?? (page.ok ? undefined : problemMessage(page.problem))} />
      <p class="muted">
        Shoppers' questions about their orders. An order has one waiting for an answer at a time; take one to answer so colleagues leave it
        to you.
      </p>
      <nav class="chips" aria-label="Help requests by state">
        {LISTS.map((l) => (
          <a href={withQuery(PATH, l.query)} aria-current={l === list ? "page" : undefined}>
            {l.name}
          </a>
        ))}
      </nav>
      <h2>{list.name}</h2>
      <p class="muted">{at.state === "open" ? "Oldest first." : "Newest asked first."}</p>
      {items.length === 0 ? (
        <p class="panel">{list.empty}</p>
      ) : (
        items.map((r) => (
          <HelpRow r={r} viewerId={c.var.user?.id ?? null} csrf={c.var.csrfToken} cursor={at.cursor} taken={at.taken} draft={draft} />
        ))
      )}
      <PageLinks
        next={next ? withQuery(PATH, { ...list.query, cursor: next }) : null}
        first={at.cursor ? withQuery(PATH, list.query) : null}
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
      renderHelp(c, fetchApi, {
        state: stateOf(c.req.query("state")),
        // The lists by taker are of open requests only.
        taken: stateOf(c.req.query("state")) === "open" ? takenOf(c.req.query("taken")) : undefined,
        cursor: cursorParam(c.req.query("cursor")),
      }),
  );

  app.post(`${PATH}/:id/answer`, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const answer = typeof form.answer === "string" ? form.answer.slice(0, HELP_ANSWER_MAX * 4) : "";
    const cursor = cursorParam(typeof form.cursor === "string" ? form.cursor : undefined);
    const taken = takenOf(form.taken);
    // Answered from the order's own page: the answer, or why it was refused, comes back there.
    const order = OrderId.safeParse(form.order);
    const res = await callApi(c, fetchApi, `/api/admin/help/${encodeURIComponent(id)}/answer`, { method: "POST", body: { answer } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const draft = res.problem.status === 400 ? { id, answer, error: ANSWER_LENGTH_WORDS } : undefined;
      const error = draft ? undefined : problemMessage(res.problem);
      if (order.success) return renderOpsOrder(c, fetchApi, order.data, { ...(error ? { error } : {}), helpDraft: draft });
      return renderHelp(c, fetchApi, { state: "open", taken, cursor }, draft, error);
    }
    if (order.success) return c.redirect(`/ops/orders/${encodeURIComponent(order.data)}?done=help_answered#help`, 303);
    return c.redirect(withQuery(PATH, { taken, cursor, done: "answered" }), 303);
  });

  app.post(`${PATH}/:id/take`, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const act = TAKE_ACTS.find((a) => a === form.act) ?? "take";
    const cursor = cursorParam(typeof form.cursor === "string" ? form.cursor : undefined);
    const taken = takenOf(form.taken);
    const order = OrderId.safeParse(form.order);
    const path = `/api/admin/help/${encodeURIComponent(id)}/take`;
    const res = await callApi(
      c,
      fetchApi,
      path,
      act === "give_back" ? { method: "DELETE" } : { method: "POST", body: { take_over: act === "take_over" } },
    );
    if (!res.ok) {
      answerProblem(c, res.problem);
      if (order.success) return renderOpsOrder(c, fetchApi, order.data, { error: problemMessage(res.problem) });
      return renderHelp(c, fetchApi, { state: "open", taken, cursor }, undefined, problemMessage(res.problem));
    }
    const done = act === "give_back" ? "given_back" : "taken";
    if (order.success) return c.redirect(`/ops/orders/${encodeURIComponent(order.data)}?done=help_${done}#help`, 303);
    return c.redirect(withQuery(PATH, { taken, cursor, done }), 303);
  });
}
