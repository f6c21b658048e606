import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CACHE_ORIGIN, cachedDocument, fromMemory, jittered } from "../../workers/catalog/edge-cache";

const policy = { freshSeconds: 0, staleSeconds: 60, absentSeconds: 30 };

describe("edge cache", () => {
  it("serves a stale entry at once and refreshes it in the background", async () => {
    const key = `/test/stale/${crypto.randomUUID()}`;
    let version = 1;
    const load = async () => JSON.stringify({ version });

    const ctx1 = createExecutionContext();
    expect(await cachedDocument(ctx1, key, policy, load)).toMatchObject({ state: "miss", body: '{"version":1}' });
    await waitOnExecutionContext(ctx1);

    version = 2;
    const ctx2 = createExecutionContext();
    // Fresh for zero seconds: the old body is served without waiting for the loader...
    expect(await cachedDocument(ctx2, key, policy, load)).toMatchObject({ state: "stale", body: '{"version":1}' });
    // While the refresh runs, the stale copy is answered from memory, not the Cache API again.
    expect(fromMemory(createExecutionContext(), key, policy, load)).toMatchObject({ state: "stale", body: '{"version":1}' });
    await waitOnExecutionContext(ctx2);
    // ...and the refresh it started has replaced the entry.
    const ctx3 = createExecutionContext();
    expect(await cachedDocument(ctx3, key, policy, load)).toMatchObject({ body: '{"version":2}' });
    await waitOnExecutionContext(ctx3);
  });

  it("loads a missing key once for many concurrent requests", async () => {
    const key = `/test/coalesce/${crypto.randomUUID()}`;
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 30));
      return '{"ok":true}';
    };
    const ctx = createExecutionContext();
    const results = await Promise.all(Array.from({ length: 20 }, () => cachedDocument(ctx, key, policy, load)));
    await waitOnExecutionContext(ctx);
    expect(loads).toBe(1);
    expect(new Set(results.map((r) => r?.body))).toEqual(new Set(['{"ok":true}']));
  });

  it("answers a remembered copy past its second at once, and rereads the cache behind it in the background", async () => {
    const key = `/test/memory/${crypto.randomUUID()}`;
    const fresh = { freshSeconds: 60, staleSeconds: 60, absentSeconds: 30 };
    const load = async () => '{"version":1}';
    const ctx1 = createExecutionContext();
    await cachedDocument(ctx1, key, fresh, load);
    await waitOnExecutionContext(ctx1);
    expect(await cachedDocument(createExecutionContext(), key, fresh, load)).toMatchObject({ state: "hit", body: '{"version":1}' });
    // Another isolate's change reaches this data centre's cache; this isolate's memory still has version 1.
    await caches.default.put(
      new Request(`${CACHE_ORIGIN}${key}`),
      new Response('{"version":2}', {
        headers: { "cache-control": "public, max-age=60", "x-fresh-until": String(Date.now() + 60_000), etag: '"v2"' },
      }),
    );
    await new Promise((r) => setTimeout(r, 1_100));
    const ctx2 = createExecutionContext();
    expect(fromMemory(ctx2, key, fresh, load)).toMatchObject({ body: '{"version":1}' });
    await waitOnExecutionContext(ctx2);
    expect(fromMemory(createExecutionContext(), key, fresh, load)).toMatchObject({ body: '{"version":2}', etag: '"v2"' });
  });

  it("jitters lifetimes within ±20%", () => {
    expect(jittered(100, () => 0)).toBe(80);
    expect(jittered(100, () => 0.999999)).toBe(120);
  });
});
