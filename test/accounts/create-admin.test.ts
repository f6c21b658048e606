import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildOpsAccountSql } from "../../scripts/lib/ops-account.mjs";
import { Browser, freshEmail } from "./browser";

async function execute(sql: string) {
  await env.DB.batch(sql.split("\n").map((statement) => env.DB.prepare(statement)));
}

describe("first ops account", () => {
  it("creates an ops account that signs in through the API with the secret password", async () => {
    const email = freshEmail();
    const password = "a-long-secret-from-the-vault";
    await execute(await buildOpsAccountSql({ email: email.toUpperCase(), name: "Night shift", password }));
    const browser = new Browser();
    const res = await browser.fetch("/api/auth/login", { body: { email, password } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { roles: string[] } };
    expect(body.user.roles.sort()).toEqual(["ops", "shopper"]);
  });

  it("promotes an existing account without touching its password", async () => {
    const email = freshEmail();
    const browser = new Browser();
    await browser.fetch("/api/auth/register", { body: { email, password: "my own password", name: "Meera" } });
    await execute(await buildOpsAccountSql({ email, password: "some-other-secret-password" }));
    const res = await new Browser().fetch("/api/auth/login", { body: { email, password: "my own password" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { roles: string[] } }).user.roles).toContain("ops");
  });

  it("refuses a weak password or a bad email", async () => {
    await expect(buildOpsAccountSql({ email: freshEmail(), password: "short" })).rejects.toThrow(/16 to 128/);
    await expect(buildOpsAccountSql({ email: "not-an-email", password: "a-long-secret-from-the-vault" })).rejects.toThrow(/email/);
  });
});
