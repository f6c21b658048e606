import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { answerProblem, type ApiFetch, callApi, type Problem, problemMessage } from "./api";
import { loadDeal } from "./deal";
import { JoinAgain, waitingRoomPage } from "./deal-wait";
import { holdRefusalMessage, isPassingRefusal } from "./hold-refusal";
import { CsrfField, ErrorPanel } from "./layout";

/** The admitted shopper's step into checkout. */
export const AdmitForm = z.object({ admission_token: z.string().min(1).max(1024) });

const PASSING_HEADINGS = {
  all_held: "Every unit is held right now",
  paused: "The deal is paused",
  not_live: "The deal is not open right now",
} as const;

/** The page for a turn whose hold the API refused, in words, with what the shopper can do next. */
function refusedHold(c: Context<AppEnv>, dealId: string, token: string, problem: Problem) {
  const reason = problem.reason;
  if (isPassingRefusal(reason)) {
    // These pass while the shopper keeps their turn: they ask again with the same admission.
    return waitingRoomPage(
      c,
      "Waiting room",
      <>
        <h1>{PASSING_HEADINGS[reason]}</h1>
        <p data-wr-message>{holdRefusalMessage(reason)}</p>
        <form method="post" action={`/deals/${encodeURIComponent(dealId)}/admit`}>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="admission_token" value={token} />
          <button type="submit" class="primary">
            Try again
          </button>
        </form>
      </>,
    );
  }
  // The hold API answers 403 for an admission past its session or issued to someone else.
  if (reason === "expired" || problem.status === 403) {
    return waitingRoomPage(
      c,
      "Waiting room",
      <JoinAgain dealId={dealId} heading="Your turn has ended" message={holdRefusalMessage("expired")} csrf={c.var.csrfToken} />,
    );
  }
  const soldOut = reason === "sold_out" || problem.type === "/problems/sold-out";
  if (reason === "per_user_limit") {
    return waitingRoomPage(
      c,
      "Waiting room",
      <>
        <h1>You have this deal already</h1>
        <p data-wr-message>{holdRefusalMessage(reason)}</p>
        <p>
          <a href="/cart">See your cart</a> or <a href="/orders">your orders</a>.
        </p>
      </>,
    );
  }
  const heading = soldOut ? "Sold out" : reason === "ended" ? "This deal has ended" : "Waiting room";
  return waitingRoomPage(
    c,
    "Waiting room",
    <ErrorPanel heading={heading} message={holdRefusalMessage(soldOut ? "sold_out" : reason) ?? problemMessage(problem)} />,
  );
}

/**
 * Registers the admitted shopper's one click into checkout without scripts: hold a unit with the
 * admission, put it in the cart, and go to checkout carrying the admission token.
 */
export function registerWaitingRoomAdmit(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.post("/deals/:id/admit", async (c) => {
    const id = c.req.param("id");
    const parsed = AdmitForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return waitingRoomPage(
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
    if (!hold.ok) {
      answerProblem(c, hold.problem);
      return refusedHold(c, id, token, hold.problem);
    }
    if (deal.ok && deal.data.listing_id) {
      const added = await callApi(c, fetchApi, `/api/cart/items/${encodeURIComponent(deal.data.listing_id)}`, {
        method: "PUT",
        body: { qty: 1 },
      });
      if (!added.ok) {
        answerProblem(c, added.problem);
        return waitingRoomPage(c, "Waiting room", <ErrorPanel heading="Waiting room" message={problemMessage(added.problem)} />);
      }
    }
    return c.redirect(`/checkout?admission_token=${encodeURIComponent(token)}`, 303);
  });
}
