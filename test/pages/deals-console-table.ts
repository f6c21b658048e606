import { readerText } from "../helpers/http";

/** The deals console's table as its page draws it; empty when the page has none. */
export function dealsTable(page: string): string {
  return /<table class="data" data-deals="true">.*?<\/table>/s.exec(page)?.[0] ?? "";
}

/**
 * A deal's row in the deals console's table: each cell's text under its column's head, and the
 * row's markup; null when the table has no row for the deal.
 */
export function consoleDealRow(page: string, id: string): { cells: Record<string, string>; html: string } | null {
  const table = dealsTable(page);
  const html = new RegExp(`<tr data-deal-id="${id}">.*?</tr>`, "s").exec(table)?.[0];
  if (!html) return null;
  const text = (cell: string) => readerText(cell).trim();
  const heads = [...table.matchAll(/<th scope="col">(.*?)<\/th>/gs)].map((m) => text(m[1] ?? ""));
  const values = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => text(m[1] ?? ""));
  return { cells: Object.fromEntries(heads.map((h, i) => [h, values[i] ?? ""])), html };
}
