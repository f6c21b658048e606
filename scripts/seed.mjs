/**
 * `npm run seed -- --products N [--seed S] [--reset] [--out DIR] [--no-apply]`
 *
 * Generates the deterministic demo catalog as chunked SQL files and applies them to the local
 * D1 database with `wrangler d1 execute --local --file`. Refuses to seed over an existing
 * catalog unless --reset, which first deletes the whole local state (D1, KV, Durable Objects,
 * cache) and applies the migrations afresh.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { baseStatements, demoAccountStatements, productStatementGroups } from "./catalog/sql.mjs";
import { ROOT, localQuery, wrangler } from "./lib/wrangler.mjs";

// What `npm run dev` keeps locally: D1, KV, the Durable Objects and the cache alike.
const LOCAL_STATE = path.join(ROOT, ".wrangler", "state");

/** Writes the catalog as SQL files of about `perFile` products each; returns their paths. */
export async function writeSeedFiles({ products, seed, outDir, perFile = 20_000 }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = [];
  const write = (statements) => {
    const file = path.join(outDir, `${String(files.length).padStart(4, "0")}.sql`);
    writeFileSync(file, `${statements.join("\n")}\n`);
    files.push(file);
  };
  write([...baseStatements(products, seed), ...(await demoAccountStatements())]);
  let pending = [];
  let count = 0;
  for (const group of productStatementGroups(products, { seed, chunk: 2000 })) {
    pending.push(...group);
    count += 2000;
    if (count >= perFile) {
      write(pending);
      pending = [];
      count = 0;
    }
  }
  if (pending.length) write(pending);
  return files;
}

/** Applies seed files to the local D1 database in order. */
export async function applySeedFiles(files) {
  for (const [i, file] of files.entries()) {
    console.log(`seed: applying ${path.relative(ROOT, file)} (${i + 1}/${files.length})`);
    await wrangler(["d1", "execute", "DB", "--local", "--yes", "--file", file], { capture: true });
  }
}

/**
 * Starts the local state afresh: every order, cart, deal, question and account points at the
 * catalog, and the KV projections and cached pages copy it, so replacing the catalog alone would
 * leave them pointing at products that are gone or different (D1 refuses the first with its foreign
 * keys). A running `npm run dev` holds these files open, so it must be stopped first.
 */
async function resetLocalState() {
  const port = Number(process.env.PORT ?? 8787);
  const answering = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
  if (answering)
    throw new Error(`a server answers on 127.0.0.1:${port}; stop \`npm run dev\` first, as --reset deletes the local state it uses`);
  rmSync(LOCAL_STATE, { recursive: true, force: true });
  console.log("seed: deleted the local state (.wrangler/state); applying D1 migrations afresh");
  await wrangler(["d1", "migrations", "apply", "DB", "--local"], { capture: true });
}

async function main() {
  const { values } = parseArgs({
    options: {
      products: { type: "string", default: "3000" },
      seed: { type: "string", default: "1" },
      reset: { type: "boolean", default: false },
      out: { type: "string", default: path.join(ROOT, ".wrangler", "seed") },
      "no-apply": { type: "boolean", default: false },
    },
  });
  const products = Number(values.products);
  if (!Number.isInteger(products) || products < 1) throw new Error("--products must be a positive integer");
  const apply = !values["no-apply"];
  if (apply && values.reset) await resetLocalState();
  else if (apply) {
    const [row] = await localQuery("SELECT COUNT(*) AS n FROM products");
    if (row && row.n > 0) throw new Error(`the local database already has ${row.n} products; pass --reset to replace them`);
  }
  const started = Date.now();
  const files = await writeSeedFiles({ products, seed: Number(values.seed), outDir: values.out });
  console.log(`seed: wrote ${files.length} SQL file(s) for ${products} products to ${path.relative(ROOT, values.out)}`);
  if (apply) await applySeedFiles(files);
  console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (apply && values.reset) console.log("seed: `npm run dev` adds the demo orders, deals and questions again when it starts");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`seed: ${err.message}`);
    process.exit(1);
  });
}
