import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** This suite's port range is 8760-8769; a free one is used. */
const PORTS = [8760, 8761, 8762, 8763, 8764, 8765, 8766, 8767, 8768, 8769];

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The file `wrangler dev`'s output is copied to: the mails it prints stand in for the shoppers' mailboxes. */
    serverLog: string;
    /** The server's persisted state, where a journey may write to its D1 what no API makes. */
    persistTo: string;
  }
}

let server: ChildProcess | null = null;
let cron: NodeJS.Timeout | null = null;
let persistTo = "";
let log: WriteStream | null = null;

async function isFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    return false;
  } catch {
    return true;
  }
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`wrangler dev exited early with ${server?.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer at ${url}`);
}

/**
 * Starts `wrangler dev` on a fresh persisted state with migrations applied and the demo catalog
 * seeded, and hands its address to the journeys; teardown stops exactly that process.
 */
export default async function setup(project: TestProject) {
  persistTo = path.join(ROOT, ".wrangler", `browser-${process.pid}-${Date.now()}`);
  mkdirSync(persistTo, { recursive: true });
  execFileSync(process.execPath, [path.join(import.meta.dirname, "seed-local.mjs"), persistTo, "300"], { cwd: ROOT, stdio: "inherit" });
  let port = 0;
  // Two runs started together must not both take the first free port while neither listens yet:
  // each starts looking at a place of its own.
  const start = process.pid % PORTS.length;
  for (const p of [...PORTS.slice(start), ...PORTS.slice(0, start)]) {
    if (await isFree(p)) {
      port = p;
      break;
    }
  }
  if (!port) throw new Error("no free port in 8760-8769");
  const baseURL = `http://127.0.0.1:${port}`;
  const vars = {
    SESSION_SECRET: "browser-session-secret-0123456789abcdef",
    TICKET_SECRET: "browser-ticket-secret-0123456789abcdef0",
    PSP_WEBHOOK_SECRET: "browser-psp-webhook-secret",
    // The journeys pay through the payment sandbox, which runs only in demo mode.
    DEMO_MODE: "true",
    // Links in the mails it prints (a password reset's) point at this server, as `npm run dev`'s do.
    SITE_ORIGIN: baseURL,
  };
  server = spawn(
    path.join(ROOT, "node_modules", ".bin", "wrangler"),
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistTo,
      "--inspector-port",
      String(port + 10000),
      "--show-interactive-dev-session=false",
      // Exposes /__scheduled, so the setup can stand in for the minute cron (wrangler dev runs no crons).
      "--test-scheduled",
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    // Its own process group, so teardown can stop wrangler and the workerd it started, and nothing else.
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  // Its output goes on to this process's, as before, and into a log the journeys read the mails
  // from. Both pipes are read as fast as they fill, whatever the log does, so the server never
  // blocks writing to them.
  const serverLog = path.join(persistTo, "wrangler-dev.log");
  log = createWriteStream(serverLog);
  log.on("error", (err) => console.error(`browser setup: the server log stopped: ${err}`));
  for (const [from, to] of [
    [server.stdout, process.stdout],
    [server.stderr, process.stderr],
  ] as const) {
    from?.on("data", (chunk: Buffer) => {
      to.write(chunk);
      if (log?.writable) log.write(chunk);
    });
  }
  await waitForServer(`${baseURL}/`, Date.now() + 90_000);
  // Another run's server can answer on the port this one then fails to take: make sure ours is the one listening.
  await new Promise((r) => setTimeout(r, 1500));
  if (server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}: port ${port} was taken by another run`);
  // The first run builds search's spelling vocabulary and suggestions; later runs relay the
  // outbox and sweep expired holds, as the deployed minute cron does.
  const tick = () => fetch(`${baseURL}/__scheduled?cron=*+*+*+*+*`).then((r) => r.text());
  await tick();
  cron = setInterval(() => void tick().catch(() => {}), 20_000);
  project.provide("baseURL", baseURL);
  project.provide("serverLog", serverLog);
  project.provide("persistTo", persistTo);

  return async () => {
    if (cron) clearInterval(cron);
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null && server.signalCode === null) process.kill(-server.pid, "SIGKILL");
    }
    // Anything still holding the pipes (nothing should, once the group is stopped) no longer keeps this process waiting.
    server?.stdout?.destroy();
    server?.stderr?.destroy();
    const closing = log;
    if (closing && !closing.destroyed) await new Promise((r) => closing.end(r));
    rmSync(persistTo, { recursive: true, force: true });
  };
}
