// Checkout: one submit only, and say what is happening while the order is placed.
(() => {
  const form = document.querySelector("form[data-checkout]");
  if (!form) return;
  const button = form.querySelector("[data-submit]");
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
