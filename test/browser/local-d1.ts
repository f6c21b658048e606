import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/** A string as an SQL literal. */
export const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Runs SQL on the journeys' server's D1, in its persisted state, while the server runs. Only for
 * what no API makes on demand and a journey still has to see: a message a queue gave up on, a mail
 * the provider kept refusing, a deal's sales minute by minute.
 */
export async function runLocalD1(persistTo: string, sql: string): Promise<void> {
  await promisify(execFile)(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--yes", "--command", sql], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}
