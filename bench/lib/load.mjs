/**
 * autocannon helpers: saturated throughput (as many requests as the Worker will take) and
 * latency at a fixed offered load, which is the number worth quoting; latency at saturation
 * only measures the queue in front of the Worker.
 */
import autocannon from "autocannon";

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

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(summarise(result))));
  });
}

/**
 * Saturated run: `connections` keep requests in flight for `duration` seconds. `path` may be a
 * function of the request number, for workloads that must not repeat (e.g. cache misses).
 */
export function saturate({ url, path = "/", duration = 8, connections = 32, headers = {} }) {
  return run({ duration, connections, headers, ...target(url, path) });
}

/** Fixed offered load of `rate` requests/s in total, for p50/p99 that are not queueing delay. */
export function atFixedRate({ url, path = "/", rate, duration = 8, connections = 16, headers = {} }) {
  return run({ duration, connections, overallRate: Math.max(1, Math.round(rate)), headers, ...target(url, path) });
}

// autocannon takes the path inside `url`; a per-request path needs `requests` with setupRequest.
function target(url, path) {
  if (typeof path === "string") return { url: new URL(path, url).href };
  let n = 0;
  // setupRequest runs before every request, so each one can target a different path.
  return { url, requests: [{ setupRequest: (req) => ({ ...req, path: path(n++) }) }] };
}
