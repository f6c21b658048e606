import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryAnswer } from "../../workers/delivery/schemas";
import { DELIVERY_ANSWER, json, words } from "./delivery-fixtures";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

/** The checkout page as the server draws it, reduced to what checkout-delivery.js reads. */
function checkoutPage(opts: { pincode?: string; codLimit?: string } = {}): FakeElement {
  const line = (n: number) =>
    el("li", {}, [
      el("div", { "data-arrival": "", "data-product-id": `prd_${n}`, "data-listing-id": `lst_${n}` }, [el("p", {}, [], "drawn")]),
    ]);
  const payment: Record<string, string> = opts.codLimit ? { "data-cod-limit": opts.codLimit } : {};
  return el("body", {}, [
    el("ul", {}, [line(1), line(2)]),
    el("form", { method: "post", action: "/checkout", "data-checkout": "" }, [
      el("label", {}, [el("input", { name: "pincode", value: opts.pincode ?? "" })]),
      el("p", { id: "pincode-problem", class: "field-error", "data-pincode-problem": "" }),
      el("fieldset", payment, [
        el("input", { type: "radio", name: "payment_method", value: "upi" }),
        el("input", { type: "radio", name: "payment_method", value: "cod", "data-cod": "" }),
        el("p", { id: "cod-note", "data-cod-note": "" }),
      ]),
    ]),
  ]);
}

/** The delivery API's answer for `url`'s line and PIN code, with `changes`. */
function answerFor(url: string, changes: Partial<DeliveryAnswer> = {}): DeliveryAnswer {
  const q = new URL(url, "https://shop.example").searchParams;
  return { ...DELIVERY_ANSWER, listing_id: q.get("listing_id"), pincode: q.get("pincode") ?? "", ...changes };
}

const arrivals = (body: FakeElement) => body.querySelectorAll("[data-arrival]").map(words);

/** Types `text` into the PIN code field a character at a time, as the shopper's keystrokes do. */
async function type(body: FakeElement, text: string) {
  const input = body.querySelector('input[name="pincode"]');
  if (!input) throw new Error("no PIN code field");
  input.value = "";
  for (const ch of text) {
    input.value += ch;
    await input.dispatch("input");
  }
}

afterEach(closeBrowser);

describe("checkout-delivery.js", () => {
  it("answers each line for a PIN code typed in, asking once the typing stops, not at each keystroke", async () => {
    const body = checkoutPage({ pincode: "411014" });
    const asked: string[] = [];
    const browser = await runScript("checkout-delivery.js", {
      body,
      fetch: async (url) => {
        asked.push(url);
        return json(200, answerFor(url, url.includes("lst_2") ? { from_city: "Pune", by: "2026-12-05" } : {}));
      },
    });
    await type(body, "560001");
    expect(asked).toEqual([]);
    expect(browser.timers.every((ms) => ms >= 300)).toBe(true);
    await browser.fireTimers();
    expect(asked).toEqual([
      "/api/products/prd_1/delivery?pincode=560001&listing_id=lst_1",
      "/api/products/prd_2/delivery?pincode=560001&listing_id=lst_2",
    ]);
    expect(arrivals(body)).toEqual(["Arrives by Thu, 3 Dec (from Bengaluru)", "Arrives by Sat, 5 Dec (from Pune)"]);

    // Leaving the field with the same PIN code asks nothing again.
    await body.querySelector('input[name="pincode"]')?.dispatch("change");
    await browser.fireTimers();
    expect(asked).toHaveLength(2);
  });

  it("says beside the field that a PIN code cannot be delivered to, in the API's words", async () => {
    const body = checkoutPage({ pincode: "560001" });
    const browser = await runScript("checkout-delivery.js", {
      body,
      fetch: async () =>
        json(400, {
          status: 400,
          errors: [{ path: "pincode", message: "PIN codes starting with 9 are Army Post Office addresses, which we cannot deliver to" }],
        }),
    });
    await type(body, "930001");
    await browser.fireTimers();
    const problem = body.querySelector("[data-pincode-problem]");
    expect(problem?.hidden).toBe(false);
    expect(words(problem)).toBe("PIN codes starting with 9 are Army Post Office addresses, which we cannot deliver to");
    const input = body.querySelector('input[name="pincode"]');
    expect(input?.getAttribute("aria-invalid")).toBe("true");
    expect(input?.getAttribute("aria-describedby")).toBe("pincode-problem");
    expect(arrivals(body)).toEqual(["", ""]);
  });

  it("asks nothing for half a PIN code, and drops the dates of the one before", async () => {
    const body = checkoutPage({ pincode: "560001" });
    const asked: string[] = [];
    const browser = await runScript("checkout-delivery.js", {
      body,
      fetch: async (url) => {
        asked.push(url);
        return json(200, answerFor(url));
      },
    });
    await type(body, "5600");
    await browser.fireTimers();
    expect(asked).toEqual([]);
    expect(arrivals(body)).toEqual(["", ""]);
  });

  it("takes cash on delivery away for a PIN code it is not available to, and gives it back for one it is", async () => {
    const body = checkoutPage({ pincode: "" });
    const cod = body.querySelector('input[value="cod"]') as (FakeElement & { checked?: boolean }) | null;
    if (cod) cod.checked = true;
    const browser = await runScript("checkout-delivery.js", {
      body,
      fetch: async (url) =>
        json(
          200,
          url.includes("pincode=400001") && url.includes("lst_2")
            ? answerFor(url, { deliverable: false, by: null, cod_available: false })
            : answerFor(url),
        ),
    });
    await type(body, "400001");
    await browser.fireTimers();
    expect(cod?.disabled).toBe(true);
    expect(cod?.checked).toBe(false);
    expect(words(body.querySelector("[data-cod-note]"))).toBe("Cash on delivery is not available to 400001 for everything in your cart");
    expect(arrivals(body)[1]).toBe("No warehouse has this to send to 400001 right now.");

    await type(body, "560001");
    await browser.fireTimers();
    expect(cod?.disabled).toBe(false);
    expect(body.querySelector("[data-cod-note]")?.hidden).toBe(true);
  });

  it("never offers cash on delivery for an order over the limit, whatever the PIN code", async () => {
    const body = checkoutPage({ codLimit: "Cash on delivery is available for orders under ₹50,000" });
    const browser = await runScript("checkout-delivery.js", { body, fetch: async (url) => json(200, answerFor(url)) });
    await type(body, "560001");
    await browser.fireTimers();
    expect(body.querySelector('input[value="cod"]')?.disabled).toBe(true);
    expect(words(body.querySelector("[data-cod-note]"))).toBe("Cash on delivery is available for orders under ₹50,000");
  });
});
