import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type ApiResult, callApi, problemMessage } from "./api";
import { edgeSecondsFor, sharedPage } from "./cache";
import { DealCard, ProductCard } from "./components";
import { COMPARE_SCRIPT, CompareTray } from "./compare-toggle";
import { BudgetNote, withBudget } from "./budget-note";
import { byRelevanceHref, SortNote } from "./sort-note";
import { type FilterError, apiFilterErrors, checkFilters, priceFilter, withoutFailing } from "./filter-check";
import { ErrorPanel, Layout } from "./layout";
import { RECENTLY_VIEWED_SCRIPT, RecentlyViewed } from "./recently-viewed";
import { CategoryChips } from "./category-chips";
import type { Unfiltered } from "./empty-results";
import { type Filters, appliedFilters, kindNames, namesEveryKind, Results } from "./results";
import { sharedPageQuery } from "./shared-pages";
import type { Category, Deal, ProductCardData, ProductList } from "./types";
import { refusedPage } from "./refused-page";
import { clip } from "./format";

/**
 * Seconds a results page (search, category) is kept at the edge. A seller's change moves a
 * product in or out of any number of result pages (every query, filter, sort and page that
 * matches it), which no purge can name, so these pages are never purged. They are kept briefly
 * instead, and never past the edge's copy of the search answer they were built from (itself kept
 * a few seconds), so a price or stock change shows on them within about this long of its write.
 *
 * A catalog generation folded into their keys and bumped on each change was the alternative:
 * exact, but on a sale day stock changes every second and each change would empty every
 * results page in the data centre at once, whereas this costs one render and one search per
 * page per data centre every few seconds whatever the write rate. Not served stale while
 * refreshing: the first visitor after a quiet spell would be shown an old page.
 */
export const RESULTS_EDGE_SECONDS = 5;

/** Reads the filter query parameters a results page accepts. */
export function readFilters(c: Context<AppEnv>): Filters {
  const one = (name: string) => {
    const v = c.req.query(name);
    return v === undefined || v === "" ? undefined : clip(v, 200);
  };
  const query = c.req.query("q");
  return {
    q: query === undefined ? undefined : clip(query, 200),
    as_typed: c.req.query("as_typed") === "true",
    brand: (c.req.queries("brand") ?? []).filter(Boolean).slice(0, 20),
    price_min: one("price_min"),
    price_max: one("price_max"),
    rating_min: one("rating_min"),
    in_stock: c.req.query("in_stock") === "true",
    sort: one("sort"),
    category: one("category"),
  };
}

/** The API query for a results page; the form speaks rupees, the API speaks paise. */
export function apiQuery(f: Filters, cursor?: string): URLSearchParams {
  const qs = new URLSearchParams();
  if (f.q) qs.set("q", f.q);
  if (f.q && f.as_typed) qs.set("as_typed", "true");
  if (f.category) qs.set("category", f.category);
  for (const b of f.brand) qs.append("brand", b);
  for (const field of ["price_min", "price_max"] as const) {
    const price = priceFilter(field, f[field]);
    if (price && "paise" in price) qs.set(field, String(price.paise));
  }
  if (f.rating_min) qs.set("rating_min", f.rating_min);
  if (f.in_stock) qs.set("in_stock", "true");
  if (f.sort) qs.set("sort", f.sort);
  if (cursor) qs.set("cursor", cursor);
  qs.set("limit", "24");
  return qs;
}

/**
 * A results page's products, leaving out any filter that cannot be used so the shopper still gets
 * results and the form to fix it. The API is asked again at most once, without what it refused.
 */
async function findProducts(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  filters: Filters,
): Promise<{ res: ApiResult<ProductList>; errors: FilterError[] }> {
  const ask = (f: Filters, cursor?: string) =>
    callApi<ProductList>(c, fetchApi, `/api/products?${apiQuery(f, cursor)}`, { as: "anonymous" });
  let errors = checkFilters(filters);
  let usable = withoutFailing(filters, errors);
  const cursor = c.req.query("cursor");
  let res = await ask(usable, cursor);
  const refused = res.ok ? [] : apiFilterErrors(res.problem);
  if (refused.length > 0) {
    errors = [...errors, ...refused];
    usable = withoutFailing(usable, refused);
    res = await ask(usable, refused.some((e) => e.field === "cursor") ? undefined : cursor);
  }
  return { res, errors };
}

/**
 * For a first page of no results with filters set, the same words or category without them (`bare`)
 * and how many results that finds, so the page offers those rather than a dead end. Asked only
 * then, and not while the store sheds load; null where there is nothing to take off.
 */
async function withoutFilters(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  list: ProductList,
  applied: number,
  bare: Filters,
  href: string,
): Promise<Unfiltered | null> {
  if (list.items.length > 0 || applied === 0 || c.req.query("cursor")) return null;
  if (c.var.degraded) return { href, total: null, capped: false };
  const qs = apiQuery(bare);
  qs.set("limit", "1");
  const res = await callApi<ProductList>(c, fetchApi, `/api/products?${qs}`, { as: "anonymous" });
  if (!res.ok) return { href, total: null, capped: false };
  return { href, total: res.data.total ?? res.data.items.length, capped: Boolean(res.data.capped) };
}

/**
 * Lets the edge keep a results page only when it is a clean answer: one showing filter errors or
 * a refusal is right for this request alone. Filter errors are the shopper's to fix, so a 400.
 */
function cacheResults(c: Context<AppEnv>, ok: boolean, errors: FilterError[], edgeSeconds: number): void {
  if (ok && errors.length === 0) {
    sharedPage(c, edgeSeconds);
    return;
  }
  c.header("cache-control", "no-store");
  if (errors.length > 0) c.status(400);
}

function nextHref(c: Context<AppEnv>, list: ProductList): string | null {
  if (!list.next_cursor) return null;
  const url = new URL(c.req.url);
  // Only what the page reads: the page is cached for every visitor whatever else their link carried.
  const query = sharedPageQuery(url) ?? new URLSearchParams();
  query.set("cursor", list.next_cursor);
  return `${url.pathname}?${query}`;
}

/** This search again with its words as typed: the filters the shopper set, no budget read from the words, from the first page. */
function asTypedHref(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const query = sharedPageQuery(url) ?? new URLSearchParams();
  query.delete("cursor");
  query.set("as_typed", "true");
  return `${url.pathname}?${query}`;
}

/** This search by relevance, whatever words in it asked for the cheapest first. */
function relevanceHref(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return byRelevanceHref(url, sharedPageQuery(url) ?? new URLSearchParams());
}

function flatten(tree: Category[]): Category[] {
  return tree.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/** Product lists in a recommendations answer, whatever sections it has. */
export function recommendationSections(data: unknown): { title: string; items: ProductCardData[] }[] {
  if (!data || typeof data !== "object") return [];
  if (Array.isArray(data)) return [{ title: "Recommended for you", items: data as ProductCardData[] }];
  const titles: Record<string, string> = {
    items: "Recommended for you",
    also_bought: "People also bought",
    similar: "Similar products",
    personal: "Picked for you",
    popular: "Popular right now",
    trending: "Trending now",
    for_you: "Picked for you",
  };
  return Object.entries(data as Record<string, unknown>)
    .filter((e): e is [string, ProductCardData[]] => Array.isArray(e[1]) && e[1].length > 0)
    .map(([key, items]) => ({ title: titles[key] ?? key.replaceAll("_", " "), items: items.slice(0, 8) }));
}

/** The recommendation rows of a page, one section per kind the API returned. */
export function Recommendations(props: { data: unknown }) {
  return (
    <>
      {recommendationSections(props.data).map((s) => (
        <section aria-label={s.title}>
          <h2>{s.title}</h2>
          <ul class="grid">
            {s.items.map((p) => (
              <ProductCard product={p} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** How many flash deals the home page shows; the rest are on `/deals`. */
export const HOME_DEALS = 8;

// The filter form's enhancement, on the pages that have one, and each card's Compare toggle.
const RESULTS_SCRIPTS = ["filter-autosubmit.js", COMPARE_SCRIPT];

/** Registers the pages every visitor sees alike: home, search, category and product. */
export function registerShopPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/", async (c) => {
    const [deals, cats, recs] = await Promise.all([
      callApi<{ items: Deal[] }>(c, fetchApi, "/api/deals", { as: "anonymous" }),
      callApi<{ categories: Category[] }>(c, fetchApi, "/api/categories", { as: "anonymous" }),
      // Recommendations earn nothing directly: the first thing dropped when the front door is busy.
      c.var.degraded ? null : callApi<unknown>(c, fetchApi, "/api/recommendations", { as: "anonymous" }),
    ]);
    // The list names each deal's product, listing and seller, so the cards need no read of their own.
    const allDeals = deals.ok ? deals.data.items : [];
    const dealList = allDeals.slice(0, HOME_DEALS);
    const categories = cats.ok ? cats.data.categories : [];
    sharedPage(c, 15);
    return c.html(
      <Layout degraded={c.var.degraded} title="Home" scripts={[RECENTLY_VIEWED_SCRIPT]}>
        <section class="hero">
          <h1>Sale days are here</h1>
          <p>Flash deals every hour, delivered fast across India.</p>
        </section>
        <section id="deals" aria-labelledby="deals-h">
          <h2 id="deals-h">Flash deals</h2>
          {!deals.ok ? (
            <p class="panel">{problemMessage(deals.problem)}</p>
          ) : dealList.length === 0 ? (
            <p class="panel">No deals right now. Check back soon.</p>
          ) : (
            <>
              <ul class="grid">
                {dealList.map((d) => (
                  <DealCard deal={d} />
                ))}
              </ul>
              <p class="see-all">
                <a href="/deals">{allDeals.length > dealList.length ? `See all ${allDeals.length} deals` : "All deals by opening time"}</a>
              </p>
            </>
          )}
        </section>
        <RecentlyViewed />
        <section id="categories" aria-labelledby="cats-h">
          <h2 id="cats-h">Shop by category</h2>
          <CategoryChips categories={categories} />
        </section>
        {recs?.ok && <Recommendations data={recs.data} />}
      </Layout>,
    );
  });

  app.get("/search", async (c) => {
    const filters = readFilters(c);
    const { res, errors } = await findProducts(c, fetchApi, filters);
    cacheResults(c, res.ok, errors, edgeSecondsFor(res.headers, RESULTS_EDGE_SECONDS));
    const q = filters.q ?? "";
    if (!res.ok) {
      return refusedPage(c, res.problem, { title: "Search", heading: "Search is unavailable", query: q });
    }
    // A query with no letter or digit in it (spaces, "%") has no word to search for: search reads it
    // as everything, and the heading says so rather than claim those are results for "%".
    const words = /[\p{L}\p{N}]/u.test(q);
    const heading = words ? `Results for “${q.trim()}”` : "All products";
    const phrase = res.data.price_phrase;
    const sortPhrase = res.data.sort_phrase;
    const none = res.data.items.length === 0;
    // The words searched, less a budget read in them: that is one of the filters.
    const searched = words ? (phrase?.q ?? q).trim() : "";
    const bare = new URLSearchParams(searched ? { q: searched } : {});
    if (filters.as_typed) bare.set("as_typed", "true");
    // The category facet names the kinds of nearly every page of results; only where a result's
    // kind falls outside the few it counts is the category tree read, once for the page. A page of
    // none reads it too, to offer the categories instead.
    const [tree, unfiltered] = await Promise.all([
      (namesEveryKind(res.data, kindNames(res.data)) && !none) || c.var.degraded
        ? undefined
        : callApi<{ categories: Category[] }>(c, fetchApi, "/api/categories", { as: "anonymous" }),
      withoutFilters(
        c,
        fetchApi,
        res.data,
        appliedFilters(filters, { errors, budget: Boolean(phrase) }),
        { brand: [], q: searched, as_typed: filters.as_typed },
        `/search?${bare}`,
      ),
    ]);
    return c.html(
      <Layout degraded={c.var.degraded} title={heading} query={q} scripts={RESULTS_SCRIPTS}>
        <Results
          heading={heading}
          action="/search"
          filters={withBudget(filters, phrase)}
          errors={errors}
          list={res.data}
          nextHref={nextHref(c, res.data)}
          pickCategory
          note={
            phrase || sortPhrase ? (
              <>
                {phrase && <BudgetNote phrase={phrase} typed={q.trim()} asTypedHref={asTypedHref(c)} />}
                {sortPhrase && <SortNote phrase={sortPhrase} relevanceHref={relevanceHref(c)} />}
              </>
            ) : q.trim() !== "" && !words ? (
              <p data-no-words>“{q.trim()}” has no letters or numbers to search for, so here is everything.</p>
            ) : undefined
          }
          tree={tree?.ok ? tree.data.categories : undefined}
          empty={{ words: searched || undefined, unfiltered }}
        />
        <CompareTray />
      </Layout>,
    );
  });

  app.get("/categories/:slug", async (c) => {
    const slug = c.req.param("slug");
    const filters = { ...readFilters(c), category: slug, q: undefined, as_typed: false };
    const [{ res, errors }, cats] = await Promise.all([
      findProducts(c, fetchApi, filters),
      callApi<{ categories: Category[] }>(c, fetchApi, "/api/categories", { as: "anonymous" }),
    ]);
    const all = cats.ok ? flatten(cats.data.categories) : [];
    const category = all.find((cat) => cat.slug === slug);
    if (cats.ok && !category) {
      c.status(404);
      return c.html(
        <Layout degraded={c.var.degraded} title="Not found">
          <ErrorPanel heading="No such category" message="That category does not exist. Try searching instead." />
        </Layout>,
      );
    }
    cacheResults(c, res.ok, errors, edgeSecondsFor(res.headers, RESULTS_EDGE_SECONDS));
    if (!res.ok) {
      return refusedPage(c, res.problem, { title: category?.name ?? slug });
    }
    const unfiltered = await withoutFilters(
      c,
      fetchApi,
      res.data,
      appliedFilters(filters, { categoryIsPage: true, errors }),
      { brand: [], category: slug },
      `/categories/${encodeURIComponent(slug)}`,
    );
    return c.html(
      <Layout degraded={c.var.degraded} title={category?.name ?? slug} scripts={RESULTS_SCRIPTS}>
        {category?.children && category.children.length > 0 && <CategoryChips categories={category.children} label="Subcategories" />}
        <Results
          heading={category?.name ?? slug}
          action={`/categories/${encodeURIComponent(slug)}`}
          filters={filters}
          errors={errors}
          list={res.data}
          nextHref={nextHref(c, res.data)}
          tree={cats.ok ? cats.data.categories : undefined}
          empty={{ place: category?.name, unfiltered }}
        />
        <CompareTray />
      </Layout>,
    );
  });
}
