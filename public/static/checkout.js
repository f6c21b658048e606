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
    if (button) {
      button.disabled = true;
      button.textContent = "Placing your order…";
    }
  });
})();
