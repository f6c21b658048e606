// "Deliver to" on the product page: answers a PIN code in place instead of reloading the page,
// remembers it for the next product page, and starts a signed-in shopper from their saved
// address. Without this file the form reloads the page with ?pincode=, which is drawn answered.
import { api, csrf } from "./api.js";
import { dateLabel, paragraph, pincodeRefusal } from "./delivery-words.js";

(() => {
  const box = document.querySelector("[data-delivery]");
  const form = box?.querySelector("form[data-product-id]");
  const input = form?.querySelector('input[name="pincode"]');
  const answer = box?.querySelector("[data-delivery-answer]");
  if (!form || !input || !answer) return;

  // The server's words (workers/pages/deliver-to.tsx).
  const show = (pincode, r) => {
    input.removeAttribute("aria-invalid");
    if (!r.ok) {
      const refusal = pincodeRefusal(r);
      if (refusal) input.setAttribute("aria-invalid", "true");
      answer.replaceChildren(paragraph(refusal ?? r.message, "field-error"));
      return;
    }
    const a = r.data;
    if (!a.deliverable || !a.by) {
      answer.replaceChildren(paragraph(`Out of stock: it cannot be delivered to ${pincode} right now.`));
      return;
    }
    const first = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = `Delivery by ${dateLabel(a.by)}`;
    first.append(strong, ` to ${pincode}`);
    const cod = a.cod_available ? "Cash on delivery available" : "Cash on delivery not available";
    answer.replaceChildren(first, paragraph(`Ships from ${a.from_city} · ${cod}`, "muted"));
  };

  // The same cookie the page sets for a PIN code sent without scripts.
  const remember = (pincode) => {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many phones' browsers
    document.cookie = `__Host-pincode=${pincode}; Path=/; Max-Age=${90 * 24 * 60 * 60}; Secure; SameSite=Lax`;
  };

  const check = async (pincode) => {
    const r = await api(`/api/products/${encodeURIComponent(form.dataset.productId)}/delivery?pincode=${encodeURIComponent(pincode)}`);
    if (r.ok) remember(pincode);
    show(pincode, r);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    return check(input.value.trim());
  });

  // The page is the same for everyone; the PIN code this browser last asked about is answered here.
  const remembered = /(?:^|;\s*)__Host-pincode=(\d{6})(?:;|$)/.exec(document.cookie)?.[1];
  if (!input.value && remembered) {
    input.value = remembered;
    return check(remembered);
  }

  // No PIN code asked or remembered yet: a signed-in shopper starts from their most recent saved
  // address. Guests have no readable CSRF cookie and never ask.
  if (!input.value && csrf()) {
    return api("/api/me/addresses").then((r) => {
      const pincode = r.ok && Array.isArray(r.data?.items) ? r.data.items[0]?.pincode : "";
      if (!pincode || input.value) return;
      input.value = pincode;
      return check(pincode);
    });
  }
})();
