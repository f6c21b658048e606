import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSession, pruneSessions, revokeSession } from "../../workers/accounts/sessions";
import { createDb } from "../../workers/platform/db";
import { createTestUser } from "../helpers/accounts";

describe("session pruning", () => {
  it("deletes sessions that ended over a day ago and keeps live and recently ended ones", async () => {
    const db = createDb(env.DB);
    const user = await createTestUser();
    const live = await createSession(db, user.id);
    const longExpired = await createSession(db, user.id, -2 * 24 * 3600);
    const justRevoked = await createSession(db, user.id);
    await revokeSession(db, justRevoked.token);
    await pruneSessions(env.DB);
    const ids = (await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?").bind(user.id).all<{ id: string }>()).results.map(
      (r) => r.id,
    );
    expect(ids).toContain(live.sessionId);
    expect(ids).toContain(justRevoked.sessionId);
    expect(ids).not.toContain(longExpired.sessionId);
  });
});
