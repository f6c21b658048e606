// Creates the first ops account of a real deployment, from a secret, with no default password:
//
//   ADMIN_PASSWORD='…' npm run create-admin -- --email ops@example.in [--name "Ops"] [--local] [--promote-existing]
//
// The password is read from the ADMIN_PASSWORD environment variable (never a flag, so it stays out
// of shell history and process lists) and only its PBKDF2 hash is sent. Runs against the remote D1
// database through wrangler; --local targets the local development database instead. An email that
// already has an account is refused: registration is open, so that account may be anyone's.
// --promote-existing grants it ops anyway, once the operator has checked who owns it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createOpsAccount } from "./lib/ops-account.mjs";
import { wrangler } from "./lib/wrangler.mjs";

const USAGE = "ADMIN_PASSWORD='…' npm run create-admin -- --email ops@example.in [--name \"Ops\"] [--local] [--promote-existing]";

/** The flags, or a one-line refusal with the usage for a mistyped one (not Node's stack trace). */
function flags() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        local: { type: "boolean", default: false },
        "promote-existing": { type: "boolean", default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\nUsage: ${USAGE}`);
    process.exit(1);
  }
}

const values = flags();

const password = process.env.ADMIN_PASSWORD;
if (!password) {
  console.error("Set ADMIN_PASSWORD in the environment (e.g. read it from your secret store), then run again.");
  process.exit(1);
}

const target = values.local ? "--local" : "--remote";

const database = {
  async query(sql) {
    const out = await wrangler(["d1", "execute", "DB", target, "--json", "--yes", "--command", sql], { capture: true });
    return JSON.parse(out)[0]?.results ?? [];
  },
  async execute(sql) {
    const dir = mkdtempSync(join(tmpdir(), "create-admin-"));
    const file = join(dir, "create-admin.sql");
    try {
      writeFileSync(file, sql, { mode: 0o600 });
      await wrangler(["d1", "execute", "DB", target, "--file", file, "--yes"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  warn: (message) => console.warn(message),
};

try {
  const account = await createOpsAccount(
    { email: values.email, name: values.name, password, promoteExisting: values["promote-existing"] },
    database,
  );
  const how = account.created ? "Ops account created" : "Ops granted to the existing account";
  console.log(`${how} for ${account.email} (${values.local ? "local" : "remote"} database). Sign in at /signin.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
