/**
 * The read behind `actorNames`, exported so a test can ask SQLite for its plan and see each table is
 * read by its order index. UNION, not UNION ALL: an account acting many times is looked up once.
 */
export const ACTOR_NAMES_SQL = `SELECT t.actor, u.name FROM (
    SELECT actor FROM order_transitions WHERE order_id = ?1
    UNION SELECT actor FROM shipments WHERE order_id = ?1
    UNION SELECT resent_by FROM notifications WHERE order_id = ?1 AND resent_by IS NOT NULL
  ) t
  JOIN users u ON u.id = substr(t.actor, instr(t.actor, ':') + 1)`;

/**
 * The names of the accounts that acted on an order, by the actor each record stores
 * (`ops:<user id>`, `shopper:<user id>`), so ops read who acted rather than an account id: who moved
 * it (its transitions), who set its shipment (its shipment trail) and who sent its mails again (its
 * messages). One query for the whole order page, however many rows each has; the system's own actors
 * (`system:payments`) name no account and are left out.
 */
export async function actorNames(db: D1Database, orderId: string): Promise<Map<string, string>> {
  const { results } = await db.prepare(ACTOR_NAMES_SQL).bind(orderId).all<{ actor: string; name: string }>();
  return new Map(results.map((r) => [r.actor, r.name]));
}
