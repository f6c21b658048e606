import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answer, asked, productWithSeller, secondSeller } from "./support";

// Its own file: the migration's insert reaches every question and listing of the database it runs on.
it("fills each seller's inbox with the visible questions about the products it offers that it has not answered", async () => {
  const { f, seller, shopper } = await productWithSeller("Backfillphone 1");
  const other = await secondSeller(f);
  const waiting = await asked(shopper, f.productId, "Is the charger in the box?");
  const answered = await asked(await createTestUser(), f.productId, "Does it support eSIM?");
  expect((await answer(seller, answered, "Yes, one eSIM.")).status).toBe(200);
  const removed = await asked(await createTestUser(), f.productId, "Call me on 98200 00000?");
  await env.DB.prepare("UPDATE product_questions SET status = 'removed' WHERE id = ?").bind(removed).run();
  // A seller whose listing is switched off is not asked.
  const off = await secondSeller(f, "Sold Out Traders");
  await env.DB.prepare("UPDATE listings SET active = 0 WHERE seller_id = ? AND product_id = ?").bind(off.sellerId, f.productId).run();
  // As an older release left the database: questions, and no inbox.
  await env.DB.prepare("DELETE FROM question_inbox").run();

  const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_question_inbox.sql"));
  const dataSteps = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*INSERT/i.test(q)) ?? [];
  expect(dataSteps.length).toBe(1);
  for (const q of dataSteps) await env.DB.prepare(q).run();

  const { results } = await env.DB.prepare(
    "SELECT seller_id, question_id, answered_at FROM question_inbox ORDER BY seller_id = ?1 DESC, question_id",
  )
    .bind(f.sellerId)
    .all();
  expect(results).toEqual([
    { seller_id: f.sellerId, question_id: waiting, answered_at: null },
    ...[answered, waiting].sort().map((question_id) => ({ seller_id: other.sellerId, question_id, answered_at: null })),
  ]);
  const list = (await (await api("/api/seller/questions?state=unanswered", { headers: seller.headers })).json()) as {
    items: { id: string }[];
  };
  expect(list.items.map((q) => q.id)).toEqual([waiting]);
});
