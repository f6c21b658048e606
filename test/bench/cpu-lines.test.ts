import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain module of the benchmark harness, without type declarations
import { coresBetween, coresOver, parseProcStat } from "../../bench/lib/cpu-lines.mjs";

// A workerd process as Linux reports it in /proc/<pid>/stat: utime 1834 and stime 212 ticks.
const WORKERD =
  "29126 (workerd) R 29034 29032 25729 0 -1 4194560 98412 0 0 0 1834 212 0 0 20 0 9 0 5801234 70650200064 104512 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 0 0 0 0 0 0";

describe("the benchmarks' CPU split", () => {
  it("reads a process's parent and the CPU all its threads used, whatever its command is called", () => {
    expect(parseProcStat(WORKERD)).toEqual({ pid: 29126, comm: "workerd", ppid: 29034, ticks: 2046 });
    // A command may hold spaces and parentheses; the fields are read after the last ")".
    const odd = WORKERD.replace("(workerd)", "(work (er) d)");
    expect(parseProcStat(odd)).toEqual({ pid: 29126, comm: "work (er) d", ppid: 29034, ticks: 2046 });
    expect(parseProcStat("")).toBeNull();
    expect(parseProcStat("29126 (workerd) R 29034")).toBeNull();
  });

  it("turns two samples into cores used by workerd and by the load process", () => {
    const from = { at: 1_000, load: 2_000_000, workers: new Map([[7, 500]]) };
    // Over two seconds: workerd's pid 7 used 190 ticks, a pid started meanwhile 10; the load process 0.8 s.
    const to = {
      at: 3_000,
      load: 2_800_000,
      workers: new Map([
        [7, 690],
        [9, 10],
      ]),
    };
    expect(coresBetween(from, to, 100)).toEqual({ workerd_cores: 1, load_cores: 0.4 });
  });

  it("weighs each window by its length, and says nothing when nothing was measured", () => {
    const windows = [
      { seconds: 30, cpu: { workerd_cores: 1, load_cores: 0.3 } },
      { seconds: 10, cpu: { workerd_cores: 0.6, load_cores: 0.7 } },
      { seconds: 5, cpu: null },
    ];
    expect(coresOver(windows)).toEqual({ workerd_cores: 0.9, load_cores: 0.4 });
    expect(coresOver([{ seconds: 4, cpu: null }])).toBeNull();
  });
});
