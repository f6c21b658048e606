import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { sharedPage } from "./cache";
import { DealCard } from "./components";
import { type DealBoard, boardEdgeSeconds, dealBoard } from "./deal-board";
import { Layout } from "./layout";
import type { Deal } from "./types";

/** Seconds the deals page is kept at the edge at most, as long as the home page that links to it. */
export const DEALS_PAGE_EDGE_SECONDS = 15;

function Tiles(props: { deals: Deal[]; showOpening?: boolean }) {
  return (
    <ul class="grid">
      {props.deals.map((d) => (
        <DealCard deal={d} showOpening={props.showOpening} />
      ))}
    </ul>
  );
}

function OnNow(props: { board: DealBoard }) {
  const { onNow, soldOut } = props.board;
  return (
    <section id="on-now" aria-labelledby="on-now-h">
      <h2 id="on-now-h">On now ({onNow.length + soldOut.length})</h2>
      {onNow.length > 0 ? (
        <Tiles deals={onNow} />
      ) : (
        <p class="panel">{soldOut.length > 0 ? "Every deal on now has sold out." : "Nothing is on right now."}</p>
      )}
      {soldOut.length > 0 && (
        <section aria-labelledby="sold-out-h">
          <h3 id="sold-out-h">Sold out ({soldOut.length})</h3>
          <Tiles deals={soldOut} />
        </section>
      )}
    </section>
  );
}

function StartingSoon(props: { board: DealBoard }) {
  const days = props.board.openingDays;
  const count = days.reduce((n, day) => n + day.deals.length, 0);
  return (
    <section id="starting-soon" aria-labelledby="soon-h">
      <h2 id="soon-h">Starting soon ({count})</h2>
      {days.length === 0 && <p class="panel">No more deals announced yet. Check back soon.</p>}
      {days.map((day) => (
        <section aria-labelledby={`opens-${day.date}-h`}>
          <h3 id={`opens-${day.date}-h`}>
            <time datetime={day.date}>{day.label}</time> ({day.deals.length})
          </h3>
          <Tiles deals={day.deals} showOpening />
        </section>
      ))}
    </section>
  );
}

/**
 * Registers `/deals`, every live and coming flash deal on one page (the home page shows only the
 * first few). Shared by everyone like the home page and read from the same deals list.
 */
export function registerDealsPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/deals", async (c) => {
    const res = await callApi<{ items: Deal[] }>(c, fetchApi, "/api/deals", { as: "anonymous" });
    const now = Date.now();
    const board = res.ok ? dealBoard(res.data.items, now) : null;
    if (res.ok) {
      // Not kept past the next opening or close, which moves a tile between sections.
      sharedPage(c, boardEdgeSeconds(res.data.items, DEALS_PAGE_EDGE_SECONDS, now));
    } else {
      // The refusal's status keeps the edge from handing this page to everyone for its lifetime.
      answerProblem(c, res.problem);
      c.header("cache-control", "no-store");
    }
    const empty = board && board.onNow.length + board.soldOut.length + board.openingDays.length === 0;
    return c.html(
      <Layout
        degraded={c.var.degraded}
        title="Flash deals"
        description="Every flash deal on Bazaar now and coming up, with when each one opens in India time."
      >
        <h1>Flash deals</h1>
        {!board ? (
          <p class="panel" role="alert">
            {!res.ok && problemMessage(res.problem)}
          </p>
        ) : empty ? (
          <p class="panel">No deals right now. Check back soon.</p>
        ) : (
          <>
            <OnNow board={board} />
            <StartingSoon board={board} />
          </>
        )}
      </Layout>,
    );
  });
}
