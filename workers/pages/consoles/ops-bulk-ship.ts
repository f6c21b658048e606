import type { Context } from "hono";
import { BULK_MAX } from "../../orders/bulk-moves";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, callApi, problemMessage } from "../api";
import { MANIFEST_MAX_CHARS, type ManifestEntry, manifestRefusal, readManifest } from "./ship-manifest";

/**
 * Why a bulk ship was refused: the line over the form, and, when the manifest is to blame, what is
 * wrong with it, drawn under the manifest and tied to it as any field's message is.
 */
export interface BulkShipRefusal {
  error: string;
  manifest?: string | undefined;
}

/** What a bulk ship sends: the orders, and the manifest's entries (by line) that become their shipments. */
export type BulkShip = { ok: true; orderIds: string[]; entries: ManifestEntry[] } | { ok: false; refusal: BulkShipRefusal };

/** A refusal of the whole form, so ops know their ticks and manifest were not half applied. */
export const nothingMoved = (sentences: readonly string[]) => `Nothing was moved. ${sentences.join(" ")}`;

/**
 * A refusal of the manifest's lines: the line over the form says nothing moved and where to look,
 * and the lines' problems sit with the manifest, where ops correct them (a screen reader reads them
 * with it).
 */
const manifestRefused = (sentences: readonly string[]): BulkShipRefusal => ({
  error: nothingMoved(["Check the manifest."]),
  manifest: sentences.join(" "),
});

/**
 * The orders a packed queue's form ships: those ticked and those the pasted manifest names, since a
 * manifest lists the parcels handed to the courier and ticking each again would only invite a miss.
 * Everything the page can check is checked before any order moves: each line read, at most a bulk
 * move's orders in all, and every order a line names found (a ticked one was on the page already),
 * so a mistyped id is a line to correct rather than an AWB lost among the moved orders.
 */
export async function planBulkShip(c: Context<AppEnv>, fetchApi: ApiFetch, ticked: readonly string[], text: string): Promise<BulkShip> {
  if (text.length > MANIFEST_MAX_CHARS)
    return { ok: false, refusal: manifestRefused([`The manifest is longer than ${BULK_MAX} orders' lines.`]) };
  const { entries, problems } = readManifest(text);
  const orderIds = [...new Set([...ticked, ...entries.map((e) => e.order_id)])];
  // Before any order is looked up, which bounds the lookups one form can ask for.
  if (orderIds.length > BULK_MAX) {
    return {
      ok: false,
      refusal: {
        error: nothingMoved([`At most ${BULK_MAX} orders ship at once; the ticked orders and the manifest name ${orderIds.length}.`]),
      },
    };
  }
  const missing = await unknownOrders(c, fetchApi, ticked, entries);
  // Every line to correct is named together, in the manifest's order, so one round puts them all right.
  if (problems.length || missing.length) {
    const byLine = [...problems, ...new Set(missing)].sort((a, b) => lineNumber(a) - lineNumber(b));
    return { ok: false, refusal: manifestRefused(byLine) };
  }
  return { ok: true, orderIds, entries };
}

/** A problem's manifest line ("Line 3: …"), or none (sorted last) for one the API gave without a line. */
const lineNumber = (sentence: string) => Number(/^Line (\d+):/.exec(sentence)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** Why lines naming orders not on the page cannot ship: no such order, or the API's own reason. */
async function unknownOrders(c: Context<AppEnv>, fetchApi: ApiFetch, ticked: readonly string[], entries: readonly ManifestEntry[]) {
  const onPage = new Set(ticked);
  const unknown = await Promise.all(
    entries
      .filter((e) => !onPage.has(e.order_id))
      .map(async (e) => {
        const res = await callApi(c, fetchApi, `/api/admin/orders/${encodeURIComponent(e.order_id)}`);
        if (res.ok) return null;
        return res.problem.status === 404 ? `Line ${e.line}: there is no order ${e.order_id}.` : problemMessage(res.problem);
      }),
  );
  return unknown.filter((s) => s !== null);
}

/** The API's refusal of a bulk ship in ops' words: by manifest line when it named entries, else its own sentence. */
export function bulkShipRefusal(problem: Problem, entries: readonly ManifestEntry[]): BulkShipRefusal {
  const lines = manifestRefusal(problem, entries);
  return lines ? manifestRefused(lines) : { error: problemMessage(problem) };
}
