import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { answer, asked, productWithSeller, secondSeller } from "./support";

// Its own file: the migration's delete reaches every inbox row of the database it runs on.
it("drops the unanswered inbox rows of listings that are off, as an older release left them, and keeps the rest", async () => {
  const { f, seller, shopper } = await productWithSeller("Offphone 1");
  const off = await secondSeller(f, "Switched Off Traders");
  const waiting = await asked(shopper, f.productId, "Is the charger in the box?");
  const answered = await asked(await createTestUser(), f.productId, "Does it support eSIM?");
  expect((await answer(seller, answered, "Yes, one eSIM.")).status).toBe(200);
  expect((await answer(off.user, answered, "Yes.")).status).toBe(200);
  // Switched off as an older release did: the listing only, its inbox rows left behind.
  await env.DB.prepare("UPDATE listings SET active = 0 WHERE seller_id = ? AND product_id = ?").bind(off.sellerId, f.productId).run();

  const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_inbox_offered_only.sql"));
  const dataSteps = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*DELETE/i.test(q)) ?? [];
  expect(dataSteps.length).toBe(1);
  for (const q of dataSteps) await env.DB.prepare(q).run();

  const { results } = await env.DB.prepare(
    "SELECT seller_id, question_id, answered_at IS NOT NULL AS answered FROM question_inbox ORDER BY seller_id = ?1 DESC, question_id",
  )
    .bind(f.sellerId)
    .all();
  expect(results).toEqual([
    ...[answered, waiting]
      .sort()
      .map((question_id) => ({ seller_id: f.sellerId, question_id, answered: question_id === answered ? 1 : 0 })),
    { seller_id: off.sellerId, question_id: answered, answered: 1 },
  ]);
});
