/**
 * `npm run bench:catalog [-- --products N --duration S --rounds R]`
 *
 * The catalog read path under load, in workerd through Miniflare, with the generated catalog
 * (100,000 products by default) in D1: saturated req/s of a cached product page, an uncached
 * one (every request a different product, so Cache API and KV miss and D1 answers) and a
 * hello-world Worker in the same harness, each as a ratio to hello-world. Requests go straight
 * to each Worker's socket, as Cloudflare invokes a Worker; the cached page is also measured as
 * `wrangler dev` serves it, through Miniflare's entry Worker and static-assets router, against a
 * hello-world reached the same way. Pages and ceilings alternate over several rounds; medians are
 * reported. Then p50/p99 at a fixed offered load of half the hello-world rate and of half each
 * page's own rate, each load once per round with the median run's figures reported, and how long
 * a seller's price change takes to show on the product page.
 * A hello-world answering the cached page's own bytes and headers tells the answer's size from
 * the Worker's work. Ports: `--port` (default 8714) and the next six.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  ASSETS_HELLO,
  HELLO,
  WARM_UP_SECONDS,
  atFixedRate,
  interleaved,
  report,
  saturate,
  startHelloWorld,
  startStorefront,
} from "./lib/index.mjs";
import { gcWindow, tracingGc } from "./lib/gc-trace.mjs";
import { benchOptions } from "./lib/options.mjs";

const values = benchOptions(
  `Usage: npm run bench:catalog [-- --products N --duration S --rounds R --connections C --port P]

The catalog read path in workerd through Miniflare: cached and uncached product pages against a
hello-world Worker of the same run, p50/p99 at fixed loads, and a price change's lag to the page.
  --products     generated products loaded into D1 (default 100000)
  --duration     seconds per measurement (default 8)
  --rounds       rounds of pages and ceilings, medians reported (default 3)
  --connections  concurrent connections at saturation (default 32)
  --port         first of seven ports on 127.0.0.1 (default 8714)`,
  {
    products: { type: "string", default: "100000" },
    duration: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    port: { type: "string", default: "8714" },
  },
);
const products = Number(values.products);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const port = Number(values.port);
const pid = (i) => `prd_${String(i).padStart(7, "0")}`;

async function get(url, headers = {}) {
  const res = await fetch(url, { headers });
  return { res, body: await res.text() };
}

/** Requests a page until it is served from the edge cache. */
async function warm(url) {
  for (let i = 0; i < 100; i++) {
    const { res } = await get(url);
    if (res.headers.get("x-cache") === "hit") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} never became a cache hit`);
}

/** A bearer session for the demo seller, written straight into D1 (the bench measures the catalog, not sign-in). */
async function sellerToken(d1) {
  const token = randomBytes(32).toString("base64url");
  const id = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  await d1
    .prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, 'usr_demo_seller', ?, ?)")
    .bind(id, now.toISOString(), new Date(now.getTime() + 3600_000).toISOString())
    .run();
  return token;
}

/** Changes a demo-seller price and polls the product page until the new price shows; returns ms. */
async function changeToVisible(base, d1, token, trials = 5) {
  const lags = [];
  const { results } = await d1
    .prepare("SELECT l.id, l.product_id, l.price, l.mrp FROM listings l WHERE l.seller_id = 'sel_demo' ORDER BY l.id LIMIT ?")
    .bind(trials)
    .all();
  for (const l of results) {
    const page = `${base}/api/products/${l.product_id}`;
    await warm(page);
    const price = l.price > 200 ? l.price - 100 : l.price + 100;
    const started = performance.now();
    const res = await fetch(`${base}/api/seller/listings/${l.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ price: Math.min(price, l.mrp) }),
    });
    if (res.status !== 200) throw new Error(`price change failed: ${res.status} ${await res.text()}`);
    for (;;) {
      const { body } = await get(page);
      const offer = JSON.parse(body).offers.find((o) => o.listing_id === l.id);
      if (offer?.price === Math.min(price, l.mrp)) break;
      if (performance.now() - started > 30_000) throw new Error("change not visible after 30 s");
      await new Promise((r) => setTimeout(r, 10));
    }
    lags.push(Math.round(performance.now() - started));
  }
  lags.sort((a, b) => a - b);
  return { trials: lags.length, median_ms: lags[Math.floor(lags.length / 2)], max_ms: lags.at(-1), all_ms: lags };
}

async function main() {
  console.log(`bench:catalog — ${products} products, ${duration} s per run, ${connections} connections`);
  const t0 = Date.now();
  const store = await startStorefront({ port, directPort: port + 3, products });
  console.log(`  storefront ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const hello = await startHelloWorld({ port: port + 1, directPort: port + 4 });
  const helloDev = await startHelloWorld({ port: port + 2, behindAssets: true });
  const hot = `/api/products/${pid(1)}`;
  await warm(`${store.directUrl}${hot}`);
  await warm(`${store.url}${hot}`);
  // The cached page's own bytes and headers as a fixed answer: how much of the gap to
  // hello-world is the answer's size (a 1.4 KB body, the front door's security headers) rather
  // than the Worker's work to find it.
  const sample = await fetch(`${store.directUrl}${hot}`);
  const sameBytes = await startHelloWorld({
    port: port + 5,
    directPort: port + 6,
    answer: {
      body: await sample.text(),
      headers: Object.fromEntries([...sample.headers].filter(([k]) => !["content-length", "x-request-id"].includes(k))),
    },
  });
  try {
    // Uncached runs walk product ids no one has asked for yet, so every request misses both caches.
    let nextCold = 2;
    const cold = () => `/api/products/${pid(nextCold <= products ? nextCold++ : 2 + (nextCold++ % (products - 1)))}`;

    const sat =
      (url, path = "/", via = undefined) =>
      async () => ({ ...(await saturate({ url, path, duration, connections })), ...(via ? { via } : {}) });
    // Every Worker runs cold for its first seconds under load; each is warmed alike before its rounds.
    for (const [url, path] of [
      [hello.directUrl, "/"],
      [sameBytes.directUrl, "/"],
      [store.directUrl, hot],
      [helloDev.url, "/"],
      [store.url, hot],
    ])
      await saturate({ url, path, duration: WARM_UP_SECONDS, connections });
    // Each page and its ceiling, reached the same way, alternate over the rounds: straight to
    // the Worker (as Cloudflare invokes it), and as `wrangler dev` serves it.
    const m = await interleaved(rounds, {
      [HELLO]: sat(hello.directUrl),
      "fixed answer, the page's bytes": sat(sameBytes.directUrl),
      "product page, cached": sat(store.directUrl, hot),
      [ASSETS_HELLO]: sat(helloDev.url),
      "product page, cached, dev router": sat(store.url, hot, "dev router"),
    });
    m["product page, uncached (D1)"] = await saturate({ url: store.directUrl, path: cold, duration, connections });
    // A p99 from one run of a few seconds is set by whichever one or two stalls of the shared
    // machine fell in it, so each fixed load runs once per round and the run with the median
    // p99 is reported, with every round's p99 beside it.
    const fixed = async (url, path, rate, serverTiming = false) => {
      const runs = [];
      for (let r = 0; r < rounds; r++) {
        const gc = gcWindow();
        const run = await atFixedRate({ url, path, rate, duration, serverTiming });
        runs.push({ ...run, ...(tracingGc ? { gc: gc.end() } : {}) });
      }
      const median = [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor((runs.length - 1) / 2)];
      return { rate, ...median, rounds_p99: runs.map((r) => r.p99) };
    };
    // The fixed load: half the hello-world rate.
    const rate = Math.round(m[HELLO].rps / 2);
    m[HELLO].fixed = await fixed(hello.directUrl, "/", rate);
    m["product page, cached"].fixed = await fixed(store.directUrl, hot, rate);
    // Latency at half of each page's own saturated rate is the figure a capacity plan uses. For
    // the uncached page it is the only sensible one: half the hello-world rate is some fifty
    // times what one D1 answers, so it would measure nothing but the queue.
    // Every uncached answer says how long the Worker waited on the Cache API, KV and D1
    // (Server-Timing): next to the client's figures, that tells the Worker's own time from the
    // time the request waited for workerd's one thread, which runs D1, KV and the Cache API too.
    for (const [name, path, serverTiming] of [
      ["product page, cached", hot, false],
      ["product page, uncached (D1)", cold, true],
    ]) {
      m[name].fixed_own = await fixed(store.directUrl, path, Math.max(1, Math.round(m[name].rps / 2)), serverTiming);
    }
    if (nextCold > products) console.log("  note: the uncached runs wrapped around the catalog; later requests may have hit KV");

    const lag = await changeToVisible(store.directUrl, store.d1, await sellerToken(store.d1));
    // Each round measures the ceiling and the page back to back, so the ratio within a round is
    // the least exposed to the machine's drift; printed next to the ratio of the medians.
    const perRound = (page, ceiling) => {
      const ratios = m[page].rounds_rps.map((rps, i) => Number((rps / m[ceiling].rounds_rps[i]).toFixed(3)));
      return { per_round: ratios, median: [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)] };
    };
    report("catalog", m, {
      products,
      rounds,
      cached_to_hello_world_per_round: perRound("product page, cached", HELLO),
      cached_to_fixed_answer_per_round: perRound("product page, cached", "fixed answer, the page's bytes"),
      cached_dev_router_to_its_ceiling_per_round: perRound("product page, cached, dev router", ASSETS_HELLO),
      offered_load_rps: rate,
      change_to_visible: lag,
    });
  } finally {
    await hello.stop();
    await helloDev.stop();
    await sameBytes.stop();
    await store.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
