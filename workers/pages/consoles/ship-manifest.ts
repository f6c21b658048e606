import { BULK_MAX } from "../../orders/bulk-moves";
import { CARRIERS, type CarrierId, OTHER_CARRIER, normalizeTrackingNumber, trackingNumberProblem } from "../../orders/carriers";
import type { Problem } from "../api";

/** One order's line of a courier manifest, as the bulk move's `shipments` takes it, with the line it came from. */
export interface ManifestEntry {
  line: number;
  order_id: string;
  carrier: CarrierId;
  tracking_number: string;
  name?: string;
}

/** A manifest as read: its entries, and a sentence per line that could not be read. */
export interface Manifest {
  entries: ManifestEntry[];
  problems: string[];
}

/** Longest manifest the form takes: a bulk move's orders with room for long lines and a header. */
export const MANIFEST_MAX_CHARS = BULK_MAX * 200;

const ORDER_ID = /^ord_[A-Za-z0-9_-]{1,64}$/;

/** A courier as compared: case, spaces and punctuation dropped, so "Blue Dart", "BLUEDART" and "blue_dart" are one. */
const folded = (typed: string) => typed.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The couriers of the list by their folded name and id, and `other` as the single-order form's choice names it. */
const COURIERS = new Map<string, CarrierId>([
  ...Object.entries(CARRIERS).flatMap(([id, c]) => [[folded(c.name), id as CarrierId] as const, [folded(id), id as CarrierId] as const]),
  [folded(OTHER_CARRIER), OTHER_CARRIER],
  [folded("Other courier"), OTHER_CARRIER],
]);

/** The list's names, for the page's help and a refusal's. */
export const COURIER_NAMES = Object.values(CARRIERS)
  .map((c) => c.name)
  .join(", ");

/**
 * The courier ops typed, matched as they type it, or null for a name not on the list. A name not on
 * the list is refused rather than taken as another courier's: the single-order form makes "other" a
 * choice of its own, and a misspelt "Delhivry" taken as another courier would leave its shopper
 * without a tracking link.
 */
export function courierNamed(typed: string): CarrierId | null {
  return COURIERS.get(folded(typed)) ?? null;
}

/** A first line naming its columns, as portals' exports begin, rather than an order. */
const isHeader = (fields: string[]) => !ORDER_ID.test(fields[0] ?? "") && /order/i.test(fields[0] ?? "");

/** One line read: its entry, why it cannot be read, or null for a line with nothing to read (blank, or the header). */
function readLine(line: number, raw: string, first: boolean, lineOf: ReadonlyMap<string, number>): ManifestEntry | string | null {
  const fields = raw.split(/[\t,]/).map((f) => f.trim());
  if (fields.every((f) => f === "")) return null;
  if (first && isHeader(fields)) return null;
  const [orderId = "", courier = "", awb = "", name = ""] = fields;
  if (fields.filter((f) => f !== "").length < 3) return "give the order id, the courier and the AWB, split by commas or tabs.";
  if (!ORDER_ID.test(orderId)) return `"${orderId.slice(0, 80)}" is not an order id.`;
  const carrier = courierNamed(courier);
  if (!carrier) {
    return `"${courier.slice(0, 60)}" is not a courier on the list (${COURIER_NAMES}). For another courier write other, then the AWB and its name.`;
  }
  if (carrier === OTHER_CARRIER && !name) return "name the other courier after its AWB.";
  // Checked here too, with the API's own rule, so every line to correct is named in one go rather
  // than an AWB's after each unknown order or courier is put right.
  const awbProblem = trackingNumberProblem(carrier, normalizeTrackingNumber(awb));
  if (awbProblem) return awbProblem;
  const earlier = lineOf.get(orderId);
  if (earlier) return `${orderId} has its AWB on line ${earlier} already.`;
  return { line, order_id: orderId, carrier, tracking_number: awb, ...(carrier === OTHER_CARRIER ? { name } : {}) };
}

/**
 * Reads a pasted manifest: one line per order, "order id, courier, AWB" (another courier's name
 * after its AWB), fields split by commas or tabs as portals export them. Blank lines and a header
 * are skipped. Each AWB is checked against its courier by the rule the API applies again on the move.
 */
export function readManifest(text: string): Manifest {
  const entries: ManifestEntry[] = [];
  const problems: string[] = [];
  const lineOf = new Map<string, number>();
  for (const [i, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const read = readLine(i + 1, raw, entries.length === 0 && problems.length === 0, lineOf);
    if (typeof read === "string") problems.push(`Line ${i + 1}: ${read}`);
    else if (read) {
      lineOf.set(read.order_id, read.line);
      entries.push(read);
    }
  }
  return { entries, problems };
}

/**
 * The API's refusal of the manifest's shipments told by line ("Line 3: Blue Dart tracking numbers are
 * 11 digits."), or null when it named none of them. `entries` are the shipments in the order sent.
 */
export function manifestRefusal(problem: Problem, entries: readonly ManifestEntry[]): string[] | null {
  if (problem.status !== 400) return null;
  const lines = (problem.errors ?? []).flatMap((e) => {
    const [, index, field] = /^shipments\.(\d+)\.(\w+)$/.exec(e.path) ?? [];
    const entry = index === undefined ? undefined : entries[Number(index)];
    if (!entry) return [];
    return [`Line ${entry.line}: ${field === "carrier" ? "choose a courier of the list." : e.message}`];
  });
  return lines.length ? lines : null;
}
