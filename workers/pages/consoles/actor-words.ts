/** The system's own actors (`system:<what>`) in the words ops know them by. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  "checkout-saga": "the system (checkout)",
  payments: "the payment gateway",
};

/**
 * Who moved an order, as an ops order's timeline says it: a staff member by name with their role
 * ("Asha Rao (ops)"), the order's shopper as "the shopper", the system's steps by what took them.
 * Never the account id stored for the audit, which nobody recognises; a staff account no longer
 * there is named by its role alone.
 */
export function actorWords(actor: string | null | undefined, name: string | null | undefined): string {
  if (!actor) return "unknown";
  const colon = actor.indexOf(":");
  const role = colon < 0 ? actor : actor.slice(0, colon);
  const id = colon < 0 ? "" : actor.slice(colon + 1);
  if (role === "shopper") return "the shopper";
  if (role === "system") return SYSTEM_ACTORS[id] ?? "the system";
  if (name) return `${name} (${role})`;
  return role === "ops" ? "an ops account" : role;
}
