// Creates the first ops account of a real deployment, from a secret, with no default password:
//
//   ADMIN_PASSWORD='…' npm run create-admin -- --email ops@example.in [--name "Ops"] [--local]
//
// The password is read from the ADMIN_PASSWORD environment variable (never a flag, so it stays out
// of shell history and process lists) and only its PBKDF2 hash is sent. Runs against the remote D1
// database through wrangler; --local targets the local development database instead.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildOpsAccountSql } from "./lib/ops-account.mjs";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, local: { type: "boolean", default: false } },
});

const password = process.env.ADMIN_PASSWORD;
if (!password) {
  console.error("Set ADMIN_PASSWORD in the environment (e.g. read it from your secret store), then run again.");
  process.exit(1);
}

let sql;
try {
  sql = await buildOpsAccountSql({ email: values.email, name: values.name, password });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "create-admin-"));
const file = join(dir, "create-admin.sql");
try {
  writeFileSync(file, sql, { mode: 0o600 });
  execFileSync("npx", ["wrangler", "d1", "execute", "DB", values.local ? "--local" : "--remote", "--file", file, "--yes"], {
    stdio: "inherit",
  });
  console.log(
    `Ops account ready for ${values.email.trim().toLowerCase()} (${values.local ? "local" : "remote"} database). Sign in at /signin.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
