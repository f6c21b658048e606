/**
 * The rows a count reads, as the FROM and WHERE of `SELECT COUNT(*)`, kept apart from the count
 * so the module that owns them can hand them to a caller that needs every row counted (a cron's
 * log line) and to one that only needs to know "a lot" (the ops overview, read over and over).
 */
export interface CountSource {
  from: string;
  where: string;
}

/** The same, grouped by the value of `column`, whose values the caller names. */
export interface CountsBySource {
  from: string;
  column: string;
}

/** A cap is written into the SQL, so it must be a plain positive integer. */
function limitFor(cap: number): number {
  if (!Number.isSafeInteger(cap) || cap < 1) throw new RangeError(`a count's cap must be a positive integer, not ${cap}`);
  return cap + 1;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * SQL counting the rows of `source` into one row's `n`: every row, or with a `cap` at most
 * `cap + 1`, where SQLite stops reading, so `n > cap` says "more than cap" and anything else
 * is exact. The capped form keeps the source's index: only the walk is cut short.
 */
export function countSql(source: CountSource, cap?: number): string {
  if (cap === undefined) return `SELECT COUNT(*) AS n FROM ${source.from} WHERE ${source.where}`;
  return `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${source.from} WHERE ${source.where} LIMIT ${limitFor(cap)})`;
}

/**
 * SQL counting the rows of `source` for each of `values` of its column, one row per value
 * (`{ [column]: value, n }`): one GROUP BY, or with a `cap` one walk per value that stops at
 * `cap + 1` rows, as a LIMIT on a GROUP BY would cap the total rather than each value. Without a
 * cap a value with no rows has no row; with one it has `n = 0`.
 */
export function countsBySql(source: CountsBySource, values: readonly string[], cap?: number): string {
  const { from, column } = source;
  if (cap === undefined) {
    return `SELECT ${column}, COUNT(*) AS n FROM ${from} WHERE ${column} IN (${values.map(literal).join(", ")}) GROUP BY ${column}`;
  }
  // A VALUES list rather than UNION ALL: D1 refuses a compound SELECT of more than five terms.
  const counted = values.map((v) => `(${literal(v)}, (${countSql({ from, where: `${column} = ${literal(v)}` }, cap)}))`);
  return `SELECT column1 AS ${column}, column2 AS n FROM (VALUES ${counted.join(", ")})`;
}
