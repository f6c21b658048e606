import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createOpsAccount, type OpsAccountDatabase } from "../../scripts/lib/ops-account.mjs";
import { Browser, freshEmail } from "./browser";

/** The script's database, on the test's D1, keeping the warnings it prints. */
function testDatabase(): OpsAccountDatabase & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    query: async (sql) => (await env.DB.prepare(sql).all<Record<string, unknown>>()).results,
    execute: async (sql) => {
      await env.DB.batch(sql.split("\n").map((statement) => env.DB.prepare(statement)));
    },
    warn: (message) => warnings.push(message),
  };
}

async function rolesAfterSignIn(email: string, password: string): Promise<string[]> {
  const res = await new Browser().fetch("/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { user: { roles: string[] } }).user.roles.sort();
}

async function register(email: string, password: string): Promise<void> {
  const res = await new Browser().fetch("/api/auth/register", { body: { email, password, name: "Meera" } });
  expect(res.status).toBe(201);
}

describe("first ops account", () => {
  it("creates an ops account that signs in through the API with the secret password", async () => {
    const email = freshEmail();
    const password = "a-long-secret-from-the-vault";
    const db = testDatabase();
    await createOpsAccount({ email: email.toUpperCase(), name: "Night shift", password }, db);
    expect(await rolesAfterSignIn(email, password)).toEqual(["ops", "shopper"]);
    expect(db.warnings).toEqual([]);
  });

  it("refuses an email someone already registered, and gives that account nothing", async () => {
    const email = freshEmail();
    await register(email, "the registrant's password");
    const db = testDatabase();
    await expect(createOpsAccount({ email, password: "a-long-secret-from-the-vault" }, db)).rejects.toThrow(
      /already exists for .*not given ops.*--promote-existing/,
    );
    expect(await rolesAfterSignIn(email, "the registrant's password")).toEqual(["shopper"]);
  });

  it("refuses, rather than promotes, an account registered while it runs", async () => {
    const email = freshEmail();
    const db = testDatabase();
    const query = db.query;
    let checks = 0;
    // The first look finds nobody; the registration lands before the insert.
    db.query = async (sql) => {
      checks += 1;
      if (checks === 1) {
        await register(email, "the registrant's password");
        return [];
      }
      return query(sql);
    };
    await expect(createOpsAccount({ email, password: "a-long-secret-from-the-vault" }, db)).rejects.toThrow(/already exists for/);
    expect(await rolesAfterSignIn(email, "the registrant's password")).toEqual(["shopper"]);
  });

  it("promotes an existing account only when told to, naming it and keeping its password", async () => {
    const email = freshEmail();
    await register(email, "my own password");
    const db = testDatabase();
    const account = await createOpsAccount({ email, password: "some-other-secret-password", promoteExisting: true }, db);
    expect(account.created).toBe(false);
    expect(db.warnings).toHaveLength(1);
    expect(db.warnings[0]).toContain(account.id);
    expect(db.warnings[0]).toContain(email);
    expect(await rolesAfterSignIn(email, "my own password")).toEqual(["ops", "shopper"]);
  });

  it("refuses a weak password or a bad email", async () => {
    await expect(createOpsAccount({ email: freshEmail(), password: "short" }, testDatabase())).rejects.toThrow(/16 to 128/);
    await expect(createOpsAccount({ email: "not-an-email", password: "a-long-secret-from-the-vault" }, testDatabase())).rejects.toThrow(
      /email/,
    );
  });
});
