/**
 * `npm run bench:search`: search (uncached, facets on) and autocomplete against the generated
 * catalog, at 100,000 and 1,000,000 products by default (`--products 100000,1000000`).
 *
 * The workload is the shopper query log weighted by popularity, with random filters (category,
 * brand, price range, rating, in stock, sort) on some requests, and autocomplete on the first
 * letters of a weighted query. The storefront runs with the Cache API off, so every search is
 * answered by D1. Each endpoint reports saturated requests/s as a ratio to the hello-world
 * Worker of the same run, and p50/p99 at a fixed offered load (BENCH_FIXED_RATE, default 10 req/s)
 * and at half its own saturated rate, each over at least 400 answers.
 *
 * Environment: SHOPPER_QUERIES (the query log, default ../shared/data/shopper-queries.tsv),
 * BENCH_DURATION (seconds per measurement, default 8), BENCH_PORT (default 8720).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/build.mjs";
import { atFixedRate, measureCeilings, report, saturate, startStorefront } from "./lib/index.mjs";
import { benchOptions } from "./lib/options.mjs";

const values = benchOptions(
  `Usage: npm run bench:search [-- --products N[,N...]]

Search and autocomplete answered by D1 against the generated catalog at each size (default
100000,1000000), against a hello-world Worker of the same run.
Environment: SHOPPER_QUERIES (the query log), BENCH_DURATION (seconds per measurement, default 8),
BENCH_PORT (default 8720), BENCH_FIXED_RATE (req/s of the fixed load, default 10).`,
  { products: { type: "string", default: "100000,1000000" } },
);
const SIZES = values.products.split(",").map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 8720);
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 10);
const MIN_SAMPLES = 400;
const QUERIES_FILE = process.env.SHOPPER_QUERIES ?? path.join(ROOT, "..", "shared", "data", "shopper-queries.tsv");

/** [query, popularity] rows of the shopper query log. */
function readQueries() {
  if (!existsSync(QUERIES_FILE)) throw new Error(`query log not found at ${QUERIES_FILE}; set SHOPPER_QUERIES`);
  return readFileSync(QUERIES_FILE, "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"))
    .filter(([q, n]) => q && Number(n) > 0)
    .map(([q, n]) => [q.trim(), Number(n)]);
}

/** A deterministic PRNG, so two runs send the same request sequence. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws queries in proportion to their popularity. */
function weightedSampler(rows, random) {
  const cumulative = [];
  let total = 0;
  for (const [, n] of rows) {
    total += n;
    cumulative.push(total);
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return rows[lo][0];
  };
}

/** Search paths: a weighted query and, on some requests, random filters and a sort. */
function searchPaths(rows, categories, brands, seed) {
  const random = rng(seed);
  const query = weightedSampler(rows, random);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return () => {
    const p = new URLSearchParams({ q: query() });
    if (random() < 0.25) p.set("category", pick(categories));
    if (random() < 0.15) p.append("brand", pick(brands));
    if (random() < 0.2) {
      const min = pick([0, 50_000, 100_000, 500_000, 1_000_000]);
      p.set("price_min", String(min));
      p.set("price_max", String(min * 10 + 500_000));
    }
    if (random() < 0.15) p.set("rating_min", "4");
    if (random() < 0.3) p.set("in_stock", "true");
    if (random() < 0.25) p.set("sort", pick(["price_asc", "price_desc", "rating", "newest"]));
    return `/api/products?${p}`;
  };
}

/** Autocomplete paths: the first 2+ letters of a weighted query, as a shopper types it. */
function autocompletePaths(rows, seed) {
  const random = rng(seed);
  const query = weightedSampler(rows, random);
  return () => {
    const q = query();
    const cut = Math.min(q.length, 2 + Math.floor(random() * Math.max(1, q.length - 1)));
    return `/api/autocomplete?q=${encodeURIComponent(q.slice(0, cut))}`;
  };
}

/**
 * Saturated throughput, then latency at a fixed offered load (the same for every catalog size,
 * so growth is comparable) and at half the endpoint's own saturated rate.
 */
async function measure(url, paths) {
  const sat = await saturate({ url, path: paths(), duration: DURATION, connections: 32 });
  const at = async (rate) => {
    // A p99 needs a few hundred answers to mean anything; at 10 req/s that takes 40 s.
    const duration = Math.max(DURATION, Math.ceil(MIN_SAMPLES / rate));
    const r = await atFixedRate({ url, path: paths(), rate, duration });
    return { rate, p50: r.p50, p99: r.p99, non2xx: r.non2xx, errors: r.errors, statuses: r.statuses };
  };
  const fixed = { ...(await at(Math.max(1, Math.min(FIXED_RATE, Math.floor(sat.rps / 2))))), label: "(fixed)" };
  const own = await at(Math.max(1, Math.floor(sat.rps / 2)));
  return { ...sat, fixed, fixed_own: own };
}

async function benchSize(products, rows) {
  console.log(`\nloading ${products} products…`);
  const t0 = Date.now();
  const shop = await startStorefront({ port: PORT + 1, products, worker: { cacheAPI: false } });
  try {
    const loadSeconds = Math.round((Date.now() - t0) / 1000);
    const now = new Date().toISOString();
    for (let i = 0; i < rows.length; i += 100) {
      await shop.d1.batch(
        rows
          .slice(i, i + 100)
          .map(([q, n]) =>
            shop.d1
              .prepare("INSERT OR IGNORE INTO popular_queries(query, popularity, updated_at) VALUES (?1, ?2, ?3)")
              .bind(q.toLowerCase(), n, now),
          ),
      );
    }
    // The cron's search maintenance builds the spelling vocabulary and the suggestion index.
    const t1 = Date.now();
    const worker = await shop.mf.getWorker();
    await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date("2026-11-30T00:00:00Z") });
    const maintenanceMs = Date.now() - t1;

    const categories = (await shop.d1.prepare("SELECT slug FROM categories").all()).results.map((r) => r.slug);
    const brands = (await shop.d1.prepare("SELECT DISTINCT brand FROM products LIMIT 200").all()).results.map((r) => r.brand);
    const search = (seed) => searchPaths(rows, categories, brands, seed);
    // Warm workerd and SQLite's page cache, as a running database would be.
    await saturate({ url: shop.directUrl, path: search(99), duration: 3, connections: 8 });

    // "Uncached" must mean it: the same search twice is answered by D1 both times.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${shop.directUrl}/api/products?q=cooktop`);
      await res.arrayBuffer();
      if (res.headers.get("x-cache") !== "miss") throw new Error(`edge cache answered a search (x-cache ${res.headers.get("x-cache")})`);
    }

    let seed = 1;
    const measurements = {
      ...(await measureCeilings({ port: PORT + 2, duration: DURATION, connections: 32, saturate })),
      "search uncached+facets": await measure(shop.directUrl, () => search(seed++)),
      autocomplete: await measure(shop.directUrl, () => autocompletePaths(rows, seed++)),
    };
    report(`search @ ${products} products`, measurements, { products, load_seconds: loadSeconds, search_maintenance_ms: maintenanceMs });
    return measurements;
  } finally {
    await shop.stop();
  }
}

const rows = readQueries();
const results = {};
for (const size of SIZES) results[size] = await benchSize(size, rows);
if (SIZES.length > 1) {
  const [a, b] = SIZES;
  const grow = (name, key) => {
    const x = key === "rps" ? results[a][name].rps : results[a][name].fixed[key];
    const y = key === "rps" ? results[b][name].rps : results[b][name].fixed[key];
    return `${x} → ${y} (×${(y / x).toFixed(2)})`;
  };
  console.log(`\n== growth ${a} → ${b} products ==`);
  for (const name of ["search uncached+facets", "autocomplete"]) {
    console.log(`${name.padEnd(28)} req/s ${grow(name, "rps")}; p50 ms ${grow(name, "p50")}; p99 ms ${grow(name, "p99")}`);
  }
}
