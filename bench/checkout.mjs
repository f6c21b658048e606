/**
 * `npm run bench:checkout`: checkout end to end, as shoppers do it, with the sandbox provider
 * answering at once (no injected latency, webhooks sent before the redirect).
 *
 * Each of CONNECTIONS shoppers loops for BENCH_DURATION seconds: put a listing in the cart,
 * POST /api/checkout (a fresh Idempotency-Key), approve the payment on the hosted page, then poll
 * GET /api/orders/{id} with If-None-Match until the checkout saga (a Workflow) has confirmed it.
 * Reported: confirmed orders per second, p50/p99 from the checkout request to "confirmed", and the
 * HTTP requests per second this took, next to the hello-world Worker's saturated rate in the same run.
 *
 * Environment: BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 16),
 * BENCH_PORT (default 8740; the storefront takes the next port).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { measureCeilings, report, saturate, startStorefront } from "./lib/index.mjs";
import { benchOptions } from "./lib/options.mjs";

benchOptions(`Usage: npm run bench:checkout

Checkout end to end (cart, checkout, payment, the saga's confirmation) against a hello-world Worker
of the same run. It takes no flags; the environment sets BENCH_DURATION (seconds, default 10),
BENCH_CONNECTIONS (default 16) and BENCH_PORT (default 8740).`);

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 8740);
const LISTINGS = 50;
const ADDRESS = {
  name: "Bench Shopper",
  line1: "1 Test Street",
  city: "Pune",
  state: "Maharashtra",
  pincode: "411001",
  phone: "9876543210",
};

/** Inserts listings with ample stock and one signed-in shopper per connection; returns their bearer tokens. */
async function seed(d1) {
  const now = new Date().toISOString();
  const far = new Date(Date.now() + 86400_000).toISOString();
  const s = [
    d1.prepare("INSERT INTO categories (id, slug, name, path, depth) VALUES ('cat_bench', 'bench', 'Bench', '/cat_bench/', 0)"),
    d1.prepare("INSERT INTO sellers (id, name, city, created_at) VALUES ('sel_bench', 'Bench Seller', 'Pune', ?)").bind(now),
    d1.prepare("INSERT INTO warehouses (id, name, city) VALUES ('wh_bench', 'Bench WH', 'Pune')"),
  ];
  for (let i = 0; i < LISTINGS; i++) {
    s.push(
      d1
        .prepare(
          "INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?1, ?2, 'Benchbrand', 'cat_bench', ?3, ?3)",
        )
        .bind(`prd_bench_${i}`, `Bench product ${i}`, now),
      d1
        .prepare(
          "INSERT INTO listings (id, product_id, seller_id, price, mrp, created_at, updated_at) VALUES (?1, ?2, 'sel_bench', 49900, 59900, ?3, ?3)",
        )
        .bind(`lst_bench_${i}`, `prd_bench_${i}`, now),
      d1
        .prepare(
          "INSERT INTO inventory (sku_id, warehouse_id, available, initial, updated_at) VALUES (?1, 'wh_bench', 1000000, 1000000, ?2)",
        )
        .bind(`lst_bench_${i}`, now),
    );
  }
  const tokens = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const token = randomBytes(32).toString("base64url");
    const userId = `usr_bench_${i}`;
    tokens.push(token);
    s.push(
      d1
        .prepare(
          "INSERT INTO users (id, email, name, password_hash, password_salt, password_iterations, created_at) VALUES (?1, ?2, 'Bench', 'x', 'x', 1, ?3)",
        )
        .bind(userId, `bench${i}@bench.test`, now),
      d1.prepare("INSERT INTO user_roles (user_id, role) VALUES (?1, 'shopper')").bind(userId),
      d1
        .prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(createHash("sha256").update(token).digest("hex"), userId, now, far),
    );
  }
  await d1.batch(s);
  return tokens;
}

/** One shopper's loop; returns per-order latencies (ms) and the HTTP requests made. */
async function shopper(url, token, index, until) {
  const auth = { authorization: `Bearer ${token}` };
  const latencies = [];
  const phases = { checkout: [], payment: [], saga: [] };
  let requests = 0;
  let failures = 0;
  const call = async (path, init = {}) => {
    requests++;
    return fetch(`${url}${path}`, { ...init, headers: { ...auth, ...init.headers }, redirect: "manual" });
  };
  for (let n = 0; Date.now() < until; n++) {
    const listing = `lst_bench_${(index * 7 + n) % LISTINGS}`;
    const put = await call(`/api/cart/items/${listing}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"qty":1}',
    });
    await put.arrayBuffer();
    const t0 = performance.now();
    const res = await call("/api/checkout", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ address: ADDRESS, payment_method: "upi" }),
    });
    if (res.status !== 201) {
      failures++;
      await res.arrayBuffer();
      continue;
    }
    const placed = await res.json();
    const t1 = performance.now();
    const payUrl = new URL(placed.payment.redirect_url);
    const paid = await call(payUrl.pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=pay&vpa=bench%40okbank",
    });
    await paid.arrayBuffer();
    const t2 = performance.now();
    let etag = "";
    for (;;) {
      const poll = await call(`/api/orders/${placed.order_id}`, { headers: etag ? { "if-none-match": etag } : {} });
      etag = poll.headers.get("etag") ?? "";
      let order = null;
      if (poll.status === 200) order = await poll.json();
      else await poll.arrayBuffer();
      if (order?.status === "confirmed") break;
      if (order && order.status !== "created" && order.status !== "payment_authorized") {
        failures++;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const t3 = performance.now();
    latencies.push(t3 - t0);
    phases.checkout.push(t1 - t0);
    phases.payment.push(t2 - t1);
    phases.saga.push(t3 - t2);
  }
  return { latencies, phases, requests, failures };
}

function percentile(sorted, p) {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10 : null;
}

const shop = await startStorefront({ port: PORT + 1, products: 0 });
try {
  const tokens = await seed(shop.d1);
  // Warm the isolate, the Workflow engine and the Durable Objects before measuring.
  await shopper(shop.directUrl, tokens[0], 0, Date.now() + 1500);
  const ceilings = await measureCeilings({ port: PORT + 2, duration: DURATION, connections: 32, saturate });
  const started = Date.now();
  const results = await Promise.all(tokens.map((t, i) => shopper(shop.directUrl, t, i, started + DURATION * 1000)));
  const seconds = (Date.now() - started) / 1000;
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = results.reduce((s, r) => s + r.requests, 0);
  const failures = results.reduce((s, r) => s + r.failures, 0);
  const ordersPerSecond = Math.round((latencies.length / seconds) * 10) / 10;

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  report(
    "checkout",
    {
      ...ceilings,
      // rps here is confirmed orders a second; p50/p99 run from the checkout request to "confirmed".
      "checkout-e2e (orders/s)": { rps: ordersPerSecond, p50, p99, requests: latencies.length, non2xx: failures, errors: 0 },
    },
    {
      orders_per_second: ordersPerSecond,
      orders_confirmed: latencies.length,
      failed_checkouts: failures,
      checkout_to_confirmed_ms: { p50, p99, max: percentile(latencies, 100) },
      // Where the time goes: the checkout request, the hosted payment page (which sends the webhook
      // before redirecting), and the saga from there to "confirmed" as seen by polling.
      phase_p50_ms: Object.fromEntries(
        ["checkout", "payment", "saga"].map((k) => [
          k,
          percentile(
            results.flatMap((r) => r.phases[k]).sort((a, b) => a - b),
            50,
          ),
        ]),
      ),
      http_requests_per_second: Math.round(requests / seconds),
      requests_per_order: latencies.length ? Math.round((requests / latencies.length) * 10) / 10 : null,
      connections: CONNECTIONS,
      duration_s: DURATION,
    },
  );
} finally {
  await shop.stop();
}
