/**
 * How much CPU workerd and this process (the load generator: autocannon runs in it) used over a
 * measurement. On a machine where both share a few cores, a saturated figure measures the Worker
 * only if workerd is the one at a full core; the load generator near a full core of its own
 * instead means the figure is the client's.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { coresBetween, parseProcStat } from "./cpu-lines.mjs";

const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The workerd processes this process started (Miniflare's children), pid → clock ticks used. */
function workerdTicks() {
  const ticks = new Map();
  let entries = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return ticks;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat = null;
    try {
      stat = parseProcStat(readFileSync(`/proc/${name}/stat`, "utf8"));
    } catch {
      continue; // gone meanwhile
    }
    if (stat && stat.ppid === process.pid && stat.comm.startsWith("workerd")) ticks.set(stat.pid, stat.ticks);
  }
  return ticks;
}

function sample() {
  const own = process.cpuUsage();
  return { at: performance.now(), load: own.user + own.system, workers: workerdTicks() };
}

/**
 * Starts a window; `end()` gives `{ workerd_cores, load_cores }` over it, or null where there is
 * no /proc to read.
 */
export function cpuWindow() {
  const from = sample();
  return {
    end() {
      const to = sample();
      return to.workers.size > 0 ? coresBetween(from, to, clockTicks) : null;
    },
  };
}
