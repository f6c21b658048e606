import type { SearchParams } from "./schemas";
import type { Bindings } from "./statement-sql";

/** A column of a set of products that some sort orders by. */
export type SortColumn = "score" | "price" | "rating_avg" | "rating_count" | "created_at";

/** One column of a sort's key and what a cursor may carry for it. */
export interface SortKey {
  column: SortColumn;
  desc: boolean;
  /** Null on some rows, sorted after every value (only descending keys have one). */
  nullable?: boolean;
  value: "real" | "integer" | "text";
}

/**
 * Each sort's key, most significant column first. Every order ends in the id, ascending, so no
 * two rows tie and "the rows after this one" is exact.
 */
export const SORT_KEYS: Record<SearchParams["sort"], readonly SortKey[]> = {
  relevance: [{ column: "score", desc: true, value: "real" }],
  price_asc: [{ column: "price", desc: false, value: "integer" }],
  price_desc: [{ column: "price", desc: true, value: "integer" }],
  rating: [
    { column: "rating_avg", desc: true, nullable: true, value: "real" },
    { column: "rating_count", desc: true, value: "integer" },
  ],
  newest: [{ column: "created_at", desc: true, value: "text" }],
};

/** The ORDER BY of a sort over a set's columns. */
export function orderSql(sort: SearchParams["sort"]): string {
  return orderOf(SORT_KEYS[sort]);
}

function orderOf(keys: readonly SortKey[]): string {
  return [...keys.map((k) => `${k.column} ${k.desc ? "DESC" : "ASC"}${k.nullable ? " NULLS LAST" : ""}`), "id"].join(", ");
}

/** Where a page ended: its last row's sort key, one value per column of the sort's key, and id. */
export interface SortPosition {
  key: ReadonlyArray<number | string | null>;
  id: string;
}

/** One range of the rows after a cursor: its predicate, and the order within it. */
export interface AfterRange {
  where: string;
  /** The sort's order without the columns the range holds equal, which an index walk could not skip. */
  order: string;
}

/**
 * The rows strictly after `at` in `sort`'s order, as disjoint ranges over the columns `col`
 * names: equal on the first columns of the key, then past the next one. Each is a single range of
 * the sort's index, so a walk seeks straight to it; one predicate for all of them would start the
 * walk at the index's first row (descending and ascending columns make no row-value range, and a
 * null sorts after every value). The ranges come in the sort's order, every row of one before
 * any of the next, so a page that the first ranges fill need not read the later ones. Values are
 * bound once, and compared exactly as carried.
 */
export function afterSql(
  sort: SearchParams["sort"],
  at: SortPosition,
  b: Bindings,
): (col: (c: SortColumn | "id") => string) => AfterRange[] {
  const keys = SORT_KEYS[sort];
  const bound = at.key.map((v) => (v === null ? null : b.add(v)));
  const id = b.add(at.id);
  return (col) => {
    // Past a more significant column comes after past a less significant one, so each column's
    // ranges are built most significant first and put in order last.
    const byColumn: AfterRange[][] = [];
    const equal: string[] = [];
    keys.forEach((k, i) => {
      const v = bound[i] ?? null;
      const c = col(k.column);
      // A null sorts last, so nothing comes after it on this column.
      if (v === null) {
        equal.push(`${c} IS NULL`);
        return;
      }
      const ranges = [{ where: [...equal, `${c} ${k.desc ? "<" : ">"} ${v}`].join(" AND "), order: orderOf(keys.slice(i)) }];
      if (k.nullable) ranges.push({ where: [...equal, `${c} IS NULL`].join(" AND "), order: orderOf(keys.slice(i + 1)) });
      byColumn.push(ranges);
      equal.push(`${c} = ${v}`);
    });
    return [{ where: [...equal, `${col("id")} > ${id}`].join(" AND "), order: "id" }, ...byColumn.reverse().flat()];
  };
}
