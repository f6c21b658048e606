import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

/** The checkout page as the server renders it, reduced to what checkout.js reads. */
function checkoutPage(form: { dealIds?: string; token?: string }, refusedDeal?: string): FakeElement {
  const attrs: Record<string, string> = { method: "post", action: "/checkout", "data-checkout": "" };
  if (form.dealIds) attrs["data-deal-ids"] = form.dealIds;
  const fields = [el("input", { type: "hidden", name: "idempotency_key", value: "key-1" })];
  if (form.token) fields.push(el("input", { type: "hidden", name: "admission_token", value: form.token }));
  fields.push(el("button", { type: "submit", "data-submit": "" }, [], "Place order"));
  return el("body", {}, [
    ...(refusedDeal ? [el("div", { class: "panel error", "data-admission-refused": refusedDeal })] : []),
    el("form", attrs, fields),
  ]);
}

const admission = (body: FakeElement) => body.querySelector('input[name="admission_token"]')?.value;

afterEach(closeBrowser);

describe("checkout.js", () => {
  it("sends the admission this tab's waiting room stored for a deal in the cart", async () => {
    const body = checkoutPage({ dealIds: "deal_2 deal_1" });
    await runScript("checkout.js", {
      body,
      storage: { "wr-admission:deal_1": "adm_1", "wr-admission:deal_9": "adm_9" },
      href: "https://shop.example/checkout?address=abc",
    });
    expect(admission(body)).toBe("adm_1");
  });

  it("asks for a checkout opened from the cart again with the stored admission, so it can show the hold's clock", async () => {
    const body = checkoutPage({ dealIds: "deal_1" });
    const browser = await runScript("checkout.js", {
      body,
      storage: { "wr-admission:deal_1": "adm_1" },
      href: "https://shop.example/checkout?address=abc",
    });
    expect(browser.location.href).toBe("https://shop.example/checkout?address=abc&admission_token=adm_1&deal=deal_1");

    // Opened with it, the page stays put.
    const opened = "https://shop.example/checkout?admission_token=adm_1&deal=deal_1";
    const again = await runScript("checkout.js", {
      body: checkoutPage({ dealIds: "deal_1", token: "adm_1" }),
      storage: { "wr-admission:deal_1": "adm_1" },
      href: opened,
    });
    expect(again.location.href).toBe(opened);
  });

  it("keeps the admission the page came with, and adds none for a cart without deals", async () => {
    const withToken = checkoutPage({ dealIds: "deal_1", token: "adm_from_address" });
    await runScript("checkout.js", { body: withToken, storage: { "wr-admission:deal_1": "adm_1" }, href: "https://shop.example/checkout" });
    expect(admission(withToken)).toBe("adm_from_address");

    const plain = checkoutPage({});
    const cartless = await runScript("checkout.js", {
      body: plain,
      storage: { "wr-admission:deal_1": "adm_1" },
      href: "https://shop.example/checkout",
    });
    expect(admission(plain)).toBeUndefined();
    expect(cartless.location.href).toBe("https://shop.example/checkout");
  });

  it("words the button for the payment chosen: cash on delivery pays nothing now", async () => {
    const radio = (value: string) => el("input", { type: "radio", name: "payment_method", value });
    const [upi, cod] = [radio("upi"), radio("cod")];
    const button = el(
      "button",
      {
        type: "submit",
        "data-submit": "",
        "data-words-pay": "Place order and pay ₹629",
        "data-words-cod": "Place order: pay ₹629 on delivery",
      },
      [],
      "Place order and pay ₹629",
    );
    const body = el("body", {}, [el("form", { method: "post", "data-checkout": "" }, [upi, cod, button])]);
    await runScript("checkout.js", { body, href: "https://shop.example/checkout" });
    await cod.dispatch("change");
    expect(button.textContent).toBe("Place order: pay ₹629 on delivery");
    await upi.dispatch("change");
    expect(button.textContent).toBe("Place order and pay ₹629");
  });

  it("forgets a stored admission once checkout refused it, rather than sending it again", async () => {
    const body = checkoutPage({ dealIds: "deal_1" }, "deal_1");
    const browser = await runScript("checkout.js", {
      body,
      storage: { "wr-admission:deal_1": "adm_stale" },
      href: "https://shop.example/checkout",
    });
    expect(browser.storage.has("wr-admission:deal_1")).toBe(false);
    expect(admission(body)).toBeUndefined();
    expect(browser.location.href).toBe("https://shop.example/checkout");
  });
});
