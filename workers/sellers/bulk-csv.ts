import { parseRupees, RupeesError } from "../pages/rupees";
import { AppError } from "../platform/errors";
import { BULK_COLUMNS, STOCK_VERSION_COLUMN } from "./bulk-schemas";

/**
 * Reading and writing the CSV of a bulk listing update. Quoting follows RFC 4180 (a field in
 * double quotes may hold commas, quotes doubled and line breaks), as spreadsheets write it, since
 * a price like "1,299.50" is quoted there.
 */

/** The records of a CSV text, blank lines left out; a byte-order mark is dropped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0] !== "") records.push(record);
    record = [];
    field = "";
  };
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") endRecord();
    else if (ch !== "\r") field += ch;
  }
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

/** A CSV data row by column name, numbered from 1 after the header. */
export interface CsvRow {
  row: number;
  cells: Record<(typeof BULK_COLUMNS)[number] | typeof STOCK_VERSION_COLUMN, string>;
}

/** The data rows of a bulk update's CSV; a header missing a column is a 400 naming it, as nothing below it can be read. */
export function csvRows(text: string): CsvRow[] {
  const [header = [], ...data] = parseCsv(text);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = BULK_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new AppError(
      "validation_failed",
      `The first row must name the columns ${BULK_COLUMNS.join(",")}; it lacks ${missing.join(", ")}.`,
      {
        errors: missing.map((c) => ({ path: "header", message: `No ${c} column` })),
      },
    );
  }
  const columns = [...BULK_COLUMNS, STOCK_VERSION_COLUMN] as const;
  const at = Object.fromEntries(columns.map((c) => [c, names.indexOf(c)])) as Record<keyof CsvRow["cells"], number>;
  return data.map((cells, i) => ({
    row: i + 1,
    cells: Object.fromEntries(columns.map((c) => [c, (cells[at[c]] ?? "").trim()])) as CsvRow["cells"],
  }));
}

const YES = new Set(["true", "yes", "1"]);
const NO = new Set(["false", "no", "0"]);

/**
 * One CSV row as the JSON row shape (rupees to paise), for the row schema to check like any other;
 * what cannot even be read is returned as errors on the row's own fields. Empty cells are left out.
 */
export function rowFromCsv(cells: CsvRow["cells"]): { input: Record<string, unknown>; errors: { field: string; message: string }[] } {
  const input: Record<string, unknown> = { listing_id: cells.listing_id };
  const errors: { field: string; message: string }[] = [];
  for (const name of ["price", "mrp"] as const) {
    if (cells[name] === "") continue;
    try {
      input[name] = parseRupees(cells[name]);
    } catch (err) {
      if (!(err instanceof RupeesError)) throw err;
      errors.push({ field: name, message: err.message });
    }
  }
  const active = cells.active.toLowerCase();
  if (YES.has(active)) input.active = true;
  else if (NO.has(active)) input.active = false;
  else if (active !== "") errors.push({ field: "active", message: `"${cells.active}" is not true or false` });
  if (cells.warehouse_id !== "") input.warehouse_id = cells.warehouse_id;
  if (cells.available !== "") {
    if (/^-?\d{1,15}$/.test(cells.available)) input.available = Number(cells.available);
    else errors.push({ field: "available", message: `"${cells.available}" is not a whole number of units` });
  }
  if (cells.stock_version !== "") {
    if (/^\d{1,15}$/.test(cells.stock_version)) input.stock_version = Number(cells.stock_version);
    else
      errors.push({ field: "stock_version", message: `"${cells.stock_version}" is not a stock version: leave it as the template has it` });
  }
  return { input, errors };
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a title
// like "=HYPERLINK(...)" typed by anyone must open as text. A plain number such as "-12.50" is a
// number, not a formula, so amounts stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell's text as a spreadsheet shows it: one that would start a formula is prefixed with a quote, which makes it text. */
function inertCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One CSV field, made inert, then quoted when it holds a comma, a quote or a line break. */
function csvField(cell: string): string {
  const value = inertCell(cell);
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records as CSV text, one line each, CRLF-ended as RFC 4180 writes them. */
export function toCsv(records: string[][]): string {
  return records.map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}

/**
 * Paise as the rupees a seller types, with two decimals and no grouping, which `parseRupees` reads
 * back exactly. Integer arithmetic only, so no amount is ever off by a paisa; a negative amount
 * (a line whose fees exceed its sale) keeps its sign in front.
 */
export function rupeesCell(paise: number): string {
  const whole = Math.abs(paise);
  const rest = whole % 100;
  return `${paise < 0 ? "-" : ""}${(whole - rest) / 100}.${String(rest).padStart(2, "0")}`;
}
