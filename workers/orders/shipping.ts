import { issueStatements } from "../invoices/issue";
import { readInvoiceDrafts } from "../invoices/read-drafts";
import type { Mover } from "./lifecycle";
import type { OrderStatus } from "./state-machine";
import { checkTransition, transitionOrder } from "./transitions";

/**
 * Ships an order (ops) and issues each of its sellers' tax invoices in the same batch, so a shipped
 * order always has its invoices and a refused or failed move issues none. A repeated request finds
 * the order shipped already and issues nothing. With `expected`, an order no longer in it is refused.
 */
export async function shipOrder(env: Env, orderId: string, by: Mover, reason: string, expected?: OrderStatus): Promise<void> {
  const req = { orderId, to: "shipped", actor: by.actor, actorId: by.actorId, reason, expected } as const;
  // An illegal move is refused as such before a seller's missing tax facts could be named instead.
  if ((await checkTransition(env.DB, req)) === "shipped") return;
  const drafts = await readInvoiceDrafts(env.DB, orderId);
  await transitionOrder(env.DB, req, (at) => issueStatements(env.DB, orderId, drafts, at));
}
