/**
 * Prepares a fresh local D1 state for the browser journeys: applies migrations and loads the
 * demo catalog and accounts into the given --persist-to directory, without touching the
 * developer's own .wrangler/state.
 * Usage: node test/browser/seed-local.mjs <persist-dir> <products>
 */
import path from "node:path";
import { ROOT, wrangler } from "../../scripts/lib/wrangler.mjs";
import { writeSeedFiles } from "../../scripts/seed.mjs";

const [persistTo, products = "300"] = process.argv.slice(2);
if (!persistTo) throw new Error("usage: seed-local.mjs <persist-dir> [products]");

await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { capture: true });
const files = await writeSeedFiles({ products: Number(products), seed: 1, outDir: path.join(persistTo, "seed") });
for (const file of files) {
  await wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--yes", "--file", file], { capture: true });
}
console.log(`browser seed: ${products} products in ${path.relative(ROOT, persistTo)}`);
