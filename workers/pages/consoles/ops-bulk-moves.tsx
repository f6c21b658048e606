import { z } from "zod";
import { BULK_FROM, BULK_MAX, BULK_MOVES, type BulkFrom, type BulkResult } from "../../orders/bulk-moves";
import { ORDER_STATUSES } from "../../orders/state-machine";
import { FieldError, invalidAttrs } from "../field-error";
import { countWords } from "../format";
import { CsrfField } from "../layout";
import { withQuery } from "../paging";
import { COURIER_NAMES } from "./ship-manifest";

/** The id of the form a queue's checkboxes belong to (they sit in the table's rows, outside it). */
export const BULK_FORM_ID = "bulk-move";

/** The queues whose orders can be moved many at a time, with the bulk button's label. */
const BULK_LABELS: Record<BulkFrom, string> = {
  confirmed: "Mark selected packed",
  packed: "Mark selected shipped",
  shipped: "Mark selected delivered",
};

/** Whether the list of `status` offers bulk moves. */
export function bulkFrom(status: string): BulkFrom | null {
  return BULK_FROM.find((s) => s === status) ?? null;
}

const ORDER_ID = /^ord_[A-Za-z0-9_-]{1,64}$/;

/**
 * The bulk form as posted: the ticked orders (one checkbox posts a string, several an array), the list
 * it came from and, on the packed queue, the pasted courier manifest (its length is checked as it is read).
 */
export const BulkMoveForm = z.object({
  order_ids: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string().max(80)).max(BULK_MAX * 2)),
  from: z.enum(BULK_FROM),
  manifest: z.string().optional(),
  sort: z.string().max(10).optional(),
  cursor: z.string().max(300).optional(),
});

/**
 * The bar above a queue's table: "select all on this page" and the one button moving the ticked
 * orders. Without scripts, selecting all reloads the page with every box ticked (`selectAll`);
 * ops-bulk-moves.js ticks them in place instead. The packed queue's bar also takes a courier manifest;
 * `manifest` is what was pasted when the form comes back refused, `manifestError` what is wrong with it.
 */
export function BulkMoveBar(props: {
  from: BulkFrom;
  csrf: string | null;
  sort: string | undefined;
  cursor: string | undefined;
  selectAll: boolean;
  manifest?: string | undefined;
  manifestError?: string | undefined;
}) {
  const { from, sort, cursor } = props;
  const toggle = withQuery("/ops", { status: from, sort, cursor, select: props.selectAll ? undefined : "all" });
  return (
    <form id={BULK_FORM_ID} method="post" action="/ops/orders/transitions" class="bulk-bar" data-bulk-moves>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="from" value={from} />
      {sort && <input type="hidden" name="sort" value={sort} />}
      {cursor && <input type="hidden" name="cursor" value={cursor} />}
      <a href={toggle} data-select-all={props.selectAll ? "clear" : "all"}>
        {props.selectAll ? "Clear the selection" : "Select all on this page"}
      </a>
      <button type="submit">{BULK_LABELS[from]}</button>
      {from === "packed" && <ManifestField manifest={props.manifest} error={props.manifestError} />}
    </form>
  );
}

/**
 * Where ops paste the courier's manifest, folded away so the bar stays small while they tick rows;
 * open when it comes back with a refused manifest to correct. The lines to correct are drawn under
 * it and read out with it, after its help, as every console field's message is.
 */
function ManifestField(props: { manifest: string | undefined; error: string | undefined }) {
  const invalid = invalidAttrs("manifest", Boolean(props.error));
  return (
    <details class="manifest" open={Boolean(props.manifest)} data-manifest>
      <summary>Add couriers and AWBs from a manifest</summary>
      <label for="manifest">Courier manifest</label>
      <p class="muted" id="manifest-help">
        One line per order: order id, courier, AWB, split by commas or tabs as a courier's portal exports them. Orders in the manifest are
        shipped with their AWB whether ticked or not; ticked orders without a line ship without one. Couriers: {COURIER_NAMES}; for another,
        write other, then the AWB and the courier's name. If a line cannot be read, nothing is shipped and the line is named.
      </p>
      <textarea
        id="manifest"
        name="manifest"
        rows={6}
        spellcheck={false}
        {...invalid}
        aria-describedby={["manifest-help", invalid["aria-describedby"]].filter(Boolean).join(" ")}
        placeholder="ord_…, Delhivery, 1234567890123"
      >
        {props.manifest ?? ""}
      </textarea>
      <FieldError field="manifest" message={props.error} />
    </details>
  );
}

/** A row's checkbox, named for the order it picks, belonging to the bulk form above the table. */
export function BulkPick(props: { orderId: string; checked: boolean }) {
  return (
    <input
      type="checkbox"
      name="order_ids"
      value={props.orderId}
      form={BULK_FORM_ID}
      checked={props.checked}
      aria-label={`Select order ${props.orderId}`}
    />
  );
}

const STATUS = new Set<string>(ORDER_STATUSES);

/**
 * The address a bulk move returns to: the queue, with what happened to each order in its query.
 * Shipping counts the moved orders that shipped with a tracking number (`tracked`, the ids sent a shipment).
 */
export function bulkSummaryQuery(
  from: BulkFrom,
  results: BulkResult[],
  view: { sort?: string | undefined; cursor?: string | undefined },
  tracked?: ReadonlySet<string>,
) {
  const moved = results.filter((r) => r.outcome === "moved").length;
  // Orders no longer in the queue, whether another operator or an earlier request moved them.
  const movedOn = results.filter((r) => r.status !== null && r.status !== from && r.outcome !== "moved");
  const stuck = results.filter((r) => r.outcome === "refused" && r.status === from);
  const missing = results.filter((r) => r.status === null);
  return withQuery("/ops", {
    status: from,
    sort: view.sort,
    cursor: view.cursor,
    bulk: BULK_MOVES[from],
    moved,
    tracked: tracked ? results.filter((r) => r.outcome === "moved" && tracked.has(r.id)).length : undefined,
    on: movedOn.map((r) => `${r.id}:${r.status}`).join(","),
    stuck: stuck.map((r) => r.id).join(","),
    missing: missing.map((r) => r.id).join(","),
  });
}

/** The ids of a summary list, each checked for an order id's shape: a crafted link draws no text of its own. */
function idsOf(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .filter((id) => ORDER_ID.test(id))
    .slice(0, BULK_MAX);
}

const words = (status: string) => status.replaceAll("_", " ");

/**
 * The notice a bulk move comes back with: "12 orders marked packed. 2 had moved on already:
 * ord_… (shipped), …", and for shipping how many went with a tracking number, since those without
 * one still need it added on their order page. Null when the address carries no bulk move's outcome.
 */
export function bulkSummary(query: (name: string) => string | undefined): string | null {
  const to = Object.values(BULK_MOVES).find((s) => s === query("bulk"));
  if (!to) return null;
  const movedOn = (query("on") ?? "")
    .split(",")
    .map((entry) => entry.split(":"))
    .filter(([id, status]) => id && status && ORDER_ID.test(id) && STATUS.has(status))
    .slice(0, BULK_MAX)
    .map(([id, status]) => `${id} (${words(status!)})`);
  const stuck = idsOf(query("stuck"));
  const missing = idsOf(query("missing"));
  const count = (name: string) => Math.min(Math.max(Number.parseInt(query(name) ?? "0", 10) || 0, 0), BULK_MAX);
  const moved = count("moved");
  const tracked = query("tracked") === undefined ? null : Math.min(count("tracked"), moved);
  const withTracking = tracked === null || moved === 0 ? "" : `, ${tracked === 0 ? "none" : tracked} with a tracking number`;
  const parts = [`${moved === 0 ? "No orders" : countWords(moved, "order", "orders")} marked ${to}${withTracking}.`];
  if (movedOn.length) parts.push(`${movedOn.length} had moved on already: ${movedOn.join(", ")}.`);
  if (stuck.length) parts.push(`${stuck.length} could not be moved: ${stuck.join(", ")}.`);
  if (missing.length) parts.push(`${missing.length} not found: ${missing.join(", ")}.`);
  return parts.join(" ");
}

/** Why each order a bulk move left in its queue stayed, in the API's words; null when none did. */
export function refusedWhy(from: BulkFrom, results: BulkResult[]): string | null {
  const stuck = results.filter((r) => r.outcome === "refused" && r.status === from);
  if (stuck.length === 0) return null;
  return stuck.map((r) => `${r.id} was not moved: ${r.detail ?? "open it to see where it stands."}`).join(" ");
}
