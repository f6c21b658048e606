import type { Child } from "hono/jsx";
import { availabilityLabel, clockTime, money, percentOff, starsText, statusLabel, whenIst } from "./format";
import { CardTitle } from "./card-title";
import { localPath } from "./local-path";
import type { Deal, ProductCardData } from "./types";

/** A price with MRP struck through and the discount, as shoppers expect to compare them. */
export function Price(props: { price?: number | null; mrp?: number | null; size?: "large" }) {
  const off = percentOff(props.price, props.mrp);
  return (
    <p class={`price ${props.size ?? ""}`}>
      <strong>{money(props.price)}</strong>
      {off !== null && (
        <>
          {" "}
          <span class="visually-hidden">MRP</span> <s>{money(props.mrp)}</s>
          {/* Under 1% off is no discount to announce: "0% off" beside a struck-through MRP reads as a mistake. */}
          {off > 0 && (
            <>
              {" "}
              <span class="off">{off}% off</span>
            </>
          )}
        </>
      )}
    </p>
  );
}

function ratingOf(p: ProductCardData): { average: number; count: number } | null {
  if (p.rating && typeof p.rating === "object") return p.rating;
  if (typeof p.rating === "number") return { average: p.rating, count: p.rating_count ?? 0 };
  return null;
}

/** Star rating as text, readable by screen readers. */
export function Rating(props: { rating: { average: number; count: number } | null }) {
  if (!props.rating || props.rating.count === 0) return <p class="rating muted">No ratings yet</p>;
  return (
    <p class="rating">
      <span class="stars">{starsText(props.rating.average)} ★</span>{" "}
      <span class="muted">({props.rating.count.toLocaleString("en-IN")})</span>
    </p>
  );
}

/** An availability bucket with colour and words (never colour alone). */
export function Availability(props: { bucket?: string | null }) {
  return (
    <p class={`availability ${props.bucket ?? "unknown"}`} data-availability>
      {availabilityLabel(props.bucket)}
    </p>
  );
}

/**
 * A product's picture, or the first letter of its brand when it has none (one a seller created,
 * say). Decorative either way: the product's title beside it is what names it. Only a picture on
 * this site is shown, as the CSP would block any other and leave a broken image.
 */
export function ProductThumb(props: {
  image?: string | null;
  brand?: string | null;
  title: string;
  big?: boolean;
  small?: boolean;
  /** Names the picture where no words beside it do; without it the picture is decoration. */
  alt?: string;
}) {
  const src = props.image ? localPath(props.image) : null;
  const size = props.big ? 420 : props.small ? 64 : 200;
  const className = `thumb${props.big ? " big" : props.small ? " small" : ""}`;
  if (!src) {
    const named = props.alt ? { role: "img", "aria-label": props.alt, title: props.alt } : { "aria-hidden": "true" };
    return (
      <span class={className} {...named}>
        {(props.brand ?? props.title).slice(0, 1)}
      </span>
    );
  }
  return (
    <span class={`${className} pictured`}>
      {/* The product page's picture is its largest content, so it is not left for the browser to load last. */}
      <img src={src} alt={props.alt ?? ""} width={size} height={size} loading={props.big ? "eager" : "lazy"} decoding="async" />
    </span>
  );
}

/** A product tile in a grid of results; `children` go at its foot (a results page's Compare toggle). */
export function ProductCard(props: { product: ProductCardData; children?: Child }) {
  const p = props.product;
  return (
    <li class="card">
      <a href={`/products/${encodeURIComponent(p.id)}`} class="card-link">
        <ProductThumb image={p.image} brand={p.brand} title={p.title} />
        <CardTitle title={p.title} />
      </a>
      {p.brand && <p class="muted card-brand">{p.brand}</p>}
      {(p.variants ?? 1) > 1 && <MoreOptions product={p} more={(p.variants ?? 1) - 1} />}
      <Price price={p.deal_price ?? p.price} mrp={p.mrp} />
      {ratingOf(p) && <Rating rating={ratingOf(p)} />}
      {p.availability && p.availability !== "in_stock" && <Availability bucket={p.availability} />}
      {props.children}
    </li>
  );
}

/** A search result standing for a model: its other matching sizes and colours are a tap away, on its page's picker. */
function MoreOptions(props: { product: ProductCardData; more: number }) {
  return (
    <p class="card-options">
      <a href={`/products/${encodeURIComponent(props.product.id)}#variants`}>
        +{props.more} more {props.more === 1 ? "option" : "options"}
      </a>
    </p>
  );
}

/**
 * A live countdown: the text is right without scripts, and app.js ticks it every second. On a
 * deal's page it also carries what it becomes at the deal's start (`live`: the label and the time
 * to count down to then) and end (`ended`: the words in its place), which app.js puts in at that moment.
 */
export function Countdown(props: { to: string; label: string; atLabel?: string; live?: { label: string; to: string }; ended?: string }) {
  // Drawn, it is a date in India's time, saying so as the rest of the store's times do ("Opens
  // 6 Dec 2026, 12:06 am IST"); app.js makes it a countdown and the label with it ("Opens in
  // 01:59:58"), so neither reads "in" before a date nor a zone after a countdown.
  return (
    <p class="countdown" data-ended-text={props.ended}>
      <span data-live-text={props.live?.label} data-ticking-text={props.label}>
        {props.atLabel ?? props.label.replace(/ in$/, "")}
      </span>{" "}
      <time datetime={props.to} data-countdown={props.to} data-live-to={props.live?.to}>
        {whenIst(props.to)}
      </time>
    </p>
  );
}

/** What every page says of a deal once it is over, in place of its countdown and its way in. */
export const DEAL_ENDED = "This deal has ended.";

/** A deal's phases, in the order they come. */
export type DealPhase = "upcoming" | "live" | "ended";

/** Whether a deal is open now, still to come, or over, by its times. */
export function dealPhase(deal: Pick<Deal, "status" | "starts_at" | "ends_at">, now = Date.now()): DealPhase {
  if (deal.status === "ended" || deal.status === "sold_out") return "ended";
  if (Date.parse(deal.starts_at) > now) return "upcoming";
  if (Date.parse(deal.ends_at) <= now) return "ended";
  return "live";
}

/**
 * A deal's status in the consoles' words: sold out when its gate says so, else as the API has it
 * or as its times put it, so a deal whose start has passed reads "Live" on every console before the
 * cron moves its row, and one still to come reads "Upcoming" wherever it is listed.
 */
export function dealStatusWords(d: Pick<Deal, "status" | "starts_at" | "ends_at">, now = Date.now()): string {
  if (d.status === "sold_out") return "Sold out";
  if (d.status === "ended" || d.status === "paused" || d.status === "setting_up" || d.status === "setup_failed")
    return statusLabel(d.status);
  return statusLabel(dealPhase(d, now));
}

/** The words of a deal's tags, one per phase, and for a deal paused or sold out. */
const DEAL_TAGS = { live: "Live now", upcoming: "Coming up", ended: "Ended", paused: "Paused", sold_out: "Sold out" } as const;

/** The tag a deal wears: live, paused, coming up, sold out or ended. */
export function dealTag(deal: Deal, now = Date.now()): string {
  if (deal.status === "sold_out") return DEAL_TAGS.sold_out;
  const phase = dealPhase(deal, now);
  // Paused before its start too: it may not open on time, which "Coming up" would promise.
  if (phase !== "ended" && deal.status === "paused") return DEAL_TAGS.paused;
  return DEAL_TAGS[phase];
}

/**
 * What a deal's tag says while it is paused and, running, in each phase it may still be in, for
 * waiting-room.js to switch it when the line it polls says the deal was paused or resumed (the
 * page, one shared copy, was drawn before). Nothing for a deal that is over.
 */
export function pauseTags(phase: DealPhase): Record<string, string> {
  if (phase === "ended") return {};
  return {
    "data-paused-text": DEAL_TAGS.paused,
    "data-running-upcoming-text": DEAL_TAGS.upcoming,
    "data-running-live-text": DEAL_TAGS.live,
  };
}

/**
 * The attributes of the element holding a deal's parts that let app.js change them over at the
 * deal's start and end without a reload: the phase drawn and the deal's times. An ended deal has
 * no phase to come, so it gets none.
 */
export function dealClock(deal: Deal, phase: DealPhase): Record<string, string> {
  return phase === "ended" ? {} : { "data-deal-phase": phase, "data-starts-at": deal.starts_at, "data-ends-at": deal.ends_at };
}

/**
 * What a part of a deal says in each phase still to come after `phase` (in the server's words, so
 * pages with and without scripts agree); `off` marks a control that stops working when the deal ends.
 */
export function nextTexts(phase: DealPhase, texts: { live?: string; ended?: string; off?: boolean }): Record<string, string> {
  const next: Record<string, string> = {};
  if (phase === "upcoming" && texts.live !== undefined) next["data-live-text"] = texts.live;
  if (phase !== "ended" && texts.ended !== undefined) next["data-ended-text"] = texts.ended;
  if (phase !== "ended" && texts.off) next["data-ended-off"] = "";
  return next;
}

/** The tags a deal wears once it opens and once it is over, for its tag to change to then. */
export function nextTags(deal: Deal, phase: DealPhase): Record<string, string> {
  return nextTexts(phase, { live: dealTag(deal, Date.parse(deal.starts_at)), ended: dealTag(deal, Date.parse(deal.ends_at)) });
}

/**
 * A deal's countdown: to its start under `startLabel` (each page words it), then to its end, then
 * `DEAL_ENDED`; app.js changes it over at each moment. Nothing for a deal that is over.
 */
export function DealCountdown(props: { deal: Deal; phase: DealPhase; startLabel: string }) {
  const d = props.deal;
  if (props.phase === "upcoming")
    return <Countdown to={d.starts_at} label={props.startLabel} live={{ label: "Ends in", to: d.ends_at }} ended={DEAL_ENDED} />;
  if (props.phase === "live") return <Countdown to={d.ends_at} label="Ends in" ended={DEAL_ENDED} />;
  return null;
}

/**
 * A deal tile linking to its page and waiting room. `showOpening` adds an upcoming deal's opening
 * time of day, for a list that already says which day it opens under its heading.
 */
export function DealCard(props: { deal: Deal; showOpening?: boolean }) {
  const d = props.deal;
  const phase = dealPhase(d);
  const title = d.product_title ?? d.title ?? "Flash deal";
  return (
    <li class="card deal" {...dealClock(d, phase)}>
      <a href={`/deals/${encodeURIComponent(d.id)}`} class="card-link">
        <ProductThumb image={d.product_image} brand={d.product_brand} title={title} />
        <span class="tag" {...nextTags(d, phase)}>
          {dealTag(d)}
        </span>
        <CardTitle title={title} />
      </a>
      <Price price={d.deal_price} mrp={d.mrp ?? d.price} />
      {props.showOpening && phase === "upcoming" && (
        <p class="opens">
          Opens <time datetime={d.starts_at}>{clockTime(d.starts_at)}</time>
        </p>
      )}
      <DealCountdown deal={d} phase={phase} startLabel="Starts in" />
    </li>
  );
}

/** A data table's header row: one column header per name, for screen readers as well as eyes. */
export function ColumnHeads(props: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((name) => (
          <th scope="col">{name}</th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A wide table's own scrolling region, so a phone scrolls the table rather than the whole page
 * sideways (WCAG 1.4.10 lets a data table do that). Focusable, so a keyboard can scroll it, and
 * named by `label`, so a screen reader says what the stop is.
 */
export function TableScroll(props: { label: string; children: Child }) {
  return (
    <section class="table-scroll" aria-label={props.label} tabindex={0}>
      {props.children}
    </section>
  );
}
