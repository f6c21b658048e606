import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gstinCheckCharacter } from "../../workers/invoices/gstin";
import type { SellerProfile } from "../../workers/sellers/profile-schemas";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { uniqueGstin } from "../helpers/gstin";
import { api } from "../helpers/http";

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  seller_id?: string;
}

/** What registering can leave behind for a user: its seller grants and sellers, and every seller's count. */
async function writtenFor(userId: string) {
  const grants = await env.DB.prepare("SELECT role, seller_id FROM user_roles WHERE user_id = ? ORDER BY role").bind(userId).all();
  const sellers = await env.DB.prepare("SELECT COUNT(*) AS n FROM sellers").first<number>("n");
  return { grants: grants.results, sellers };
}

function register(user: TestUser, body: Record<string, unknown>): Promise<Response> {
  return api("/api/seller/register", { headers: user.headers, body });
}

/** A GSTIN of a known state with its last character changed, so only the check character is wrong. */
function withWrongCheck(gstin: string): string {
  const wrong = gstin.endsWith("0") ? "1" : "0";
  return gstin.slice(0, 14) + wrong;
}

describe("POST /api/seller/register", () => {
  it("makes the signed-in shopper a seller whose existing session can read its profile and list a product", async () => {
    const shopper = await createTestUser();
    const gstin = uniqueGstin("27");
    const res = await register(shopper, { business_name: "  Shree Ganesh Traders ", city: " Pune ", gstin: ` ${gstin.toLowerCase()} ` });
    expect(res.status).toBe(201);
    const profile = (await res.json()) as SellerProfile;
    expect(profile).toMatchObject({
      business_name: "Shree Ganesh Traders",
      city: "Pune",
      gstin,
      gst_state: { code: "27", name: "Maharashtra" },
      can_invoice: true,
      invoice_blocker: null,
    });
    expect(profile.id).toMatch(/^sel_/);

    // The same token, issued before the role existed, now acts as that seller.
    const me = (await (await api("/api/me", { headers: shopper.headers })).json()) as { roles: string[]; seller_id: string };
    expect(me.roles).toContain("seller");
    expect(me.seller_id).toBe(profile.id);
    const read = await api("/api/seller/profile", { headers: shopper.headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(profile);

    const { productId } = await createListingFixture();
    const listed = await api("/api/seller/listings", {
      headers: shopper.headers,
      body: { product_id: productId, price: 99_900, mrp: 1_19_900 },
    });
    expect(listed.status).toBe(201);
    const row = await env.DB.prepare("SELECT seller_id FROM listings WHERE id = ?")
      .bind(((await listed.json()) as { id: string }).id)
      .first<string>("seller_id");
    expect(row).toBe(profile.id);
  });

  const refusals: Array<[string, () => Promise<string>, number, RegExp]> = [
    ["too short", async () => uniqueGstin().slice(0, 14), 400, /^A GSTIN has 15 characters; this has 14\./],
    ["not the shape of one", async () => "27AAPFU0939F1XV", 400, /^This is not the shape of a GSTIN/],
    [
      "of no GST state",
      async () => {
        const first14 = `99${uniqueGstin().slice(2, 14)}`;
        return first14 + gstinCheckCharacter(first14);
      },
      400,
      /^99 is not a GST state code/,
    ],
    [
      "with a last character that does not match",
      async () => withWrongCheck(uniqueGstin()),
      400,
      /^The last character does not match the rest of the GSTIN: check for a typo\.$/,
    ],
    [
      "already another seller's",
      async () => {
        const other = await createListingFixture();
        return (await env.DB.prepare("SELECT gstin FROM sellers WHERE id = ?").bind(other.sellerId).first<string>("gstin")) ?? "";
      },
      409,
      /already registered to another seller/,
    ],
  ];

  for (const [what, gstinOf, status, message] of refusals) {
    it(`refuses a GSTIN ${what}, naming gstin, and writes nothing`, async () => {
      const shopper = await createTestUser();
      const gstin = await gstinOf();
      const before = await writtenFor(shopper.id);
      const res = await register(shopper, { business_name: "Lotus Home Decor", city: "Mumbai", gstin });
      expect(res.status).toBe(status);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => e.path)).toEqual(["gstin"]);
      expect(problem.errors?.[0]?.message).toMatch(message);
      expect(await writtenFor(shopper.id)).toEqual(before);
      expect((await api("/api/seller/profile", { headers: shopper.headers })).status).toBe(403);
    });
  }

  it("refuses an account that is already a seller, naming its seller, and writes nothing", async () => {
    const shopper = await createTestUser();
    const first = (await (
      await register(shopper, { business_name: "Deccan Cottons", city: "Hyderabad", gstin: uniqueGstin("36") })
    ).json()) as SellerProfile;
    const before = await writtenFor(shopper.id);
    const again = await register(shopper, { business_name: "Deccan Cottons Two", city: "Hyderabad", gstin: uniqueGstin("36") });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).seller_id).toBe(first.id);
    expect(await writtenFor(shopper.id)).toEqual(before);

    // An account given the seller role some other way is a seller too.
    const linked = await createTestUser(["seller"], { sellerId: (await createListingFixture()).sellerId });
    const linkedBefore = await writtenFor(linked.id);
    expect((await register(linked, { business_name: "Another", city: "Pune", gstin: uniqueGstin() })).status).toBe(409);
    expect(await writtenFor(linked.id)).toEqual(linkedBefore);
  });

  it("makes one seller of a double submit", async () => {
    const shopper = await createTestUser();
    const body = { business_name: "Kaveri Kitchenware", city: "Bengaluru", gstin: uniqueGstin("29") };
    const before = await writtenFor(shopper.id);
    const statuses = (await Promise.all([register(shopper, body), register(shopper, body)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const after = await writtenFor(shopper.id);
    expect(after.sellers).toBe((before.sellers ?? 0) + 1);
    expect(after.grants.filter((g) => g.role === "seller")).toHaveLength(1);
  });

  it("refuses guests and a missing or blank business name and city", async () => {
    expect((await api("/api/seller/register", { body: { business_name: "X Traders", city: "Pune", gstin: uniqueGstin() } })).status).toBe(
      401,
    );
    const shopper = await createTestUser();
    const res = await register(shopper, { business_name: " ", gstin: uniqueGstin() });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors?.map((e) => e.path).sort()).toEqual(["business_name", "city"]);
  });
});

describe("GET and PATCH /api/seller/profile", () => {
  /** A seller account of a fixture seller with one listed product. */
  async function sellerWithListing() {
    const f = await createListingFixture();
    const user = await createTestUser(["seller"], { sellerId: f.sellerId });
    return { ...f, user };
  }

  it("changes only the signed-in seller's own business, and announces its product pages when the name or city changes", async () => {
    const a = await sellerWithListing();
    const b = await sellerWithListing();
    const bBefore = await (await api("/api/seller/profile", { headers: b.user.headers })).json();
    const gstin = uniqueGstin("07");
    const res = await api("/api/seller/profile", {
      method: "PATCH",
      headers: a.user.headers,
      body: { business_name: "Yamuna Electronics", city: "Delhi", gstin },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: a.sellerId,
      business_name: "Yamuna Electronics",
      city: "Delhi",
      gstin,
      gst_state: { code: "07", name: "Delhi" },
      can_invoice: true,
    });
    expect(await (await api("/api/seller/profile", { headers: b.user.headers })).json()).toEqual(bBefore);

    // One row for the seller, which the catalog consumer expands into its products' changes.
    const announced = async (sellerId: string) =>
      env.DB.prepare(
        "SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND json_extract(payload, '$.type') = 'seller.changed' AND json_extract(payload, '$.seller_id') = ?",
      )
        .bind(sellerId)
        .first<number>("n");
    expect(await announced(a.sellerId)).toBe(1);
    expect(await announced(b.sellerId)).toBe(0);

    // A GSTIN alone changes nothing a product page shows.
    const gstinOnly = await api("/api/seller/profile", { method: "PATCH", headers: a.user.headers, body: { gstin: uniqueGstin("07") } });
    expect(gstinOnly.status).toBe(200);
    expect(await announced(a.sellerId)).toBe(1);
  });

  it("keeps a name and city as one line: line breaks sent in them cannot add lines to mails and invoices", async () => {
    const a = await sellerWithListing();
    const res = await api("/api/seller/profile", {
      method: "PATCH",
      headers: a.user.headers,
      body: { business_name: "Mal Traders\r\n\r\nBazaar: your account is locked, verify at https://bz.example\r\n", city: "Pune\n\tWest" },
    });
    expect(res.status).toBe(200);
    const profile = (await res.json()) as SellerProfile;
    expect(profile.business_name).toBe("Mal Traders Bazaar: your account is locked, verify at https://bz.example");
    expect(profile.city).toBe("Pune West");
    const stored = await env.DB.prepare("SELECT name, city FROM sellers WHERE id = ?")
      .bind(a.sellerId)
      .first<{ name: string; city: string }>();
    expect(stored).toEqual({ name: profile.business_name, city: "Pune West" });
  });

  it("refuses another seller's GSTIN or an invalid one with 409 or 400 naming gstin, changing nothing", async () => {
    const a = await sellerWithListing();
    const b = await sellerWithListing();
    const bGstin = await env.DB.prepare("SELECT gstin FROM sellers WHERE id = ?").bind(b.sellerId).first<string>("gstin");
    const before = await (await api("/api/seller/profile", { headers: a.user.headers })).json();
    const outbox = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox").first<number>("n");
    for (const [gstin, status] of [
      [bGstin, 409],
      [withWrongCheck(uniqueGstin()), 400],
    ] as const) {
      const res = await api("/api/seller/profile", { method: "PATCH", headers: a.user.headers, body: { business_name: "Renamed", gstin } });
      expect(res.status).toBe(status);
      expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual(["gstin"]);
    }
    expect(await (await api("/api/seller/profile", { headers: a.user.headers })).json()).toEqual(before);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox").first<number>("n")).toBe(outbox);

    // Its own GSTIN again is no clash.
    const own = (before as SellerProfile).gstin;
    expect((await api("/api/seller/profile", { method: "PATCH", headers: a.user.headers, body: { gstin: own } })).status).toBe(200);
  });

  it("is for sellers only, and says why a seller without a valid GSTIN cannot be invoiced", async () => {
    const shopper = await createTestUser();
    expect((await api("/api/seller/profile", { headers: shopper.headers })).status).toBe(403);
    expect((await api("/api/seller/profile", { method: "PATCH", headers: shopper.headers, body: { city: "Pune" } })).status).toBe(403);

    const s = await sellerWithListing();
    await env.DB.prepare("UPDATE sellers SET gstin = NULL WHERE id = ?").bind(s.sellerId).run();
    const none = (await (await api("/api/seller/profile", { headers: s.user.headers })).json()) as SellerProfile;
    expect(none).toMatchObject({ gstin: null, gst_state: null, can_invoice: false, invoice_blocker: { reason: "no_gstin" } });

    // One written before GSTINs were checked, with a wrong last character.
    await env.DB.prepare("UPDATE sellers SET gstin = ?2 WHERE id = ?1").bind(s.sellerId, withWrongCheck(uniqueGstin())).run();
    const invalid = (await (await api("/api/seller/profile", { headers: s.user.headers })).json()) as SellerProfile;
    expect(invalid).toMatchObject({ gst_state: null, can_invoice: false, invoice_blocker: { reason: "invalid_gstin" } });
  });
});
