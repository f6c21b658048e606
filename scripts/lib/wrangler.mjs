/**
 * Runs the project's own wrangler (node_modules/.bin) with inherited output, so scripts work
 * from a fresh clone without a global install, and throws when it exits non-zero.
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** The repository root (this file lives in scripts/lib/). */
export const ROOT = path.resolve(import.meta.dirname, "../..");

const BIN = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");

/** Runs `wrangler ...args`; resolves with stdout when `capture` is set, otherwise streams it. */
export function wrangler(args, { capture = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      cwd: ROOT,
      // No stdin: wrangler then treats prompts (like "apply migrations?") as confirmed.
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...env },
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(" ")} exited with ${code}`))));
  });
}

/** Runs one SQL query against the local D1 database and returns its rows. */
export async function localQuery(sql) {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--json", "--command", sql], { capture: true });
  const parsed = JSON.parse(out);
  return parsed[0]?.results ?? [];
}
