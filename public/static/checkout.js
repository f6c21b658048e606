// Checkout: one submit only, say what is happening while the order is placed, and carry the
// flash-deal admission this tab's waiting room stored however the shopper reached this page.
(() => {
  const admissionKey = (dealId) => `wr-admission:${dealId}`;
  // An admission checkout refused (run out, or someone else's) would only be refused again.
  const refused = document.querySelector("[data-admission-refused]");
  if (refused) sessionStorage.removeItem(admissionKey(refused.dataset.admissionRefused));

  const form = document.querySelector("form[data-checkout]");
  if (!form) return;

  // The waiting room sends an admitted shopper here with the token in the address; the cart's link
  // and a reload do not carry it, so it comes from where the waiting room put it for this tab.
  let field = form.querySelector('input[name="admission_token"]');
  if (!field?.value) {
    const dealIds = (form.dataset.dealIds || "").split(" ").filter(Boolean);
    const dealId = dealIds.find((id) => sessionStorage.getItem(admissionKey(id)));
    const token = dealId && sessionStorage.getItem(admissionKey(dealId));
    // Opened without it (from the cart), the page is asked for again with it, so the server can
    // show how long the unit is held; the form carries it meanwhile, should that load not happen.
    const here = new URL(location.href);
    if (token && !here.searchParams.has("admission_token")) {
      here.searchParams.set("admission_token", token);
      here.searchParams.set("deal", dealId);
      location.replace(here.href);
    }
    if (token) {
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "admission_token";
        form.append(field);
      }
      field.value = token;
    }
  }

  // The address typed here outlives being sent to sign in: a session ended in another tab turns the
  // submit into a sign-in, which comes back to this page empty. Kept for this tab only, and put back
  // only into a form whose address is still empty (a saved address chosen fills it server-side).
  const ADDRESS_KEY = "checkout-address";
  const addressInputs = ["name", "phone", "line1", "line2", "city", "state", "pincode"]
    .map((name) => form.querySelector(`input[name="${name}"]`))
    .filter(Boolean);
  if (addressInputs.every((input) => !input.value)) {
    let kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(ADDRESS_KEY) || "null");
    } catch {
      kept = null;
    }
    if (kept && typeof kept === "object") {
      for (const input of addressInputs) {
        const value = kept[input.name];
        if (typeof value === "string") input.value = value.slice(0, 200);
      }
      // The delivery estimate (checkout-delivery.js, which runs after this) follows the PIN code's changes.
      const pin = form.querySelector('input[name="pincode"]');
      if (pin?.value) document.addEventListener("DOMContentLoaded", () => pin.dispatchEvent(new Event("change")), { once: true });
    }
  }
  const keepAddress = () => {
    try {
      sessionStorage.setItem(ADDRESS_KEY, JSON.stringify(Object.fromEntries(addressInputs.map((input) => [input.name, input.value]))));
    } catch {
      // Storage full or refused: the form still posts; only the copy is lost.
    }
  };

  const button = form.querySelector("[data-submit]");
  // Cash on delivery pays nothing now: the button says so as the choice changes.
  for (const radio of form.querySelectorAll('input[name="payment_method"]')) {
    radio.addEventListener("change", () => {
      const words = radio.value === "cod" ? button?.dataset.wordsCod : button?.dataset.wordsPay;
      if (button && words && !sent) button.textContent = words;
    });
  }
  let sent = false;
  form.addEventListener("submit", (event) => {
    // The idempotency key already makes a second submit harmless; this just avoids the wait.
    if (sent) return event.preventDefault();
    sent = true;
    keepAddress();
    if (button) {
      button.disabled = true;
      button.textContent = "Placing your order…";
    }
  });
})();
