import { describe, expect, it } from "vitest";
import { deliveryDateLabel, estimateDelivery } from "../../workers/delivery/estimate";
import { createProduct } from "../catalog/fixtures";
import { MIGRATED_HOLIDAYS } from "../helpers/courier-calendar";
import { api } from "../helpers/http";

/** "Delivery by …" for an order placed now from the fixture's Pune warehouse (411001) to `pincode`. */
const fromPune = (pincode: string) =>
  `Delivery by ${deliveryDateLabel(estimateDelivery("411001", pincode, new Date(), MIGRATED_HOLIDAYS).latest)}`;

/** The "Deliver to" box of a product page. */
const box = (html: string) => /<section class="deliver-to-box"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

/** Until the edge's copy of `path` (stored in the background after a miss) is what answers. */
async function untilEdgeHit(path: string): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await api(path);
    if (res.headers.get("x-page-cache") === "hit") return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never came from the edge`);
}

describe("the product page's Deliver to box", () => {
  it("offers a PIN code form that works without scripts, on the shared page", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const res = await api(`/products/${f.productId}`);
    expect(res.headers.get("cache-control")).toContain("public");
    const html = box(await res.text());
    expect(html).toContain(`<form method="get" action="/products/${f.productId}"`);
    expect(html).toContain('name="pincode" value=""');
    expect(html).toContain(">Check</button>");
    expect(html).not.toContain("Delivery by");
  });

  it("answers ?pincode= on the page itself, as that shopper's own page, and remembers the PIN code", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const res = await api(`/products/${f.productId}?pincode=411014`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-page-cache")).toBeNull();
    expect(res.headers.getSetCookie().find((c) => c.startsWith("__Host-pincode="))).toMatch(/^__Host-pincode=411014;.*Secure/);
    const html = box(await res.text());
    expect(html).toContain('name="pincode" value="411014"');
    expect(html).toContain(fromPune("411014"));
    expect(html).toContain("Ships from Pune · Cash on delivery available");
  });

  it("serves a shopper with a remembered PIN code the shared page, whose script answers it", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const path = `/products/${f.productId}`;
    await untilEdgeHit(path);
    const res = await api(path, { headers: { cookie: "__Host-pincode=110001" } });
    expect(res.headers.get("x-page-cache")).toBe("hit");
    const html = await res.text();
    expect(html).not.toContain("110001");
    expect(html).toContain(`<script src="/static/delivery.js" type="module">`);
  });

  it("says why a PIN code is refused, and remembers none", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const res = await api(`/products/${f.productId}?pincode=912345`);
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-pincode="))).toBe(false);
    const html = box(await res.text());
    expect(html).toContain("Army Post Office");
    expect(html).toContain('aria-invalid="true"');
  });

  it("says an offer out of stock everywhere cannot be delivered", async () => {
    const f = await createProduct([{ price: 129900, units: 0 }]);
    const html = box(await (await api(`/products/${f.productId}?pincode=411014`)).text());
    expect(html).toContain("Out of stock: it cannot be delivered to 411014 right now.");
    expect(html).not.toContain("Delivery by");
  });

  it("never puts one shopper's PIN code in the copy the edge keeps for everyone", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const path = `/products/${f.productId}`;
    // Asked for with a PIN code first: drawn for that shopper and not kept.
    const personal = await api(`${path}?pincode=411014`);
    expect(box(await personal.text())).toContain("411014");
    const shared = await api(path);
    expect(shared.headers.get("x-page-cache")).toBe("miss");
    expect(await shared.text()).not.toContain("411014");
    const hit = await untilEdgeHit(path);
    expect(await hit.text()).not.toContain("411014");
    // With the edge's copy in place, a PIN code sent without scripts still gets that shopper's own page.
    const asked = await api(`${path}?pincode=560001`);
    expect(asked.headers.get("x-page-cache")).toBeNull();
    expect(box(await asked.text())).toContain("Delivery by");
    expect(await (await untilEdgeHit(path)).text()).not.toMatch(/560001|411014/);
  });
});
