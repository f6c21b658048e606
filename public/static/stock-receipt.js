// The seller console's "Add received units" forms. Each page draws each form with a new key, so
// that one delivery is added once however often its form is sent. Back after adding brings the
// page again with a new key, and the browser fills the warehouse and units back in as they were
// sent: sending that form again would add the same delivery twice. So this tab keeps, for a few
// minutes, each receipt it sent; from a page brought back by history, a form sent with exactly
// what was sent before goes under the first key, and the API answers it as the receipt already
// made. A page opened afresh sends every receipt as new: a second delivery of the same size is.
(() => {
  const KEPT = "bazaar:receipts-sent";
  const KEEP_MS = 10 * 60_000;
  const cameBack = performance.getEntriesByType?.("navigation")?.[0]?.type === "back_forward";
  const kept = () => {
    try {
      const all = JSON.parse(sessionStorage.getItem(KEPT) || "[]");
      return Array.isArray(all) ? all.filter((r) => r && Date.now() - r.at < KEEP_MS) : [];
    } catch {
      return [];
    }
  };

  for (const form of document.querySelectorAll("form[data-stock-receipt]")) {
    const key = form.querySelector('input[name="key"]');
    const warehouse = form.querySelector('[name="warehouse_id"]');
    const units = form.querySelector('input[name="units"]');
    if (!key || !warehouse || !units) continue;
    const action = form.getAttribute("action");
    // The form's fields are read when it is sent, after this: the key set here is the one sent.
    form.addEventListener("submit", () => {
      const sent = kept();
      const same = sent.find((r) => r.action === action && r.warehouse === warehouse.value && r.units === units.value);
      if (cameBack && same) key.value = same.key;
      const now = { action, warehouse: warehouse.value, units: units.value, key: key.value, at: same && cameBack ? same.at : Date.now() };
      sessionStorage.setItem(KEPT, JSON.stringify(sent.filter((r) => r.action !== action).concat(now)));
    });
  }
})();
