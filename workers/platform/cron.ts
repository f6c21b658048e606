import { createDb } from "./db";
import { pruneOutbox, relayOutbox } from "./outbox";

/**
 * The minute cron: relays outbox rows a failed send left behind and runs each domain's
 * housekeeping. Each job is independent, so one failing does not stop the others.
 */
export async function runScheduled(_controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const jobs: Array<[string, () => Promise<unknown>]> = [
    ["relay-outbox", () => relayOutbox(env)],
    ["prune-outbox", () => pruneOutbox(createDb(env.DB))],
  ];
  const results = await Promise.allSettled(jobs.map(([, job]) => job()));
  results.forEach((r, i) => {
    if (r.status === "rejected") console.error(JSON.stringify({ level: "error", job: jobs[i]?.[0], error: String(r.reason) }));
  });
}
