import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { dealBody, dealSetup } from "./helpers";

const allocated = async (skuId: string) =>
  (await env.DB.prepare("SELECT allocated FROM inventory WHERE sku_id = ?").bind(skuId).first<{ allocated: number }>())?.allocated;

const create = (headers: Record<string, string>, key: string, body: unknown) =>
  api("/api/admin/deals", { body, headers: { ...headers, "idempotency-key": key } });

describe("a deal's Idempotency-Key", () => {
  it("is each manager's own: another manager's same key makes their own deal", async () => {
    const a = await dealSetup(50);
    const b = await dealSetup(50);
    const key = `shared-key-${crypto.randomUUID()}`;
    const aBody = dealBody(a);
    const first = await create(a.manager.headers, key, aBody);
    expect(first.status).toBe(201);
    const aDeal = (await first.json()) as { id: string };

    // Manager B happens to use the same key for a deal of their own.
    const bBody = dealBody(b, { units: 7 });
    const theirs = await create(b.manager.headers, key, bBody);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    const bDeal = (await theirs.json()) as { id: string; listing_id: string; units: number };
    expect(bDeal.id).not.toBe(aDeal.id);
    expect(bDeal).toMatchObject({ listing_id: b.fixture.listingId, units: 7 });
    expect(await allocated(b.fixture.listingId)).toBe(7);
    const row = await env.DB.prepare("SELECT created_by FROM deals WHERE id = ?").bind(bDeal.id).first<{ created_by: string }>();
    expect(row?.created_by).toBe(b.manager.id);

    // Each manager's retry is answered with their own deal, and only once.
    const bRetry = await create(b.manager.headers, key, bBody);
    expect(bRetry.status).toBe(201);
    expect(bRetry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await bRetry.json()) as { id: string }).id).toBe(bDeal.id);
    const aRetry = await create(a.manager.headers, key, aBody);
    expect(aRetry.status).toBe(201);
    expect(((await aRetry.json()) as { id: string }).id).toBe(aDeal.id);
    expect(await allocated(b.fixture.listingId)).toBe(7);
    expect(await allocated(a.fixture.listingId)).toBe(10);
  });

  it("still refuses one manager's key reused for a different deal, and never hands over another manager's deal", async () => {
    const a = await dealSetup(50);
    const b = await dealSetup(50);
    const key = `reused-key-${crypto.randomUUID()}`;
    const aBody = dealBody(a);
    expect((await create(a.manager.headers, key, aBody)).status).toBe(201);
    // B sending A's very request with A's key is a new deal of B's, refused for A's deal in its window, not A's deal replayed.
    const copied = await create(b.manager.headers, key, aBody);
    expect(copied.status).toBe(409);
    expect(copied.headers.get("idempotent-replayed")).toBeNull();
    expect(((await copied.json()) as { type: string }).type).not.toBe("/problems/idempotency-mismatch");

    const bBody = dealBody(b);
    expect((await create(b.manager.headers, key, bBody)).status).toBe(201);
    expect((await create(b.manager.headers, key, bBody)).headers.get("idempotent-replayed")).toBe("true");
    const changed = await create(b.manager.headers, key, dealBody(b, { units: 11 }));
    expect(changed.status).toBe(422);
    expect(((await changed.json()) as { type: string }).type).toBe("/problems/idempotency-mismatch");
    expect(await allocated(b.fixture.listingId)).toBe(10);
  });
});
