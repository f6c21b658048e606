import { afterEach, describe, expect, it } from "vitest";
import { DELIVERY_ANSWER, json, words } from "./delivery-fixtures";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

/** The Deliver to box as the product page draws it, reduced to what delivery.js reads. */
function productPage(pincode = ""): FakeElement {
  return el("body", {}, [
    el("section", { class: "deliver-to-box", "data-delivery": "" }, [
      el("form", { method: "get", action: "/products/prd_1", "data-product-id": "prd_1" }, [
        el("input", { id: "deliver-pincode", name: "pincode", value: pincode }),
        el("button", { type: "submit" }, [], "Check"),
      ]),
      el("div", { id: "delivery-answer", "data-delivery-answer": "" }),
    ]),
  ]);
}

const documentCookie = () => (globalThis as unknown as { document: { cookie: string } }).document.cookie;

afterEach(closeBrowser);

describe("delivery.js", () => {
  it("answers a PIN code in place, without the page's reload, and remembers it", async () => {
    const body = productPage();
    const asked: string[] = [];
    await runScript("delivery.js", {
      body,
      fetch: async (url) => {
        asked.push(url);
        return json(200, DELIVERY_ANSWER);
      },
    });
    expect(asked).toEqual([]);
    const input = body.querySelector('input[name="pincode"]');
    if (input) input.value = " 560001 ";
    const submitted = await body.querySelector("form")?.dispatch("submit");
    expect(submitted?.defaultPrevented).toBe(true);
    expect(asked).toEqual(["/api/products/prd_1/delivery?pincode=560001"]);
    const answer = words(body.querySelector("[data-delivery-answer]"));
    expect(answer).toContain("Delivery by Thu, 3 Dec");
    expect(answer).toContain("to 560001");
    expect(answer).toContain("Ships from Bengaluru · Cash on delivery available");
    expect(documentCookie()).toMatch(/^__Host-pincode=560001; Path=\/; .*Secure/);
  });

  it("says why a PIN code is refused, in the API's words, and remembers nothing", async () => {
    const body = productPage();
    await runScript("delivery.js", {
      body,
      fetch: async () => json(400, { status: 400, errors: [{ path: "pincode", message: "Enter a 6-digit PIN code" }] }),
    });
    const input = body.querySelector('input[name="pincode"]');
    if (input) input.value = "5600";
    await body.querySelector("form")?.dispatch("submit");
    expect(words(body.querySelector("[data-delivery-answer]"))).toBe("Enter a 6-digit PIN code");
    expect(input?.getAttribute("aria-invalid")).toBe("true");
    expect(documentCookie()).toBe("");
  });

  it("says an offer out of stock cannot be delivered", async () => {
    const body = productPage();
    await runScript("delivery.js", {
      body,
      fetch: async () =>
        json(200, { ...DELIVERY_ANSWER, deliverable: false, from_city: null, earliest: null, by: null, cod_available: false }),
    });
    const input = body.querySelector('input[name="pincode"]');
    if (input) input.value = "560001";
    await body.querySelector("form")?.dispatch("submit");
    expect(words(body.querySelector("[data-delivery-answer]"))).toBe("Out of stock: it cannot be delivered to 560001 right now.");
  });

  it("answers the PIN code this browser asked about last as soon as the shared page loads", async () => {
    const body = productPage();
    const asked: string[] = [];
    await runScript("delivery.js", {
      body,
      // Signed in too: the PIN code the shopper last asked about wins over their saved address.
      cookie: "__Host-csrf=token-1; __Host-pincode=560001",
      fetch: async (url) => {
        asked.push(url);
        return json(200, DELIVERY_ANSWER);
      },
    });
    expect(asked).toEqual(["/api/products/prd_1/delivery?pincode=560001"]);
    expect(body.querySelector('input[name="pincode"]')?.value).toBe("560001");
    expect(words(body.querySelector("[data-delivery-answer]"))).toContain("Delivery by Thu, 3 Dec");
  });

  it("starts a signed-in shopper without a PIN code from their saved address", async () => {
    const body = productPage();
    const asked: string[] = [];
    await runScript("delivery.js", {
      body,
      cookie: "__Host-csrf=token-1",
      fetch: async (url) => {
        asked.push(url);
        return url === "/api/me/addresses" ? json(200, { items: [{ id: "adr_1", pincode: "560001" }] }) : json(200, DELIVERY_ANSWER);
      },
    });
    expect(asked).toEqual(["/api/me/addresses", "/api/products/prd_1/delivery?pincode=560001"]);
    expect(body.querySelector('input[name="pincode"]')?.value).toBe("560001");
    expect(words(body.querySelector("[data-delivery-answer]"))).toContain("Delivery by Thu, 3 Dec");
  });

  it("asks nothing of a guest, nor of a shopper whose page came with a PIN code", async () => {
    const asked: string[] = [];
    const fetch = async (url: string) => {
      asked.push(url);
      return json(200, DELIVERY_ANSWER);
    };
    await runScript("delivery.js", { body: productPage(), fetch });
    await runScript("delivery.js", { body: productPage("411014"), cookie: "__Host-csrf=token-1", fetch });
    expect(asked).toEqual([]);
  });
});
