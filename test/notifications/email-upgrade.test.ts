import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { deliverEmails, sweepEmails } from "../../workers/notifications/email-delivery";
import { createTestUser } from "../helpers/accounts";
import { deliveryOf, mailSpy } from "./support";

// Its own file: the migration's update reaches every email row of the database it runs on.
it("does not email the messages recorded before delivery existed when a database is upgraded", async () => {
  const user = await createTestUser();
  // A row as an older release wrote it: no delivery state, as the migration's added column leaves it.
  const ids: number[] = [];
  for (const channel of ["email", "sms"]) {
    const row = await env.DB.prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at)
       VALUES ('order-transition:old', ?1, ?2, 'order_delivered', 'Delivered: a kettle', 'Your kettle was delivered.', '/orders/ord_old', ?3)
       RETURNING id`,
    )
      .bind(channel, user.id, "2025-01-01T00:00:00.000Z")
      .first<{ id: number }>();
    ids.push(row?.id as number);
  }
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_email_delivery.sql"));
  const dataSteps = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*UPDATE/i.test(q)) ?? [];
  expect(dataSteps.length).toBeGreaterThan(0);
  for (const q of dataSteps) await env.DB.prepare(q).run();

  const { sent, spyEnv } = mailSpy();
  await deliverEmails(spyEnv, { ids });
  await sweepEmails(spyEnv);
  expect(sent).toEqual([]);
  expect(await deliveryOf(ids[0] as number)).toMatchObject({ email_state: "before_delivery", sent_at: null, send_attempts: 0 });
  expect(await deliveryOf(ids[1] as number)).toMatchObject({ email_state: null, sent_at: null });
});
