import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { categoryRows, productBundle, sellerRows } from "../../scripts/catalog/generate.mjs";
import { demoGstin, gstinCheckCharacter as scriptCheckCharacter } from "../../scripts/catalog/gstin.mjs";
import { GST_RATES, HSN_CODES, LEAVES, LINE_HSN_CODES } from "../../scripts/catalog/taxonomy.mjs";
import { gstinState } from "../../workers/invoices/gst-states";
import { gstinCheckCharacter, isValidGstin } from "../../workers/invoices/gstin";
import { newId } from "../../workers/platform/ids";

const CODE_POINTS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Every GSTIN one character away from `gstin`. */
function oneCharacterOff(gstin: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < gstin.length; i++) {
    for (const c of CODE_POINTS) if (c !== gstin[i]) out.push(gstin.slice(0, i) + c + gstin.slice(i + 1));
  }
  return out;
}

describe("GSTIN validation", () => {
  it("accepts published GSTINs and refuses the same with any one character changed", () => {
    for (const gstin of ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4"]) {
      expect(isValidGstin(gstin)).toBe(true);
      expect(oneCharacterOff(gstin).filter(isValidGstin)).toEqual([]);
    }
  });

  it("refuses wrong shapes, unknown states and lower case", () => {
    for (const bad of [
      "",
      "27AAPFU0939F1Z",
      "27AAPFU0939F1ZVV",
      "27aapfu0939f1zv",
      "27AAPFU0939F1AV",
      "99AAPFU0939F1ZV",
      "27AAPF10939F1ZV",
    ]) {
      expect(isValidGstin(bad), bad).toBe(false);
    }
  });

  it("gives every demo seller a valid GSTIN of its city's state, the script computing the check as the Worker does", () => {
    const rows = sellerRows(200_000);
    expect(rows).toHaveLength(5001);
    for (const r of rows) expect(isValidGstin(r.gstin), r.gstin).toBe(true);
    expect(new Set(rows.map((r) => r.gstin)).size).toBe(rows.length);
    expect(rows[0]).toMatchObject({ id: "sel_demo", city: "Bengaluru" });
    expect(gstinState(rows[0]!.gstin)?.name).toBe("Karnataka");
    for (const first14 of rows.slice(0, 50).map((r) => r.gstin.slice(0, 14)))
      expect(scriptCheckCharacter(first14)).toBe(gstinCheckCharacter(first14));
  });

  it("is what the migration gives the sellers of an older database, in SQL", async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("gst_invoices"));
    const backfill = migration?.queries.filter((q) => q.includes("UPDATE `sellers`")) ?? [];
    expect(backfill).toHaveLength(2);
    const ids = [newId("sel"), newId("sel"), newId("sel")];
    const now = new Date().toISOString();
    await env.DB.batch(
      [
        [ids[0], "Shree Retail 1", "Mumbai"],
        [ids[1], "Om Mart 2", "Kolkata"],
        [ids[2], "9 Lives Traders", "Atlantis"],
      ].map(([id, name, city]) =>
        env.DB.prepare("INSERT INTO sellers (id, name, city, created_at) VALUES (?, ?, ?, ?)").bind(id, name, city, now),
      ),
    );
    for (const q of backfill) await env.DB.prepare(q).run();
    const rows = await env.DB.prepare(`SELECT id, gstin, rowid AS n, name FROM sellers WHERE id IN (?, ?, ?) ORDER BY rowid`)
      .bind(...ids)
      .all<{ id: string; gstin: string; n: number; name: string }>();
    expect(rows.results.map((r) => gstinState(r.gstin)?.name)).toEqual(["Maharashtra", "West Bengal", "Maharashtra"]);
    for (const r of rows.results) {
      expect(isValidGstin(r.gstin), r.gstin).toBe(true);
      if (r.n <= 9999) expect(r.gstin).toBe(demoGstin(r.gstin.slice(0, 2), r.name, r.n));
    }
  });

  it("gives an older database's categories the rates the generator gives a new one", () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("gst_invoices"));
    const rates = (migration?.queries ?? []).flatMap((q) => {
      const m = /SET `gst_rate` = (\d+), `gst_rate_above_band` = (\d+|NULL) WHERE `slug` = '([^']+)'/.exec(q);
      return m ? [[m[3], m[2] === "NULL" ? [Number(m[1])] : [Number(m[1]), Number(m[2])]]] : [];
    });
    expect(Object.fromEntries(rates)).toEqual(GST_RATES);
  });

  it("gives every leaf category a six-digit HSN code, in a new catalog and in an older database", () => {
    expect(Object.keys(HSN_CODES).sort()).toEqual(LEAVES.map((l) => l.slug).sort());
    for (const [slug, code] of Object.entries(HSN_CODES)) expect(code, slug).toMatch(/^\d{6}$/);
    const rows = categoryRows();
    expect(rows.filter((r) => r.depth === 2).every((r) => r.hsn_code !== null)).toBe(true);
    expect(rows.filter((r) => r.depth < 2).map((r) => r.hsn_code)).toEqual(rows.filter((r) => r.depth < 2).map(() => null));

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("hsn_codes"));
    const codes = (migration?.queries ?? []).flatMap((q) => {
      const m = /SET `hsn_code` = '(\d+)' WHERE `slug` = '([^']+)'/.exec(q);
      return m ? [[m[2], m[1]]] : [];
    });
    expect(Object.fromEntries(codes)).toEqual(HSN_CODES);
  });

  it("gives the lines of a mixed aisle their own heading, in a new catalog and in an older database", () => {
    for (const [slug, lines] of Object.entries(LINE_HSN_CODES)) {
      const leaf = LEAVES.find((l) => l.slug === slug);
      // A line named here that the leaf does not have would leave its products on the leaf's code unnoticed.
      for (const [name, code] of Object.entries(lines)) {
        expect(
          leaf?.lines.map((l) => l[1]),
          `${slug}: ${name}`,
        ).toContain(name);
        expect(code, name).toMatch(/^\d{6}$/);
      }
    }
    const products = Array.from({ length: 3000 }, (_, i) => productBundle(i + 1, 3000).product);
    const rice = products.find((p) => p.title.includes(" Basmati Rice Classic ("));
    const atta = products.find((p) => p.title.includes(" Shudh Chakki Atta ("));
    expect(rice?.hsn_code).toBe("100630");
    // A line not named takes its leaf's code, on the category.
    expect(atta?.hsn_code).toBeNull();

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("product_line_hsn"));
    const codes = (migration?.queries ?? []).flatMap((q) => {
      const m =
        /SET `hsn_code` = '(\d+)' WHERE `category_id` = \(SELECT `id` FROM `categories` WHERE `slug` = '([^']+)'\) AND `title` LIKE '% (.+) \(%'/.exec(
          q,
        );
      return m ? [[m[2], m[3], m[1]]] : [];
    });
    const fromMigration: Record<string, Record<string, string>> = {};
    for (const [slug, name, code] of codes as [string, string, string][]) {
      fromMigration[slug] = { ...fromMigration[slug], [name]: code };
    }
    expect(fromMigration).toEqual(LINE_HSN_CODES);
  });
});
