/**
 * Reading `/proc/<pid>/stat` and turning two samples into cores used; no I/O, so tests call it
 * directly. A saturated figure is only the Worker's if workerd, not the load generator sharing
 * the machine with it, is the process that ran out of CPU.
 */

/**
 * The process a `/proc/<pid>/stat` line describes: its pid, command, parent and the CPU it has
 * used (user and system, in clock ticks, every thread counted); null for anything unreadable.
 * The command is in parentheses and may itself hold spaces and parentheses, so the fields are
 * read from after the last ")".
 */
export function parseProcStat(text) {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // From field 3 (state) on: ppid is field 4, utime field 14, stime field 15.
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (![pid, ppid, utime, stime].every(Number.isInteger)) return null;
  return { pid, comm: text.slice(open + 1, close), ppid, ticks: utime + stime };
}

/**
 * Cores used between two samples (`{ at }` in ms; `load` the load process's own CPU in µs;
 * `workers` a Map of workerd pid to clock ticks): the load process's, and workerd's summed over
 * its processes (one started since `from` counts from zero; one gone by `to` is not counted).
 */
export function coresBetween(from, to, clockTicks = 100) {
  const seconds = Math.max(0.001, (to.at - from.at) / 1000);
  let ticks = 0;
  for (const [pid, t] of to.workers) ticks += t - (from.workers.get(pid) ?? 0);
  const round = (n) => Number(n.toFixed(2));
  return { workerd_cores: round(ticks / clockTicks / seconds), load_cores: round((to.load - from.load) / 1e6 / seconds) };
}

/**
 * Cores used over several windows (`{ seconds, cpu }`, `cpu` from `coresBetween` or null), each
 * weighted by its length; null when none was measured.
 */
export function coresOver(windows) {
  const measured = windows.filter((w) => w.cpu && w.seconds > 0);
  const seconds = measured.reduce((n, w) => n + w.seconds, 0);
  if (seconds === 0) return null;
  const mean = (key) => Number((measured.reduce((n, w) => n + w.cpu[key] * w.seconds, 0) / seconds).toFixed(2));
  return { workerd_cores: mean("workerd_cores"), load_cores: mean("load_cores") };
}
