import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { answerProblem, type ApiFetch, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { Countdown } from "./components";
import { loadDeal } from "./deal";
import { CsrfField, ErrorPanel, Layout } from "./layout";

/** The waiting room's answer, as GET/POST /api/deals/{id}/queue give it. */
interface QueueStatus {
  ticket: string;
  status: "waiting" | "admitted" | "expired" | "sold_out" | "ended";
  position: number | null;
  eta_seconds: number | null;
  paused: boolean;
  starts_at: string;
  admission_token?: string;
}

/** The ticket the waiting room issued, carried in the page's address between reloads. */
const TicketQuery = z.object({ ticket: z.string().min(1).max(1024) });

/** The admitted shopper's step into checkout. */
export const AdmitForm = z.object({ admission_token: z.string().min(1).max(1024) });

/** How long to wait, in words. */
export function waitWords(seconds: number | null): string {
  if (seconds === null) return "a little while";
  return seconds < 60 ? `${Math.max(1, seconds)} seconds` : `about ${Math.round(seconds / 60)} minutes`;
}

function page(c: Context<AppEnv>, title: string, body: unknown, refreshSeconds?: number) {
  personalPage(c);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={title} refreshSeconds={refreshSeconds}>
      <section class="panel waiting-room" aria-live="polite">
        {body}
      </section>
    </Layout>,
  );
}

/**
 * Registers the waiting room for people without scripts: join by form post, then a page that
 * reloads itself every few seconds with place and wait, and on admission one click into checkout.
 */
export function registerNoScriptWaitingRoom(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/deals/:id/wait", async (c) => {
    const id = c.req.param("id");
    const back = `/deals/${encodeURIComponent(id)}`;
    const ticket = TicketQuery.safeParse({ ticket: c.req.query("ticket") });
    if (!ticket.success) {
      return page(
        c,
        "Waiting room",
        <>
          <h1>Join the waiting room</h1>
          <form method="post" action={`${back}/wait`}>
            <CsrfField token={c.var.csrfToken} />
            <button type="submit" class="primary">
              Join the waiting room
            </button>
          </form>
        </>,
      );
    }
    const res = await callApi<QueueStatus>(c, fetchApi, `/api/deals/${encodeURIComponent(id)}/queue`, {
      headers: { "x-waiting-room-ticket": ticket.data.ticket },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return page(c, "Waiting room", <ErrorPanel heading="Waiting room" message={problemMessage(res.problem)} />, 10);
    }
    const q = res.data;
    if (q.status === "waiting" && q.position === null && !q.paused) {
      // Before the start nobody has a place yet: the pre-queue is let in in an order drawn at random.
      return page(
        c,
        "Waiting room",
        <>
          <h1>You are in line</h1>
          <p data-wr-message>
            You are in the pre-queue. Places in line are drawn at random when the deal opens. This page refreshes itself; we let you in
            automatically.
          </p>
          <Countdown to={q.starts_at} label="The deal opens in" />
        </>,
        5,
      );
    }
    if (q.status === "waiting") {
      return page(
        c,
        "Waiting room",
        <>
          <h1>You are in line</h1>
          <p>
            {q.paused
              ? "The deal is paused for a moment; you keep your place."
              : "This page refreshes itself. We let you in automatically."}
          </p>
          <dl class="wr-figures">
            <div>
              <dt>Your place in line</dt>
              <dd data-wr-position>{q.position === null ? "—" : q.position.toLocaleString("en-IN")}</dd>
            </div>
            <div>
              <dt>Estimated wait</dt>
              <dd>{waitWords(q.eta_seconds)}</dd>
            </div>
          </dl>
        </>,
        5,
      );
    }
    if (q.status === "admitted" && q.admission_token) {
      return page(
        c,
        "Your turn",
        <>
          <h1>It's your turn!</h1>
          <form method="post" action={`${back}/admit`}>
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="admission_token" value={q.admission_token} />
            <button type="submit" class="primary">
              Continue to checkout
            </button>
          </form>
        </>,
      );
    }
    if (q.status === "expired") {
      // The turn lapsed unused: the old ticket is spent, and joining again starts a new place.
      return page(
        c,
        "Waiting room",
        <>
          <h1>Your turn has ended</h1>
          <p data-wr-message>Your time to check out ran out before the order was placed. Join again for a new place in line.</p>
          <form method="post" action={`${back}/wait`}>
            <CsrfField token={c.var.csrfToken} />
            <button type="submit" class="primary">
              Join again
            </button>
          </form>
        </>,
      );
    }
    return page(
      c,
      "Waiting room",
      <>
        <h1>{q.status === "sold_out" ? "Sold out" : "This deal has ended"}</h1>
        <p data-wr-message>
          {q.status === "sold_out" ? "Sold out. Every unit of this deal has been claimed. Sorry!" : "This deal has ended."}
        </p>
        <p>
          <a href="/">See other deals</a>
        </p>
      </>,
    );
  });

  app.post("/deals/:id/wait", async (c) => {
    const id = encodeURIComponent(c.req.param("id"));
    const res = await callApi<QueueStatus>(c, fetchApi, `/api/deals/${id}/queue`, { method: "POST", body: {} });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return page(c, "Waiting room", <ErrorPanel heading="Waiting room" message={problemMessage(res.problem)} />);
    }
    return c.redirect(`/deals/${id}/wait?ticket=${encodeURIComponent(res.data.ticket)}`, 303);
  });

  app.post("/deals/:id/admit", async (c) => {
    const id = c.req.param("id");
    const parsed = AdmitForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return page(
        c,
        "Waiting room",
        <ErrorPanel heading="Waiting room" message="Your admission is missing. Join the waiting room again." />,
      );
    }
    const deal = await loadDeal(c, fetchApi, id);
    const token = parsed.data.admission_token;
    // Hold a unit first, so the turn is not lost while the address is typed; then it goes in the cart.
    const hold = await callApi(c, fetchApi, `/api/deals/${encodeURIComponent(id)}/hold`, {
      method: "POST",
      body: { admission_token: token, qty: 1 },
    });
    const added =
      hold.ok && deal.ok && deal.data.listing_id
        ? await callApi(c, fetchApi, `/api/cart/items/${encodeURIComponent(deal.data.listing_id)}`, { method: "PUT", body: { qty: 1 } })
        : hold;
    if (!added.ok) {
      answerProblem(c, added.problem);
      if (added.problem.reason === "all_held") {
        // Held units come back when their holds lapse: the shopper keeps their turn and asks again.
        return page(
          c,
          "Waiting room",
          <>
            <h1>Every unit is held right now</h1>
            <p data-wr-message>
              Every unit is held by shoppers checking out. Units may come back if they do not buy: try again in a few seconds.
            </p>
            <form method="post" action={`/deals/${encodeURIComponent(id)}/admit`}>
              <CsrfField token={c.var.csrfToken} />
              <input type="hidden" name="admission_token" value={token} />
              <button type="submit" class="primary">
                Try again
              </button>
            </form>
          </>,
        );
      }
      const soldOut = added.problem.type === "/problems/sold-out";
      return page(
        c,
        "Waiting room",
        <ErrorPanel
          heading={soldOut ? "Sold out" : "Waiting room"}
          message={soldOut ? "Sold out. Every unit of this deal has been claimed. Sorry!" : problemMessage(added.problem)}
        />,
      );
    }
    return c.redirect(`/checkout?admission_token=${encodeURIComponent(token)}`, 303);
  });
}
