import type { Context, Hono } from "hono";
import { ColumnHeads, TableScroll } from "../components";
import { z } from "zod";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage } from "../api";
import { clip, money, statusLabel, whenIst } from "../format";
import { CsrfField, Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import type { Order, UnsettledCancellation } from "../types";
import { consoleGuard, Flash } from "./guard";
import { OpsNav } from "./ops-nav";
import { TransitionForm, moveDone, transitionFormProblem } from "./order-moves";
import { LookupForm, LookupResults, lookUpOrders } from "./ops-lookup";
import { DONE, renderOpsOrder } from "./ops-order";
import { type ShipmentDraft, shipmentDraft, shipmentFromForm, shipmentRefusal } from "./shipment-form";
import { OpsOrderTable } from "./ops-order-table";
import { BulkMoveBar, BulkMoveForm, bulkFrom, bulkSummary, bulkSummaryQuery, refusedWhy } from "./ops-bulk-moves";
import { BULK_MOVES, type BulkResult } from "../../orders/bulk-moves";
import { bulkShipRefusal, planBulkShip } from "./ops-bulk-ship";
import { AuditResult, type AuditView } from "./ops-audit";

/** The statuses ops filters by, in the order an order moves through them. */
export const OPS_STATUSES = [
  "confirmed",
  "packed",
  "shipped",
  "delivered",
  "return_requested",
  "created",
  "payment_authorized",
  "payment_failed",
  "cancelled",
  "refunded",
  "return_received",
] as const;

/** Which list the ops page shows: from its address, or from the form posted on it. */
interface OpsView {
  /** A lookup: what ops typed to find orders by, instead of a status's list. */
  q?: string | undefined;
  /** "late": the orders past the day they are due by, instead of a status's list. */
  due?: string | undefined;
  status?: string | undefined;
  sort?: string | undefined;
  cursor?: string | undefined;
  /** A refused bulk form's ticked orders and pasted manifest, drawn again to be corrected, with what is wrong with the manifest. */
  picked?: readonly string[] | undefined;
  manifest?: string | undefined;
  manifestError?: string | undefined;
  /** A refused shipping of one order in the list, as typed, drawn in its row again. */
  shipDraft?: ShipmentDraft | undefined;
}

/** Orders per page of an ops list. */
export const OPS_PAGE = 50;

/** Statuses that are queues to work through, oldest first; the others (finished orders) read newest first. */
const QUEUES = new Set(["created", "payment_authorized", "confirmed", "packed", "shipped", "return_requested"]);

/** The order an ops list is read in: as asked, else the status's natural order. */
export function opsSort(status: string, asked: string | undefined): "newest" | "oldest" {
  if (asked === "newest" || asked === "oldest") return asked;
  return QUEUES.has(status) ? "oldest" : "newest";
}

/** The inventory audit's query: one SKU (listing) id. */
export const AuditQuery = z.object({ sku: z.string().trim().min(1).max(64) });

/** What a list says after a move made on one of its rows: what was done, to which order. */
function listDoneWords(done: string | undefined, order: string | undefined): string {
  const words = done && Object.hasOwn(DONE, done) ? DONE[done] : undefined;
  if (!words) return "Order updated.";
  return order ? `Order ${order}: ${words}` : words;
}

async function renderOps(c: Context<AppEnv>, fetchApi: ApiFetch, error?: string, view?: OpsView) {
  const at = view ?? {
    q: c.req.query("q"),
    due: c.req.query("due"),
    status: c.req.query("status"),
    sort: c.req.query("sort"),
    cursor: c.req.query("cursor"),
  };
  const late = at.due === "late";
  const status = OPS_STATUSES.find((s) => s === at.status) ?? "confirmed";
  const sort = opsSort(status, at.sort);
  const cursor = cursorParam(at.cursor);
  const typed = at.q ?? "";
  const skuTyped = c.req.query("sku") ?? "";
  const sku = AuditQuery.safeParse({ sku: skuTyped });
  const lookup = typed.trim() ? await lookUpOrders(c, fetchApi, typed, { limit: OPS_PAGE, cursor }) : null;
  if (lookup?.kind === "order") return c.redirect(`/ops/orders/${encodeURIComponent(lookup.id)}`, 303);
  if (lookup?.kind === "refused" || lookup?.kind === "failed") answerProblem(c, lookup.problem);
  const found = lookup?.kind === "orders" ? lookup.page : null;
  // A refused lookup keeps the page useful: the status lists are drawn below the box as usual, from their start.
  const listCursor = lookup ? undefined : cursor;
  const [orders, unsettled, dead, audit] = await Promise.all([
    found
      ? null
      : callApi<Page<Order>>(
          c,
          fetchApi,
          withQuery(
            "/api/admin/orders",
            late ? { due: "late", limit: OPS_PAGE, cursor: listCursor } : { status, sort, limit: OPS_PAGE, cursor: listCursor },
          ),
        ),
    callApi<{ items: UnsettledCancellation[] }>(c, fetchApi, "/api/admin/cancellations/unsettled"),
    callApi<DeadLetterList>(c, fetchApi, "/api/admin/dead-letters"),
    sku.success ? callApi<AuditView>(c, fetchApi, `/api/admin/inventory/${encodeURIComponent(sku.data.sku)}/audit`) : Promise.resolve(null),
  ]);
  const list = orders?.ok ? orders.data.items : [];
  const next = orders?.ok ? (orders.data.next_cursor ?? null) : null;
  const csrf = c.var.csrfToken;
  const failed = lookup?.kind === "failed" ? lookup.problem : orders && !orders.ok ? orders.problem : undefined;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Operations" scripts={["ops-bulk-moves.js"]}>
      <h1>Operations</h1>
      <OpsNav current="/ops" />
      <Flash
        ok={
          c.req.query("replayed")
            ? `${c.req.query("replayed")} messages sent back to their queue.`
            : c.req.query("done")
              ? listDoneWords(c.req.query("done"), c.req.query("order"))
              : (bulkSummary((name) => c.req.query(name)) ?? undefined)
        }
        error={error ?? (failed ? problemMessage(failed) : undefined)}
      />
      <LookupForm typed={typed} error={lookup?.kind === "refused" ? lookup.message : undefined} />
      {found ? (
        <LookupResults typed={typed} page={found} cursor={cursor} csrf={csrf} />
      ) : late ? (
        <LateList cursor={listCursor} list={list} next={next} csrf={csrf} shipDraft={at.shipDraft} />
      ) : (
        <StatusList
          status={status}
          sort={sort}
          cursor={listCursor}
          list={list}
          next={next}
          csrf={csrf}
          selectAll={c.req.query("select") === "all"}
          picked={at.picked}
          manifest={at.manifest}
          manifestError={at.manifestError}
          shipDraft={at.shipDraft}
        />
      )}
      {unsettled.ok && unsettled.data.items.length > 0 && <StillSettling items={unsettled.data.items} />}
      {dead.ok && Object.values(dead.data.counts).some((n) => n > 0) && <DeadLetters list={dead.data} csrf={csrf} />}
      <section class="panel" aria-labelledby="audit-h">
        <h2 id="audit-h">Inventory audit</h2>
        <form method="get" action="/ops" class="row-form">
          {/* Checking a SKU keeps the list it was checked from. */}
          {late ? <input type="hidden" name="due" value="late" /> : <input type="hidden" name="status" value={status} />}
          <label>
            SKU (listing id) <input name="sku" value={clip(skuTyped.trim(), 200)} maxlength={64} required />
          </label>
          <button type="submit">Check</button>
        </form>
        {!sku.success && skuTyped.trim() !== "" && (
          <p role="alert">No listing has that id: a listing id is at most 64 characters, like lst_0000007_0.</p>
        )}
        {audit && <AuditResult audit={audit} />}
      </section>
    </Layout>,
  );
}

/** The orders in one status, a page at a time, with the chips to pick another status and the way it is sorted. */
function StatusList(props: {
  status: (typeof OPS_STATUSES)[number];
  sort: "newest" | "oldest";
  cursor: string | undefined;
  list: Order[];
  next: string | null;
  csrf: string | null;
  selectAll: boolean;
  picked?: readonly string[] | undefined;
  manifest?: string | undefined;
  manifestError?: string | undefined;
  shipDraft?: ShipmentDraft | undefined;
}) {
  const { status, sort, cursor, next } = props;
  // A queue worked through after a sale's rush is moved many orders at a time, as well as one by one.
  const bulk = bulkFrom(status);
  return (
    <>
      <StatusChips current={status} />
      <h2>{statusLabel(status)} orders</h2>
      <p class="muted">
        {sort === "oldest" ? "Oldest first. " : "Newest first. "}
        <a href={withQuery("/ops", { status, sort: sort === "oldest" ? "newest" : "oldest" })}>
          {sort === "oldest" ? "Show newest first" : "Show oldest first"}
        </a>
      </p>
      {props.list.length === 0 ? (
        <p class="panel">No {statusLabel(status).toLowerCase()} orders.</p>
      ) : (
        <>
          {bulk && (
            <BulkMoveBar
              from={bulk}
              csrf={props.csrf}
              sort={sort}
              cursor={cursor}
              selectAll={props.selectAll}
              manifest={props.manifest}
              manifestError={props.manifestError}
            />
          )}
          <OpsOrderTable
            orders={props.list}
            label={`${statusLabel(status)} orders`}
            csrf={props.csrf}
            fields={{ status, sort, cursor }}
            bulk={bulk ? { selectAll: props.selectAll, picked: props.picked } : undefined}
            shipDraft={props.shipDraft}
          />
        </>
      )}
      <PageLinks
        next={next ? withQuery("/ops", { status, sort, cursor: next }) : null}
        first={cursor ? withQuery("/ops", { status, sort }) : null}
        label={sort === "oldest" ? "Later orders" : "Older orders"}
      />
    </>
  );
}

/** The chips to pick a status's list, or the late orders (`current` "late"), the list shown marked. */
function StatusChips({ current }: { current: string }) {
  return (
    <nav class="chips" aria-label="Orders by status">
      <a href="/ops?due=late" aria-current={current === "late" ? "page" : undefined}>
        Late
      </a>
      {OPS_STATUSES.map((s) => (
        <a href={`/ops?status=${s}`} aria-current={s === current ? "page" : undefined}>
          {statusLabel(s)}
        </a>
      ))}
    </nav>
  );
}

/**
 * The orders on their way past the day they are due by, whatever their status, oldest placed
 * first: the parcels shoppers are waiting on longer than they were promised. A page the API ended
 * early, having looked through many orders near their due day, may be short or empty with more
 * to look through.
 */
function LateList(props: {
  cursor: string | undefined;
  list: Order[];
  next: string | null;
  csrf: string | null;
  shipDraft?: ShipmentDraft | undefined;
}) {
  const { cursor, next } = props;
  return (
    <>
      <StatusChips current="late" />
      <h2>Late orders</h2>
      <p class="muted">On their way past the day the shopper was promised, oldest placed first.</p>
      {props.list.length === 0 ? (
        <p class="panel">{next ? "No late orders among those looked through so far." : "No late orders."}</p>
      ) : (
        <OpsOrderTable
          orders={props.list}
          label="Late orders"
          csrf={props.csrf}
          fields={{ due: "late", cursor }}
          showStatus
          shipDraft={props.shipDraft}
        />
      )}
      <PageLinks
        next={next ? withQuery("/ops", { due: "late", cursor: next }) : null}
        first={cursor ? withQuery("/ops", { due: "late" }) : null}
        label={props.list.length === 0 ? "Look further" : "More late orders"}
      />
    </>
  );
}

/**
 * Cancellations whose stock or money is not back yet. The cron keeps trying each one; one that
 * has failed several times (a refund the provider keeps refusing) needs a person to look at it.
 */
function StillSettling({ items }: { items: UnsettledCancellation[] }) {
  return (
    <section class="panel" aria-labelledby="settling-h" data-unsettled>
      <h2 id="settling-h">Cancellations still settling</h2>
      <p class="muted">Stock or money not given back yet. The minute cron keeps trying, less often after each failure.</p>
      <TableScroll label="Each cancellation still settling">
        <table class="data">
          <ColumnHeads columns={["Order", "Total", "Cancelled", "Payment", "Failed tries", "Next try"]} />
          <tbody>
            {items.map((u) => (
              <tr data-order-id={u.order_id}>
                <td class="ref">
                  <a href={`/ops/orders/${encodeURIComponent(u.order_id)}`}>{u.order_id}</a>
                </td>
                <td class="amount">{money(u.total)}</td>
                <td class="words">{whenIst(u.cancelled_at)}</td>
                <td class="words">{u.payment_status ? statusLabel(u.payment_status) : "none"}</td>
                <td>{u.attempts}</td>
                <td class="words">{u.next_try_at ? whenIst(u.next_try_at) : "next run"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** What the dead-letter API answers: how many each queue keeps, and the oldest kept. */
interface DeadLetterList {
  counts: Record<string, number>;
  items: Array<{ id: number; queue: string; message_id: string; received_at: string; reason: string }>;
}

/**
 * Messages queues gave up on after their retries, or their consumer could not read: per queue,
 * each queue's with a button to send them back, and the oldest with why each was kept, since
 * that says what to fix before sending them back.
 */
function DeadLetters({ list, csrf }: { list: DeadLetterList; csrf: string | null }) {
  return (
    <section class="panel" aria-labelledby="dead-h" data-dead-letters>
      <h2 id="dead-h">Messages queues gave up on</h2>
      <p class="muted">Kept until sent back. Fix what made them fail first; each is applied once however often it is sent.</p>
      <ul>
        {Object.entries(list.counts)
          .filter(([, n]) => n > 0)
          .map(([queue, n]) => (
            <li>
              <form method="post" action="/ops/dead-letters/replay" class="row-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="queue" value={queue} />
                {queue}: {n} <button type="submit">Send back</button>
              </form>
            </li>
          ))}
      </ul>
      <TableScroll label="Oldest messages kept">
        <table class="data">
          <caption>Oldest kept</caption>
          <ColumnHeads columns={["Queue", "Kept at", "Why"]} />
          <tbody>
            {list.items.map((m) => (
              <tr data-dead-letter={m.id}>
                <td>{m.queue}</td>
                <td class="words">{whenIst(m.received_at)}</td>
                <td class="words">{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Registers the ops console: orders by status, moving them along, cancel and refund, and the inventory audit. */
export function registerOpsConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/ops", (c) => consoleGuard(c, "ops") ?? renderOps(c, fetchApi));

  app.post("/ops/orders/:id/transitions", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const parsed = TransitionForm.safeParse(form);
    // A refusal is drawn over the page the button was pressed on: the order's own, or the list it was in.
    const onOrderPage = form.back === "order";
    const view: OpsView = {
      q: typeof form.q === "string" ? form.q : undefined,
      due: typeof form.due === "string" ? form.due : undefined,
      status: typeof form.status === "string" ? form.status : undefined,
      sort: typeof form.sort === "string" ? form.sort : undefined,
      cursor: typeof form.cursor === "string" ? form.cursor : undefined,
    };
    // Kept as typed even when refused, so a courier and AWB are not typed twice.
    const typed = (name: string) => (typeof form[name] === "string" ? (form[name] as string).slice(0, 100) : undefined);
    const shipDraft =
      form.to === "shipped"
        ? shipmentDraft(id, { carrier: typed("carrier"), carrier_name: typed("carrier_name"), tracking_number: typed("tracking_number") })
        : undefined;
    const refuse = (message: string) =>
      onOrderPage
        ? renderOpsOrder(c, fetchApi, id, { error: message, shipDraft })
        : renderOps(c, fetchApi, message, { ...view, shipDraft });
    if (!parsed.success) {
      c.status(400);
      return refuse(transitionFormProblem(parsed.error.issues));
    }
    const shipment = parsed.data.to === "shipped" ? shipmentFromForm(parsed.data) : undefined;
    const res = await callApi(c, fetchApi, `/api/admin/orders/${encodeURIComponent(id)}/transitions`, {
      method: "POST",
      body: {
        to: parsed.data.to,
        reason: parsed.data.reason || undefined,
        from: parsed.data.from,
        condition: parsed.data.condition,
        shipment,
      },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      // On a list, the refusal names the order it is about.
      const why = shipment ? shipmentRefusal(res.problem) : problemMessage(res.problem);
      return refuse(onOrderPage ? why : `Order ${id} was not moved: ${why}`);
    }
    if (onOrderPage) {
      return c.redirect(
        withQuery(`/ops/orders/${encodeURIComponent(id)}`, { done: moveDone(parsed.data.status, parsed.data.to, parsed.data.condition) }),
        303,
      );
    }
    // The list says what was done to which order, as the order page would.
    const done = moveDone(parsed.data.status, parsed.data.to, parsed.data.condition);
    // A move made on a lookup's results returns to them.
    if (parsed.data.q)
      return c.redirect(withQuery("/ops", { q: parsed.data.q, cursor: cursorParam(parsed.data.cursor), done, order: id }), 303);
    if (parsed.data.due === "late")
      return c.redirect(withQuery("/ops", { due: "late", cursor: cursorParam(parsed.data.cursor), done, order: id }), 303);
    const status = OPS_STATUSES.find((s) => s === parsed.data.status) ?? "confirmed";
    const sort = parsed.data.sort === "newest" || parsed.data.sort === "oldest" ? parsed.data.sort : undefined;
    return c.redirect(withQuery("/ops", { status, sort, cursor: cursorParam(parsed.data.cursor), done, order: id }), 303);
  });

  app.post("/ops/orders/transitions", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody({ all: true });
    const parsed = BulkMoveForm.safeParse(form);
    const view: OpsView = {
      status: typeof form.from === "string" ? form.from : undefined,
      sort: typeof form.sort === "string" ? form.sort : undefined,
      cursor: typeof form.cursor === "string" ? form.cursor : undefined,
    };
    if (!parsed.success) {
      c.status(400);
      return renderOps(c, fetchApi, "Choose a list whose orders can be moved together.", view);
    }
    const { order_ids: ticked, from } = parsed.data;
    // Only the packed queue's form has a manifest: shipping is the one bulk move with something typed per order.
    const manifest = from === "packed" ? (parsed.data.manifest ?? "") : "";
    const again: OpsView = { ...view, picked: ticked, manifest };
    const plan = manifest.trim() ? await planBulkShip(c, fetchApi, ticked, manifest) : { ok: true as const, orderIds: ticked, entries: [] };
    if (!plan.ok) {
      c.status(400);
      return renderOps(c, fetchApi, plan.refusal.error, { ...again, manifestError: plan.refusal.manifest });
    }
    if (plan.orderIds.length === 0) {
      c.status(400);
      return renderOps(c, fetchApi, "Tick the orders to move first.", again);
    }
    const shipments = plan.entries.map(({ line: _, ...shipment }) => shipment);
    const res = await callApi<{ results: BulkResult[] }>(c, fetchApi, "/api/admin/orders/transitions", {
      method: "POST",
      body: { order_ids: plan.orderIds, from, to: BULK_MOVES[from], ...(shipments.length ? { shipments } : {}) },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const refusal = bulkShipRefusal(res.problem, plan.entries);
      return renderOps(c, fetchApi, refusal.error, { ...again, manifestError: refusal.manifest });
    }
    const sort = parsed.data.sort === "newest" || parsed.data.sort === "oldest" ? parsed.data.sort : undefined;
    const tracked = from === "packed" ? new Set(shipments.map((s) => s.order_id)) : undefined;
    const summary = bulkSummaryQuery(from, res.data.results, { sort, cursor: cursorParam(parsed.data.cursor) }, tracked);
    // Why an order stayed is the API's words, which a link must not carry (it would draw whatever a
    // crafted one said): a move that left orders behind answers with the page, saying why for each.
    const why = refusedWhy(from, res.data.results);
    if (!why) return c.redirect(summary, 303);
    const summaryQuery = new URLSearchParams(summary.slice(summary.indexOf("?") + 1));
    const did = bulkSummary((name) => summaryQuery.get(name) ?? undefined);
    return renderOps(c, fetchApi, did ? `${did} ${why}` : why, { status: from, sort, cursor: cursorParam(parsed.data.cursor) });
  });

  app.post("/ops/dead-letters/replay", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const res = await callApi<{ replayed: number }>(c, fetchApi, "/api/admin/dead-letters/replay", {
      method: "POST",
      body: { queue: String(form.queue ?? "") },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderOps(c, fetchApi, problemMessage(res.problem));
    }
    return c.redirect(`/ops?replayed=${res.data.replayed}`, 303);
  });
}
