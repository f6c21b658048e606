import { availabilityLabel, money, percentOff, when } from "./format";
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
          <span class="visually-hidden">MRP</span> <s>{money(props.mrp)}</s> <span class="off">{off}% off</span>
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
      <span class="stars">{props.rating.average.toFixed(1)} ★</span>{" "}
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

/** A product tile in a grid of results. */
export function ProductCard(props: { product: ProductCardData }) {
  const p = props.product;
  return (
    <li class="card">
      <a href={`/products/${encodeURIComponent(p.id)}`} class="card-link">
        <ProductThumb image={p.image} brand={p.brand} title={p.title} />
        <span class="card-title">{p.title}</span>
      </a>
      {p.brand && <p class="muted card-brand">{p.brand}</p>}
      <Price price={p.deal_price ?? p.price} mrp={p.mrp} />
      {ratingOf(p) && <Rating rating={ratingOf(p)} />}
      {p.availability && p.availability !== "in_stock" && <Availability bucket={p.availability} />}
    </li>
  );
}

/** A live countdown: the text is right without scripts, and app.js ticks it every second. */
export function Countdown(props: { to: string; label: string }) {
  return (
    <p class="countdown">
      {props.label}{" "}
      <time datetime={props.to} data-countdown={props.to}>
        {when(props.to)}
      </time>
    </p>
  );
}

/** Whether a deal is open now, still to come, or over, by its times. */
export function dealPhase(deal: Deal, now = Date.now()): "upcoming" | "live" | "ended" {
  if (deal.status === "ended" || deal.status === "sold_out") return "ended";
  if (Date.parse(deal.starts_at) > now) return "upcoming";
  if (Date.parse(deal.ends_at) <= now) return "ended";
  return "live";
}

/** The tag a deal wears: live, coming up, sold out or ended. */
export function dealTag(deal: Deal, now = Date.now()): string {
  if (deal.status === "sold_out") return "Sold out";
  const phase = dealPhase(deal, now);
  return phase === "live" ? "Live now" : phase === "upcoming" ? "Coming up" : "Ended";
}

/** A deal tile linking to its page and waiting room. */
export function DealCard(props: { deal: Deal }) {
  const d = props.deal;
  const phase = dealPhase(d);
  return (
    <li class="card deal">
      <a href={`/deals/${encodeURIComponent(d.id)}`} class="card-link">
        <span class="tag">{dealTag(d)}</span>
        <span class="card-title">{d.product_title ?? d.title ?? "Flash deal"}</span>
      </a>
      <Price price={d.deal_price} mrp={d.mrp ?? d.price} />
      {phase === "upcoming" && <Countdown to={d.starts_at} label="Starts in" />}
      {phase === "live" && <Countdown to={d.ends_at} label="Ends in" />}
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
