import { env } from "cloudflare:workers";
import { hashPassword } from "../../workers/accounts/password";
import { createSession } from "../../workers/accounts/sessions";
import { userRoles, users } from "../../workers/db/schema";
import type { Role } from "../../workers/platform/context";
import { createDb } from "../../workers/platform/db";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";

export interface TestUser {
  id: string;
  email: string;
  token: string;
  /** Headers for a bearer-authenticated API call. */
  headers: Record<string, string>;
}

/**
 * Creates a user holding `roles` (shopper always) and a live session, straight through the
 * accounts domain, for tests of routes behind the front door. Cheap: one PBKDF2 iteration.
 */
export async function createTestUser(roles: Role[] = [], options: { sellerId?: string; email?: string } = {}): Promise<TestUser> {
  const db = createDb(env.DB);
  const id = newId("usr");
  const email = options.email ?? `${id}@test.example`;
  const pw = await hashPassword("test-password-1", 1);
  await db.insert(users).values({
    id,
    email,
    name: `Test ${roles.join("+") || "shopper"}`,
    passwordHash: pw.hash,
    passwordSalt: pw.salt,
    passwordIterations: pw.iterations,
    createdAt: nowIso(),
  });
  const all = [...new Set<Role>(["shopper", ...roles])];
  await db
    .insert(userRoles)
    .values(all.map((role) => ({ userId: id, role, sellerId: role === "seller" ? (options.sellerId ?? null) : null })));
  const { token } = await createSession(db, id);
  return { id, email, token, headers: { authorization: `Bearer ${token}` } };
}
