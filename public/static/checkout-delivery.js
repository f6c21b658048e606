// Checkout: each line's "Arrives by …" and whether cash on delivery is taken follow the address's
// PIN code as it is typed, from the delivery API (one cacheable request per line, as the server
// asks it). Without this file the page says both for the PIN code it was drawn with.
import { api } from "./api.js";
import { dateLabel, paragraph, pincodeRefusal } from "./delivery-words.js";

(() => {
  const form = document.querySelector("form[data-checkout]");
  const input = form?.querySelector('input[name="pincode"]');
  const lines = document.querySelectorAll("[data-arrival]");
  if (!form || !input || lines.length === 0) return;
  const problem = form.querySelector("[data-pincode-problem]");
  const cod = form.querySelector("input[data-cod]");
  const codNote = form.querySelector("[data-cod-note]");
  // An order at or above the limit never takes cash, whatever the PIN code: the server says so once.
  const limit = form.querySelector("[data-cod-limit]")?.dataset.codLimit ?? "";

  // Long enough to span the gaps between keystrokes, so a PIN code typed out asks once.
  const QUIET_MS = 400;

  // The server's words (workers/pages/line-arrivals.tsx, workers/pages/payment-choice.tsx).
  const arrival = (a) =>
    a.deliverable && a.by
      ? paragraph(`Arrives by ${dateLabel(a.by)} (from ${a.from_city})`, "muted")
      : paragraph(`No warehouse has this to send to ${a.pincode} right now.`, "change");

  /** Says beside the field why its PIN code cannot be delivered to, or clears that. */
  const say = (text) => {
    if (!problem) return;
    problem.textContent = text;
    problem.hidden = !text;
    // What the server said of the PIN code the page was drawn with no longer applies.
    const drawn = form.querySelector('[id="pincode-err"]');
    if (drawn) drawn.hidden = true;
    if (text) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", problem.getAttribute("id"));
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  };

  const offerCod = (reason) => {
    if (!cod) return;
    const why = limit || reason;
    cod.disabled = Boolean(why);
    if (why) cod.checked = false;
    if (codNote) {
      codNote.textContent = why;
      codNote.hidden = !why;
    }
  };

  const clear = () => {
    for (const line of lines) line.replaceChildren();
  };

  let shown = input.value.trim();
  let round = 0;

  const check = async (mine) => {
    // "560 038" is a PIN code too, as the server reads it.
    const pincode = input.value.trim().replace(/^(\d{3})[\s-]+(\d{3})$/, "$1$2");
    if (mine !== round || pincode === shown) return;
    if (!/^\d{6}$/.test(pincode)) {
      // Half a PIN code says nothing yet, and the dates of the one before would mislead.
      shown = pincode;
      clear();
      say("");
      offerCod("");
      return;
    }
    const answers = await Promise.all(
      [...lines].map((line) => {
        const query = new URLSearchParams({ pincode, listing_id: line.dataset.listingId });
        return api(`/api/products/${encodeURIComponent(line.dataset.productId)}/delivery?${query}`);
      }),
    );
    // Typed on meanwhile: the next round answers.
    if (mine !== round) return;
    shown = pincode;
    const refusal = answers.map(pincodeRefusal).find(Boolean);
    if (refusal) {
      clear();
      say(refusal);
      offerCod("");
      return;
    }
    say("");
    // A line the API could not answer for says nothing, as on the server: the estimate only informs.
    [...lines].forEach((line, i) => {
      line.replaceChildren(...(answers[i].ok ? [arrival(answers[i].data)] : []));
    });
    const noCash = answers.some((r) => r.ok && !r.data.cod_available);
    offerCod(noCash ? `Cash on delivery is not available to ${pincode} for everything in your cart` : "");
  };

  let timer;
  const typed = () => {
    const mine = ++round;
    clearTimeout(timer);
    timer = setTimeout(() => check(mine), QUIET_MS);
  };
  input.addEventListener("input", typed);
  input.addEventListener("change", typed);
})();
