import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { app } from "../../workers/app";
import worker from "../../workers/index";
import { type RequestPath, requestPath } from "../../workers/platform/request-path";

/**
 * Helpers for the answers given before the router, which must say exactly what the app says.
 * `viaEdge` asks one of them (null when it leaves the request to the app), `viaApp` asks the
 * app itself, and `headersOf` lists what both must agree on.
 */

/** Asks the app, through the whole front door, and waits for its background work. */
export async function viaApp(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/**
 * Sends a request through the whole Worker (its answers before the router, then the app) with
 * `on` as its environment. The answer comes at once; `settled` is its background work.
 */
export async function viaWorker(request: Request, on: Env = env): Promise<{ res: Response; settled: Promise<void> }> {
  const ctx = createExecutionContext();
  // A test's request carries no Cloudflare properties; the Worker reads none of them.
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, on, ctx);
  return { res, settled: waitOnExecutionContext(ctx) };
}

/** Asks a pre-router answer: `pick` decides whether it may answer, `answer` answers. */
export async function viaEdge<T>(
  request: Request,
  pick: (request: Request, url: RequestPath, env: Env) => T | null,
  answer: (request: Request, picked: T, env: Env, ctx: ExecutionContext) => Promise<Response | null>,
): Promise<Response | null> {
  const picked = pick(request, requestPath(request.url), env);
  if (!picked) return null;
  const ctx = createExecutionContext();
  const res = await answer(request, picked, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/**
 * Header names and values, sorted, without what differs per request by design: the request id,
 * the isolate's running count of gate calls, and the value of a newly minted cookie.
 */
export function headersOf(res: Response): [string, string][] {
  return [...res.headers]
    .filter(([name]) => name !== "x-request-id" && name !== "x-deal-gate-calls")
    .map(([name, value]): [string, string] => [name, name === "set-cookie" ? value.replace(/=[^;]*/, "=…") : value])
    .sort(([a], [b]) => a.localeCompare(b));
}
