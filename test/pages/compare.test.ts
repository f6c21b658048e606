import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sharedPageQuery } from "../../workers/pages/shared-pages";
import { createComparable, PHONES } from "../catalog/compare-fixtures";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, readerText } from "../helpers/http";

/** The comparison table of a page. */
const table = (html: string) => /<table class="compare"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";

/** The specification and buy-box rows' names, in order. */
const rowNames = (html: string) => [...table(html).matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => readerText(m[1] ?? "").trim());

/** The cells of the row named `name`, as a reader reads them. */
function cells(html: string, name: string): string[] {
  const row = [...table(html).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find(
    (m) => readerText(/<th scope="row">([\s\S]*?)<\/th>/.exec(m[1] ?? "")?.[1] ?? "").trim() === name,
  );
  return [...(row?.[1] ?? "").matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => readerText(m[1] ?? "").trim());
}

const amp = (href: string) => href.replaceAll("&amp;", "&");

describe("the compare page", () => {
  it("shows one column per product: picture, title linking to its page, price with the MRP struck, availability, rating and Add to cart", async () => {
    const { ids, listingIds } = await createComparable(PHONES);
    const res = await api(`/compare?ids=${ids.join(",")}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const t = table(html);
    expect(html).toContain("<h1>Compare 3 Mobile Phones</h1>");
    expect(html).toMatch(/<section class="table-scroll" aria-label="Mobile Phones compared" tabindex="0">\s*<table class="compare"/);
    expect(t).toContain(`<caption>${PHONES.map((p) => p.title).join(" vs ")}</caption>`);
    const heads = [...t.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1] ?? "");
    expect(heads).toHaveLength(4);
    for (const [i, id] of ids.entries()) {
      expect(heads[i + 1]).toContain(`<a href="/products/${id}" class="compare-title">${PHONES[i]?.title}</a>`);
    }
    expect(heads[1]).toContain('<img src="/art/phone/black.svg"');
    expect(cells(html, "Price")).toEqual(["₹19,999 MRP ₹24,999 20% off", "₹22,999 MRP ₹26,999 14% off", "₹14,999 MRP ₹15,999 6% off"]);
    expect(t).toContain("<s>₹24,999</s>");
    expect(cells(html, "Availability")).toEqual(["In stock", "Only a few left", "Sold out"]);
    expect(cells(html, "Rating")).toEqual(["No ratings yet", "No ratings yet", "No ratings yet"]);
    for (const listingId of listingIds) expect(t).toContain(`<input type="hidden" name="listing_id" value="${listingId}"/>`);
    expect(t.match(/<form method="get" action="\/cart\/add" class="add-to-cart" data-add-to-cart="true">/g)).toHaveLength(3);
    expect(cells(html, "Buy")[2]).toContain("Sold out");
  });

  it("has a row per specification, each product's value or Not listed, and a link to show the differences only", async () => {
    const { ids } = await createComparable(PHONES);
    const html = await (await api(`/compare?ids=${ids.join(",")}`)).text();
    expect(rowNames(html)).toEqual([
      "Price",
      "Availability",
      "Rating",
      "Sold by",
      "Buy",
      "Brand",
      "Storage",
      "RAM",
      "Colour",
      "Network",
      "Operating system",
    ]);
    expect(cells(html, "Network")).toEqual(["5G", "Not listed", "Not listed"]);
    expect(cells(html, "RAM")).toEqual(["8GB RAM", "8GB RAM", "8GB RAM"]);
    const link = /<a href="([^"]*)">Show differences only<\/a>/.exec(html)?.[1];
    expect(amp(link ?? "")).toBe(`/compare?ids=${ids.join(",")}&only=differences`);

    const diff = await (await api(amp(link ?? ""))).text();
    // RAM is the same for all three, so it goes; everything else differs somewhere.
    expect(rowNames(diff)).toEqual([
      "Price",
      "Availability",
      "Rating",
      "Sold by",
      "Buy",
      "Brand",
      "Storage",
      "Colour",
      "Network",
      "Operating system",
    ]);
    expect(table(diff)).toContain("(differences only)</caption>");
    expect(amp(/<a href="([^"]*)">Show all specifications<\/a>/.exec(diff)?.[1] ?? "")).toBe(`/compare?ids=${ids.join(",")}`);
  });

  it("says so when the products differ in nothing but their offers", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2).map((p) => ({ ...p, attributes: { ram: "8GB RAM" } })));
    const html = await (await api(`/compare?ids=${ids.join(",")}&only=differences`)).text();
    expect(rowNames(html)).toEqual(["Price", "Availability", "Rating", "Sold by", "Buy"]);
    expect(readerText(html)).toContain("Their specifications are all the same.");
  });

  it("has a Remove link per product that drops its id and keeps differences only", async () => {
    const { ids } = await createComparable(PHONES);
    const html = await (await api(`/compare?ids=${ids.join(",")}&only=differences`)).text();
    const removes = [
      ...html.matchAll(
        /<a class="compare-remove" href="([^"]*)" data-compare-remove="([^"]*)">Remove<span class="visually-hidden"> ([^<]*)<\/span><\/a>/g,
      ),
    ];
    expect(removes.map((m) => m[2])).toEqual(ids);
    expect(removes.map((m) => m[3])).toEqual(PHONES.map((p) => p.title));
    expect(amp(removes[1]?.[1] ?? "")).toBe(`/compare?ids=${ids[0]},${ids[2]}&only=differences`);
    const after = await (await api(amp(removes[1]?.[1] ?? ""))).text();
    expect(after).toContain("<h1>Compare 2 Mobile Phones</h1>");
    expect(after).not.toContain(PHONES[1]?.title);
  });

  it("marks what it shows for compare.js to keep as the list, one left included", async () => {
    const { ids, base } = await createComparable(PHONES.slice(0, 2));
    const html = await (await api(`/compare?ids=${ids.join(",")}`)).text();
    expect(html).toContain('<script src="/static/compare.js" type="module">');
    expect(/<table class="compare"[^>]*>/.exec(html)?.[0]).toBe(
      `<table class="compare" data-compare-table="true" data-compare-shown="" data-kind="${base.categoryId}" data-kind-name="Mobile Phones">`,
    );
    const heads = [...table(html).matchAll(/<th scope="col" ([^>]*)>/g)].map((m) => m[1]);
    expect(heads).toEqual([
      `data-product-id="${ids[0]}" data-title="${PHONES[0]?.title}" data-image="/art/phone/black.svg" data-brand="Testbrand"`,
      `data-product-id="${ids[1]}" data-title="${PHONES[1]?.title}" data-brand="Testbrand"`,
    ]);

    // Under the heading, hidden: compare.js shows it where this is not the shopper's own list.
    const notice =
      '<div class="notice compare-shared" role="status" tabindex="-1" data-compare-shared="true" hidden=""><p class="compare-shared-words" data-compare-shared-words="true"></p><p class="compare-shared-choices" data-compare-shared-choices="true"><a href="/compare" data-compare-own="true">Open your comparison</a> <button type="button" data-compare-adopt="true">Make this comparison your list</button></p></div>';
    expect(html).toContain(`<h1>Compare 2 Mobile Phones</h1>${notice}`);

    const one = await (await api(`/compare?ids=${ids[1]}`)).text();
    expect(one).toContain('<script src="/static/compare.js" type="module">');
    expect(one).toContain(`<h1>Compare</h1>${notice}`);
    expect(one).toContain(
      `<section class="panel" data-compare-shown="" data-kind="${base.categoryId}" data-kind-name="Mobile Phones"><p>Only one product is left to compare.</p><p data-product-id="${ids[1]}" data-title="${PHONES[1]?.title}" data-brand="Testbrand">`,
    );
  });

  it("with one product left, says so and links back to it", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const html = await (await api(`/compare?ids=${ids.join(",")}`)).text();
    const remove = amp(/<a class="compare-remove" href="([^"]*)"/.exec(html)?.[1] ?? "");
    expect(remove).toBe(`/compare?ids=${ids[1]}`);
    const res = await api(remove);
    expect(res.status).toBe(200);
    const one = await res.text();
    expect(readerText(one)).toContain("Only one product is left to compare.");
    expect(readerText(one)).toContain(
      "Add another of the same kind with Compare on its page or on its card in search and category results.",
    );
    expect(one).toContain(`<a href="/products/${ids[1]}">${PHONES[1]?.title}</a>`);
    expect(one).not.toContain('<table class="compare"');
  });

  it.each([
    [
      "too many ids",
      () => "prd_a,prd_b,prd_c,prd_d,prd_e",
      400,
      "This comparison link does not work: list 2 to 4 product ids, separated by commas (5 given).",
    ],
    ["commas without ids", () => ",,", 400, "This comparison link does not work: an empty id is not a product id."],
    ["a repeated id", (ids: string[]) => `${ids[0]},${ids[0]}`, 400, "is listed twice."],
    [
      "a malformed id",
      (ids: string[]) => `${ids[0]},<b>x</b>`,
      400,
      'This comparison link does not work: "&lt;b&gt;x&lt;/b&gt;" is not a product id.',
    ],
    ["an unknown product", (ids: string[]) => `${ids[0]},prd_gone`, 404, "We could not find product prd_gone. It may have been removed."],
    ["one unknown product alone", () => "prd_gone", 404, "We could not find product prd_gone. It may have been removed."],
  ])("explains %s in words on a page of its own", async (_, make, status, words) => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const res = await api(`/compare?ids=${encodeURIComponent(make(ids))}`);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("These products can&#39;t be compared");
    expect(readerText(html)).toContain(words);
    expect(readerText(html)).toContain(
      "Choose 2 to 4 products of one kind with Compare on their pages or on their cards in search and category results, then open the compare tray.",
    );
    expect(html).not.toContain("<b>x</b>");
    expect(html).not.toContain('<table class="compare"');
    // Nothing for compare.js to make the list: a link that fails leaves the shopper's list as it was.
    expect(html).not.toContain("data-compare-shown");
  });

  it.each(["/compare", "/compare?ids=", "/compare?ids=%20&only=differences"])(
    "%s is an empty comparison, not a broken one: it says how to choose products, and offers the shopper's own list",
    async (path) => {
      const res = await api(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(readerText(html)).toContain("Nothing to compare yet.");
      expect(html).not.toContain("These products can&#39;t be compared");
      expect(html).toContain('<a href="/search">Browse all products</a>');
      // The tray, filled in by compare.js from the list this browser keeps, leads to that list.
      expect(html).toContain("data-compare-tray");
      expect(html).toContain('src="/static/compare.js');
    },
  );

  it("explains that products of different kinds are not compared", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 1));
    const tv = await createListingFixture({ title: "Bigscreen 55 (4K)" });
    await env.DB.prepare("UPDATE categories SET name = 'Televisions' WHERE id = ?").bind(tv.categoryId).run();
    const res = await api(`/compare?ids=${ids[0]},${tv.productId}`);
    expect(res.status).toBe(400);
    expect(readerText(await res.text())).toContain(
      "Products of different kinds: Mobile Phones and Televisions. Compare products of one kind at a time.",
    );
  });

  it("is a shared page: the same for everyone, kept at the edge with an ETag, a matching one a 304", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const path = `/compare?ids=${ids.join(",")}`;
    const first = await api(path);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=([1-9]|10)$/);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const body = await first.text();
    await new Promise((r) => setTimeout(r, 50));
    const shopper = await createTestUser();
    const second = await api(`${path}&utm_source=mail`, { headers: { cookie: `__Host-session=${shopper.token}` } });
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe(body);
    expect(body).not.toContain(shopper.email);
    expect((await api(path, { headers: { "if-none-match": etag } })).status).toBe(304);
    // The query it reads is its key: the products and their order, and differences only.
    const key = (p: string) => sharedPageQuery(new URL(p, "https://shop.example"))?.toString();
    expect(key(`/compare?only=differences&ids=a,b&fbclid=x`)).toBe("ids=a%2Cb&only=differences");
    expect(key(`/compare?ids=b,a`)).not.toBe(key(`/compare?ids=a,b`));
  });
});

describe("a product page's Compare toggle and tray", () => {
  it("are drawn hidden and the same for everyone, the toggle naming the product's kind, for compare.js to fill in", async () => {
    const { ids, base } = await createComparable(PHONES.slice(0, 1));
    const html = await (await api(`/products/${ids[0]}`)).text();
    const toggle = /<div class="compare-toggle"[^>]*>/.exec(html)?.[0] ?? "";
    expect(toggle).toBe(
      `<div class="compare-toggle" data-compare-toggle="true" data-kind="${base.categoryId}" data-kind-name="Mobile Phones" hidden="">`,
    );
    expect(html).toContain('<input type="checkbox" data-compare-check="true"/> Compare');
    expect(html).not.toMatch(/data-compare-check="true" checked/);
    expect(html).toMatch(/<aside class="compare-tray" aria-label="Compare" data-compare-tray="true" hidden="">/);
    expect(html).toContain('<script src="/static/compare.js" type="module">');
    // The script reads the product from the article recently-viewed.js reads.
    expect(html).toMatch(new RegExp(`<article class="product" data-product-id="${ids[0]}" data-record-viewed=""`));
  });
});
