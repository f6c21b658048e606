import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";

/** Sort orders a search or category listing accepts. */
export const SORTS = ["relevance", "price_asc", "price_desc", "rating", "newest"] as const;

/**
 * The order words asking for the cheapest first ("sasta laptop") read into a search that chose
 * no sort: the products the query names (its category, or its titles' head word) cheapest first,
 * then the rest by relevance. Never sent as `sort`: a plain price sort would open "sasta laptop" with laptop bags.
 */
export const WORDED_SORT = "named_cheapest";

/** An order a search runs in: one a request may choose, or the one its words chose. */
export type SearchSort = (typeof SORTS)[number] | typeof WORDED_SORT;

/** The most results one page of search or browsing holds. */
export const MAX_PAGE = 60;

// Query strings carry one value as a string and a repeated one as an array.
const repeatable = (item: z.ZodString, max: number) =>
  z
    .union([item, z.array(item).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .openapi({
      type: "array",
      items: { type: "string", ...(item.maxLength !== null ? { maxLength: item.maxLength } : {}) },
      maxItems: max,
    });

// Query values arrive as strings. Coercion would read an empty one ("price_max=") as 0 and
// silently filter everything out, and "0x10" as 16; only a plain decimal is read as a number,
// anything else is left a string and fails as "expected number".
const DECIMAL = /^\s*\d+(\.\d+)?\s*$/;
const numeric = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && DECIMAL.test(v) ? Number(v) : v), schema);

const paise = numeric(z.number().int().min(0).max(100_000_000_00));

/** The one schema for GET /api/products: search and category browsing. */
export const SearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({
        description:
          'What the shopper typed; typos and a half-typed last word are tolerated. A budget in it ("phone under 20000", ' +
          '"tv between 20k and 30k", "shoes under rs 1500") is read as a price filter and its words are not searched: see ' +
          "`price_phrase` in the response. A number is a price only after a budget word (under, below, upto, within, max, above, " +
          'over, from, min, between) or with a currency mark (rs, inr, ₹), so "iphone 15" and "55 inch tv" are searched as typed. ' +
          "`price_min` and `price_max`, when set, win over the phrase on their own side. Words asking for the cheapest first " +
          '("cheap", "cheapest", "budget", "affordable", "sasta", "sabse sasta", "low price", "kam price") are not searched, and ' +
          "when no `sort` is given they list the products the other words name (by category, or by what the title says the " +
          'product is: "budget tv" lists TVs, not TV sticks; words naming a model line or brand, by the category most of their ' +
          'best matches are in: "cheapest macbook" lists MacBooks, not their sleeves) cheapest first, then the rest by relevance: ' +
          "see `sort_phrase`.",
      }),
    category: z.string().min(1).max(100).optional().openapi({ description: "Category slug or id; its descendants are included." }),
    brand: repeatable(z.string().min(1).max(100), 20).optional().openapi({ description: "Exact brand; repeat for several." }),
    price_min: paise.optional().openapi({ description: "Lowest buy-box price, paise." }),
    price_max: paise.optional().openapi({ description: "Highest buy-box price, paise." }),
    rating_min: numeric(z.number().min(0).max(5)).optional().openapi({ description: "Lowest average rating, 0-5." }),
    in_stock: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional(),
    as_typed: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional()
      .openapi({ description: "Search every word of q as typed, reading no budget phrase in it." }),
    sort: z.enum(SORTS).default("relevance").openapi({
      description: "Relevance when not given, unless q asks for the cheapest first in words (see q); a sort given always wins.",
    }),
    group: z
      .enum(["model", "product"])
      .default("model")
      .openapi({
        description:
          "`model` (the default, what shoppers see) lists each model once, standing for its sizes and colours; `product` lists " +
          "every product on its own, for a seller listing one size or a deal manager picking one colour.",
      }),
    cursor: z.string().max(200).optional().openapi({ description: "Opaque; the `next_cursor` of the previous page." }),
    limit: queryInt(z.number().int().min(1).max(MAX_PAGE).default(24)),
  })
  .strict()
  .refine((v) => v.price_min === undefined || v.price_max === undefined || v.price_min <= v.price_max, {
    message: "price_min must not exceed price_max",
    path: ["price_min"],
  });

/** A validated search request, in the order it runs in: the one it chose, or the one its words chose. */
export type SearchParams = Omit<z.output<typeof SearchQuerySchema>, "sort"> & { sort: SearchSort };

const Money = z.number().int().openapi({ description: "paise" });

/** One product in a result list. */
export const SearchItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    brand: z.string(),
    category_id: z.string(),
    image: z.string().nullable(),
    price: Money,
    mrp: Money,
    currency: z.literal("INR"),
    rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
    availability: z.enum(["in_stock", "few_left", "sold_out"]),
    created_at: z.string(),
    variants: z
      .number()
      .int()
      .min(1)
      .openapi({
        description:
          "Results list each model once: how many of its sizes and colours passed the query and filters (among the products " +
          "read, when `capped`), this one being the first of them in the requested order that is in stock (or the first, when " +
          "none is); 1 for a product sold in one form, and always 1 with `group=product`.",
      }),
  })
  .openapi("SearchItem");

/**
 * Counts per facet value, each with `label` and `count`. A brand, category or rating entry's `value`
 * is what to send back as that filter (`brand`, `category`, `rating_min`); a price entry is sent back
 * as `price_min` = `min` and `price_max` = `max`. Brand, price and rating count as if their own
 * filter were not set, so a shopper sees what choosing another value would give.
 */
export const FacetsSchema = z
  .object({
    brand: z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() })),
    category: z.array(
      z.object({ value: z.string().openapi({ description: "slug" }), label: z.string(), id: z.string(), count: z.number().int() }),
    ),
    price: z.array(
      z.object({
        value: z.string().openapi({ description: "An opaque key for the bucket." }),
        label: z.string(),
        min: Money.openapi({ description: "paise; send as price_min" }),
        max: Money.nullable().openapi({ description: "paise, inclusive; send as price_max (null: no upper bound)" }),
        count: z.number().int(),
      }),
    ),
    rating: z.array(z.object({ value: z.string(), label: z.string(), min: z.number(), count: z.number().int() })),
  })
  .openapi("SearchFacets");

/** The body of GET /api/products. */
export const SearchResponseSchema = z
  .object({
    items: z.array(SearchItemSchema),
    facets: FacetsSchema,
    total: z
      .number()
      .int()
      .openapi({ description: "How many results: models, each counted once however many of its sizes and colours match." }),
    next_cursor: z.string().nullable(),
    corrected_query: z.string().nullable().openapi({ description: "Set when typos were corrected to find these results." }),
    price_phrase: z
      .object({
        q: z.string().openapi({ description: "The words searched: q without its budget phrase (empty: every product)." }),
        price_min: Money.nullable().openapi({ description: "paise; the lowest price applied, the phrase's or price_min" }),
        price_max: Money.nullable().openapi({ description: "paise; the highest price applied, the phrase's or price_max" }),
      })
      .nullable()
      .openapi({ description: 'Set when q carried a budget ("under 20000"): what was searched and the price range applied.' }),
    sort_phrase: z
      .object({
        q: z.string().openapi({ description: "The words searched: q without its cheap-first words (and its budget phrase)." }),
        sort: z.literal("price_asc").openapi({ description: "How the products q names are sorted, ahead of the rest" }),
        words: z.string().openapi({ description: 'The words of q read as the sort, as typed ("sabse sasta")' }),
        category: z
          .object({ slug: z.string(), name: z.string() })
          .nullable()
          .openapi({
            description:
              'Set when q names a model line or brand rather than a category ("cheapest macbook", "cheap samsung"): the category ' +
              "most of its best matches are in, whose matches were sorted cheapest first. Null when q names what it asks for itself.",
          }),
      })
      .nullable()
      .openapi({
        description:
          'Set when q asked for the cheapest first ("sasta laptop", "budget tv"), no `sort` was given and q names what it asks ' +
          "for: those products come first, cheapest first, then the other matches by relevance. A q naming a model line or brand " +
          'instead ("cheapest macbook") sorts its matches in the category most of its best matches are in: see `category`. ' +
          "Null otherwise, relevance then applying.",
      }),
    relaxed: z.boolean().openapi({ description: "True when no product had every word and results match some of them." }),
    capped: z.boolean().openapi({
      description:
        "True when more than 5,000 products passed the filters: total then counts the models among the first 5,000 (a lower " +
        "bound) and facets count those first 5,000 (in index order for a text query, in the requested order when browsing or " +
        "ranking by relevance). The items are the true first page either way; paging a capped browse ends with those models.",
    }),
    facets_capped: z.boolean().openapi({
      description:
        "True when some facet counts stop at the first 5,000 products they consider. A facet that ignores its own filter can pass " +
        "the cap while the result does not.",
    }),
  })
  .openapi("SearchResults");

/** The one schema for GET /api/autocomplete. */
export const AutocompleteQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(100),
    limit: queryInt(z.number().int().min(1).max(20).default(8)),
  })
  .strict();

/** One autocomplete suggestion. */
export const SuggestionSchema = z
  .object({
    kind: z.enum(["query", "product", "brand", "category"]),
    text: z.string(),
    ref: z.string().nullable().openapi({ description: "Product id, category slug or brand, to link to." }),
  })
  .openapi("Suggestion");

/** The body of GET /api/autocomplete. */
export const AutocompleteResponseSchema = z.object({ q: z.string(), suggestions: z.array(SuggestionSchema) }).openapi("Autocomplete");

/** The one schema for GET /api/recommendations. */
export const RecommendationsQuerySchema = z
  .object({
    product_id: z.string().min(1).max(64).optional(),
    limit: queryInt(z.number().int().min(1).max(24).default(8)),
  })
  .strict();

const RecoItem = z
  .object({
    id: z.string(),
    title: z.string(),
    brand: z.string(),
    image: z.string().nullable(),
    price: Money,
    mrp: Money,
    currency: z.literal("INR"),
  })
  .openapi("RecommendedProduct");

/** The body of GET /api/recommendations: one list per strategy that applied. */
export const RecommendationsResponseSchema = z
  .object({
    also_bought: z.array(RecoItem),
    similar: z.array(RecoItem),
    trending: z.array(RecoItem),
    for_you: z.array(RecoItem),
  })
  .openapi("Recommendations");
