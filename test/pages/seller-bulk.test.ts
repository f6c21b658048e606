import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";
import { bulkShop, writtenCounts } from "../sellers/bulk-fixtures";

const HEADER = "listing_id,price,mrp,active,warehouse_id,available";

/** The upload form as a browser posts it without JavaScript: multipart, with the file and the drawn fields. */
function postFile(fields: Record<string, string>, csv: string | Uint8Array, cookie: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set("file", new File([csv], "listings.csv", { type: "text/csv" }));
  return exports.default.fetch(
    new Request(`${ORIGIN}/seller/bulk`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", accept: "text/html" },
      body: form,
    }),
  );
}

/** The hidden fields the page drew into its upload form. */
function drawnFields(html: string): Record<string, string> {
  const form = html.slice(html.indexOf("data-bulk-form"), html.indexOf("</form>", html.indexOf("data-bulk-form")));
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe("the seller console's Bulk update tab", () => {
  it("is linked from the console and offers a multipart upload form with the CSRF token and the template", async () => {
    const s = await bulkShop();
    const { cookie, csrf } = await browserSession(s.seller);
    const console = await (await api("/seller", { headers: { cookie } })).text();
    expect(console).toContain('href="/seller/bulk"');
    const res = await api("/seller/bulk", { headers: { cookie } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<form method="post" action="\/seller\/bulk" enctype="multipart\/form-data"/);
    expect(page).toContain('type="file" name="file"');
    expect(drawnFields(page)._csrf).toBe(csrf);
    expect(page).toContain('href="/seller/bulk/template.csv"');

    const template = await api("/seller/bulk/template.csv", { headers: { cookie } });
    expect(template.status).toBe(200);
    expect(template.headers.get("content-disposition")).toContain("attachment");
    expect(await template.text()).toContain(`${s.listingIds[0]},800.00,900.00,true,${s.warehouseId},20`);
  });

  it("uploads the edited template and shows each row's outcome; sending the same form again applies nothing twice", async () => {
    const s = await bulkShop();
    const { cookie } = await browserSession(s.seller);
    const fields = drawnFields(await (await api("/seller/bulk", { headers: { cookie } })).text());
    const template = await (await api("/seller/bulk/template.csv", { headers: { cookie } })).text();
    const edited = template.replace(
      `${s.listingIds[0]},800.00,900.00,true,${s.warehouseId},20`,
      `${s.listingIds[0]},799.00,900.00,true,${s.warehouseId},33`,
    );
    const res = await postFile(fields, edited, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(readerText(page)).toContain("1 updated, 2 unchanged, 0 not applied.");
    expect(page.match(/data-outcome="updated"/g)).toHaveLength(1);
    expect(page.match(/data-outcome="unchanged"/g)).toHaveLength(2);
    expect(await env.DB.prepare("SELECT price FROM listings WHERE id = ?").bind(s.listingIds[0]).first()).toEqual({ price: 79900 });

    const before = await writtenCounts();
    const again = await postFile(fields, edited, cookie);
    expect(again.status).toBe(200);
    expect(readerText(await again.text())).toContain("1 updated, 2 unchanged, 0 not applied.");
    expect(await writtenCounts()).toEqual(before);
  });

  it("lists a refused file's errors by row and column, and changes nothing", async () => {
    const s = await bulkShop();
    const { cookie } = await browserSession(s.seller);
    const fields = drawnFields(await (await api("/seller/bulk", { headers: { cookie } })).text());
    const before = await writtenCounts();
    const res = await postFile(fields, `${HEADER}\n${s.listingIds[2]},250,,,,\n${s.listingIds[0]},1000,,,,\n`, cookie);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('data-error-row="2"');
    expect(readerText(page)).toContain("2 price Price must be at most the MRP");
    expect(readerText(page)).toContain("Nothing was changed");
    // Which row that is in the seller's spreadsheet, whose header is its row 1.
    expect(readerText(page)).toContain("row 1 is the spreadsheet's row 2");
    expect(await writtenCounts()).toEqual(before);
  });

  it("says in words that a chosen file is empty, or too large, and changes nothing", async () => {
    const s = await bulkShop();
    const { cookie } = await browserSession(s.seller);
    const fields = drawnFields(await (await api("/seller/bulk", { headers: { cookie } })).text());
    const before = await writtenCounts();
    const empty = await postFile(fields, "", cookie);
    expect(empty.status).toBe(400);
    expect(readerText(await empty.text())).toContain("listings.csv is empty.");
    // A picture chosen by mistake, over the upload's limit.
    const large = await postFile(fields, new Uint8Array(600 * 1024), cookie);
    expect(large.status).toBe(413);
    const words = readerText(await large.text());
    expect(words).toContain("The file is larger than 512 KB, the most one upload takes");
    expect(words).not.toContain("bytes");
    expect(await writtenCounts()).toEqual(before);
  });

  it("refuses an upload without the session's CSRF token", async () => {
    const s = await bulkShop();
    const { cookie } = await browserSession(s.seller);
    const fields = drawnFields(await (await api("/seller/bulk", { headers: { cookie } })).text());
    const before = await writtenCounts();
    const res = await postFile({ ...fields, _csrf: "forged" }, `${HEADER}\n${s.listingIds[2]},250,,,,\n`, cookie);
    expect(res.status).not.toBe(200);
    expect(await writtenCounts()).toEqual(before);
  });

  it("is the seller's alone", async () => {
    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    expect((await api("/seller/bulk", { headers: { cookie } })).status).toBe(403);
    expect((await api("/seller/bulk/template.csv", { headers: { cookie } })).status).toBe(403);
  });
});
