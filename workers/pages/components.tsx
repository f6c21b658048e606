import { availabilityLabel, money, percentOff, when } from "./format";
import type { Deal, FacetValue, ProductCardData, ProductList } from "./types";

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

/** A product tile in a grid of results. */
export function ProductCard(props: { product: ProductCardData }) {
  const p = props.product;
  return (
    <li class="card">
      <a href={`/products/${encodeURIComponent(p.id)}`} class="card-link">
        <span class="thumb" aria-hidden="true">
          {(p.brand ?? p.title).slice(0, 1)}
        </span>
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

const SORTS = [
  ["relevance", "Relevance"],
  ["price_asc", "Price: low to high"],
  ["price_desc", "Price: high to low"],
  ["rating", "Customer rating"],
  ["newest", "Newest first"],
] as const;

/** The filters a results page was asked for, echoed back into the form. */
export interface Filters {
  q?: string;
  category?: string;
  brand: string[];
  price_min?: string;
  price_max?: string;
  rating_min?: string;
  in_stock?: boolean;
  sort?: string;
}

function facetValues(list: ProductList, name: string): FacetValue[] {
  const v = list.facets?.[name];
  return Array.isArray(v) ? v : [];
}

/**
 * Filters and sort as a plain GET form, so they work without scripts; app.js submits it on change.
 * Prices are typed in rupees and sent in paise by the page handler.
 */
export function FilterForm(props: { action: string; filters: Filters; list: ProductList; pickCategory?: boolean }) {
  const f = props.filters;
  const categories = props.pickCategory ? facetValues(props.list, "category") : [];
  const ratingCounts = new Map(facetValues(props.list, "rating").map((r) => [r.value, r.count]));
  const brands = facetValues(props.list, "brand").length ? facetValues(props.list, "brand") : facetValues(props.list, "brands");
  return (
    <form class="filters" action={props.action} method="get" data-autosubmit aria-label="Filter results">
      {f.q !== undefined && <input type="hidden" name="q" value={f.q} />}
      <label>
        Sort by{" "}
        <select name="sort">
          {SORTS.map(([value, label]) => (
            <option value={value} selected={(f.sort ?? "relevance") === value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {categories.length > 0 && (
        <fieldset>
          <legend>Category</legend>
          <label class="check">
            <input type="radio" name="category" value="" checked={!f.category} /> All
          </label>
          {categories.slice(0, 10).map((cat) => (
            <label class="check">
              <input type="radio" name="category" value={cat.value} checked={f.category === cat.value} /> {cat.label ?? cat.value}{" "}
              <span class="muted">({cat.count})</span>
            </label>
          ))}
        </fieldset>
      )}
      {brands.length > 0 && (
        <fieldset>
          <legend>Brand</legend>
          {brands.slice(0, 12).map((b) => (
            <label class="check">
              <input type="checkbox" name="brand" value={b.value} checked={f.brand.includes(b.value)} /> {b.label ?? b.value}{" "}
              <span class="muted">({b.count})</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Price (₹)</legend>
        <div class="row">
          <label>
            Min <input type="number" name="price_min" min="0" inputmode="numeric" value={f.price_min ?? ""} />
          </label>
          <label>
            Max <input type="number" name="price_max" min="0" inputmode="numeric" value={f.price_max ?? ""} />
          </label>
        </div>
      </fieldset>
      <label>
        Rating{" "}
        <select name="rating_min">
          <option value="">Any</option>
          {["4", "3", "2"].map((r) => (
            <option value={r} selected={f.rating_min === r}>
              {r}★ and up{ratingCounts.has(r) ? ` (${ratingCounts.get(r)})` : ""}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" name="in_stock" value="true" checked={f.in_stock} /> In stock only
      </label>
      <button type="submit">Apply filters</button>
    </form>
  );
}

/** A results grid with its filters and a link to the next page. */
export function Results(props: {
  heading: string;
  action: string;
  filters: Filters;
  list: ProductList;
  nextHref: string | null;
  pickCategory?: boolean;
}) {
  const { list } = props;
  return (
    <div class="results">
      <div class="results-head">
        <h1>{props.heading}</h1>
        <p class="muted" data-result-count>
          {typeof list.total === "number"
            ? `${list.total.toLocaleString("en-IN")}${list.capped ? "+" : ""} results`
            : `${list.items.length} results`}
        </p>
        {list.relaxed && !list.corrected_query && <p>No exact matches, so here are the closest ones.</p>}
        {list.corrected_query && (
          <p>
            Showing results for <strong>{list.corrected_query}</strong>
          </p>
        )}
      </div>
      <details class="filter-box" open>
        <summary>Filters and sort</summary>
        <FilterForm action={props.action} filters={props.filters} list={list} pickCategory={props.pickCategory} />
      </details>
      {list.items.length === 0 ? (
        <p class="panel">Nothing matched. Try fewer filters or a different spelling.</p>
      ) : (
        <ul class="grid" aria-label="Products">
          {list.items.map((p) => (
            <ProductCard product={p} />
          ))}
        </ul>
      )}
      {props.nextHref && (
        <p class="more">
          <a href={props.nextHref} rel="next">
            More results
          </a>
        </p>
      )}
    </div>
  );
}
