/**
 * Bundles the Worker exactly as a deploy would (`wrangler deploy --dry-run --outdir`), so the
 * benchmarks measure the shipped bundle rather than a dev build.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Builds the Worker bundle and returns the path of its entry module. */
export function buildWorker() {
  const outdir = path.join(ROOT, ".wrangler", "bench-build");
  const bin = path.join(ROOT, "node_modules", ".bin", "wrangler");
  const res = spawnSync(bin, ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (res.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stdout}`);
  const entry = path.join(outdir, "index.js");
  if (!existsSync(entry)) throw new Error(`bundle entry ${entry} was not produced`);
  return entry;
}
