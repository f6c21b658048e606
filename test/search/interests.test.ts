import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readInterests } from "../../workers/search/interests";
import type { Recommendations } from "../../workers/search/recommendations";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { viaApp } from "../helpers/edge";
import { api, ORIGIN } from "../helpers/http";
import { listingOf, seedFixtureCatalog } from "./fixture-catalog";

/** A request as the shopper's browser sends it: the session cookie, not a bearer token. */
function asBrowser(user: TestUser, path: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: { cookie: `__Host-session=${user.token}` } });
}

async function picksFor(user: TestUser): Promise<string[]> {
  const res = await api("/api/recommendations", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as Recommendations).for_you.map((i) => i.id);
}

describe("picks for you are fed by what a signed-in shopper does", () => {
  beforeAll(seedFixtureCatalog);

  it("notes a product page a signed-in shopper opens, also when the edge cache answers it", async () => {
    const first = await createTestUser();
    const second = await createTestUser();
    expect((await viaApp(asBrowser(first, "/products/fx_pic"))).status).toBe(200);
    const cached = await viaApp(asBrowser(second, "/products/fx_pic"));
    expect(cached.headers.get("x-page-cache")).toBe("hit");
    for (const user of [first, second]) {
      expect(await picksFor(user)).toContain("fx_pic");
      expect((await readInterests(env.CATALOG_KV, user.id))[0]).toMatchObject({ categoryId: "fx-cooktops", kind: "view" });
    }
  });

  it("notes a product an app reads through the API for a signed-in shopper", async () => {
    const user = await createTestUser();
    const res = await viaApp(new Request(`${ORIGIN}/api/products/fx_tv`, { headers: user.headers }));
    expect(res.status).toBe(200);
    expect((await readInterests(env.CATALOG_KV, user.id))[0]).toMatchObject({ categoryId: "fx-tv", kind: "view" });
  });

  it("notes a cart add, which counts for more than a view", async () => {
    const user = await createTestUser();
    const put = new Request(`${ORIGIN}/api/cart/items/${listingOf("fx_redmi")}`, {
      method: "PUT",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ qty: 1 }),
    });
    expect((await viaApp(put)).status).toBe(200);
    expect((await readInterests(env.CATALOG_KV, user.id))[0]).toMatchObject({ categoryId: "fx-mobiles", kind: "cart" });
    expect(await picksFor(user)).toContain("fx_redmi");
  });

  it("writes nothing for a guest", async () => {
    const before = (await env.CATALOG_KV.list({ prefix: "reco:interest:" })).keys.length;
    expect((await viaApp(new Request(`${ORIGIN}/products/fx_s24`))).status).toBe(200);
    expect((await viaApp(new Request(`${ORIGIN}/api/products/fx_s24`))).status).toBe(200);
    expect((await env.CATALOG_KV.list({ prefix: "reco:interest:" })).keys.length).toBe(before);
  });
});
