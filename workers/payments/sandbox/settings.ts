/**
 * Failure injection for the sandbox provider, stored in D1 so a test or a rehearsal can change
 * it while the Worker runs: a decline rate, slow answers, and duplicated or late webhooks.
 */
export interface SandboxSettings {
  /** Percentage (0-100) of hosted-page payments declined even when the shopper pays. */
  declinePercent: number;
  /** Added to every provider call, to rehearse a slow provider. */
  latencyMs: number;
  /** Extra copies of every webhook sent (the same event id), to rehearse duplicate delivery. */
  duplicateWebhooks: number;
  /** Delay before webhooks are sent, to rehearse late delivery. */
  webhookDelayMs: number;
}

/** The well-behaved defaults: nothing injected. */
export const DEFAULT_SETTINGS: SandboxSettings = { declinePercent: 0, latencyMs: 0, duplicateWebhooks: 0, webhookDelayMs: 0 };

const NAMES = Object.keys(DEFAULT_SETTINGS) as (keyof SandboxSettings)[];

/** The query the settings are read with, for callers that put it in a batch of their own. */
export const SELECT_SETTINGS = "SELECT name, value FROM psp_settings";

/** One stored setting. */
export interface SettingRow {
  name: string;
  value: number;
}

/** Settings from stored rows, defaults for anything never set. */
export function settingsFrom(rows: SettingRow[] = []): SandboxSettings {
  const settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) if ((NAMES as string[]).includes(r.name)) settings[r.name as keyof SandboxSettings] = r.value;
  return settings;
}

/** Reads the current settings. */
export async function readSettings(db: D1Database): Promise<SandboxSettings> {
  return settingsFrom((await db.prepare(SELECT_SETTINGS).all<SettingRow>()).results);
}

/** Replaces the settings named in `patch`; returns the result. */
export async function writeSettings(db: D1Database, patch: Partial<SandboxSettings>): Promise<SandboxSettings> {
  const entries = Object.entries(patch).filter(([name]) => (NAMES as string[]).includes(name));
  if (entries.length > 0) {
    await db.batch(
      entries.map(([name, value]) =>
        db
          .prepare("INSERT INTO psp_settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
          .bind(name, value),
      ),
    );
  }
  return readSettings(db);
}

/** Waits the injected latency, if any. */
export async function injectLatency(settings: SandboxSettings): Promise<void> {
  if (settings.latencyMs > 0) await scheduler.wait(settings.latencyMs);
}
