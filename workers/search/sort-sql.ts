import type { SearchSort } from "./schemas";
import type { Bindings } from "./statement-sql";

/**
 * A column of a set of products that some sort orders by. `own_price` orders only the matches a
 * guessed category is then added to (namedCheapestKeys); a cursor never carries it.
 */
export type SortColumn = "named_price" | "own_price" | "score" | "price" | "rating_avg" | "rating_count" | "created_at";

/** One column of a sort's key and what a cursor may carry for it. */
export interface SortKey {
  column: SortColumn;
  desc: boolean;
  /** Null on some rows, sorted after every value. */
  nullable?: boolean;
  value: "real" | "integer" | "text";
}

/**
 * WORDED_SORT's key over a set whose column `named` holds the price of a product the query names,
 * by its category or its title's head, and null for any other, which sorts after every price: the
 * rest follow by relevance. Guessing a category for a query naming none, the matches are first
 * ranked by what the query names itself (`own_price`), before the guess adds to it (`named_price`).
 */
export function namedCheapestKeys(named: "named_price" | "own_price"): readonly SortKey[] {
  return [
    { column: named, desc: false, nullable: true, value: "integer" },
    { column: "score", desc: true, value: "real" },
  ];
}

/**
 * Each sort's key, most significant column first. Every order ends in the id, ascending, so no
 * two rows tie and "the rows after this one" is exact.
 */
export const SORT_KEYS: Record<SearchSort, readonly SortKey[]> = {
  relevance: [{ column: "score", desc: true, value: "real" }],
  price_asc: [{ column: "price", desc: false, value: "integer" }],
  price_desc: [{ column: "price", desc: true, value: "integer" }],
  rating: [
    { column: "rating_avg", desc: true, nullable: true, value: "real" },
    { column: "rating_count", desc: true, value: "integer" },
  ],
  newest: [{ column: "created_at", desc: true, value: "text" }],
  named_cheapest: namedCheapestKeys("named_price"),
};

/** The ORDER BY of a sort over a set's columns. */
export function orderSql(sort: SearchSort): string {
  return orderOf(SORT_KEYS[sort]);
}

/** The ORDER BY of a sort key over a set's columns, ending in the id. */
export function orderOf(keys: readonly SortKey[]): string {
  return [...keys.map((k) => `${k.column} ${k.desc ? "DESC" : "ASC"}${k.nullable ? " NULLS LAST" : ""}`), "id"].join(", ");
}

/** Where a page ended: its last row's sort key, one value per column of the sort's key, and id. */
export interface SortPosition {
  key: ReadonlyArray<number | string | null>;
  id: string;
}

/**
 * The rows strictly after `at` in `sort`'s order, as a predicate over a set's columns: equal on
 * the first columns of the key and past the next one, for each column in turn, then equal on the
 * whole key and past the id. A null sorts after every value, so nothing comes after it on its
 * column. Values are bound once, and compared exactly as carried.
 */
export function afterSql(sort: SearchSort, at: SortPosition, b: Bindings): string {
  const keys = SORT_KEYS[sort];
  const bound = at.key.map((v) => (v === null ? null : b.add(v)));
  const id = b.add(at.id);
  const ranges: string[] = [];
  const equal: string[] = [];
  keys.forEach((k, i) => {
    const v = bound[i] ?? null;
    if (v === null) {
      equal.push(`${k.column} IS NULL`);
      return;
    }
    ranges.push([...equal, `${k.column} ${k.desc ? "<" : ">"} ${v}`].join(" AND "));
    if (k.nullable) ranges.push([...equal, `${k.column} IS NULL`].join(" AND "));
    equal.push(`${k.column} = ${v}`);
  });
  ranges.push([...equal, `id > ${id}`].join(" AND "));
  return ranges.map((r) => `(${r})`).join(" OR ");
}
