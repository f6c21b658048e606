import { issueStatements } from "../invoices/issue";
import { readInvoiceDrafts } from "../invoices/read-drafts";
import { issuingFromSeries } from "../invoices/series";
import type { Mover } from "./lifecycle";
import { type ShipmentRequest, recordShipmentStatement, refuseTakenAwb, refusingTakenAwb, setShipment } from "./shipment";
import type { OrderStatus } from "./state-machine";
import { checkTransition, transitionOrder } from "./transitions";

/**
 * Ships an order (ops) and issues each of its sellers' tax invoices in the same batch, so a shipped
 * order always has its invoices and a refused or failed move issues none. A repeated request finds
 * the order shipped already and issues nothing. With `expected`, an order no longer in it is refused.
 * A seller whose invoice series for the year is used up cannot be invoiced, so the order does not move (409).
 * A `shipment` (courier and tracking number) is recorded in that batch too; a repeated request that
 * finds the order shipped records it as a correction would, so a retried form's number is not lost.
 */
export async function shipOrder(
  env: Env,
  orderId: string,
  by: Mover,
  reason: string,
  expected?: OrderStatus,
  shipment?: ShipmentRequest,
): Promise<void> {
  const req = { orderId, to: "shipped", actor: by.actor, actorId: by.actorId, reason, expected } as const;
  const actor = `${by.actor}:${by.actorId}`;
  // An illegal move is refused as such before a seller's missing tax facts could be named instead.
  const from = await checkTransition(env.DB, req);
  if (from === "shipped") {
    if (shipment) await setShipment(env.DB, orderId, shipment, actor);
    return;
  }
  // Checked before invoice numbers are drawn; the database checks again as the batch writes.
  if (shipment) await refuseTakenAwb(env.DB, orderId, shipment);
  const drafts = await readInvoiceDrafts(env.DB, orderId);
  const sellers = drafts.map((d) => ({ id: d.sellerId, name: d.sellerName }));
  const ship = () =>
    issuingFromSeries(env.DB, "invoice", sellers, `Nothing changed: the order is still ${from}.`, () =>
      transitionOrder(env.DB, req, (at) => [
        ...issueStatements(env.DB, orderId, drafts, at),
        // Only while shipped: after the move it is, and a batch whose move missed records nothing.
        ...(shipment ? [recordShipmentStatement(env.DB, orderId, shipment, actor, at, ["shipped"])] : []),
      ]),
    );
  await (shipment ? refusingTakenAwb(env.DB, orderId, shipment, ship) : ship());
}
