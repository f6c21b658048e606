import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { deliveryOf, record } from "./support";

// Its own file: the migration's update reaches every given-up row of the database it runs on.
it("gives the mails given up before the time was kept the earliest time they can have been given up", async () => {
  const user = await createTestUser();
  // Rows as an older release left them: given up, with no given-up time.
  const failed = await record(null, user.id, "order_shipped", "email", "2026-11-20T06:00:00.000Z", {
    email_state: "failed",
    send_attempts: 8,
  });
  const failedAgain = await record(null, user.id, "order_shipped", "email", "2026-11-20T06:00:00.000Z", {
    email_state: "failed",
    send_attempts: 8,
  });
  await env.DB.prepare("UPDATE notifications SET resent_at = '2026-11-21T09:00:00.000Z' WHERE id = ?").bind(failedAgain).run();
  const sent = await record(null, user.id, "order_shipped", "email", "2026-11-20T06:00:00.000Z", { email_state: "sent" });

  const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_email_given_up_at.sql"));
  const dataSteps = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*UPDATE/i.test(q)) ?? [];
  expect(dataSteps.length).toBe(1);
  for (const q of dataSteps) await env.DB.prepare(q).run();

  expect((await deliveryOf(failed))?.given_up_at).toBe("2026-11-20T06:00:00.000Z");
  expect((await deliveryOf(failedAgain))?.given_up_at).toBe("2026-11-21T09:00:00.000Z");
  expect((await deliveryOf(sent))?.given_up_at).toBeNull();
});
