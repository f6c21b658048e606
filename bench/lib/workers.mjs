/**
 * Starts the storefront Worker and a hello-world Worker in workerd through the Miniflare API.
 * The storefront gets the real bindings from wrangler.toml (D1, KV, Durable Objects, queues,
 * workflows, rate limits, assets), with rate limits raised so the load generator is not
 * throttled, D1 migrated and the generated catalog loaded. The hello-world Worker is the
 * ceiling every benchmark reports its throughput against.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";
import { loadCatalogIntoD1 } from "../../scripts/catalog/load-d1.mjs";
import { ROOT, buildWorker } from "./build.mjs";

// The Miniflare that wrangler itself runs `wrangler dev` with: its workerd supports the
// compatibility date in wrangler.toml, which an older top-level miniflare may not.
const wranglerRequire = createRequire(createRequire(import.meta.url).resolve("wrangler"));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(wranglerRequire.resolve("miniflare")).href);

/** Starts Miniflare from options in the documented worker-options shape. */
function miniflare(options) {
  return new Miniflare(convertV4MiniflareOptions(options));
}

const BENCH_SECRETS = {
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123",
  TICKET_SECRET: "bench-ticket-secret-0123456789abcdef01234",
  PSP_WEBHOOK_SECRET: "bench-psp-webhook-secret",
};

/** Applies every migration in migrations/ to a fresh D1 database, in order. */
export async function applyMigrations(d1) {
  const dir = path.join(ROOT, "migrations");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(dir, file), "utf8"));
    await d1.batch(statements.map((s) => d1.prepare(s)));
  }
}

/**
 * Starts the storefront on 127.0.0.1:`port` with `products` generated products (0 skips
 * loading). `worker` adds Miniflare worker options (e.g. `{ cacheAPI: false }` to measure
 * uncached reads). Returns its URL, the Miniflare instance, the D1 handle and `stop()`.
 */
export async function startStorefront({ port = 0, products = 0, vars = {}, worker = {}, log = console.log } = {}) {
  const script = buildWorker();
  // The bundle is self-contained, so the source rules for unbundled modules do not apply.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml")).workerOptions;
  const ratelimits = Object.fromEntries(
    Object.entries(workerOptions.ratelimits ?? {}).map(([name, rl]) => [name, { ...rl, simple: { limit: 1_000_000_000, period: 60 } }]),
  );
  const mf = miniflare({
    host: "127.0.0.1",
    port,
    workers: [
      {
        ...workerOptions,
        name: "storefront",
        modules: true,
        scriptPath: script,
        modulesRoot: path.dirname(script),
        ratelimits,
        bindings: { ...workerOptions.bindings, ...BENCH_SECRETS, ...vars },
        // The minute cron would add noise; benchmarks trigger what they need explicitly.
        cronTriggers: [],
        ...worker,
      },
    ],
  });
  const url = await mf.ready;
  const d1 = await mf.getD1Database("DB");
  await applyMigrations(d1);
  if (products > 0) {
    const t0 = Date.now();
    await loadCatalogIntoD1(d1, {
      products,
      onProgress: (done) => {
        if (done % 20_000 === 0 || done === products)
          log(`  loaded ${done}/${products} products (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      },
    });
  }
  return { url: url.origin, mf, d1, stop: () => mf.dispose() };
}

/**
 * Starts a hello-world Worker on 127.0.0.1:`port`: the throughput ceiling of this harness.
 * With `behindAssets`, it sits behind the same static-assets router as the storefront, which
 * locally is an extra Worker hop per request (on Cloudflare it happens before the Worker runs).
 */
export async function startHelloWorld({ port = 0, behindAssets = false } = {}) {
  const assets = behindAssets ? unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml")).workerOptions.assets : undefined;
  const mf = miniflare({
    host: "127.0.0.1",
    port,
    workers: [
      {
        name: "hello-world",
        modules: true,
        script: 'export default { fetch() { return new Response("Hello World!", { headers: { "content-type": "text/plain" } }); } };',
        compatibilityDate: "2026-11-01",
        ...(assets ? { assets } : {}),
      },
    ],
  });
  const url = await mf.ready;
  return { url: url.origin, mf, stop: () => mf.dispose() };
}

/**
 * Measures both ceilings in this run: a plain hello-world Worker, and one behind the same
 * static-assets router as the storefront (the like-for-like ceiling locally). Ports `port`
 * and `port + 1`; each Worker is stopped once measured.
 */
export async function measureCeilings({ port, duration, connections, saturate }) {
  const out = {};
  for (const [name, behindAssets, p] of [
    ["hello-world", false, port],
    ["hello-world, assets router", true, port + 1],
  ]) {
    const hello = await startHelloWorld({ port: p, behindAssets });
    try {
      out[name] = await saturate({ url: hello.url, duration, connections });
    } finally {
      await hello.stop();
    }
  }
  return out;
}
