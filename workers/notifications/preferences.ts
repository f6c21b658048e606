import { nowIso } from "../platform/time";

/**
 * What a person chooses to be mailed. Alerts come in groups a person can turn off by email
 * (`notification_preferences`, one row per user and group; no row is on); messages about their own
 * orders belong to no group and are always sent. An alert of a group turned off is still recorded,
 * so the Updates page shows it, but its email row is `suppressed` and never sent: decided by the
 * insert that records it (`initialEmailStateSql`), and again by the claim that would send it, for a
 * group turned off in between.
 */

/** The alert groups, each with the kinds of message in it. */
export const ALERT_GROUPS = {
  /** A shopper's saved products: a deal on one going live, its price dropping, it coming back in stock. */
  saved_products: ["deal_live", "price_drop", "back_in_stock"],
  /** A seller's users: a listing running low or selling out, and the hourly digest of those past the cap. */
  stock_alerts: ["low_stock", "sold_out", "low_stock_digest"],
  /** A seller's users: a shopper asking about a product it sells, and the hourly note of those past the cap. */
  shopper_questions: ["question_asked", "questions_digest"],
  /** Anyone who reported a review or an answer: what became of it (workers/platform/report-outcome.ts). */
  reports: ["report_upheld", "report_kept", "report_rewritten", "report_deleted"],
} as const;

export type AlertGroup = keyof typeof ALERT_GROUPS;

export const ALERT_GROUP_NAMES = Object.keys(ALERT_GROUPS) as AlertGroup[];

export const isAlertGroup = (name: string): name is AlertGroup => Object.hasOwn(ALERT_GROUPS, name);

/** The group a kind of message is in; null for messages that are always sent (a person's own orders). */
export function groupOfKind(kind: string): AlertGroup | null {
  for (const group of ALERT_GROUP_NAMES) if ((ALERT_GROUPS[group] as readonly string[]).includes(kind)) return group;
  return null;
}

/** The groups a person can choose: stock alerts and shoppers' questions only reach a seller's users. */
export function groupsFor(roles: readonly string[]): AlertGroup[] {
  return roles.includes("seller") ? ["saved_products", "stock_alerts", "shopper_questions", "reports"] : ["saved_products", "reports"];
}

/**
 * SQL, true when `user` turned email off for `group` (each an SQL term; a null group, a message in
 * no group, is never off). One lookup of the table's key.
 */
export function emailOffSql(user: string, group: string): string {
  return `EXISTS (SELECT 1 FROM notification_preferences np WHERE np.user_id = ${user} AND np.alert_group = ${group} AND np.email = 0)`;
}

/** SQL for the group of the kind in `kind` (an SQL term), null when it is in none. */
export function groupOfKindSql(kind: string): string {
  const whens = ALERT_GROUP_NAMES.flatMap((g) => ALERT_GROUPS[g].map((k) => `WHEN '${k}' THEN '${g}'`)).join(" ");
  return `CASE ${kind} ${whens} END`;
}

/** Whether each group's alerts are mailed to the user, every group listed (on unless turned off). */
export async function readEmailChoices(db: D1Database, userId: string): Promise<Record<AlertGroup, boolean>> {
  const { results } = await db
    .prepare("SELECT alert_group, email FROM notification_preferences WHERE user_id = ?1")
    .bind(userId)
    .all<{ alert_group: string; email: number }>();
  const choices = Object.fromEntries(ALERT_GROUP_NAMES.map((g) => [g, true])) as Record<AlertGroup, boolean>;
  for (const r of results) if (isAlertGroup(r.alert_group)) choices[r.alert_group] = r.email !== 0;
  return choices;
}

/**
 * Sets whether the named groups are mailed to the user; groups not named stay as they are. Setting
 * what is already set changes nothing but the time. A user who no longer exists is left alone (the
 * key refers to users), so an old unsubscribe link of a closed account is not an error.
 */
export async function setEmailChoices(db: D1Database, userId: string, choices: Partial<Record<AlertGroup, boolean>>): Promise<void> {
  const now = nowIso();
  const writes = Object.entries(choices)
    .filter(([group, on]) => isAlertGroup(group) && typeof on === "boolean")
    .map(([group, on]) =>
      db
        .prepare(
          `INSERT INTO notification_preferences (user_id, alert_group, email, updated_at)
           SELECT u.id, ?2, ?3, ?4 FROM users u WHERE u.id = ?1
           ON CONFLICT (user_id, alert_group) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
        )
        .bind(userId, group, on ? 1 : 0, now),
    );
  if (writes.length > 0) await db.batch(writes);
}
