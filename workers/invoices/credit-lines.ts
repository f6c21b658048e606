import { splitTax } from "./tax-split";

/** An invoice line, or the part of one a credit note cancels; money in paise. */
export interface DocumentLine {
  listingId: string;
  title: string;
  hsn: string | null;
  qty: number;
  /** Per piece, GST included, as sold. */
  unitPrice: number;
  rate: number;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
}

/**
 * A document's lines as the JSON its line INSERT reads through json_each, each in the column order
 * that statement names: listing, title, qty, unit price, rate, taxable, CGST, SGST, IGST, HSN.
 */
export function lineRowsJson(lines: readonly DocumentLine[]): string {
  return JSON.stringify(lines.map((l) => [l.listingId, l.title, l.qty, l.unitPrice, l.rate, l.taxable, l.cgst, l.sgst, l.igst, l.hsn]));
}

/**
 * The lines a credit note cancels of an invoice's `lines`: all of them when `returned` is null (a full
 * refund), else only the units `returned` names per listing. A line cancelled whole keeps its invoice
 * figures to the paisa. Part of a line is taxed afresh on the units' price paid at the line's rate, as
 * the invoice taxed the whole line, so the credit note's total is exactly what those units refunded.
 */
export function creditLines(
  lines: readonly DocumentLine[],
  returned: ReadonlyMap<string, number> | null,
  intraState: boolean,
): DocumentLine[] {
  if (!returned) return [...lines];
  return lines.flatMap((line) => {
    const units = Math.min(returned.get(line.listingId) ?? 0, line.qty);
    if (units <= 0) return [];
    if (units === line.qty) return [line];
    return [{ ...line, qty: units, ...splitTax(line.unitPrice * units, line.rate, intraState) }];
  });
}
