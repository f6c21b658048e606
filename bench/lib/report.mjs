/**
 * Prints benchmark results: one human line per measurement (with its ratio to the hello-world
 * ceiling of the same run) and one machine-readable JSON line for the whole benchmark.
 */

/** The hello-world Worker reached through its own socket: the ceiling of direct measurements. */
export const HELLO = "hello-world";

/**
 * The hello-world Worker reached as `wrangler dev` serves it, through Miniflare's entry Worker and
 * the static-assets router: the ceiling of measurements marked `via: "dev router"`.
 */
export const ASSETS_HELLO = "hello-world via dev router";

/** The ceiling a measurement is compared with: the one reached the same way. */
function ceilingOf(m) {
  return m.via === "dev router" ? ASSETS_HELLO : HELLO;
}

/** Formats one measurement as a human line. */
export function line(name, m, ceiling, ceilingName = HELLO) {
  const ratio = ceiling ? ` (${((m.rps / ceiling) * 100).toFixed(1)}% of ${ceilingName})` : "";
  const fixedRuns = [
    [m.fixed, `(half ${ceilingName})`],
    [m.fixed_own, "(half its own)"],
  ].filter(([r]) => r);
  // A fixed load measured over several rounds prints its median run, then every round's p99.
  const rounds = (r) => (r.rounds_p99 ? ` (rounds ${r.rounds_p99.join(" / ")})` : "");
  // With BENCH_TRACE_GC=1, workerd's collection pauses during that run (lib/gc-trace.mjs).
  const gc = (r) => (r.gc ? `, GC paused ${r.gc.total_ms} ms in ${r.gc.pauses} (longest ${r.gc.longest_ms} ms)` : "");
  // With Server-Timing read, the same run's time inside the Worker (waiting on its bindings).
  const inWorker = (r) => (r.worker_p99 !== undefined ? `, in the Worker p50 ${r.worker_p50} ms, p99 ${r.worker_p99} ms` : "");
  const lat = fixedRuns
    .map(([r, label]) => `; at ${r.rate} req/s ${r.label ?? label}: p50 ${r.p50} ms, p99 ${r.p99} ms${rounds(r)}${inWorker(r)}${gc(r)}`)
    .join("");
  const runs = [m, ...fixedRuns.map(([r]) => r)];
  const bad = runs.reduce((n, r) => n + (r.non2xx ?? 0) + (r.errors ?? 0), 0);
  // A run that answered errors measured the wrong thing; say so next to the figure.
  const warn = bad > 0 ? ` [${bad} non-2xx or failed: ${JSON.stringify(runs.map((r) => r.statuses))}]` : "";
  // Whose CPU ran out while saturated: workerd's one thread should be the one at a full core.
  const cpu = m.cpu ? ` [CPU: workerd ${m.cpu.workerd_cores}, load ${m.cpu.load_cores} cores]` : "";
  return `${name.padEnd(34)} ${String(m.rps).padStart(7)} req/s saturated${ratio}${cpu}${lat}${warn}`;
}

/** Prints the human lines, then `BENCH_JSON {...}` on one line. */
export function report(bench, measurements, extra = {}) {
  // Each measurement is compared with the hello-world reached the same way: straight to the
  // Worker, or through Miniflare's entry Worker and static-assets router (two more Worker
  // invocations per request on the same thread locally; neither exists on Cloudflare).
  const isCeiling = (name) => name === HELLO || name === ASSETS_HELLO;
  const ceilingFor = (m) => measurements[ceilingOf(m)]?.rps;
  console.log(`\n== ${bench} ==`);
  for (const [name, m] of Object.entries(measurements)) {
    console.log(line(name, m, isCeiling(name) ? undefined : ceilingFor(m), ceilingOf(m)));
  }
  for (const [k, v] of Object.entries(extra)) console.log(`${k.padEnd(34)} ${typeof v === "object" ? JSON.stringify(v) : v}`);
  const json = { bench, at: new Date().toISOString(), measurements: {}, ...extra };
  for (const [name, m] of Object.entries(measurements)) {
    const ceiling = ceilingFor(m);
    json.measurements[name] = {
      ...m,
      ceiling: isCeiling(name) ? undefined : ceilingOf(m),
      ratio_to_ceiling: ceiling && !isCeiling(name) ? Number((m.rps / ceiling).toFixed(3)) : undefined,
    };
  }
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}
