import { preCursor } from "../workers/deals/admission";
import { RANK_SCALE } from "../workers/deals/tickets";
import type { DealRow } from "./sku-gate-schema";

/**
 * The SkuGate's pre-queue: the shoppers who joined before the opening, in the random order of
 * their tickets' ranks. The edge admits a pre-queue ticket when its rank is below the cursor the
 * gate publishes, so the cursor is the rank of the first shopper still waiting: exactly as many
 * are let in as the gate counts as admitted, however short the line. Ranks are kept as the whole
 * numbers they were made from, so comparing them is exact.
 */

/**
 * Adds pre-queue joins. With one rank a join, each shopper is counted once however many isolates
 * reported them (a rank follows from the deal and the shopper alone); without (a gate's count from
 * before ranks were kept), they are counted as reported, and admission goes by share.
 */
export function addPreJoins(sql: SqlStorage, joins: number, ranks: readonly number[] | undefined): void {
  const added =
    ranks && ranks.length === joins
      ? sql.exec("INSERT OR IGNORE INTO pre_ranks (rank) SELECT value FROM json_each(?)", JSON.stringify(ranks)).rowsWritten
      : joins;
  sql.exec("UPDATE deal SET pre_count = pre_count + ? WHERE id = 1", added);
}

// Per gate, while the pre-queue's size stays what it was: whether every shopper in it has a rank,
// and the cursor for each count admitted. The pre-queue stops growing once the deal opens, and the
// cursors asked for are the few the deal state carries, so a handful of lookups serve every sync.
const cursors = new WeakMap<
  SqlStorage,
  { preCount: number; ranked: boolean; at: Map<number, number>; waiting?: { admitted: number; ranks: number[] } }
>();

/** The pre-queue's size and whether each of it has a rank, read again only when the size changes. */
function memoOf(sql: SqlStorage, d: DealRow) {
  let memo = cursors.get(sql);
  if (!memo || memo.preCount !== d.pre_count || memo.at.size > 256) {
    const ranked = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM pre_ranks").one().n === d.pre_count;
    memo = { preCount: d.pre_count, ranked, at: new Map() };
    cursors.set(sql, memo);
  }
  return memo;
}

/**
 * The most pre-queue shoppers still waiting whose ranks the deal state lists for exact places. A
 * handful of waiting shoppers estimated from their share of the line would be told the same place
 * or skip one; in a long line an estimate off by a few is not seen, and the list would be large.
 */
export const SHORT_PRE_QUEUE = 200;

/** The ranks of the pre-queue still waiting once `admitted` are in, lowest first; undefined past `SHORT_PRE_QUEUE` or without ranks. */
export function preWaitingRanks(sql: SqlStorage, d: DealRow, admitted: number): number[] | undefined {
  const waiting = d.pre_count - admitted;
  if (waiting > SHORT_PRE_QUEUE) return undefined;
  if (waiting <= 0) return [];
  const memo = memoOf(sql, d);
  if (!memo.ranked) return undefined;
  if (memo.waiting?.admitted !== admitted) {
    const ranks = sql
      .exec<{ rank: number }>("SELECT rank FROM pre_ranks ORDER BY rank LIMIT ? OFFSET ?", SHORT_PRE_QUEUE, admitted)
      .toArray()
      .map((r) => r.rank);
    memo.waiting = { admitted, ranks };
  }
  return memo.waiting.ranks;
}

/**
 * The pre-queue cursor once `admitted` of it are in: the rank of the first still waiting (1 when
 * none is); by share when some of the pre-queue was counted without ranks.
 */
export function preCursorAt(sql: SqlStorage, d: DealRow, admitted: number): number {
  if (admitted >= d.pre_count) return preCursor(d.pre_count, admitted);
  const memo = memoOf(sql, d);
  if (!memo.ranked) return preCursor(d.pre_count, admitted);
  const known = memo.at.get(admitted);
  if (known !== undefined) return known;
  const row = sql.exec<{ rank: number }>("SELECT rank FROM pre_ranks ORDER BY rank LIMIT 1 OFFSET ?", admitted).toArray()[0];
  const cursor = row ? row.rank / RANK_SCALE : 1;
  memo.at.set(admitted, cursor);
  return cursor;
}
