/**
 * The SkuGate's SQLite schema. Every statement is idempotent so the constructor can run it on
 * each start; `schema_version` records which version the object's storage is at, so a later
 * version can add steps without re-running earlier ones.
 */
export const GATE_SCHEMA_VERSION = 10;

const V1 = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  // One row: the deal's settings, lifecycle and counters. held + sold + returned + remaining = units.
  `CREATE TABLE IF NOT EXISTS deal (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     deal_id TEXT NOT NULL, sku_id TEXT NOT NULL, warehouse_id TEXT NOT NULL,
     units INTEGER NOT NULL, per_user_limit INTEGER NOT NULL,
     starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, hold_ms INTEGER NOT NULL,
     active_users INTEGER NOT NULL, new_per_minute INTEGER NOT NULL, session_ms INTEGER NOT NULL,
     paused INTEGER NOT NULL DEFAULT 0, ended INTEGER NOT NULL DEFAULT 0,
     held INTEGER NOT NULL DEFAULT 0, sold INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0,
     pre_count INTEGER NOT NULL DEFAULT 0, pre_admitted INTEGER NOT NULL DEFAULT 0,
     join_cursor INTEGER NOT NULL DEFAULT 0, credit REAL NOT NULL DEFAULT 0, last_tick INTEGER NOT NULL DEFAULT 0,
     CHECK (held >= 0 AND sold >= 0 AND returned >= 0 AND held + sold + returned <= units))`,
  `CREATE TABLE IF NOT EXISTS holds (
     reservation_id TEXT PRIMARY KEY, shopper_id TEXT NOT NULL, qty INTEGER NOT NULL,
     status TEXT NOT NULL, expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS holds_due ON holds (status, expires_at)`,
  `CREATE INDEX IF NOT EXISTS holds_shopper ON holds (shopper_id, status)`,
  `CREATE TABLE IF NOT EXISTS journal (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, reservation_id TEXT, qty INTEGER NOT NULL,
     at INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0)`,
  `CREATE INDEX IF NOT EXISTS journal_unsent ON journal (sent, seq)`,
  // Post-start joins per second as edge isolates report them, and how many of each are admitted.
  `CREATE TABLE IF NOT EXISTS arrivals (sec INTEGER PRIMARY KEY, count INTEGER NOT NULL, admitted INTEGER NOT NULL DEFAULT 0)`,
  // Admitted shoppers grouped by when they were admitted; a group's slots lapse with its session, or one by one on commit.
  `CREATE TABLE IF NOT EXISTS admissions (at INTEGER PRIMARY KEY, count INTEGER NOT NULL, admitted INTEGER NOT NULL, lapses_at INTEGER NOT NULL)`,
];

/**
 * V2: the order a hold belongs to. NULL is a hold taken on the deal page that no checkout has
 * claimed yet, and every hold made before this version (their orders were never recorded).
 */
function v2(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(holds)").toArray();
  if (!columns.some((c) => c.name === "owner")) sql.exec("ALTER TABLE holds ADD COLUMN owner TEXT");
}

/**
 * V3: how far the cursors had moved when each admission group was admitted, so a ticket's session
 * can be told from the group it was admitted in. Groups from before this version record none
 * (-1, reaching nobody) except the latest, which takes the cursors as they stand: a ticket admitted
 * before the upgrade then belongs to it, and its session ends when that group lapses.
 */
function v3(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(admissions)").toArray();
  if (columns.some((c) => c.name === "join_to")) return;
  sql.exec("ALTER TABLE admissions ADD COLUMN pre_to INTEGER NOT NULL DEFAULT -1");
  sql.exec("ALTER TABLE admissions ADD COLUMN join_to INTEGER NOT NULL DEFAULT -1");
  sql.exec(
    `UPDATE admissions SET pre_to = (SELECT pre_admitted FROM deal WHERE id = 1), join_to = (SELECT join_cursor FROM deal WHERE id = 1)
     WHERE at = (SELECT MAX(at) FROM admissions)`,
  );
}

/**
 * V4: when the admission session of a hold's shopper ends, so checking out frees that shopper's
 * slot and no one else's. NULL for holds from before this version and holds taken without one.
 */
function v4(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(holds)").toArray();
  if (!columns.some((c) => c.name === "admitted_until")) sql.exec("ALTER TABLE holds ADD COLUMN admitted_until INTEGER");
}

/**
 * V5: when the deal's pause began, so a pause stops the admission sessions' clock and resuming
 * extends every session still open then by the pause's length; NULL while the deal runs. A gate
 * paused before this version did not record when: its sessions stop from the upgrade on. Sessions
 * extended that way no longer lapse in the order their groups began, so open groups are found by
 * when they lapse.
 */
function v5(sql: SqlStorage, now: number): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(deal)").toArray();
  if (!columns.some((c) => c.name === "paused_at")) sql.exec("ALTER TABLE deal ADD COLUMN paused_at INTEGER");
  sql.exec("UPDATE deal SET paused_at = ? WHERE paused = 1 AND ended = 0 AND paused_at IS NULL", now);
  sql.exec("CREATE INDEX IF NOT EXISTS admissions_lapse ON admissions (lapses_at)");
}

/**
 * V6: whom the per-shopper limit counts a hold against. The waiting room admits guest ids, and
 * one account may be admitted under several (one per browser, or once before signing in), so a
 * hold taken or bought while signed in counts against the account. Holds from before this version
 * count against the shopper id they were taken under, as they did then.
 */
function v6(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(holds)").toArray();
  if (!columns.some((c) => c.name === "limit_key")) sql.exec("ALTER TABLE holds ADD COLUMN limit_key TEXT");
  sql.exec("UPDATE holds SET limit_key = shopper_id WHERE limit_key IS NULL");
  sql.exec("CREATE INDEX IF NOT EXISTS holds_limit ON holds (limit_key, status)");
}

/**
 * V7: the account each shopper id was last seen signed in to, one row per shopper id. A browser
 * keeps its guest id when its shopper signs out, so a guest hold under that id counts against
 * the account and signing out does not start the limit over. Filled from the holds already
 * taken signed in, latest last, so an upgrade mid-sale knows them too; an ended deal needs none.
 */
function v7(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS shopper_accounts (shopper_id TEXT PRIMARY KEY, account TEXT NOT NULL)");
  sql.exec(
    `INSERT OR REPLACE INTO shopper_accounts (shopper_id, account)
     SELECT shopper_id, limit_key FROM holds
     WHERE limit_key <> shopper_id AND (SELECT ended FROM deal WHERE id = 1) = 0
     ORDER BY updated_at, rowid`,
  );
}

/**
 * V8: how many pre-queue joins were reported after the pre-queue opened. They join the line at
 * the start second (see `fileReport`), where the deal's results would count them as joining after
 * it opened; this counts them back as joining before. A gate upgraded after such reports has none
 * recorded: its results count them as joining after the opening, as its line does.
 */
function v8(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(deal)").toArray();
  if (!columns.some((c) => c.name === "pre_late")) sql.exec("ALTER TABLE deal ADD COLUMN pre_late INTEGER NOT NULL DEFAULT 0");
}

/**
 * V9: the pre-queue's ranks, one row per shopper who joined before the opening, so the gate admits
 * exactly as many of them as it counts: the ones ranked below the first still waiting. A gate whose
 * pre-queue was counted before this version has no ranks for it, and admits by share, as before.
 * And whether the deal had sold out when it ended (a deal ends as soon as it sells out), so it
 * still says "sold out" rather than "ended" to shoppers who come after; deals ended before this
 * version say "ended".
 */
function v9(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS pre_ranks (rank INTEGER PRIMARY KEY)");
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(deal)").toArray();
  if (!columns.some((c) => c.name === "sold_out")) sql.exec("ALTER TABLE deal ADD COLUMN sold_out INTEGER NOT NULL DEFAULT 0");
}

/**
 * V10: whether a sold hold's unit went back to the ledger's stock with its cancelled order, so the
 * deal counts it returned rather than sold, once however often the cancel is retried.
 */
function v10(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(holds)").toArray();
  if (!columns.some((c) => c.name === "restocked")) sql.exec("ALTER TABLE holds ADD COLUMN restocked INTEGER NOT NULL DEFAULT 0");
}

/** Brings a gate's storage to the current schema version. */
export function migrateGate(sql: SqlStorage, now = Date.now()): void {
  sql.exec(V1[0] as string);
  const row = sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
  const at = row?.value ?? 0;
  if (at < 1) {
    for (const statement of V1) sql.exec(statement);
  }
  if (at < 2) v2(sql);
  if (at < 3) v3(sql);
  if (at < 4) v4(sql);
  if (at < 5) v5(sql, now);
  if (at < 6) v6(sql);
  if (at < 7) v7(sql);
  if (at < 8) v8(sql);
  if (at < 9) v9(sql);
  if (at < 10) v10(sql);
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    GATE_SCHEMA_VERSION,
  );
}

/** The gate's one `deal` row. */
export interface DealRow {
  deal_id: string;
  sku_id: string;
  warehouse_id: string;
  units: number;
  per_user_limit: number;
  starts_at: number;
  ends_at: number;
  hold_ms: number;
  active_users: number;
  new_per_minute: number;
  session_ms: number;
  paused: number;
  /** When the current pause began (epoch ms); null while the deal is not paused, and once it has ended. */
  paused_at: number | null;
  ended: number;
  held: number;
  sold: number;
  returned: number;
  pre_count: number;
  pre_admitted: number;
  /** Pre-queue joins reported after the pre-queue opened, which joined the line at the start second instead. */
  pre_late: number;
  /** 1 when the deal ended with every unit sold (or gone back for good with a cancelled order), none left nor held. */
  sold_out: number;
  join_cursor: number;
  credit: number;
  last_tick: number;
  [key: string]: SqlStorageValue;
}
