import { AppError } from "../platform/errors";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";
import { dealResults, resultRowsOf, resultStatements } from "./deal-results";
import { gateFor } from "./gate-client";

/**
 * A deal's results: the deal row and every figure D1 holds in one batch, then the gate's count of
 * admitted shoppers, which only the gate keeps. A gate that cannot be asked leaves that one figure
 * out rather than the whole report, which is read most once the deal is over.
 */
export async function readDealResults(env: Env, id: string) {
  const db = env.DB;
  const [dealAnswer, ...answers] = await db.batch([
    db.prepare(`SELECT ${DEAL_COLUMNS}, deals.updated_at AS updatedAt FROM deals WHERE id = ?`).bind(id),
    ...resultStatements(db, id),
  ]);
  const deal = (dealAnswer?.results as Array<DealRow & { updatedAt: string }> | undefined)?.[0];
  if (!deal) throw new AppError("not_found", `No deal ${id}.`);
  const admitted = deal.status === "setting_up" ? 0 : await admittedBy(env, id);
  return { ...dealResults(deal, resultRowsOf(answers), admitted), status: renderDeal(deal).status };
}

async function admittedBy(env: Env, id: string): Promise<number | null> {
  try {
    return (await gateFor(env, id).figures()).admitted;
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "deal results without the gate's admissions", dealId: id, error: String(err) }));
    return null;
  }
}
