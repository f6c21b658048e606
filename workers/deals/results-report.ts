import { AppError } from "../platform/errors";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";
import { type GateLine, dealResults, resultRowsOf, resultStatements } from "./deal-results";
import { gateFor } from "./gate-client";

/**
 * A deal's results: the deal row and every figure D1 holds in one batch, then the gate's counts
 * of joins and admissions, which only the gate keeps. A gate that cannot be asked leaves those
 * figures out rather than the whole report, which is read most once the deal is over.
 */
export async function readDealResults(env: Env, id: string) {
  const db = env.DB;
  const [dealAnswer, ...answers] = await db.batch([
    db.prepare(`SELECT ${DEAL_COLUMNS}, deals.updated_at AS updatedAt FROM deals WHERE id = ?`).bind(id),
    ...resultStatements(db, id),
  ]);
  const deal = (dealAnswer?.results as Array<DealRow & { updatedAt: string }> | undefined)?.[0];
  if (!deal) throw new AppError("not_found", `No deal ${id}.`);
  const line = deal.status === "setting_up" ? { joined: 0, joinedBeforeOpen: 0, admitted: 0 } : await lineOf(env, id);
  return { ...dealResults(deal, resultRowsOf(answers), line), status: renderDeal(deal).status };
}

async function lineOf(env: Env, id: string): Promise<GateLine> {
  try {
    const { joined, joinedBeforeOpen, admitted } = await gateFor(env, id).figures();
    return { joined, joinedBeforeOpen, admitted };
  } catch (err) {
    console.error(
      JSON.stringify({ level: "warn", message: "deal results without the gate's joins and admissions", dealId: id, error: String(err) }),
    );
    return { joined: null, joinedBeforeOpen: null, admitted: null };
  }
}
