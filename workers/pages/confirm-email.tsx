import type { Context, Hono } from "hono";
import { EMAIL_CHANGE_LINK_REFUSED } from "../accounts/email-change";
import { EMAIL_CHANGE_LINK_TTL_SECONDS } from "../accounts/email-change-links";
import { EMAIL_CHANGE_PAGE_PATH } from "../accounts/email-change-mail";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import { CsrfField, Layout } from "./layout";
import { registerMailedLinkPage } from "./mailed-link-page";

/** What a working link changes, as the API's check names it. */
interface EmailChangeLink {
  email: string;
  new_email: string;
}

/**
 * The page a link opens asks before it changes anything: mail scanners and link previews open
 * links on their own, and must not make the change for the shopper, so it takes the button's post.
 */
function ConfirmPage(props: { csrf: string | null; link?: EmailChangeLink | undefined; error?: string; viewer?: string | undefined }) {
  // The link works from any browser; one signed in to another account must not read it as about that one.
  const other = props.link && props.viewer && props.viewer.toLowerCase() !== props.link.email.toLowerCase() ? props.viewer : null;
  return (
    <Layout title="Confirm your new email">
      <div class="auth">
        {props.error && (
          <p class="panel error" role="alert">
            {props.error}
          </p>
        )}
        <section aria-labelledby="confirm-email-h" class="panel">
          <h1 id="confirm-email-h">Confirm your new email</h1>
          {props.link && (
            <p>
              Sign in to the Bazaar Edge account <strong>{props.link.email}</strong> with <strong>{props.link.new_email}</strong> from now
              on.
            </p>
          )}
          {other && (
            <p class="panel" data-other-account>
              This browser is signed in to another account, <strong>{other}</strong>, which stays as it is.
            </p>
          )}
          <form method="post" action={EMAIL_CHANGE_PAGE_PATH} class="stack">
            <CsrfField token={props.csrf} />
            <button type="submit" class="primary">
              Use this email address
            </button>
          </form>
          <p class="muted">Other devices signed in to the account will be signed out. If you did not ask for this, close this page.</p>
        </section>
      </div>
    </Layout>
  );
}

/** Who the browser that made the change is signed in as: the changed account, no one, or another account (its address). */
type Viewer = { is: "account" } | { is: "none" } | { is: "other"; email: string };

function ChangedPage(props: { email: string; viewer: Viewer }) {
  const viewer = props.viewer;
  return (
    <Layout title="Your email is changed">
      <div class="auth">
        <section class="panel ok" role="status" aria-labelledby="changed-h">
          <h1 id="changed-h">Your email is changed</h1>
          <p>
            Your email address is now <strong>{props.email}</strong>. Sign in with it from now on.
          </p>
          {viewer.is === "account" && (
            <p>
              <a href="/account">Your account</a>
            </p>
          )}
          {viewer.is === "none" && (
            <p>
              <a href="/signin?next=%2Faccount">Sign in with your new address</a>
            </p>
          )}
          {viewer.is === "other" && (
            <p>
              This browser is still signed in to another account, <strong>{viewer.email}</strong>. To use the new address here, sign out,
              then sign in with it.
            </p>
          )}
        </section>
      </div>
    </Layout>
  );
}

/** Whether the browser is signed in to the account just changed: its session survives the change, another account's is untouched. */
async function viewerAfterChange(c: Context<AppEnv>, fetchApi: ApiFetch, email: string): Promise<Viewer> {
  const user = c.var.user;
  if (!user) return { is: "none" };
  const me = await callApi<{ email: string }>(c, fetchApi, "/api/me");
  if (!me.ok) return { is: "none" };
  return me.data.email.toLowerCase() === email.toLowerCase() ? { is: "account" } : { is: "other", email: me.data.email };
}

/** A link that cannot be used (unknown, used, expired or cut short), or a change that could not be made: said so, with the way to ask again. */
function RefusedPage(props: { message: string }) {
  return (
    <Layout title="Confirm your new email">
      <div class="auth">
        <section class="panel error" role="alert" aria-labelledby="email-refused-h">
          <h1 id="email-refused-h">Your email was not changed</h1>
          <p>{props.message}</p>
          <p>
            <a href="/account#email-h">Ask again from your account page</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** Registers the page an email change link opens: it shows what the link changes, and a button that makes the change. */
export function registerConfirmEmailPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  registerMailedLinkPage<EmailChangeLink, { email: string }>(app, fetchApi, {
    path: EMAIL_CHANGE_PAGE_PATH,
    cookie: "__Secure-email-change-token",
    lifetimeSeconds: EMAIL_CHANGE_LINK_TTL_SECONDS,
    problemType: "/problems/email-change-link-invalid",
    api: { check: "/api/auth/email-change/check", confirm: "/api/auth/email-change/confirm" },
    ask: (c, state) => <ConfirmPage csrf={c.var.csrfToken} viewer={c.var.user?.email} {...state} />,
    refused: (message) => <RefusedPage message={message} />,
    deadLink: EMAIL_CHANGE_LINK_REFUSED,
    // Said on the page the post answers: the link is used up, so a refresh posting again is only told so.
    done: async (c, changed) => c.html(<ChangedPage email={changed.email} viewer={await viewerAfterChange(c, fetchApi, changed.email)} />),
  });
}
