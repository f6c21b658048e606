import { describe, expect, it } from "vitest";
import { noteSendingRequest, paceLikeASend } from "../../workers/accounts/send-pace";

describe("pacing a reset request that sends no mail", () => {
  it("takes about as long as the requests that did send lately", async () => {
    for (let i = 0; i < 40; i++) noteSendingRequest(600);
    const started = Date.now();
    await paceLikeASend(started);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(0.75 * 600 - 20);
    expect(took).toBeLessThan(1.25 * 600 + 200);
  });

  it("adds nothing once the request has already taken that long", async () => {
    const started = Date.now();
    await paceLikeASend(started - 5_000);
    expect(Date.now() - started).toBeLessThan(50);
  });
});
