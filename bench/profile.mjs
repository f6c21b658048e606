/**
 * `npm run bench:profile [-- --path /api/products/prd_0000001 --products N --duration S]`
 *
 * Where the storefront Worker's CPU goes under saturated load: starts it in workerd through
 * Miniflare with the V8 inspector open, samples the Worker's isolate while autocannon drives
 * `--path` (`--cold` walks a new product id per request instead), and prints the functions with
 * the most self time and the bundle's source regions with the most inclusive time. Not a
 * benchmark: the inspector slows the Worker; the shares are what it is for.
 *
 * `--attach PORT --seconds S` instead samples a storefront that another benchmark started with
 * `BENCH_INSPECTOR_PORT=PORT`, for S seconds, e.g. during bench:flash's selling phase.
 */
import { saturate, startStorefront } from "./lib/index.mjs";
import { benchOptions } from "./lib/options.mjs";

const values = benchOptions(
  `Usage: npm run bench:profile [-- --path P | --cold] [--all] [--via-router] [--products N --duration S --connections C --port P --top T]
       npm run bench:profile -- --attach PORT [--seconds S] [--all] [--top T]

Where the storefront Worker's CPU goes under load: the functions with the most self time and the
source regions with the most inclusive time, sampled through the V8 inspector.
  --path         the path driven (default /api/products/prd_0000001); --cold walks a new product per request
  --all          every isolate of the workerd process, each one's share of busy time
  --via-router   through Miniflare's entry and static-assets router, as wrangler dev serves
  --attach       sample a storefront another benchmark started with BENCH_INSPECTOR_PORT=PORT
  --seconds      how long to sample when attached (default 10)`,
  {
    path: { type: "string", default: "/api/products/prd_0000001" },
    cold: { type: "boolean", default: false },
    // Every isolate in the workerd process (D1, KV, Cache API simulators, Miniflare's entry...),
    // each one's share of busy time and its top functions: locally they all share one thread.
    all: { type: "boolean", default: false },
    // Through Miniflare's entry and static-assets router, as `wrangler dev` serves, instead of
    // straight to the Worker.
    "via-router": { type: "boolean", default: false },
    products: { type: "string", default: "2000" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "32" },
    port: { type: "string", default: "8724" },
    top: { type: "string", default: "30" },
    // Profile a storefront some other benchmark started with BENCH_INSPECTOR_PORT=<port>, for --seconds.
    attach: { type: "string" },
    seconds: { type: "string", default: "10" },
  },
  { text: ["path"] },
);
const port = Number(values.port);
const inspectorPort = port + 1;
const products = Number(values.products);
const pid = (i) => `prd_${String(i).padStart(7, "0")}`;

/** A minimal Chrome DevTools Protocol session over the inspector's WebSocket. */
async function inspect(wsUrl) {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  };
  return {
    send(method, params = {}) {
      const n = ++id;
      ws.send(JSON.stringify({ id: n, method, params }));
      return new Promise((resolve) => pending.set(n, resolve));
    },
    close: () => ws.close(),
  };
}

/** Self and inclusive sample counts per function from a V8 CPU profile. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  const label = (n) => {
    const f = n.callFrame;
    return `${f.functionName || "(anonymous)"} ${f.url ? `${f.url.split("/").pop()}:${f.lineNumber + 1}` : ""}`.trim();
  };
  for (const sample of profile.samples) {
    const n = byId.get(sample);
    self.set(label(n), (self.get(label(n)) ?? 0) + 1);
    const seen = new Set();
    for (let cur = sample; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + 1);
    }
  }
  return { total: profile.samples.length, self, incl };
}

function printTop(title, counts, total, top) {
  console.log(`\n${title}`);
  for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

/** Samples the storefront isolate (or, with --all, every isolate) behind inspector `port` while `during()` runs. */
async function profileWhile(inspector, during) {
  const targets = await (await fetch(`http://127.0.0.1:${inspector}/json/list`)).json();
  const chosen = values.all ? targets : [targets.find((t) => t.id === "core:user:storefront") ?? targets[0]];
  const sessions = await Promise.all(chosen.map((t) => inspect(t.webSocketDebuggerUrl ?? `ws://127.0.0.1:${inspector}/${t.id}`)));
  for (const session of sessions) {
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 200 });
    await session.send("Profiler.start");
  }
  const out = await during();
  const profiles = [];
  for (const [i, session] of sessions.entries()) {
    const { result } = await session.send("Profiler.stop");
    session.close();
    profiles.push({ target: chosen[i].id, ...summarise(result.profile) });
  }
  if (values.all) {
    console.log("\nbusy share per isolate (samples that were not idle)");
    const busy = profiles
      .map((p) => ({ ...p, busy: p.total - (p.self.get("(idle)") ?? 0) }))
      .filter((p) => p.busy > 0)
      .sort((a, b) => b.busy - a.busy);
    for (const p of busy) {
      const top = [...p.self]
        .filter(([n]) => n !== "(idle)")
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6);
      console.log(
        `  ${((100 * p.busy) / p.total).toFixed(1).padStart(5)}%  ${p.target}: ${top.map(([n, c]) => `${n} ${((100 * c) / p.total).toFixed(1)}%`).join(", ")}`,
      );
    }
  }
  return { target: profiles[0].target, out, ...(profiles.find((p) => p.target === "core:user:storefront") ?? profiles[0]) };
}

function printProfile({ total, self, incl }) {
  printTop("self time", self, total, Number(values.top));
  printTop("inclusive time", incl, total, Number(values.top));
}

async function main() {
  if (values.attach) {
    const p = await profileWhile(Number(values.attach), () => new Promise((r) => setTimeout(r, Number(values.seconds) * 1000)));
    console.log(`profiled ${p.target} for ${values.seconds} s`);
    return printProfile(p);
  }
  const store = await startStorefront({ port, products, inspectorPort });
  try {
    let next = 2;
    const path = values.cold ? () => `/api/products/${pid(2 + (next++ % (products - 1)))}` : values.path;
    const url = values["via-router"] ? store.url : store.directUrl;
    await saturate({ url, path, duration: 2, connections: 8 });
    const p = await profileWhile(inspectorPort, () =>
      saturate({ url, path, duration: Number(values.duration), connections: Number(values.connections) }),
    );
    console.log(`profiled ${p.target}: ${p.out.rps} req/s (slowed by the inspector), statuses ${JSON.stringify(p.out.statuses)}`);
    printProfile(p);
  } finally {
    await store.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
