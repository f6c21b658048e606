// The product page's Save button. The page is shared by everyone and drawn unsaved, so this asks
// the wishlist API whether this shopper saved the product, and saves or removes it in place.
// A guest is sent to sign in and, back on the product, finds it saved. Without this file the
// button opens the personal save page (/wishlist/save), which carries the CSRF token.
import { api, csrf, notice } from "./api.js";

(() => {
  const form = document.querySelector("form[data-wishlist-toggle]");
  const button = form?.querySelector("button");
  const id = form?.querySelector('input[name="product_id"]')?.value;
  if (!form || !button || !id) return;

  // What a guest pressed Save on, kept in this tab only (no other site can set it) while they sign in.
  const PENDING = "bazaar:save-after-signin";
  const PENDING_MS = 15 * 60_000;
  const path = `/api/wishlist/${encodeURIComponent(id)}`;

  // A page may word the button its own way (a deal page's "Remind me when it opens").
  const label = form.dataset.label || "Save";
  const savedLabel = form.dataset.savedLabel || "Saved";
  const show = (saved) => {
    form.dataset.saved = String(saved);
    button.textContent = saved ? savedLabel : label;
    // The visible word leads the name, so voice control users can say what they see.
    if (saved) button.setAttribute("aria-label", `${savedLabel}: remove from your wishlist`);
    else button.removeAttribute("aria-label");
  };
  const signIn = () => {
    sessionStorage.setItem(PENDING, JSON.stringify({ id, at: Date.now() }));
    location.href = `/signin?next=${encodeURIComponent(location.pathname)}`;
  };
  // Marked busy rather than disabled while it asks: a disabled button drops keyboard focus to the page's top.
  let busy = false;
  const set = async (saved) => {
    if (busy) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    const r = await api(path, { method: saved ? "PUT" : "DELETE" });
    busy = false;
    button.removeAttribute("aria-disabled");
    if (r.ok) {
      show(saved);
      notice(saved ? "Saved to your wishlist." : "Removed from your wishlist.", "info", { href: "/wishlist", text: "View wishlist" });
    } else if (r.status === 401) signIn();
    else notice(r.message, "error");
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!csrf()) return signIn();
    set(form.dataset.saved !== "true");
  });

  // The readable CSRF cookie exists only in a signed-in session: guests never ask.
  if (!csrf()) return;
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  } catch {
    pending = null;
  }
  if (pending) sessionStorage.removeItem(PENDING);
  if (pending && pending.id === id && Date.now() - pending.at < PENDING_MS) set(true);
  // A page the herd loads (a deal before its opening) does not ask: its views cost no request.
  else if (form.dataset.wishlistAsk !== "false") api(path).then((r) => r.ok && show(Boolean(r.data?.saved)));
})();
