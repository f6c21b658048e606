import { describe, expect, it } from "vitest";
import { settleWithin } from "../../workers/platform/settle-within";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("settleWithin", () => {
  it("gives the work's answer when it comes in time", async () => {
    await expect(settleWithin(after(5, "held"), 500, null)).resolves.toBe("held");
  });

  it("gives the fallback once the time is up, without waiting for a backend that never answers", async () => {
    const started = Date.now();
    await expect(settleWithin(new Promise<string>(() => {}), 50, null)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("gives the fallback at once for work that fails", async () => {
    const started = Date.now();
    await expect(settleWithin(Promise.reject(new Error("gate down")), 5_000, "none")).resolves.toBe("none");
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
