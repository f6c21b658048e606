import type { Context, Hono } from "hono";
import { RECOVERY_LINK_REFUSED } from "../accounts/account-recovery";
import { RECOVERY_LINK_TTL_SECONDS } from "../accounts/account-recovery-links";
import { RECOVERY_PAGE_PATH } from "../accounts/account-recovery-mail";
import { RESET_PAGE_PATH } from "../accounts/reset-mail";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "./api";
import { CsrfField, Layout } from "./layout";
import { holdsToken, linkToken } from "./link-token";
import { keepResetToken } from "./password-reset";

/** What a working link gives back, as the API's check names it. */
interface RecoveryLink {
  email: string;
  old_email: string;
}

/**
 * The page a "secure your account" link opens asks before it changes anything: mail scanners and
 * link previews open links on their own, and must not sign the account out everywhere for its owner.
 */
function SecurePage(props: { csrf: string | null; link?: RecoveryLink | undefined; error?: string }) {
  return (
    <Layout title="Secure your account">
      <div class="auth">
        {props.error && (
          <p class="panel error" role="alert">
            {props.error}
          </p>
        )}
        <section aria-labelledby="secure-h" class="panel">
          <h1 id="secure-h">Secure your account</h1>
          {props.link && (
            <p>
              Your Bazaar Edge account was moved to <strong>{props.link.email}</strong>. Put it back on{" "}
              <strong>{props.link.old_email}</strong>?
            </p>
          )}
          <p>Every device signed in to the account will be signed out, and you will choose a new password.</p>
          <form method="post" action={RECOVERY_PAGE_PATH} class="stack">
            <CsrfField token={props.csrf} />
            <button type="submit" class="primary">
              Take my account back
            </button>
          </form>
          <p class="muted">If you changed the address yourself, close this page: nothing changes.</p>
        </section>
      </div>
    </Layout>
  );
}

/** A link that cannot be used, or an address that cannot be given back: said so, with where to turn. */
function RefusedPage(props: { message: string }) {
  return (
    <Layout title="Secure your account">
      <div class="auth">
        <section class="panel error" role="alert" aria-labelledby="secure-refused-h">
          <h1 id="secure-refused-h">Your account was not changed</h1>
          <p>{props.message}</p>
          <p>
            <a href="/forgot-password">Forgot your password?</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** The link's token, kept off the address bar while the shopper decides (link-token.ts). */
const linked = linkToken({
  path: RECOVERY_PAGE_PATH,
  cookie: "__Secure-account-recovery-token",
  lifetimeSeconds: RECOVERY_LINK_TTL_SECONDS,
  problemType: "/problems/account-recovery-link-invalid",
});

function refused(c: Context<AppEnv>, problem: Problem | null) {
  if (problem) answerProblem(c, problem);
  else c.status(400);
  linked.drop(c);
  return c.html(<RefusedPage message={problem && !linked.refuses(problem) ? problemMessage(problem) : RECOVERY_LINK_REFUSED} />);
}

/** Registers the page a "secure your account" link opens: it says what the link gives back, and a button that does it. */
export function registerSecureAccountPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(RECOVERY_PAGE_PATH, async (c) => {
    holdsToken(c);
    const arrived = linked.arrived(c);
    if (arrived) return arrived;
    const token = linked.held(c);
    if (!token) return refused(c, null);
    const res = await callApi<RecoveryLink>(c, fetchApi, "/api/auth/account-recovery/check", { method: "POST", body: { token } });
    if (!res.ok) {
      if (linked.refuses(res.problem)) return refused(c, res.problem);
      // Not checked just now (too many requests, an outage): the link may well work, so it is kept.
      answerProblem(c, res.problem);
      return c.html(<SecurePage csrf={c.var.csrfToken} error={problemMessage(res.problem)} />);
    }
    return c.html(<SecurePage csrf={c.var.csrfToken} link={res.data} />);
  });

  app.post(RECOVERY_PAGE_PATH, async (c) => {
    holdsToken(c);
    const token = linked.held(c);
    if (!token) return refused(c, null);
    const res = await callApi<{ email: string; reset_token: string }>(c, fetchApi, "/api/auth/account-recovery/confirm", {
      method: "POST",
      body: { token },
    });
    if (!res.ok) {
      // Another account registered the address meanwhile (409): the link is used up, so it is dropped too.
      if (linked.refuses(res.problem) || res.problem.status === 409) return refused(c, res.problem);
      answerProblem(c, res.problem);
      return c.html(<SecurePage csrf={c.var.csrfToken} error={problemMessage(res.problem)} />);
    }
    linked.drop(c);
    // The reset page takes over, its token in its own cookie as a mailed reset link's would be.
    keepResetToken(c, res.data.reset_token);
    return c.redirect(`${RESET_PAGE_PATH}?secured=1`, 303);
  });
}
