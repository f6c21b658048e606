/**
 * Loads a generated catalog straight into a D1 binding (a Miniflare `getD1Database` handle or
 * any object with `prepare` and `batch`), one D1 batch per chunk of products. Used by the
 * benchmark harness, where going through `wrangler d1 execute` would be far slower.
 */
import { baseStatements, demoAccountStatements, productStatementGroups } from "./sql.mjs";

async function runAll(d1, statements) {
  // D1 batches are transactions; keep each one to a modest number of statements.
  for (let i = 0; i < statements.length; i += 40) {
    await d1.batch(statements.slice(i, i + 40).map((s) => d1.prepare(s)));
  }
}

/**
 * Seeds `products` products (plus categories, warehouses, sellers and, unless disabled, the
 * demo accounts) into an empty database; `onProgress(done)` is called after each chunk.
 */
export async function loadCatalogIntoD1(d1, { products, seed = 1, chunk = 2000, demoAccounts = true, onProgress } = {}) {
  await runAll(d1, baseStatements(products, seed));
  if (demoAccounts) await runAll(d1, await demoAccountStatements());
  let done = 0;
  for (const group of productStatementGroups(products, { chunk, seed })) {
    await runAll(d1, group);
    done = Math.min(products, done + chunk);
    onProgress?.(done);
  }
}
