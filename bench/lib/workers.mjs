/**
 * Starts the storefront Worker and a hello-world Worker in workerd through the Miniflare API.
 * The storefront gets the real bindings from wrangler.toml (D1, KV, Durable Objects, queues,
 * workflows, rate limits, assets), with rate limits raised so the load generator is not
 * throttled, D1 migrated and the generated catalog loaded. The hello-world Worker is the
 * ceiling every benchmark reports its throughput against.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";
import { loadCatalogIntoD1 } from "../../scripts/catalog/load-d1.mjs";
import { ROOT, buildWorker } from "./build.mjs";
import { gcTraceOptions, tracingGc } from "./gc-trace.mjs";
import { ASSETS_HELLO, HELLO } from "./report.mjs";

// The Miniflare that wrangler itself runs `wrangler dev` with: its workerd supports the
// compatibility date in wrangler.toml, which an older top-level miniflare may not.
const wranglerRequire = createRequire(createRequire(import.meta.url).resolve("wrangler"));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(wranglerRequire.resolve("miniflare")).href);

// The workerd binary that Miniflare runs, for the GC trace's line-buffered wrapper.
const workerdPath = tracingGc ? createRequire(wranglerRequire.resolve("miniflare"))("workerd").default : null;

/** Starts Miniflare from options in the documented worker-options shape. */
function miniflare(options) {
  return new Miniflare(convertV4MiniflareOptions({ ...options, ...gcTraceOptions(workerdPath) }));
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
 * uncached reads); `inspectorPort` (or BENCH_INSPECTOR_PORT, so any benchmark can be profiled
 * with `npm run bench:profile -- --attach`) opens the V8 inspector. Returns `url` (through the
 * static-assets router, as `wrangler dev` serves it), `directUrl` (on `directPort`, straight to
 * the Worker, as Cloudflare runs `run_worker_first` paths), the Miniflare instance, the D1
 * handle and `stop()`.
 */
export async function startStorefront({
  port = 0,
  directPort = 0,
  products = 0,
  vars = {},
  worker = {},
  inspectorPort = Number(process.env.BENCH_INSPECTOR_PORT) || undefined,
  log = console.log,
} = {}) {
  const script = buildWorker();
  // The bundle is self-contained, so the source rules for unbundled modules do not apply.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml")).workerOptions;
  const ratelimits = Object.fromEntries(
    Object.entries(workerOptions.ratelimits ?? {}).map(([name, rl]) => [name, { ...rl, simple: { limit: 1_000_000_000, period: 60 } }]),
  );
  const state = benchStateDir();
  const options = {
    host: "127.0.0.1",
    port,
    logRequests: false,
    resourcePersistencePath: state,
    ...(inspectorPort ? { inspectorPort } : {}),
    workers: [
      {
        ...workerOptions,
        name: "storefront",
        modules: true,
        scriptPath: script,
        modulesRoot: path.dirname(script),
        ratelimits,
        // Checkout benchmarks pay through the payment sandbox, which runs only in demo mode.
        bindings: { ...workerOptions.bindings, ...BENCH_SECRETS, DEMO_MODE: "true", ...vars },
        // The minute cron would add noise; benchmarks trigger what they need explicitly.
        cronTriggers: [],
        ...worker,
      },
      // A socket straight to the storefront Worker, past Miniflare's entry Worker and its
      // static-assets router: on Cloudflare the paths `run_worker_first` claims reach the Worker
      // directly, while locally each of those is one more Worker invocation on the same thread.
      // A socket goes through the router only when its owner has assets, so this owner has none.
      {
        name: "storefront-direct",
        modules: true,
        script: "export default { fetch() { return new Response(null, { status: 404 }); } };",
        compatibilityDate: workerOptions.compatibilityDate,
        unsafeDirectSockets: [{ host: "127.0.0.1", port: directPort, serviceName: "storefront" }],
      },
    ],
  };
  let mf = miniflare(options);
  await mf.ready;
  await applyMigrations(await mf.getD1Database("DB"));
  if (products > 0) {
    const t0 = Date.now();
    await loadCatalogIntoD1(await mf.getD1Database("DB"), {
      products,
      onProgress: (done) => {
        if (done % 20_000 === 0 || done === products)
          log(`  loaded ${done}/${products} products (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      },
    });
    // Loading leaves Miniflare's entry Worker holding a large heap whose collection would stall
    // workerd's one thread mid-measurement; the data is kept, the isolates start afresh, as a
    // deployed storefront's would long after its catalog was loaded.
    await mf.dispose();
    mf = miniflare(options);
  }
  const url = await mf.ready;
  const direct = await mf.unsafeGetDirectURL("storefront-direct");
  const d1 = await mf.getD1Database("DB");
  const stop = async () => {
    await mf.dispose();
    rmSync(state, { recursive: true, force: true });
  };
  return { url: url.origin, directUrl: direct.origin, mf, d1, stop };
}

/**
 * A fresh directory for one run's D1, KV, Cache API and Durable Object storage, in memory
 * (/dev/shm) where the machine has it: workerd writes storage on its one thread, so a disk
 * flush would be billed to whichever request was waiting, which deployed D1 and KV do not do.
 * BENCH_STATE_DIR picks another parent.
 */
function benchStateDir() {
  const parent = process.env.BENCH_STATE_DIR ?? (existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir());
  const dir = mkdtempSync(path.join(parent, "bazaar-bench-"));
  // In memory it holds RAM until removed, so it goes however the run ends, Ctrl-C included.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(code));
  }
  return dir;
}

/**
 * Starts a hello-world Worker: the throughput ceiling of this harness. `url` (on `port`) goes
 * through Miniflare's entry Worker; `directUrl` (on `directPort`) straight to the Worker. With
 * `behindAssets` it sits behind the same static-assets router as the storefront, which locally
 * is one more Worker hop per request (on Cloudflare it runs before the Worker), and has no
 * direct socket. `answer` ({ body, headers }) replaces "Hello World!" with a fixed answer, to
 * tell what an answer's size costs from what computing it costs.
 */
export async function startHelloWorld({ port = 0, directPort = 0, behindAssets = false, answer = null } = {}) {
  const assets = behindAssets ? unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml")).workerOptions.assets : undefined;
  const mf = miniflare({
    host: "127.0.0.1",
    port,
    logRequests: false,
    workers: [
      {
        name: "hello-world",
        modules: true,
        script: answer
          ? `const body = ${JSON.stringify(answer.body)}; const headers = ${JSON.stringify(answer.headers)};
             export default { fetch() { return new Response(body, { headers }); } };`
          : 'export default { fetch() { return new Response("Hello World!", { headers: { "content-type": "text/plain" } }); } };',
        compatibilityDate: "2026-11-01",
        ...(assets ? { assets } : { unsafeDirectSockets: [{ host: "127.0.0.1", port: directPort }] }),
      },
    ],
  });
  const url = await mf.ready;
  const direct = assets ? null : await mf.unsafeGetDirectURL("hello-world");
  return { url: url.origin, directUrl: direct?.origin, mf, stop: () => mf.dispose() };
}

/** How long a freshly started ceiling is driven before it is measured. */
export const WARM_UP_SECONDS = 2;

/**
 * Measures both ceilings in this run: a hello-world Worker reached straight through its own
 * socket, as Cloudflare invokes a Worker (the ceiling for everything the benchmarks drive the
 * same way), and one reached as `wrangler dev` serves it, through Miniflare's entry Worker and
 * the static-assets router (the ceiling for measurements taken that way). Ports `port` and
 * `port + 1`; each Worker is stopped once measured.
 */
export async function measureCeilings({ port, duration, connections, saturate }) {
  const out = {};
  for (const [name, behindAssets, p] of [
    [HELLO, false, port],
    [ASSETS_HELLO, true, port + 1],
  ]) {
    const hello = await startHelloWorld({ port: p, behindAssets });
    try {
      const url = behindAssets ? hello.url : hello.directUrl;
      // A fresh workerd's first seconds run cold (about a tenth slower here); the pages measured
      // against this ceiling are warmed first, so the ceiling is too.
      await saturate({ url, duration: WARM_UP_SECONDS, connections });
      out[name] = await saturate({ url, duration, connections });
    } finally {
      await hello.stop();
    }
  }
  return out;
}
