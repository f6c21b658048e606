import type { Hono } from "hono";
import type { Comparison } from "../catalog/compare";
import { CatalogId } from "../catalog/schemas";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi } from "./api";
import { edgeSecondsFor, sharedPage } from "./cache";
import { COMPARE_SCRIPT, CompareTray, comparedProductAttrs } from "./compare-toggle";
import { Availability, dealPhase, Price, ProductThumb, Rating, TableScroll } from "./components";
import { offerSellerRated, specLabel } from "./format";
import { ErrorPanel, Layout } from "./layout";
import { AddToCart, DealEntry } from "./product";
import type { Deal, ProductDetail } from "./types";

/** As long as the product API's own answer stays fresh at the edge (the catalog's PRODUCT_CACHE). */
const COMPARE_EDGE_SECONDS = 10;

/** The `only` value that keeps the rows where the products differ. */
const DIFFERENCES = "differences";

/** A link to this page for `ids`, keeping whether it shows differences only. */
function compareHref(ids: readonly string[], only: boolean): string {
  const query = new URLSearchParams({ ids: ids.join(",") });
  if (only) query.set("only", DIFFERENCES);
  // Commas are left as typed: the link reads as the list it is.
  return `/compare?${query.toString().replaceAll("%2C", ",")}`;
}

const productHref = (id: string) => `/products/${encodeURIComponent(id)}`;

/**
 * Marks what the page shows for compare.js, which makes this browser's compare list the same:
 * a Remove here is then a removal from the tray on every other page too. Each shown product is
 * the element carrying its marks inside.
 */
function shownAttrs(kind: { id: string; name: string }): Record<string, string> {
  return { "data-compare-shown": "", "data-kind": kind.id, "data-kind-name": kind.name };
}

/** The words of a refused comparison: what is wrong with the link, and what to do instead. */
function refusalWords(problem: Problem): string {
  const missing = Array.isArray(problem.missing) ? (problem.missing as string[]) : [];
  if (problem.status === 404 && missing.length > 0) {
    return `We could not find ${missing.length === 1 ? "product" : "products"} ${missing.join(", ")}. It may have been removed.`;
  }
  const why = problem.errors?.find((e) => e.path === "ids")?.message;
  if (why?.startsWith("Products of different kinds")) return `${why}. Compare products of one kind at a time.`;
  if (problem.status === 400 && why) return `This comparison link does not work: ${why}.`;
  return problem.detail ?? "We could not compare these products. Please try again.";
}

/**
 * Drawn hidden for compare.js, which shows it where the comparison on screen is not the shopper's
 * own list (a link someone sent): the page is one copy for everyone, so only the browser knows.
 */
function SharedNotice() {
  return (
    <div class="notice compare-shared" role="status" tabindex={-1} data-compare-shared hidden>
      <p class="compare-shared-words" data-compare-shared-words />
      <p class="compare-shared-choices" data-compare-shared-choices>
        <a href="/compare" data-compare-own>
          Open your comparison
        </a>{" "}
        <button type="button" data-compare-adopt>
          Make this comparison your list
        </button>
      </p>
    </div>
  );
}

function Refused(props: { problem: Problem }) {
  return (
    <>
      <ErrorPanel heading="These products can't be compared" message={refusalWords(props.problem)} />
      <p>
        Choose 2 to 4 products of one kind with Compare on their pages or on their cards in search and category results, then open the
        compare tray.
      </p>
    </>
  );
}

/** Registers /compare: the products named in `ids` side by side, one column each. */
export function registerComparePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/compare", async (c) => {
    const typed = c.req.query("ids") ?? "";
    const only = c.req.query("only") === DIFFERENCES;
    const ids = typed
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");

    // No products named (the address typed, or every one removed): nothing is wrong, there is
    // only nothing to compare yet. The tray below offers the shopper's own list, if they keep one.
    if (ids.length === 0 && typed.trim() === "") {
      sharedPage(c, COMPARE_EDGE_SECONDS);
      return c.html(
        <Layout degraded={c.var.degraded} title="Compare" scripts={[COMPARE_SCRIPT]}>
          <h1>Compare</h1>
          <section class="panel" data-compare-nothing>
            <p>Nothing to compare yet.</p>
            <p class="muted">
              Choose 2 to 4 products of one kind with Compare on their pages or on their cards in search and category results, then open the
              compare tray.
            </p>
            <p>
              <a href="/search">Browse all products</a>
            </p>
          </section>
          <CompareTray />
        </Layout>,
      );
    }

    // The last Remove leaves one: nothing to compare it with, so say so and lead back to it.
    const lone = ids.length === 1 && !typed.includes(",") && CatalogId.safeParse(ids[0]).success ? (ids[0] as string) : null;
    if (lone !== null) {
      const res = await callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(lone)}`, { as: "anonymous" });
      if (!res.ok) {
        answerProblem(c, res.problem);
        return c.html(
          <Layout degraded={c.var.degraded} title="Compare">
            <Refused problem={res.problem.status === 404 ? { ...res.problem, missing: [lone] } : res.problem} />
          </Layout>,
        );
      }
      sharedPage(c, edgeSecondsFor(res.headers, COMPARE_EDGE_SECONDS));
      const p = res.data;
      const cat = p.category;
      const kind = typeof cat === "object" && cat?.id && cat.name ? { id: cat.id, name: cat.name } : null;
      return c.html(
        <Layout degraded={c.var.degraded} title="Compare" scripts={kind ? [COMPARE_SCRIPT] : []}>
          <h1>Compare</h1>
          {kind && <SharedNotice />}
          <section class="panel" {...(kind ? shownAttrs(kind) : {})}>
            <p>Only one product is left to compare.</p>
            <p {...(kind ? comparedProductAttrs(p) : {})}>
              <a href={productHref(p.id)}>{p.title}</a>
            </p>
            <p class="muted">Add another of the same kind with Compare on its page or on its card in search and category results.</p>
          </section>
        </Layout>,
      );
    }

    const res = await callApi<Comparison>(c, fetchApi, `/api/compare?ids=${encodeURIComponent(typed)}`, { as: "anonymous" });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return c.html(
        <Layout degraded={c.var.degraded} title="Compare">
          <Refused problem={res.problem} />
        </Layout>,
      );
    }
    const { category, products, specifications } = res.data;
    const shownIds = products.map((p) => p.id);
    const rows = only ? specifications.filter((r) => !r.same) : specifications;
    // No purge names a comparison, so it is kept no longer than the product answers it is made of.
    sharedPage(c, edgeSecondsFor(res.headers, COMPARE_EDGE_SECONDS));
    return c.html(
      <Layout
        degraded={c.var.degraded}
        title={`Compare ${products.length} ${category.name}`}
        scripts={[COMPARE_SCRIPT]}
        description={`${products.map((p) => p.title).join(" vs ")} compared on Bazaar.`}
      >
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href="/">Home</a>
          {" › "}
          <a href={`/categories/${encodeURIComponent(category.slug)}`}>{category.name}</a>
        </nav>
        <h1>
          Compare {products.length} {category.name}
        </h1>
        <SharedNotice />
        <p class="compare-rows-choice">
          {only ? (
            <a href={compareHref(shownIds, false)}>Show all specifications</a>
          ) : (
            <a href={compareHref(shownIds, true)}>Show differences only</a>
          )}
        </p>
        <TableScroll label={`${category.name} compared`}>
          <table class="compare" data-compare-table {...shownAttrs(category)}>
            <caption>
              {products.map((p) => p.title).join(" vs ")}
              {only ? " (differences only)" : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">Product</span>
                </th>
                {products.map((p) => (
                  <th scope="col" {...comparedProductAttrs(p)}>
                    <ProductThumb image={p.image} brand={p.brand} title={p.title} small />
                    <a href={productHref(p.id)} class="compare-title">
                      {p.title}
                    </a>
                    <a
                      class="compare-remove"
                      href={compareHref(
                        shownIds.filter((id) => id !== p.id),
                        only,
                      )}
                      data-compare-remove={p.id}
                    >
                      Remove<span class="visually-hidden"> {p.title}</span>
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Price</th>
                {products.map((p) => (
                  <td>{p.buy_box ? <Price price={p.buy_box.price} mrp={p.buy_box.mrp} /> : "No seller offers this right now."}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Availability</th>
                {products.map((p) => (
                  <td>
                    <Availability bucket={p.availability} />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Rating</th>
                {products.map((p) => (
                  <td>
                    <Rating rating={p.rating.average === null ? null : { average: p.rating.average, count: p.rating.count }} />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Sold by</th>
                {products.map((p) => (
                  <td>{p.buy_box ? offerSellerRated(p.buy_box) : "—"}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">
                  <span class="visually-hidden">Buy</span>
                </th>
                {products.map((p) => {
                  const box = p.buy_box;
                  const deal = p.deal && dealPhase(p.deal as Deal) !== "ended" ? (p.deal as Deal) : null;
                  if (!box) return <td />;
                  return (
                    <td>
                      {/* A live deal's listing is sold through its waiting room, as on the product's own page. */}
                      {deal && deal.listing_id === box.listing_id ? (
                        <DealEntry deal={deal} />
                      ) : (
                        <AddToCart
                          listingId={box.listing_id}
                          title={p.title}
                          disabled={p.availability === "sold_out"}
                          label={p.availability === "sold_out" ? "Sold out" : "Add to cart"}
                        />
                      )}
                    </td>
                  );
                })}
              </tr>
            </tbody>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{specLabel(r.name)}</th>
                  {r.values.map((v) => (
                    <td>{v ?? <span class="muted">Not listed</span>}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {only && rows.length === 0 && <p>Their specifications are all the same.</p>}
      </Layout>,
    );
  });
}
