/**
 * autocannon helpers: saturated throughput (as many requests as the Worker will take) and
 * latency at a fixed offered load, which is the number worth quoting; latency at saturation
 * only measures the queue in front of the Worker.
 */
import autocannon from "autocannon";
import { cpuWindow } from "./cpu.mjs";

function summarise(result) {
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count])),
    errors: result.errors + result.timeouts,
  };
}

function run(opts, onInstance = () => {}) {
  return new Promise((resolve, reject) => {
    onInstance(autocannon(opts, (err, result) => (err ? reject(err) : resolve(summarise(result)))));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One numbering of per-request paths, shared by every autocannon run of a measurement.
function pathSource(path) {
  if (typeof path === "string") return path;
  let n = 0;
  return () => path(n++);
}

/**
 * Runs each named measurement `rounds` times, alternating between them, and keeps each one's
 * median run (by requests/s) with every round's figure. A slow patch of a shared machine then
 * lands on the ceiling and the page alike instead of skewing their ratio.
 */
export async function interleaved(rounds, runs) {
  const series = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) for (const [name, run] of Object.entries(runs)) series[name].push(await run());
  return Object.fromEntries(
    Object.entries(series).map(([name, results]) => {
      const sorted = [...results].sort((a, b) => a.rps - b.rps);
      return [name, { ...sorted[Math.floor((sorted.length - 1) / 2)], rounds_rps: results.map((r) => r.rps) }];
    }),
  );
}

/**
 * Saturated run: `connections` keep requests in flight for `duration` seconds. `path` may be a
 * function of the request number, for workloads that must not repeat (e.g. cache misses).
 * `cpu` says which process ran out of CPU: workerd at a full core, or the load generator.
 */
export async function saturate({ url, path = "/", duration = 8, connections = 32, headers = {} }) {
  const cpu = cpuWindow();
  const result = await run({ duration, connections, headers, ...target(url, pathSource(path)) });
  return { ...result, cpu: cpu.end() };
}

/**
 * Fixed offered load of `rate` requests/s in total, for p50/p99 that are not queueing delay.
 *
 * autocannon's own rate limit lets each connection send its whole per-second quota back to back
 * at the top of every second, and all connections share that tick: the "fixed" load arrives as
 * one saturating burst a second, and its coordinated-omission correction assumes a 1 ms interval.
 * So the second is cut into `slots` evenly staggered autocannon runs, each with its own tick and
 * a small share of the rate, and every response time is recorded as measured, from the moment
 * the request was written.
 *
 * With `serverTiming`, the answers' `Server-Timing` durations are summed per answer and their
 * p50/p99 returned as `worker_p50`/`worker_p99`: the time the Worker itself spent waiting on its
 * bindings, beside the time the client waited. Answers without the header are not counted.
 */
export async function atFixedRate({
  url,
  path = "/",
  rate,
  duration = 8,
  slots = 50,
  connectionsPerSlot = 2,
  headers = {},
  serverTiming = false,
}) {
  const total = Math.max(1, Math.round(rate));
  const k = Math.min(slots, total);
  const times = [];
  const inWorker = [];
  const onHeaders = serverTiming ? (h) => recordServerTiming(h, inWorker) : null;
  const nextPath = pathSource(path);
  const started = [];
  for (let i = 0; i < k; i++) {
    const share = Math.floor(total / k) + (i < total % k ? 1 : 0);
    started.push(
      sleep((i * 1000) / k).then(() =>
        run(
          {
            duration,
            connections: Math.min(connectionsPerSlot, share),
            overallRate: share,
            ignoreCoordinatedOmission: true,
            headers,
            ...target(url, nextPath, onHeaders),
          },
          (instance) => instance.on("response", (_client, status, _bytes, ms) => status < 400 && times.push(ms)),
        ),
      ),
    );
  }
  const parts = await Promise.all(started);
  const pct = percentiles(times);
  const workerPct = percentiles(inWorker);
  const sum = (key) => parts.reduce((n, r) => n + (r[key] ?? 0), 0);
  const statuses = {};
  for (const r of parts) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: Math.round(sum("requests") / duration),
    p50: pct(50),
    p99: pct(99),
    ...(serverTiming ? { worker_p50: workerPct(50), worker_p99: workerPct(99), worker_answers: inWorker.length } : {}),
    requests: sum("requests"),
    non2xx: sum("non2xx"),
    statuses,
    errors: sum("errors"),
  };
}

/** The `p`th percentile of ascending `sorted`, to 0.1 ms; null when there are none. */
export function percentile(sorted, p) {
  return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1)) : null;
}

/** Sorts `values` and returns the percentile function over them. */
function percentiles(values) {
  values.sort((a, b) => a - b);
  return (p) => percentile(values, p);
}

/**
 * The milliseconds an answer's `Server-Timing` headers (node's `headers` object, or autocannon's)
 * report: the sum of every metric's `dur`, or only the metrics called `name`; null when none is
 * there.
 */
export function serverTimingMs(headers, name = null) {
  let ms = null;
  for (const metric of (headers["server-timing"] ?? "").split(",")) {
    const [metricName, ...params] = metric.trim().split(";");
    if (!metricName || (name !== null && metricName !== name)) continue;
    const dur = params.find((p) => p.startsWith("dur="));
    if (dur) ms = (ms ?? 0) + Number(dur.slice(4));
  }
  return ms;
}

function recordServerTiming(headers, into) {
  const ms = serverTimingMs(headers);
  if (ms !== null) into.push(ms);
}

// autocannon takes the path inside `url`; a per-request path, or reading the answers' headers,
// needs `requests` with setupRequest and onResponse.
function target(url, next, onHeaders = null) {
  const onResponse = onHeaders ? { onResponse: (_status, _body, _context, headers) => onHeaders(headers) } : {};
  if (typeof next === "string") {
    if (!onHeaders) return { url: new URL(next, url).href };
    return { url, requests: [{ setupRequest: (req) => ({ ...req, path: next }), ...onResponse }] };
  }
  // setupRequest runs before every request, so each one can target a different path.
  return { url, requests: [{ setupRequest: (req) => ({ ...req, path: next() }), ...onResponse }] };
}

/**
 * `atFixedRate` for a workload that decides every request as it goes (autocannon `requests`
 * whose `setupRequest`/`onResponse` are shared by all slots) and runs until stopped rather than
 * for a set time: the same staggered slots, so the load stays even across the second. Returns
 * `{ cut, stop }`: `cut()` gives the figures since the start (or the last cut) and starts a new
 * window without disturbing the load, so one steady load can be measured over phases of what
 * runs beside it; `stop()` ends the load and gives the last window's figures.
 */
export function startAtFixedRate({ url, rate, requests, slots = 50, connectionsPerSlot = 2, headers = {} }) {
  const total = Math.max(1, Math.round(rate));
  const k = Math.min(slots, total);
  const instances = [];
  const parts = [];
  const timers = [];
  const fresh = () => ({ from: performance.now(), times: [], statuses: {}, errors: 0 });
  let window = fresh();
  let stopped = false;
  for (let i = 0; i < k; i++) {
    const share = Math.floor(total / k) + (i < total % k ? 1 : 0);
    timers.push(
      setTimeout(
        () => {
          if (stopped) return;
          parts.push(
            run(
              {
                url,
                requests,
                headers,
                // Ended by stop(); the limit only bounds a run whose caller never stops it.
                duration: 24 * 3600,
                connections: Math.min(connectionsPerSlot, share),
                overallRate: share,
                ignoreCoordinatedOmission: true,
              },
              (instance) => {
                instances.push(instance);
                instance.on("response", (_client, status, _bytes, ms) => {
                  window.statuses[status] = (window.statuses[status] ?? 0) + 1;
                  if (status < 400) window.times.push(ms);
                });
                instance.on("reqError", () => window.errors++);
              },
            ),
          );
        },
        (i * 1000) / k,
      ),
    );
  }
  function figures(w) {
    const seconds = (performance.now() - w.from) / 1000;
    const pct = percentiles(w.times);
    const requests = Object.values(w.statuses).reduce((n, c) => n + c, 0);
    const non2xx = Object.entries(w.statuses).reduce((n, [code, c]) => n + (Number(code) >= 200 && Number(code) < 300 ? 0 : c), 0);
    return {
      rate: total,
      rps: Math.round(requests / seconds),
      p50: pct(50),
      p99: pct(99),
      requests,
      non2xx,
      statuses: w.statuses,
      errors: w.errors,
      seconds: Number(seconds.toFixed(1)),
    };
  }
  return {
    cut() {
      const w = window;
      window = fresh();
      return figures(w);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      for (const instance of instances) instance.stop();
      await Promise.all(parts);
      return figures(window);
    },
  };
}
