import type { Hono } from "hono";
import { RECOVERY_LINK_REFUSED } from "../accounts/account-recovery";
import { RECOVERY_LINK_TTL_SECONDS } from "../accounts/account-recovery-links";
import { RECOVERY_PAGE_PATH } from "../accounts/account-recovery-mail";
import { RESET_PAGE_PATH } from "../accounts/reset-mail";
import type { AppEnv } from "../platform/context";
import type { ApiFetch } from "./api";
import { CsrfField, Layout } from "./layout";
import { registerMailedLinkPage } from "./mailed-link-page";
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

/** Registers the page a "secure your account" link opens: it says what the link gives back, and a button that does it. */
export function registerSecureAccountPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  registerMailedLinkPage<RecoveryLink, { email: string; reset_token: string }>(app, fetchApi, {
    path: RECOVERY_PAGE_PATH,
    cookie: "__Secure-account-recovery-token",
    lifetimeSeconds: RECOVERY_LINK_TTL_SECONDS,
    problemType: "/problems/account-recovery-link-invalid",
    api: { check: "/api/auth/account-recovery/check", confirm: "/api/auth/account-recovery/confirm" },
    ask: (c, state) => <SecurePage csrf={c.var.csrfToken} {...state} />,
    refused: (message) => <RefusedPage message={message} />,
    deadLink: RECOVERY_LINK_REFUSED,
    done: (c, secured) => {
      // The reset page takes over, its token in its own cookie as a mailed reset link's would be.
      keepResetToken(c, secured.reset_token);
      return c.redirect(`${RESET_PAGE_PATH}?secured=1`, 303);
    },
  });
}
