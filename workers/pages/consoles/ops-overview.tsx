import type { Context, Hono } from "hono";
import type { Figure as FigurePath, LongestWaiting, Overview } from "../../ops/schemas";
import { QUEUE_STATUSES } from "../../ops/schemas";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll, dealStatusWords } from "../components";
import { countUpTo, dayAndTime, waitedFor } from "../format";
import { Layout } from "../layout";
import { consoleGuard, Flash } from "./guard";
import { OpsNav } from "./ops-nav";
import { OrderRateChart } from "./order-rate-chart";

/** Seconds between ops-overview.js's reloads of the figures. */
export const OVERVIEW_REFRESH_SECONDS = 30;

/** What each queue's count is called, and where ops work through it. */
const QUEUE_WORDS: Record<(typeof QUEUE_STATUSES)[number], string> = {
  created: "Placed, awaiting payment",
  payment_authorized: "Paid, awaiting confirmation",
  confirmed: "Confirmed, waiting to pack",
  packed: "Packed, waiting to ship",
  shipped: "Shipped, not yet delivered",
  return_requested: "Return requested",
};

/** A time of day to the second in India Standard Time: the figures are read every half minute. */
function readAtText(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", timeStyle: "medium" });
}

/**
 * One figure: its label, and its number as a link to where ops act on it (the link also names the
 * figure, so a list of the page's links reads as more than numbers). `path` is where the figure
 * sits in the API's answer, which ops-overview.js reads it from again; a figure among `reached`
 * stopped at the cap and reads as the cap with a plus.
 */
function Figure(props: {
  label: string;
  path: FigurePath;
  value: number;
  reached: ReadonlySet<FigurePath>;
  href?: string | undefined;
  note?: string;
}) {
  const number = <span data-figure={props.path}>{countUpTo(props.value, props.reached.has(props.path))}</span>;
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        {props.href ? (
          <a href={props.href}>
            {number}
            <span class="visually-hidden"> {props.label.toLowerCase()}</span>
          </a>
        ) : (
          number
        )}
      </dd>
      {props.note && <dd class="muted">{props.note}</dd>}
    </div>
  );
}

/** The order longest in a queue: how long it has waited, linked to the order where ops move it on. */
function LongestWait(props: { label: string; path: string; wait: LongestWaiting | null; readAt: string; none: string }) {
  const { wait } = props;
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-wait={props.path} data-since={wait?.since}>
        <a href={wait ? `/ops/orders/${encodeURIComponent(wait.order_id)}` : "#"} hidden={!wait}>
          <span data-wait-text="">{wait ? waitedFor(Date.parse(props.readAt) - Date.parse(wait.since)) : ""}</span>
          <span class="visually-hidden"> {props.label.toLowerCase()}</span>
        </a>
        <span data-wait-none="" hidden={Boolean(wait)}>
          {props.none}
        </span>
      </dd>
    </div>
  );
}

function Deals({ deals }: { deals: Overview["deals"] }) {
  if (deals.length === 0) return <p data-no-deals>No flash deals live or coming up.</p>;
  return (
    <TableScroll label="Each deal's times and units">
      <table class="data" data-deal-ids={deals.map((d) => d.id).join(" ")}>
        <ColumnHeads columns={["Deal", "Status", "Opens", "Ends", "Units", "Units left"]} />
        <tbody>
          {deals.map((d) => (
            <tr data-deal={d.id}>
              <td class="words">
                <a href={`/deals/${encodeURIComponent(d.id)}`}>{d.product_title}</a>
              </td>
              <td class="words" data-deal-figure="status">
                {dealStatusWords(d)}
              </td>
              <td class="words">{dayAndTime(d.starts_at)} IST</td>
              <td class="words">{dayAndTime(d.ends_at)} IST</td>
              <td class="amount">{d.units.toLocaleString("en-IN")}</td>
              <td class="amount" data-deal-figure="remaining">
                {d.remaining === null ? "not known" : d.remaining.toLocaleString("en-IN")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Figures({ o }: { o: Overview }) {
  const dead = Object.entries(o.backlog.dead_letters) as Array<[keyof Overview["backlog"]["dead_letters"], number]>;
  const reached = new Set<FigurePath>(o.capped);
  return (
    <>
      <section aria-labelledby="queues-h">
        <h2 id="queues-h">Orders</h2>
        <dl class="figures">
          {QUEUE_STATUSES.map((s) => (
            <Figure
              label={QUEUE_WORDS[s]}
              path={`orders.by_status.${s}`}
              reached={reached}
              value={o.orders.by_status[s]}
              href={`/ops?status=${s}`}
            />
          ))}
          <Figure
            label="Help requests waiting"
            path="orders.help_waiting"
            reached={reached}
            value={o.orders.help_waiting}
            href="/ops/help"
            note="Shoppers' questions about their orders, waiting for an answer."
          />
          <Figure
            label="Placed in the last hour"
            path="orders.placed_last_hour"
            reached={reached}
            value={o.orders.placed_last_hour}
            note="Since the start of the minute an hour ago, every order counted."
          />
          <Figure
            label="Placed in the last 5 minutes"
            path="orders.placed_last_5_minutes"
            reached={reached}
            value={o.orders.placed_last_5_minutes}
            note="Since the start of the minute 5 minutes ago."
          />
        </dl>
        <OrderRateChart minutes={o.orders.per_minute} />
      </section>
      <section aria-labelledby="waits-h">
        <h2 id="waits-h">Longest waits</h2>
        <dl class="figures">
          <LongestWait
            label="Oldest order waiting to be packed"
            path="orders.oldest_waiting_to_pack"
            wait={o.orders.oldest_waiting_to_pack}
            readAt={o.read_at}
            none="None waiting"
          />
          <LongestWait
            label="Oldest return request waiting for a decision"
            path="orders.oldest_return_request"
            wait={o.orders.oldest_return_request}
            readAt={o.read_at}
            none="None waiting"
          />
          <LongestWait
            label="Oldest help request waiting for an answer"
            path="orders.oldest_help_request"
            wait={o.orders.oldest_help_request}
            readAt={o.read_at}
            none="None waiting"
          />
        </dl>
      </section>
      <section aria-labelledby="backlog-h">
        <h2 id="backlog-h">Work the crons have not finished</h2>
        <p class="muted">The minute cron works through each of these; a figure that keeps growing needs a person.</p>
        <dl class="figures">
          <Figure
            label="Checkout sagas due for a look"
            path="backlog.sagas_due"
            reached={reached}
            value={o.backlog.sagas_due}
            href="/ops?status=created"
            note="Orders whose checkout may be stuck; the cron starts them again."
          />
          <Figure
            label="Cancellations not yet settled"
            path="backlog.cancellations_unsettled"
            reached={reached}
            value={o.backlog.cancellations_unsettled}
            href="/ops#settling-h"
          />
          <Figure
            label="Restocks owed"
            path="backlog.restocks_owed"
            reached={reached}
            value={o.backlog.restocks_owed}
            href="/ops#audit-h"
            note="Cancelled or failed orders with units not back on sale; check a SKU with the inventory audit."
          />
          <Figure
            label="Invoices owed by old orders"
            path="backlog.invoices_owed"
            reached={reached}
            value={o.backlog.invoices_owed}
            note="Orders that shipped before invoicing; the cron issues them a few at a time."
          />
          <Figure
            label="Of those, held back by sellers without a GSTIN"
            path="backlog.invoices_held_without_gstin"
            reached={reached}
            value={o.backlog.invoices_held_without_gstin}
            note="No run can invoice these until the seller registers a valid GSTIN."
          />
          <Figure
            label="Events not yet sent to their queue"
            path="backlog.outbox_unrelayed"
            reached={reached}
            value={o.backlog.outbox_unrelayed}
            note="Sent right after each change and retried every minute."
          />
          <Figure
            label="Emails waiting to be sent"
            path="backlog.emails_waiting"
            reached={reached}
            value={o.backlog.emails_waiting}
            note="Sent as they are recorded; failed sends are retried every minute, backing off."
          />
          <Figure
            label="Emails given up"
            path="backlog.emails_given_up"
            reached={reached}
            value={o.backlog.emails_given_up}
            href="/ops/emails?state=failed"
            note="Failed too often, or the recipient is gone; still on the recipient's Updates page. Send them again from the list."
          />
          {dead.map(([queue, n]) => (
            <Figure
              label={`Dead letters: ${queue}`}
              path={`backlog.dead_letters.${queue}`}
              reached={reached}
              value={n}
              href="/ops#dead-h"
            />
          ))}
        </dl>
      </section>
      <section aria-labelledby="moderation-h">
        <h2 id="moderation-h">Reported by shoppers</h2>
        <dl class="figures">
          <Figure
            label="Reviews reported"
            path="moderation.reviews_reported"
            reached={reached}
            value={o.moderation.reviews_reported}
            href="/ops/reviews#reported-h"
            note="Waiting for ops to keep or remove them."
          />
          <Figure
            label="Sellers' answers reported"
            path="moderation.answers_reported"
            reached={reached}
            value={o.moderation.answers_reported}
            href="/ops/questions#reported-h"
            note="Still shown, waiting for ops to keep or remove them."
          />
        </dl>
      </section>
      <section aria-labelledby="deals-h">
        <h2 id="deals-h">Flash deals live and coming up</h2>
        <Deals deals={o.deals} />
        <p hidden data-deals-changed="">
          The deals have changed since this page was drawn. <a href="/ops/overview">Reload the page</a> to see them.
        </p>
      </section>
    </>
  );
}

async function renderOverview(c: Context<AppEnv>, fetchApi: ApiFetch) {
  const res = await callApi<Overview>(c, fetchApi, "/api/admin/overview");
  if (!res.ok) answerProblem(c, res.problem);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Ops overview" scripts={["ops-overview.js"]}>
      <h1>Operations</h1>
      <OpsNav current="/ops/overview" />
      <Flash error={res.ok ? undefined : problemMessage(res.problem)} />
      {res.ok && (
        <div data-ops-overview data-refresh-seconds={String(OVERVIEW_REFRESH_SECONDS)}>
          <p class="muted">
            Figures read at{" "}
            <time datetime={res.data.read_at} data-read-at="">
              {readAtText(res.data.read_at)}
            </time>
            , every {OVERVIEW_REFRESH_SECONDS} seconds while this page is open. <a href="/ops/overview">Read them again</a>
          </p>
          <Figures o={res.data} />
        </div>
      )}
    </Layout>,
  );
}

/** Registers the ops overview: whether the store is keeping up, each figure linked to where ops act on it. */
export function registerOpsOverview(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/ops/overview", (c) => consoleGuard(c, "ops") ?? renderOverview(c, fetchApi));
}
