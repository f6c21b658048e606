// How the page scripts talk to the JSON API, and the words for what it answers when it cannot
// help. Imported by each script that needs it; every page works without scripts at all.

const cookie = (name) => {
  const hit = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : "";
};

/** The session's CSRF token; the readable cookie exists only while someone is signed in. */
export const csrf = () => cookie("__Host-csrf");

/** Words for every failure the API can answer with. */
export const problemText = (status, problem, retryAfter) => {
  const wait = retryAfter ? ` Please try again in ${retryAfter} seconds.` : " Please try again shortly.";
  if (status === 401) return "You are signed out. Please sign in to continue.";
  if (status === 403) return "Your account does not have access to this.";
  if (status === 404) return "We could not find that. It may have been removed.";
  if (status === 409) return problem?.detail || "This changed while you were looking: it may be sold out or its price changed.";
  if (status === 429) return `You are going a little fast.${wait}`;
  if (status === 503) return `We are very busy right now.${wait}`;
  if (status === 0) return "You seem to be offline. Check your connection and try again.";
  return (problem && (problem.detail || problem.title)) || "Something went wrong. Please try again.";
};

/** Milliseconds a Retry-After value (seconds or an HTTP date) asks for, or null without a usable one. */
export const retryAfterMs = (value, now = Date.now()) => {
  if (value === null || value === undefined || value === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};

/** Shows a message in the page's live region (read out by screen readers). */
export const notice = (text, kind = "info", link) => {
  const el = document.querySelector("[data-notice]");
  if (!el) return;
  el.textContent = text;
  if (link) {
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.text;
    el.append(" ", a);
  }
  el.className = `notice ${kind === "error" ? "error" : ""}`;
  el.hidden = false;
};

/** Calls the JSON API with the session's CSRF token; resolves to { ok, status, data, message, retryAfter }. */
export const api = async (path, init = {}) => {
  const headers = { accept: "application/json", ...(init.headers || {}) };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.method && init.method !== "GET" && csrf()) headers["x-csrf-token"] = csrf();
  let res;
  try {
    res = await fetch(path, {
      method: init.method || "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, data: null, message: problemText(0), retryAfter: null };
  }
  if (res.headers.get("x-degraded"))
    notice("We are very busy: some extras like recommendations are paused. Shopping and checkout work as usual.");
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  const retryAfter = res.headers.get("retry-after");
  return { ok: res.ok, status: res.status, data, message: res.ok ? "" : problemText(res.status, data, retryAfter), retryAfter };
};
