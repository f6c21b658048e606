import "../../public/static/order-poll.js";
import { afterEach, describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { lineOf, move, packedOrder, taxedListing } from "../invoices/support";
import { type FakeElement, closeBrowser, el, runScript } from "./script-dom";

afterEach(() => closeBrowser());

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes)).toISOString();
const PACKED = [
  { from: null, to: "created", at: at(0) },
  { from: "created", to: "confirmed", at: at(1) },
  { from: "confirmed", to: "packed", at: at(2) },
];
const SHIPPED = [...PACKED, { from: "packed", to: "shipped", at: at(3) }];
const INVOICES = {
  items: [
    { id: "inv_a", number: "2026-27/000007", seller: { name: "Lotus <b>Textiles</b>" } },
    { id: "inv_b", number: "2026-27/000042", seller: { name: "Demo Electronics Pvt Ltd" } },
  ],
  credit_notes: [],
};

/** An open order page as the server draws it before the order ships: the invoices' place left empty. */
function orderPage(status: string) {
  const slot = el("div", { "data-invoice-slot": "" });
  slot.hidden = true;
  const root = el("section", { "data-order-live": "ord_1", "data-status": status, "data-status-words": "{}" }, [
    el("strong", { "data-order-status": "" }, [], status),
    el("ol", { "data-timeline": "", "data-reasons-for": "" }),
    slot,
  ]);
  return { root, body: el("body", {}, [root]) };
}

/** The order page's script, with the order API answering `timeline` and the invoices API `invoices`. */
async function openPage(status: string, timeline: unknown[], invoices: () => Response = () => Response.json(INVOICES)) {
  const page = orderPage(status);
  const asked: string[] = [];
  const browser = await runScript("order-live.js", {
    body: page.body,
    fetch: (url: string) => {
      asked.push(url);
      if (url.endsWith("/invoices")) return Promise.resolve(invoices());
      return Promise.resolve(Response.json({ id: "ord_1", status: timeline.length > 3 ? "shipped" : "packed", timeline }));
    },
    window: { bazaarOrderPoll: (globalThis as unknown as { bazaarOrderPoll: unknown }).bazaarOrderPoll },
  });
  return { ...page, browser, asked };
}

/** The invoice links as a reader follows them: where each goes and what it says. */
function links(section: FakeElement | null) {
  return (section?.querySelectorAll("li") ?? []).map((li) => {
    const a = li.querySelector("a");
    return {
      href: (a as unknown as { href: string } | null)?.href,
      text: a?.textContent,
      from: li.querySelector("span[class]")?.textContent,
    };
  });
}

describe("the invoice links on an open order page", () => {
  it("appear once the order ships, read once, drawn as the server draws them", async () => {
    const { root, browser, asked } = await openPage("packed", SHIPPED);
    expect(root.querySelector("[data-invoice-links]")).toBeNull();
    await browser.fireTimers();

    const section = root.querySelector("section[data-invoice-links]");
    expect(section).not.toBeNull();
    expect(root.querySelector("[data-invoice-slot]")).toBeNull();
    expect(section?.children.map((c) => [c.tagName, c.textContent])[0]).toEqual(["h2", "Invoices"]);
    expect(section?.dataset.invoiceLinks).toBe("true");
    expect(links(section)).toEqual([
      { href: "/orders/ord_1/invoices/inv_a", text: "Invoice 2026-27/000007", from: "from Lotus <b>Textiles</b>" },
      { href: "/orders/ord_1/invoices/inv_b", text: "Invoice 2026-27/000042", from: "from Demo Electronics Pvt Ltd" },
    ]);
    expect(section?.querySelector("span[class]")?.className).toBe("muted");

    // Later polls leave them be.
    await browser.fireTimers();
    expect(asked.filter((u) => u.endsWith("/invoices"))).toEqual(["/api/orders/ord_1/invoices"]);
    expect(root.querySelectorAll("[data-invoice-links]")).toHaveLength(1);
  });

  it("name the credit note cancelling an invoice when a refund came as quickly, as the server does", async () => {
    const refunded = { ...INVOICES, credit_notes: [{ id: "crn_b", number: "CN/2026-27/000003", invoice: { id: "inv_b" } }] };
    const { root, browser } = await openPage("packed", SHIPPED, () => Response.json(refunded));
    await browser.fireTimers();
    const [first, second] = root.querySelector("[data-invoice-links]")?.querySelectorAll("li") ?? [];
    expect(first?.querySelector("[data-credit-note-link]")).toBeNull();
    const note = second?.querySelector("a[data-credit-note-link]");
    expect((note as unknown as { href: string } | null)?.href).toBe("/orders/ord_1/credit-notes/crn_b");
    expect(note?.textContent).toBe("Credit note CN/2026-27/000003");
  });

  it("are not asked for while the order has not shipped", async () => {
    const { root, browser, asked } = await openPage("confirmed", PACKED);
    await browser.fireTimers();
    await browser.fireTimers();
    expect(asked.some((u) => u.endsWith("/invoices"))).toBe(false);
    expect(root.querySelector("[data-invoice-slot]")).not.toBeNull();
  });

  it("are asked for again at the next poll when the first read fails", async () => {
    let failing = true;
    const { root, browser, asked } = await openPage("packed", SHIPPED, () =>
      failing ? Response.json({ status: 503 }, { status: 503 }) : Response.json(INVOICES),
    );
    await browser.fireTimers();
    expect(root.querySelector("[data-invoice-links]")).toBeNull();
    failing = false;
    await browser.fireTimers();
    expect(links(root.querySelector("[data-invoice-links]"))).toHaveLength(2);
    expect(asked.filter((u) => u.endsWith("/invoices"))).toHaveLength(2);
  });
});

describe("the order page leaves room for the invoices", () => {
  it("before the order ships, and draws the links itself once it has", async () => {
    const shopper = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 49_900)]);

    const before = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(before).toContain('<div data-invoice-slot="true" hidden=""></div>');
    expect(before).not.toContain("data-invoice-links");

    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const after = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(after).not.toContain("data-invoice-slot");
    // The markup the script copies: a heading, and per invoice a link and its seller in a muted span.
    const drawn = /<section data-invoice-links="true">([\s\S]*?)<\/section>/.exec(after)?.[1] ?? "";
    expect(drawn).toMatch(
      new RegExp(
        `^<h2>Invoices</h2><ul><li><a href="/orders/${orderId}/invoices/inv_[^"]+">Invoice \\d{4}-\\d{2}/\\d{6}</a> <span class="muted">from [^<]+</span></li></ul>$`,
      ),
    );
  });
});
