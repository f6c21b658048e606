import type { CartLine } from "./types";

/** Units of a line the cart's total leaves out: the API's `counted_qty` says how many it counts. */
function uncounted(line: CartLine): number {
  return typeof line.counted_qty === "number" ? Math.max(0, line.qty - line.counted_qty) : 0;
}

/** Why a line's uncounted units are left out, as the end of a sentence ("are sold out"). */
function reason(line: CartLine, one: boolean): string {
  const be = one ? "is" : "are";
  if (line.availability === "sold_out") return `${be} sold out`;
  if (line.availability === "unavailable") return `${be} no longer on sale`;
  if (line.changes?.includes("qty_exceeds_limit")) return `${be} over the deal's limit per shopper`;
  return `${be} more than can be bought now`;
}

/**
 * What the cart's total leaves out, in words ("Not included: 1 item is sold out."); null when it
 * counts everything. Read from the lines, so a checkout paying for some lines says it of those.
 */
export function notIncludedWords(lines: readonly CartLine[]): string | null {
  const counts = new Map<string, number>();
  const order: CartLine[] = [];
  for (const line of lines) {
    const n = uncounted(line);
    if (n === 0) continue;
    const key = reason(line, false);
    if (!counts.has(key)) order.push(line);
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  if (order.length === 0) return null;
  const parts = order.map((line, i) => {
    const n = counts.get(reason(line, false)) ?? 0;
    const what = i === 0 ? `${n} ${n === 1 ? "item" : "items"}` : String(n);
    return `${what} ${reason(line, n === 1)}`;
  });
  const said = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Not included: ${said}.`;
}

/** The note under a total that leaves units out, set apart so the total is read as what is paid now. */
export function NotIncludedNote(props: { lines: readonly CartLine[] }) {
  const words = notIncludedWords(props.lines);
  return words ? (
    <p class="muted" role="note" data-not-included>
      {words}
    </p>
  ) : null;
}
