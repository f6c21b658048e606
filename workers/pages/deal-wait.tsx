import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { answerProblem, type ApiFetch, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { Countdown, Price } from "./components";
import { type DealName, dealName } from "./deal-name";
import { clockTime } from "./format";
import { ALL_HELD_WHILE_REFRESHING, boughtLimitMessage, holdRefusalMessage } from "./hold-refusal";
import { CsrfField, ErrorPanel, Layout } from "./layout";

/** The waiting room's answer, as GET/POST /api/deals/{id}/queue give it. */
interface QueueStatus {
  ticket: string;
  status: "waiting" | "admitted" | "expired" | "sold_out" | "ended";
  position: number | null;
  eta_seconds: number | null;
  all_held?: boolean;
  paused: boolean;
  starts_at: string;
  admission_token?: string;
  admission_expires_at?: string;
}

/** The ticket the waiting room issued, carried in the page's address between reloads. */
const TicketQuery = z.object({ ticket: z.string().min(1).max(1024) });

/** How long to wait, in words ("about 1 minute", never "1 minutes"), as waiting-room.js says it. */
export function waitWords(seconds: number | null): string {
  if (seconds === null) return "a little while";
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  return seconds < 60 ? count(Math.max(1, seconds), "second") : `about ${count(Math.round(seconds / 60), "minute")}`;
}

/** The deal a waiting page is for, named as its page names it, with the way back to that page. */
function DealNamed(props: { dealId: string; name: DealName }) {
  return (
    <div class="wr-deal">
      <p>
        Flash deal: <a href={`/deals/${encodeURIComponent(props.dealId)}`}>{props.name.title}</a>
      </p>
      <Price price={props.name.price} mrp={props.name.mrp} />
    </div>
  );
}

/**
 * A personal waiting-room page, reloading itself after `refreshSeconds` when given; `deal` names
 * the deal it is for, so a shopper with several tabs, or back after a while, knows what they wait for.
 */
export function waitingRoomPage(
  c: Context<AppEnv>,
  title: string,
  body: unknown,
  refreshSeconds?: number,
  deal?: { id: string; name: DealName | null },
) {
  personalPage(c);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={title} refreshSeconds={refreshSeconds}>
      {deal?.name && <DealNamed dealId={deal.id} name={deal.name} />}
      <section class="panel waiting-room" aria-live="polite">
        {body}
      </section>
    </Layout>,
  );
}

/** A turn or ticket that can no longer be used: say why, and offer a new place in line. */
export function JoinAgain(props: { dealId: string; heading: string; message: string; csrf: string | null }) {
  return (
    <>
      <h1>{props.heading}</h1>
      <p data-wr-message>{props.message}</p>
      <form method="post" action={`/deals/${encodeURIComponent(props.dealId)}/wait`}>
        <CsrfField token={props.csrf} />
        <button type="submit" class="primary">
          Join again
        </button>
      </form>
    </>
  );
}

/** The deal's limit per shopper when the signed-in visitor has bought it all; null otherwise or when it cannot be read. */
async function boughtLimitReached(c: Context<AppEnv>, fetchApi: ApiFetch, id: string): Promise<number | null> {
  const res = await callApi<{ per_user_limit: number; more_allowed: number }>(c, fetchApi, `/api/deals/${encodeURIComponent(id)}/bought`);
  return res.ok && res.data.more_allowed === 0 ? res.data.per_user_limit : null;
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
    // Read beside the place in line, from the edge's copy (see deal-name.ts), not through the JSON poll.
    const named = dealName(c, fetchApi, id);
    const page = async (title: string, body: unknown, refreshSeconds?: number) =>
      waitingRoomPage(c, title, body, refreshSeconds, { id, name: await named });
    if (!ticket.success) {
      // Signed in, a shopper who already bought the deal's limit is told so rather than queued for a refusal.
      const limit = c.var.user ? await boughtLimitReached(c, fetchApi, id) : null;
      if (limit !== null)
        return page(
          "Waiting room",
          <>
            <h1>You have this deal's limit</h1>
            <p data-wr-message>{boughtLimitMessage(limit)}</p>
          </>,
        );
      return page(
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
      const status = res.problem.status;
      if (status === 404) {
        return page(
          "Waiting room",
          <ErrorPanel heading="Deal not found" message="This deal no longer exists. See the live deals on the home page." />,
        );
      }
      if (status === 401 || status === 403) {
        // A ticket that is altered or for another deal never becomes valid: reloading would not help.
        return page(
          "Waiting room",
          <JoinAgain
            dealId={id}
            heading="We could not find your place in line"
            message="This waiting-room link is not valid for this deal. Join again for a new place in line."
            csrf={c.var.csrfToken}
          />,
        );
      }
      return page("Waiting room", <ErrorPanel heading="Waiting room" message={problemMessage(res.problem)} />, 10);
    }
    const q = res.data;
    if (q.status === "waiting" && q.position === null && !q.paused) {
      // Before the start nobody has a place yet: the pre-queue is let in in an order drawn at random.
      return page(
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
        "Waiting room",
        <>
          <h1>You are in line</h1>
          <p>
            {q.paused
              ? "The deal is paused for a moment; you keep your place."
              : q.all_held
                ? ALL_HELD_WHILE_REFRESHING
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
        "Your turn",
        <>
          <h1>It's your turn!</h1>
          {/* This page does not refresh: without the time, a shopper who steps away finds the turn gone only on coming back. */}
          {q.admission_expires_at && (
            <p data-wr-message>
              Your turn lasts until {clockTime(q.admission_expires_at)} IST: continue before then, and we hold a unit for you while you
              check out.
            </p>
          )}
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
        "Waiting room",
        <JoinAgain
          dealId={id}
          heading="Your turn has ended"
          message="Your time to check out ran out before the order was placed. Join again for a new place in line."
          csrf={c.var.csrfToken}
        />,
      );
    }
    return page(
      "Waiting room",
      <>
        <h1>{q.status === "sold_out" ? "Sold out" : "This deal has ended"}</h1>
        <p data-wr-message>{holdRefusalMessage(q.status === "sold_out" ? "sold_out" : "ended")}</p>
        <p>
          <a href="/deals">See other deals</a>
        </p>
      </>,
    );
  });

  app.post("/deals/:id/wait", async (c) => {
    const id = encodeURIComponent(c.req.param("id"));
    const res = await callApi<QueueStatus>(c, fetchApi, `/api/deals/${id}/queue`, { method: "POST", body: {} });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return waitingRoomPage(c, "Waiting room", <ErrorPanel heading="Waiting room" message={problemMessage(res.problem)} />);
    }
    return c.redirect(`/deals/${id}/wait?ticket=${encodeURIComponent(res.data.ticket)}`, 303);
  });
}
