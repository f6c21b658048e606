/**
 * With BENCH_TRACE_GC=1, the garbage-collection pauses of workerd's isolates during a benchmark's
 * phases, from V8's `--trace-gc` lines. A pause stops workerd's one thread, so it is billed to
 * every request waiting at the time, in whichever isolate: the pauses in a window say how much of
 * a latency tail is collection rather than the Worker's own work. Off by default: the figures to
 * quote come from runs that print nothing extra.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.mjs";
import { parseGcLine, summarisePauses } from "./gc-lines.mjs";

export const tracingGc = process.env.BENCH_TRACE_GC === "1";

/** Each pause: when its line arrived (ms, this process's clock), its kind and how long it took. */
const pauses = [];

/**
 * Miniflare options that turn the trace on: V8's flag for workerd, and workerd run with its
 * output line-buffered (through `stdbuf`), so each line arrives as its pause ends rather than
 * when a pipe's buffer fills. Other lines are printed as Miniflare would.
 */
export function gcTraceOptions(workerdPath) {
  if (!tracingGc) return {};
  // A benchmark starts several Miniflares; workerd's flag and wrapper are set up for the first.
  traceOptions ??= setUpTrace(workerdPath);
  return traceOptions;
}

let traceOptions = null;

function setUpTrace(workerdPath) {
  const flags = (process.env.MINIFLARE_WORKERD_V8_FLAGS ?? "").split(" ").filter(Boolean);
  process.env.MINIFLARE_WORKERD_V8_FLAGS = [...flags, "--trace-gc"].join(" ");
  const stdbuf = ["/usr/bin/stdbuf", "/bin/stdbuf"].find((p) => existsSync(p));
  if (stdbuf && !process.env.MINIFLARE_WORKERD_PATH) {
    const dir = path.join(ROOT, ".wrangler", "bench");
    mkdirSync(dir, { recursive: true });
    const wrapper = path.join(dir, "workerd-line-buffered.sh");
    writeFileSync(wrapper, `#!/bin/sh\nexec ${stdbuf} -oL -eL "${workerdPath}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    process.env.MINIFLARE_WORKERD_PATH = wrapper;
  } else if (!stdbuf) {
    console.warn("BENCH_TRACE_GC: no stdbuf here, so pauses are timed when workerd's output is flushed");
  }
  return {
    handleStructuredLogs({ level, message }) {
      const pause = parseGcLine(message);
      if (pause) {
        pauses.push({ at: performance.now(), ...pause });
        return;
      }
      (level === "error" || level === "warn" ? console.error : console.log)(message);
    },
  };
}

/**
 * Starts a window; its `end()` sums the pauses whose lines arrived in it: how many, their total
 * and share of the window, the longest, how many took over 10 ms and how many were full
 * (mark-compact) collections. Null when the trace is off.
 */
export function gcWindow() {
  const from = performance.now();
  return {
    end: () => (tracingGc ? summarisePauses(pauses, from, performance.now()) : null),
  };
}
