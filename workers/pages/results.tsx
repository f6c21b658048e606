import type { Child } from "hono/jsx";
import { ProductCard } from "./components";
import { CompareToggle } from "./compare-toggle";
import { EmptyResults, type Unfiltered } from "./empty-results";
import { FieldError, invalidAttrs } from "./field-error";
import { countUpTo, countWords } from "./format";
import { type FilterError, type FilterField, withoutFailing } from "./filter-check";
import type { Category, FacetValue, ProductList } from "./types";

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
  /** Search q word for word, reading no budget ("under 20000") in it. */
  as_typed?: boolean;
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
 * The first `max` facet values, then every chosen one they leave out. A chosen value drops out of
 * a facet when it ranks below the values shown or no longer has results (a brand outside a price
 * range chosen since); without it the shopper could neither see the filter nor take it off, and
 * the next submit of the form would drop it unseen.
 */
function withChosen(values: FacetValue[], max: number, chosen: string[]): Array<Omit<FacetValue, "count"> & { count?: number }> {
  const shown = values.slice(0, max);
  const left = chosen.filter((c, i) => chosen.indexOf(c) === i && !shown.some((v) => v.value === c));
  return [...shown, ...left.map((c) => values.find((v) => v.value === c) ?? { value: c, label: c })];
}

const RATINGS = ["4", "3", "2"];

/** One message for a group of fields (a price range is one filter), and the attributes that tie each failing field to it. */
function fieldError(errors: FilterError[], first: FilterField, ...rest: FilterField[]) {
  const fields = [first, ...rest];
  const fails = (field: FilterField) => errors.some((e) => e.field === field);
  return {
    invalid: (field: FilterField) => invalidAttrs(first, fails(field)),
    message: <FieldError field={first} message={errors.find((e) => fields.includes(e.field))?.message} />,
  };
}

/**
 * Filters and sort as a plain GET form, so they work without scripts; filter-autosubmit.js submits
 * it when a box is ticked or a choice is picked with a pointer, and the Apply button does the rest.
 * Prices are typed in rupees and sent in paise by the page handler. Filters that could not be used
 * keep what the shopper typed, with a message saying how to fix them.
 */
export function FilterForm(props: { action: string; filters: Filters; errors?: FilterError[]; list: ProductList; pickCategory?: boolean }) {
  const f = props.filters;
  const errors = props.errors ?? [];
  const sortError = fieldError(errors, "sort");
  const priceError = fieldError(errors, "price_min", "price_max");
  const ratingError = fieldError(errors, "rating_min");
  // A filter the results left out for being wrong is not offered back as chosen.
  const failed = (field: FilterField) => errors.some((e) => e.field === field);
  const chosenCategory = f.category && !failed("category") ? [f.category] : [];
  const categories = props.pickCategory ? withChosen(facetValues(props.list, "category"), 10, chosenCategory) : [];
  const ratingCounts = new Map(facetValues(props.list, "rating").map((r) => [r.value, r.count]));
  const facetBrands = facetValues(props.list, "brand").length ? facetValues(props.list, "brand") : facetValues(props.list, "brands");
  const brands = withChosen(facetBrands, 12, failed("brand") ? [] : f.brand);
  // A rating the list does not offer (a link's rating_min=1) is still shown as chosen.
  const ratings = f.rating_min && !failed("rating_min") && !RATINGS.includes(f.rating_min) ? [...RATINGS, f.rating_min] : RATINGS;
  // Words in the query chose the order ("sasta laptop"): it is shown as chosen, and sent back as no
  // sort at all, so the next submit reads the words again rather than sort everything by price.
  const worded = f.sort === undefined ? props.list.sort_phrase : null;
  return (
    <form class="filters" action={props.action} method="get" data-autosubmit aria-label="Filter results">
      {f.q !== undefined && <input type="hidden" name="q" value={f.q} />}
      {f.as_typed && <input type="hidden" name="as_typed" value="true" />}
      <label>
        Sort by{" "}
        <select id="f-sort" name="sort" {...sortError.invalid("sort")}>
          {worded && (
            <option value="" selected>
              Price: low to high, for “{worded.words}”
            </option>
          )}
          {SORTS.map(([value, label]) => (
            <option value={value} selected={!worded && (f.sort ?? "relevance") === value}>
              {label}
            </option>
          ))}
        </select>
        {sortError.message}
      </label>
      {categories.length > 0 && (
        <fieldset>
          <legend>Category</legend>
          <label class="check">
            <input type="radio" name="category" value="" checked={!f.category} /> All
          </label>
          {categories.map((cat) => (
            <label class="check">
              <input type="radio" name="category" value={cat.value} checked={f.category === cat.value} /> {cat.label ?? cat.value}
              {cat.count !== undefined && (
                <>
                  {" "}
                  <span class="muted">({cat.count})</span>
                </>
              )}
            </label>
          ))}
        </fieldset>
      )}
      {brands.length > 0 && (
        <fieldset>
          <legend>Brand</legend>
          {brands.map((b) => (
            <label class="check">
              <input type="checkbox" name="brand" value={b.value} checked={f.brand.includes(b.value)} /> {b.label ?? b.value}
              {b.count !== undefined && (
                <>
                  {" "}
                  <span class="muted">({b.count})</span>
                </>
              )}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Price (₹)</legend>
        <div class="row">
          <label>
            Min{" "}
            <input
              id="f-price_min"
              type="number"
              name="price_min"
              min="0"
              inputmode="numeric"
              value={f.price_min ?? ""}
              {...priceError.invalid("price_min")}
            />
          </label>
          <label>
            Max{" "}
            <input
              id="f-price_max"
              type="number"
              name="price_max"
              min="0"
              inputmode="numeric"
              value={f.price_max ?? ""}
              {...priceError.invalid("price_max")}
            />
          </label>
        </div>
        {priceError.message}
      </fieldset>
      <label>
        Rating{" "}
        <select id="f-rating_min" name="rating_min" {...ratingError.invalid("rating_min")}>
          <option value="">Any</option>
          {ratings.map((r) => (
            <option value={r} selected={f.rating_min === r}>
              {r}★ and up{ratingCounts.has(r) ? ` (${ratingCounts.get(r)})` : ""}
            </option>
          ))}
        </select>
        {ratingError.message}
      </label>
      <label class="check">
        <input type="checkbox" name="in_stock" value="true" checked={f.in_stock} /> In stock only
      </label>
      <button type="submit">Apply filters</button>
    </form>
  );
}

/** Form fields an error summary can move focus to. */
const FIELD_IDS: Partial<Record<FilterField, string>> = {
  sort: "f-sort",
  price_min: "f-price_min",
  price_max: "f-price_max",
  rating_min: "f-rating_min",
};

/** What could not be used, at the top of the results, each linked to its field so it is quick to fix. */
function FilterErrorSummary(props: { errors: FilterError[] }) {
  // A broken link to a later page is not a filter: it is said on its own, not listed under them.
  const page = props.errors.filter((e) => e.field === "cursor");
  const filters = props.errors.filter((e) => e.field !== "cursor");
  return (
    <div class="panel error" role="alert">
      {page.map((e) => (
        <p>{e.message}</p>
      ))}
      {filters.length > 0 && (
        <>
          <p>Some filters could not be used, so these results leave them out:</p>
          <ul>
            {filters.map((e) => {
              const id = FIELD_IDS[e.field];
              return <li>{id ? <a href={`#${id}`}>{e.message}</a> : e.message}</li>;
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * How many filters the results were narrowed by: each brand, the category, the price range, the
 * rating and in-stock-only. One the page or the API refused (a minimum above the maximum, a price
 * that is no number) is not counted, as the results leave it out; the error summary says so. A
 * budget the search read in the words is a price range the results kept to. On a category's own
 * page the category is the page, not a choice: counted, it read "1 applied" and opened the filters
 * over every phone's results.
 */
export function appliedFilters(f: Filters, opts: { categoryIsPage?: boolean; errors?: FilterError[]; budget?: boolean } = {}): number {
  const used = withoutFailing(f, opts.errors ?? []);
  const category = opts.categoryIsPage ? undefined : used.category;
  const price = used.price_min || used.price_max || opts.budget;
  return used.brand.length + [category, price, used.rating_min, used.in_stock].filter(Boolean).length;
}

/**
 * The names of the leaf categories a page knows, by id: the category facet names those of the
 * results (the few it counts), and `tree`, where the page read it, names every one. A card's
 * Compare toggle needs its product's kind named, and this costs no read of its own.
 */
export function kindNames(list: ProductList, tree: Category[] = []): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (cats: Category[]): void => {
    for (const cat of cats) {
      if (cat.id) names.set(cat.id, cat.name);
      walk(cat.children ?? []);
    }
  };
  walk(tree);
  for (const f of facetValues(list, "category")) if (f.id && f.label && !names.has(f.id)) names.set(f.id, f.label);
  return names;
}

/** Whether every result's kind is named in `names`, so each card can have its Compare toggle. */
export function namesEveryKind(list: ProductList, names: Map<string, string>): boolean {
  return list.items.every((p) => !p.category_id || names.has(p.category_id));
}

/** A results grid with its filters and a link to the next page. */
export function Results(props: {
  heading: string;
  action: string;
  filters: Filters;
  errors?: FilterError[];
  list: ProductList;
  nextHref: string | null;
  pickCategory?: boolean;
  /** What the page makes of the query, under the result count (a budget it read). */
  note?: Child;
  /** The category tree, where the page read it for its own sake (or to offer it when nothing matched). */
  tree?: Category[];
  /** For a page of no results: the words searched or the category the page is, and the way out of its filters. */
  empty?: { words?: string; place?: string; unfiltered?: Unfiltered | null };
}) {
  const { list } = props;
  const errors = props.errors ?? [];
  // Where the shopper cannot pick the category, it is the page's own.
  const applied = appliedFilters(props.filters, { categoryIsPage: !props.pickCategory, errors, budget: Boolean(list.price_phrase) });
  const kinds = kindNames(list, props.tree);
  return (
    <div class="results">
      <div class="results-head">
        <h1>{props.heading}</h1>
        <p class="muted" data-result-count>
          {typeof list.total === "number"
            ? list.capped
              ? `${countUpTo(list.total, true)} results`
              : countWords(list.total, "result", "results")
            : countWords(list.items.length, "result", "results")}
        </p>
        {list.relaxed && !list.corrected_query && list.items.length > 0 && <p>No exact matches, so here are the closest ones.</p>}
        {list.corrected_query && (
          <p>
            Showing results for <strong>{list.corrected_query}</strong>
          </p>
        )}
        {props.note}
        {errors.length > 0 && <FilterErrorSummary errors={errors} />}
      </div>
      {/* Folded on a phone, where it would push every result below the fold, unless the shopper is
          using it; filter-autosubmit.js opens it where there is room beside the results. */}
      <details class="filter-box" open={applied > 0 || Boolean(props.filters.sort) || errors.length > 0 || undefined} data-open-wide>
        <summary>
          Filters and sort
          {applied > 0 && <span class="muted"> · {applied} applied</span>}
        </summary>
        <FilterForm action={props.action} filters={props.filters} errors={errors} list={list} pickCategory={props.pickCategory} />
      </details>
      {list.items.length === 0 ? (
        <EmptyResults {...props.empty} categories={props.tree} />
      ) : (
        <ul class="grid" aria-label="Products">
          {list.items.map((p) => {
            const kind = p.category_id ? kinds.get(p.category_id) : undefined;
            return (
              <ProductCard product={p}>
                {p.category_id && kind && <CompareToggle kind={{ id: p.category_id, name: kind }} product={p} />}
              </ProductCard>
            );
          })}
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
