import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../workers/index";
import { ORIGIN } from "./http";

/**
 * `path` asked of the whole Worker as if the store were overloaded (`SHED_MODE=on`, as in a
 * rehearsal), with whatever it left running in the background finished before it answers.
 */
export async function underRehearsal(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  // The generated Env types SHED_MODE as the literal in wrangler.toml; a rehearsal overrides it.
  const rehearsal = { ...env, SHED_MODE: "on" } as unknown as Env;
  const request = new Request(`${ORIGIN}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
  const res = await worker.fetch(request, rehearsal, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
