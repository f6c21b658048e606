/**
 * Prints benchmark results: one human line per measurement (with its ratio to the hello-world
 * ceiling of the same run) and one machine-readable JSON line for the whole benchmark.
 */

/** The name benchmarks give the hello-world Worker that sits behind the static-assets router. */
export const ASSETS_HELLO = "hello-world, assets router";

/** Formats one measurement as a human line. */
export function line(name, m, ceiling, assetsCeiling) {
  const ratio =
    (ceiling ? ` (${((m.rps / ceiling) * 100).toFixed(1)}% of hello-world` : "") +
    (ceiling && assetsCeiling ? `, ${((m.rps / assetsCeiling) * 100).toFixed(1)}% of hello-world behind the same assets router` : "") +
    (ceiling ? ")" : "");
  const fixedRuns = [
    [m.fixed, "fixed"],
    [m.fixed_like, "(half the like-for-like ceiling)"],
    [m.fixed_own, "(half its own)"],
  ].filter(([r]) => r);
  const lat = fixedRuns.map(([r, label]) => `; at ${r.rate} req/s ${label}: p50 ${r.p50} ms, p99 ${r.p99} ms`).join("");
  const runs = [m, ...fixedRuns.map(([r]) => r)];
  const bad = runs.reduce((n, r) => n + (r.non2xx ?? 0) + (r.errors ?? 0), 0);
  // A run that answered errors measured the wrong thing; say so next to the figure.
  const warn = bad > 0 ? ` [${bad} non-2xx or failed: ${JSON.stringify(runs.map((r) => r.statuses))}]` : "";
  return `${name.padEnd(28)} ${String(m.rps).padStart(7)} req/s saturated${ratio}${lat}${warn}`;
}

/** Prints the human lines, then `BENCH_JSON {...}` on one line. */
export function report(bench, measurements, extra = {}) {
  const ceiling = measurements["hello-world"]?.rps;
  // Locally the static-assets router is one more Worker hop in front of the storefront (on
  // Cloudflare it runs before the Worker); a hello-world behind the same router is the
  // like-for-like ceiling, so both ratios are printed.
  const assetsCeiling = measurements[ASSETS_HELLO]?.rps;
  console.log(`\n== ${bench} ==`);
  for (const [name, m] of Object.entries(measurements)) {
    const isCeiling = name === "hello-world" || name === ASSETS_HELLO;
    console.log(line(name, m, isCeiling ? undefined : ceiling, isCeiling ? undefined : assetsCeiling));
  }
  for (const [k, v] of Object.entries(extra)) console.log(`${k.padEnd(28)} ${typeof v === "object" ? JSON.stringify(v) : v}`);
  const json = { bench, at: new Date().toISOString(), measurements: {}, ...extra };
  for (const [name, m] of Object.entries(measurements)) {
    json.measurements[name] = {
      ...m,
      ratio_to_hello_world: ceiling && name !== "hello-world" ? Number((m.rps / ceiling).toFixed(3)) : undefined,
      ratio_to_hello_world_behind_assets:
        assetsCeiling && name !== "hello-world" && name !== ASSETS_HELLO ? Number((m.rps / assetsCeiling).toFixed(3)) : undefined,
    };
  }
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}
