import { deliveryDateLabel, istDate } from "../delivery/estimate";
import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage } from "./api";
import { personalPage } from "./cache";
import { ProductThumb } from "./components";
import { lineAmount, money, paymentMethodLabel, shopperStatusLabel, shopperStatusWords, whenIst } from "./format";
import { InvoiceLinks, NO_DOCUMENTS, orderInvoices } from "./invoice";
import { CsrfField, ErrorPanel, Layout } from "./layout";
import { OrderAddress } from "./order-address";
import { PAY_TIME_UP_LABEL, PayInList, PaymentDue, payTimeUp } from "./pay-window";
import { cursorParam, type Page, PageLinks, withQuery } from "./paging";
import type { LinePicture, Order } from "./types";
import { refusedPage } from "./refused-page";
import { Timeline, timelineOf } from "./order-timeline";
import { type ReturnDraft, ReturnPanel, returnBody, returnFormProblem } from "./return-panel";
import { ShipmentLine } from "./shipment-line";
import { type HelpDraft, HelpPanel, helpBody, helpRefusal } from "./order-help";
import type { HelpRequestView } from "../help/schemas";
import { BUY_AGAIN_STAGE, BuyAgainForm, buyAgainLabel, buyAgainLanding, canBuyAgain } from "./buy-again";
import type { BuyAgainOutcome } from "../orders/buy-again";
import { ORDER_GROUPS, ORDER_GROUP_WORDS, type OrderGroup } from "../orders/order-groups";
import type { OrderFeedback } from "../sellers/feedback-schemas";
import { RATABLE_STATUSES, SellerRatings, sellerRatingBody, sellerRatingProblem } from "./seller-rating-form";

/** How long after placing an order its page thanks the shopper; a week-old order's page just says where it stands. */
const THANKS_FOR_MS = 6 * 3600 * 1000;

function justPlaced(createdAt: string | undefined, now = Date.now()): boolean {
  return createdAt !== undefined && now - Date.parse(createdAt) < THANKS_FOR_MS;
}

/** What an order waiting on its payment is said to be: awaiting it, or past the time to pay. */
function payStatus(createdAt: string | undefined): string {
  return payTimeUp(createdAt) ? PAY_TIME_UP_LABEL : "Awaiting payment";
}

/** Orders per page of my orders. */
export const MY_ORDERS_PAGE = 20;

/** Marks a refused cancel, for `cancelRefusal` to word by the order's status as the page shows it. */
const CANCEL_REFUSED = "cancel-refused";

/** Why an order could not be cancelled, by where it stands now; null where it still could be. */
export function cancelRefusal(status: string): string | null {
  if (CANCELLABLE.has(status)) return null;
  switch (status) {
    case "shipped":
      return "This order has already shipped, so it can no longer be cancelled. Once it is delivered, you can return it from this page.";
    case "delivered":
      return "This order was delivered, so it can no longer be cancelled: you can return it from this page instead.";
    case "return_requested":
    case "return_received":
      return "You have asked to return this order, so it can no longer be cancelled.";
    case "cancelled":
    case "refunded":
      return "This order is cancelled already.";
    default:
      return "This order can no longer be cancelled.";
  }
}

/** Statuses from which a shopper may still cancel (before the parcel leaves). */
export const CANCELLABLE = new Set(["created", "payment_authorized", "confirmed", "packed"]);

function orderTotal(o: Order): number | undefined {
  if (typeof o.total === "number") return o.total;
  return Array.isArray(o.items) ? o.items.reduce((s, i) => s + (i.price ?? i.unit_price ?? 0) * i.qty, 0) : undefined;
}

/**
 * The order page's title, for a tab or a bookmark among several orders: the costliest line, as
 * the order list names it, and how many more. The id alone told one order from another to no one.
 */
export function orderPageTitle(o: Order): string {
  const items = Array.isArray(o.items) ? o.items : [];
  const lineTotal = (i: (typeof items)[number]) => (i.price ?? i.unit_price ?? 0) * i.qty;
  const lead = items.reduce<(typeof items)[number] | undefined>(
    (best, i) => (!best || lineTotal(i) > lineTotal(best) ? i : best),
    undefined,
  );
  if (!lead?.title) return `Order ${o.id}`;
  const more = items.length - 1;
  return `Your order: ${lead.title}${more > 0 ? ` and ${more} more ${more === 1 ? "item" : "items"}` : ""}`;
}

function CancelForm(props: { order: Order; csrf: string | null }) {
  if (!CANCELLABLE.has(props.order.status)) return null;
  return (
    <form
      method="post"
      action={`/orders/${encodeURIComponent(props.order.id)}/cancel`}
      data-confirm="Cancel this order? Any payment is refunded."
    >
      <CsrfField token={props.csrf} />
      <button type="submit" class="danger">
        Cancel order
      </button>
    </form>
  );
}

function signInFirst(c: Context<AppEnv>) {
  return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
}

/** The list's filters from its own query string; a value the list does not offer is left out. */
function listFilter(c: Context<AppEnv>): { status?: OrderGroup; year?: string } {
  const status = c.req.query("status");
  const year = c.req.query("year");
  return {
    ...((ORDER_GROUPS as readonly string[]).includes(status ?? "") ? { status: status as OrderGroup } : {}),
    ...(year && /^\d{4}$/.test(year) ? { year } : {}),
  };
}

/**
 * Finding an old order: by what became of it and by year, as a plain GET form, so it works
 * without scripts; paging links carry it on.
 */
function OrderFilters(props: { status?: OrderGroup | undefined; year?: string | undefined; years: number[] }) {
  return (
    <form class="order-filters" action="/orders" method="get" aria-label="Find an order" data-order-filters>
      <label>
        Show{" "}
        <select name="status">
          <option value="" selected={!props.status}>
            All orders
          </option>
          {ORDER_GROUPS.map((g) => (
            <option value={g} selected={props.status === g}>
              {ORDER_GROUP_WORDS[g]}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        Placed in{" "}
        <select name="year">
          <option value="" selected={!props.year}>
            Any year
          </option>
          {props.years.map((y) => (
            <option value={String(y)} selected={props.year === String(y)}>
              {y}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="submit">Find orders</button>
    </form>
  );
}

async function renderOrders(c: Context<AppEnv>, fetchApi: ApiFetch, message?: string) {
  personalPage(c);
  const cursor = cursorParam(c.req.query("cursor"));
  const filter = listFilter(c);
  const res = await callApi<Page<Order> & { years?: number[] }>(
    c,
    fetchApi,
    withQuery("/api/orders", { limit: MY_ORDERS_PAGE, ...filter, cursor }),
  );
  if (!res.ok) {
    if (res.problem.status === 401) return signInFirst(c);
    // A cursor or year the API no longer takes (an edited or very old link) starts over from the newest orders.
    if (res.problem.status === 400 && (cursor || filter.year)) return c.redirect("/orders", 303);
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Your orders">
        <ErrorPanel heading="Your orders" message={problemMessage(res.problem)} />
      </Layout>,
    );
  }
  const orders = res.data.items;
  const next = res.data.next_cursor;
  const years = res.data.years ?? [];
  const filtered = filter.status !== undefined || filter.year !== undefined;
  return c.html(
    <Layout
      degraded={c.var.degraded}
      viewer={c.var.user}
      csrf={c.var.csrfToken}
      title="Your orders"
      scripts={orders.some((o) => o.payment_url) ? ["pay-deadline.js"] : undefined}
    >
      <h1>Your orders</h1>
      {message && (
        <p class="panel error" role="alert">
          {message}
        </p>
      )}
      {(years.length > 0 || filtered) && <OrderFilters {...filter} years={years} />}
      {orders.length === 0 && !cursor ? (
        filtered ? (
          <p class="panel" data-no-match>
            No orders match. <a href="/orders">See all your orders</a>.
          </p>
        ) : (
          <p class="panel">
            No orders yet. <a href="/">Start shopping</a>.
          </p>
        )
      ) : (
        <ul class="orders">
          {orders.map((o) => (
            <li class="order-row" data-order-id={o.id}>
              <OrderHeadline order={o} />
              <span class="status-cell">
                <span class={`status s-${o.status}`}>{o.payment_url ? payStatus(o.created_at) : shopperStatusLabel(o.status)}</span>
                {o.delivery_by && (
                  <small data-delivery-by={o.delivery_by}>
                    <DueBy date={o.delivery_by} brief />
                  </small>
                )}
              </span>
              <span>{money(orderTotal(o))}</span>
              <span class="muted">{whenIst(o.created_at)}</span>
              {/* Placed but not paid: read as "Placed" beside Cancel, it looked as if it had gone through. */}
              {o.payment_url && <PayInList link={o.payment_url} createdAt={o.created_at} />}
              <CancelForm order={o} csrf={c.var.csrfToken} />
              {canBuyAgain(o.status) && <BuyAgainForm orderId={o.id} csrf={c.var.csrfToken} label={buyAgainLabel(o.status)} />}
              {/* Once every product in it is reviewed, the order's own page offers to edit them. */}
              {receivedInHand(o) && (o.unreviewed ?? 1) > 0 && (
                <a href={`/orders/${encodeURIComponent(o.id)}#review-items`} data-write-review>
                  Write a review
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      <PageLinks
        next={next ? withQuery("/orders", { ...filter, cursor: next }) : null}
        first={cursor ? withQuery("/orders", filter) : null}
        label="Older orders"
      />
    </Layout>,
  );
}

/**
 * What an order in the list was, as a shopper remembers it: the costliest line's picture and
 * title ("and 2 more" for the rest), linking to the order, with its id beneath for a call to support.
 */
function OrderHeadline(props: { order: Order }) {
  const o = props.order;
  const lead = o.lead_item;
  const href = `/orders/${encodeURIComponent(o.id)}`;
  if (!lead) return <a href={href}>Order {o.id}</a>;
  const lines = o.lines ?? 1;
  const more = lines - 1;
  return (
    <div class="line-item">
      <ProductThumb image={lead.image} title={lead.title} small />
      <div>
        <a href={href} data-order-headline>
          {lead.title}
          {more > 0 && ` and ${more} more ${more === 1 ? "item" : "items"}`}
        </a>
        <OtherPictures pictures={o.item_images ?? [lead]} lines={lines} />
        <p class="muted order-ref">Order {o.id}</p>
      </div>
    </div>
  );
}

/**
 * The other lines' pictures beside the lead's, so a shopper finds "the order with the charger in
 * it" at a glance; nothing for a single line. Each is named by its title, as no words stand beside it.
 */
function OtherPictures(props: { pictures: LinePicture[]; lines: number }) {
  const others = props.pictures.slice(1);
  if (others.length === 0) return null;
  const unshown = props.lines - props.pictures.length;
  return (
    <ul class="order-pictures" data-order-pictures>
      {others.map((p) => (
        <li>
          <ProductThumb image={p.image} title={p.title} alt={p.title} small />
        </li>
      ))}
      {unshown > 0 && (
        <li class="muted">
          +{unshown}
          <span class="visually-hidden"> more</span>
        </li>
      )}
    </ul>
  );
}

/** How the order is paid for, and what has come back of it after a cancellation. */
function PaymentLine(props: { payment: NonNullable<Order["payment"]> }) {
  const p = props.payment;
  return (
    <p data-order-payment>
      Payment: {paymentMethodLabel(p.method)}
      {(p.refunded ?? 0) > 0 && <> · {money(p.refunded)} refunded</>}
    </p>
  );
}

/**
 * One order: its status, timeline, lines, address, payment and what can still be done with it
 * (cancel, return); `message` says why a form posted on it was refused.
 */
async function renderOrderPage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  id: string,
  message?: string,
  returnDraft?: ReturnDraft,
  helpDraft?: HelpDraft,
) {
  personalPage(c);
  const res = await callApi<Order>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}`);
  if (!res.ok) {
    return refusedPage(c, res.problem, { title: "Order", personal: true });
  }
  const o = res.data;
  if (message === CANCEL_REFUSED) message = cancelRefusal(o.status) ?? undefined;
  const documents = timelineOf(o).some((t) => t.to === "shipped") ? await orderInvoices(c, fetchApi, o.id) : NO_DOCUMENTS;
  // Under overload rating is shed, so the page leaves its forms out rather than offer one that would fail.
  const [feedback, help] = await Promise.all([
    RATABLE_STATUSES.has(o.status) && !c.var.degraded
      ? callApi<OrderFeedback>(c, fetchApi, `/api/orders/${encodeURIComponent(o.id)}/seller-feedback`)
      : null,
    callApi<{ items: HelpRequestView[] }>(c, fetchApi, `/api/orders/${encodeURIComponent(o.id)}/help`),
  ]);
  // Stage panels carry the statuses they belong to, so order-live.js can show and hide them as the status moves.
  const stage = (statuses: string) => ({ "data-while-status": statuses, hidden: !statuses.split(" ").includes(o.status) });
  return c.html(
    <Layout
      degraded={c.var.degraded}
      viewer={c.var.user}
      csrf={c.var.csrfToken}
      title={orderPageTitle(o)}
      scripts={["order-poll.js", "order-live.js", "pay-deadline.js"]}
    >
      <section
        class="order"
        data-order-live={o.id}
        data-status={o.status}
        data-status-words={JSON.stringify(shopperStatusWords(o.payment?.method))}
        data-pay-status={o.payment?.redirect_url ? payStatus(o.created_at) : undefined}
      >
        <p class="panel ok" role="status" {...stage("payment_authorized confirmed")}>
          {justPlaced(o.created_at) ? "Thank you! " : ""}Your order is confirmed. We will let you know when it ships.
        </p>
        {/* The id on a line of its own, smaller: at phone width it broke the heading mid-word over three lines. */}
        <h1>
          Order <span class="order-id">{o.id}</span>
        </h1>
        <p>
          Status:{" "}
          <strong class={`status s-${o.status}`} data-order-status aria-live="polite">
            {o.payment?.redirect_url ? payStatus(o.created_at) : shopperStatusLabel(o.status, o.payment?.method)}
          </strong>
        </p>
        {o.delivery_by && (
          <p data-delivery-by={o.delivery_by} {...stage("payment_authorized confirmed packed shipped")}>
            <DueBy date={o.delivery_by} />
          </p>
        )}
        {message && (
          <p class="panel error" role="alert">
            {message}
          </p>
        )}
        <p class="panel error" role="status" data-live-notice hidden />
        {/* Where order-live.js draws the shipment once ops give it, or redraws it once they correct it. */}
        <div data-shipment-slot hidden={!o.shipment}>
          <ShipmentLine shipment={o.shipment} />
        </div>
        <Timeline order={o} />
        {o.payment?.redirect_url && <PaymentDue link={o.payment.redirect_url} createdAt={o.created_at} stage={stage("created")} />}
        <div class="panel error" role="alert" {...stage("payment_failed")}>
          <p>
            The payment did not go through, so this order was not placed. Nothing was charged. Its items left your cart when you placed it;
            put them back to try again.
          </p>
          <BuyAgainForm orderId={o.id} csrf={c.var.csrfToken} label={buyAgainLabel("payment_failed")} />
        </div>
        {Array.isArray(o.items) && (
          <ul class="order-items" id="review-items">
            {o.items.map((i) => (
              <li class="line-item">
                <ProductThumb image={i.image} title={i.title ?? i.listing_id} small />
                <div>
                  {i.deal_id && <span class="tag">Flash deal</span>} {i.qty} ×{" "}
                  {i.product_id ? (
                    <a href={`/products/${encodeURIComponent(i.product_id)}`}>{i.title ?? i.listing_id}</a>
                  ) : (
                    (i.title ?? i.listing_id)
                  )}{" "}
                  — {lineAmount(i.price ?? i.unit_price, i.qty)}
                  {typeof i.return_qty === "number" && i.return_qty > 0 && o.return_request?.outcome !== "declined" && (
                    <span class="muted" data-return-qty>
                      {" "}
                      ({i.return_qty} of {i.qty} {o.return_request?.outcome === "pending" ? "asked back" : "sent back"})
                    </span>
                  )}
                  {/* Reviews open once the order is delivered: the shopper has had the product in hand. */}
                  {receivedInHand(o) && i.product_id && (
                    <>
                      {" "}
                      <a href={`/products/${encodeURIComponent(i.product_id)}/review`} data-write-review>
                        {i.reviewed ? "Edit your review" : "Write a review"}
                      </a>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <p>
          Total <strong>{money(orderTotal(o))}</strong>
        </p>
        {o.address && (
          <>
            <h2>Deliver to</h2>
            <OrderAddress address={o.address} />
          </>
        )}
        {o.payment && <PaymentLine payment={o.payment} />}
        {documents.invoices.length > 0 ? (
          <InvoiceLinks orderId={o.id} documents={documents} />
        ) : (
          // Where order-live.js puts the invoice links once the order ships while the page is open.
          <div data-invoice-slot hidden />
        )}
        <CancelForm order={o} csrf={c.var.csrfToken} />
        <BuyAgainForm orderId={o.id} csrf={c.var.csrfToken} stage={stage(BUY_AGAIN_STAGE)} />
        <ReturnPanel order={o} csrf={c.var.csrfToken} draft={returnDraft} />
        <SellerRatings orderId={o.id} feedback={feedback?.ok ? feedback.data : null} csrf={c.var.csrfToken} />
        <HelpPanel
          orderId={o.id}
          requests={help.ok ? help.data.items : null}
          late={o.delivery_by !== null && o.delivery_by !== undefined && istDate(new Date()) > o.delivery_by}
          csrf={c.var.csrfToken}
          draft={helpDraft}
        />
        <p>
          <a href="/orders">All your orders</a>
        </p>
      </section>
    </Layout>,
  );
}

/**
 * Whether the shopper has had the order's products in hand, which is when reviews open (as the
 * reviews API decides): delivered, and still so once a return is asked for, received or refunded,
 * as a shopper who sent one thing back may review what they kept, or what they sent back. A
 * refunded order counts only if it was delivered, which the order page's timeline tells; the list
 * does not know, and offers no link for it.
 */
export function receivedInHand(o: { status: string; timeline?: Array<{ to: string }> }): boolean {
  if (["delivered", "return_requested", "return_received"].includes(o.status)) return true;
  return o.status === "refunded" && (o.timeline ?? []).some((t) => t.to === "delivered");
}

/**
 * When an order on its way is due: the day checkout promised, or, once that day is past in India,
 * that it is late, in so many words.
 */
function DueBy({ date, brief }: { date: string; brief?: boolean }) {
  if (istDate(new Date()) > date) {
    // The list has a line for it, the order's own page a sentence.
    return brief ? (
      <>
        Running late: due <strong>{deliveryDateLabel(date)}</strong>
      </>
    ) : (
      <>
        It was due by <strong>{deliveryDateLabel(date)}</strong> and is running late. We are sorry for the wait.
      </>
    );
  }
  return (
    <>
      Arriving by <strong>{deliveryDateLabel(date)}</strong>
    </>
  );
}

/** Registers my orders (with cancel), the order page whose timeline updates live, and the return form. */
export function registerOrderPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/orders", async (c) => (c.var.user ? renderOrders(c, fetchApi) : signInFirst(c)));

  app.get("/orders/:id", async (c) =>
    c.var.user
      ? renderOrderPage(c, fetchApi, c.req.param("id"), c.req.query("cancel") === "refused" ? CANCEL_REFUSED : undefined)
      : signInFirst(c),
  );

  app.post("/orders/:id/cancel", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const res = await callApi<Order>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}/cancel`, { method: "POST", body: {} });
    if (!res.ok) {
      // The order moved on while its page was open (it shipped, say): its page says what that means.
      if (res.problem.status === 409 && typeof res.problem.from === "string")
        return c.redirect(`/orders/${encodeURIComponent(id)}?cancel=refused`, 303);
      answerProblem(c, res.problem);
      return renderOrders(c, fetchApi, problemMessage(res.problem));
    }
    return c.redirect(`/orders/${encodeURIComponent(id)}`, 303);
  });

  // Without scripts too: the lines go into the cart and the cart page says what went in and what did not.
  app.post("/orders/:id/buy-again", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const res = await callApi<BuyAgainOutcome>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}/buy-again`, {
      method: "POST",
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return res.problem.status === 404
        ? refusedPage(c, res.problem, { title: "Order", personal: true })
        : renderOrderPage(c, fetchApi, id, problemMessage(res.problem));
    }
    return c.redirect(buyAgainLanding(res.data), 303);
  });

  // Without scripts: the stars and comment post here, and a refusal comes back on the order page saying why.
  app.post("/orders/:id/seller-feedback/:seller", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const path = `/api/orders/${encodeURIComponent(id)}/seller-feedback/${encodeURIComponent(c.req.param("seller"))}`;
    const res = await callApi<OrderFeedback>(c, fetchApi, path, { method: "PUT", body: sellerRatingBody(await c.req.parseBody()) });
    if (!res.ok) {
      answerProblem(c, res.problem);
      if (res.problem.status === 404) return refusedPage(c, res.problem, { title: "Order", personal: true });
      return renderOrderPage(c, fetchApi, id, sellerRatingProblem(res.problem, problemMessage(res.problem)));
    }
    return c.redirect(`/orders/${encodeURIComponent(id)}#rate-sellers`, 303);
  });

  // Without scripts: the question posts here, and a refusal comes back on the order page with what was typed.
  app.post("/orders/:id/help", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const body = helpBody(await c.req.parseBody());
    const res = await callApi<HelpRequestView>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}/help`, { method: "POST", body });
    if (!res.ok) {
      answerProblem(c, res.problem);
      if (res.problem.status === 404) return refusedPage(c, res.problem, { title: "Order", personal: true });
      const why = helpRefusal(res.problem, problemMessage(res.problem));
      return renderOrderPage(c, fetchApi, id, why.page, undefined, { ...body, error: why.field });
    }
    return c.redirect(`/orders/${encodeURIComponent(id)}#help`, 303);
  });

  // What changed since the question was asked, added to it while it waits; a refusal comes back on the order page.
  app.post("/orders/:id/help/:helpId/additions", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const helpId = c.req.param("helpId");
    const { message } = helpBody(await c.req.parseBody());
    const res = await callApi<HelpRequestView>(
      c,
      fetchApi,
      `/api/orders/${encodeURIComponent(id)}/help/${encodeURIComponent(helpId)}/additions`,
      { method: "POST", body: { message } },
    );
    if (!res.ok) {
      answerProblem(c, res.problem);
      if (res.problem.status === 404) return refusedPage(c, res.problem, { title: "Order", personal: true });
      const why = helpRefusal(res.problem, problemMessage(res.problem), true);
      return renderOrderPage(c, fetchApi, id, why.page, undefined, { topic: "", message, error: why.field, to: helpId });
    }
    return c.redirect(`/orders/${encodeURIComponent(id)}#help`, 303);
  });

  app.post("/orders/:id/return", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const id = c.req.param("id");
    const body = returnBody(await c.req.parseBody());
    const res = await callApi<Order>(c, fetchApi, `/api/orders/${encodeURIComponent(id)}/return`, { method: "POST", body });
    if (!res.ok) {
      answerProblem(c, res.problem);
      // A missing reason or no item ticked is the shopper's to fix; the rest say what stands in the way.
      const why = res.problem.status === 400 ? returnFormProblem(res.problem.errors) : problemMessage(res.problem);
      return renderOrderPage(c, fetchApi, id, why, body);
    }
    return c.redirect(`/orders/${encodeURIComponent(id)}`, 303);
  });
}
