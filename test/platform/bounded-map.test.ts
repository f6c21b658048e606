import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../workers/platform/bounded-map";

const filled = (max: number, keys: string[]) => {
  const m = new BoundedMap<string, number>(max);
  for (const [i, k] of keys.entries()) m.set(k, i);
  return m;
};

describe("a bounded per-isolate memo", () => {
  it("lets the oldest entry go once the bound is reached", () => {
    const m = filled(3, ["a", "b", "c", "d"]);
    expect([...m.keys()]).toEqual(["b", "c", "d"]);
    m.set("e", 4);
    expect([...m.keys()]).toEqual(["c", "d", "e"]);
  });

  it("counts a key set again as the newest", () => {
    const m = filled(3, ["a", "b", "c"]);
    m.set("a", 9);
    m.set("d", 3);
    expect([...m.entries()]).toEqual([
      ["c", 2],
      ["a", 9],
      ["d", 3],
    ]);
  });

  it("lets the oldest go after keys were deleted ahead of it", () => {
    const m = filled(4, ["a", "b", "c", "d", "e", "f"]);
    m.delete("d");
    m.delete("c");
    m.set("g", 6);
    m.set("h", 7);
    expect([...m.keys()]).toEqual(["e", "f", "g", "h"]);
  });

  it("keeps evicting oldest first once emptied and filled again", () => {
    const m = filled(2, ["a", "b", "c"]);
    for (const k of [...m.keys()]) m.delete(k);
    for (const k of ["x", "y", "z", "w"]) m.set(k, 0);
    expect([...m.keys()]).toEqual(["z", "w"]);
  });

  it("keeps the same entries as a plain map trimmed from its front, over many turns of its size", () => {
    const m = new BoundedMap<number, number>(100);
    const plain = new Map<number, number>();
    const setPlain = (k: number, v: number) => {
      plain.delete(k);
      if (plain.size >= 100) plain.delete(plain.keys().next().value as number);
      plain.set(k, v);
    };
    for (let i = 0; i < 10_000; i++) {
      m.set(i, i);
      setPlain(i, i);
      // Some keys are set again while remembered, some dropped early, some never there.
      if (i % 7 === 0) {
        m.set(i - 3, -i);
        setPlain(i - 3, -i);
      }
      if (i % 11 === 0) {
        m.delete(i - 5);
        plain.delete(i - 5);
      }
    }
    expect([...m.entries()]).toEqual([...plain.entries()]);
  });
});
