import { type WaitUntil, dealState } from "./edge-state";

/** A deal's status and units left, as a list of deals shows them beside the rest of the deal. */
export interface UnitsLeft<S extends string> {
  /** The deal's own status, or `sold_out` when its gate says every unit is sold. */
  status: S | "sold_out";
  /** Units neither sold nor held; null when that is not known without more reads than a list may make. */
  remaining: number | null;
}

/**
 * How many units a deal has left, for the lists that show it on a sale day (the ops overview and
 * the deal manager's console). A scheduled deal has sold nothing, so it has all its units. A live
 * or paused deal's units are counted by its gate alone, asked through the waiting room's edge
 * state: refreshed at most once a second per deal, so a page reloaded by many managers and ops
 * costs the gate no more than the waiting room already does. Any other deal's units left are not
 * known from its row (an ended deal's unsold units went back to stock, which its gate counts), so
 * they are null rather than a read of the gate per ended deal on every page. `where` names the
 * list in the log line of a failed read, which leaves the deal's own status and null.
 */
export async function unitsLeft<S extends string>(
  env: Env,
  ctx: WaitUntil,
  deal: { id: string; status: S; units: number },
  where: string,
): Promise<UnitsLeft<S>> {
  if (deal.status === "scheduled") return { status: deal.status, remaining: deal.units };
  if (deal.status !== "live" && deal.status !== "paused") return { status: deal.status, remaining: null };
  try {
    const { state } = await dealState(env, ctx, deal.id);
    return { status: state.status === "sold_out" ? "sold_out" : deal.status, remaining: state.remaining };
  } catch (err) {
    // The rest of the list still holds; it says the units left are not known right now.
    console.error(JSON.stringify({ level: "warn", message: `deal state unavailable for ${where}`, dealId: deal.id, error: String(err) }));
    return { status: deal.status, remaining: null };
  }
}
