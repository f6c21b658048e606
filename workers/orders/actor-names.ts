/**
 * The names of the accounts that moved an order, by the actor its transitions store
 * (`ops:<user id>`, `shopper:<user id>`), so ops read who acted rather than an account id.
 * One query for the whole timeline, however many steps it has; the system's own actors
 * (`system:payments`) name no account and are left out.
 */
export async function actorNames(db: D1Database, orderId: string): Promise<Map<string, string>> {
  const { results } = await db
    .prepare(
      `SELECT t.actor, u.name FROM (SELECT DISTINCT actor FROM order_transitions WHERE order_id = ?) t
       JOIN users u ON u.id = substr(t.actor, instr(t.actor, ':') + 1)`,
    )
    .bind(orderId)
    .all<{ actor: string; name: string }>();
  return new Map(results.map((r) => [r.actor, r.name]));
}
