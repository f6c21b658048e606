import { NewPasswordField } from "../accounts/password-rules";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { RESET_LINK_REFUSED, RESET_REQUESTED_MESSAGE } from "../accounts/password-reset";
import { RESET_LINK_TTL_SECONDS } from "../accounts/reset-links";
import { RESET_PAGE_PATH } from "../accounts/reset-mail";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, pageStatus, problemMessage, relayCookies } from "./api";
import { personalPage } from "./cache";
import { Field, NewPasswordFields, firstErrorPerField } from "./field-error";
import { CsrfField, Layout } from "./layout";
import { holdsToken, linkToken } from "./link-token";

/** The "Forgot your password?" form. */
export const ForgotPasswordForm = z.object({
  email: z.string().trim().email("Enter your email address").max(254, "Enter your email address"),
});

/** The new-password form a reset link opens; typed twice, as a typo here would lock the shopper out again. */
export const ResetPasswordForm = z
  .object({
    token: z.string().default(""),
    password: NewPasswordField,
    confirm_password: z.string(),
  })
  .refine((f) => f.confirm_password === f.password, { path: ["confirm_password"], message: "The two passwords differ" });

type ResetField = "password" | "confirm_password";
const isResetField = (name: string): name is ResetField => name === "password" || name === "confirm_password";

function Notice(props: { error?: string; ok?: string }) {
  return (
    <>
      {props.error && (
        <p class="panel error" role="alert">
          {props.error}
        </p>
      )}
      {props.ok && (
        <p class="panel ok" role="status">
          {props.ok}
        </p>
      )}
    </>
  );
}

function ForgotPasswordPage(props: { csrf: string | null; email?: string; emailError?: string; error?: string; sent?: boolean }) {
  return (
    <Layout title="Reset your password">
      <div class="auth">
        <Notice error={props.error} ok={props.sent ? RESET_REQUESTED_MESSAGE : undefined} />
        <section aria-labelledby="forgot-h" class="panel">
          <h1 id="forgot-h">Forgot your password?</h1>
          <p>Enter the email address of your account, and we will mail you a link to choose a new password.</p>
          <form method="post" action="/forgot-password" class="stack">
            <CsrfField token={props.csrf} />
            <Field label="Email" name="email" type="email" value={props.email ?? ""} autocomplete="email" error={props.emailError} />
            <button type="submit" class="primary">
              Email me a reset link
            </button>
          </form>
          <p>
            <a href="/signin">Back to sign in</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** A link that cannot be used (unknown, used, expired or cut short): said so, with the way to a new one. */
function LinkRefusedPage() {
  return (
    <Layout title="Reset your password">
      <div class="auth">
        <section class="panel error" role="alert" aria-labelledby="refused-h">
          <h1 id="refused-h">This link does not work any more</h1>
          <p>{RESET_LINK_REFUSED}</p>
          <p>
            <a href="/forgot-password">Ask for a new reset link</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** The account a working link resets, as the API names it. */
interface ResetLink {
  email: string;
}

/**
 * The new-password form, naming the account it is for: a link someone else sent (their own account's,
 * to have the shopper set its password and use it as theirs) shows another email, and a password
 * manager files the new password under the right one.
 */
function ResetPasswordPage(props: {
  csrf: string | null;
  /** Absent only when the link could not be checked just now (too many requests, an outage): the error says so. */
  email?: string | undefined;
  errors?: Partial<Record<ResetField, string>>;
  error?: string;
  /** Arrived from a "secure your account" link (secure-account.tsx), which has just taken the account back. */
  secured?: boolean;
}) {
  const errors = props.errors ?? {};
  const secured =
    props.secured && props.email ? `${props.email} is your account's address again, and every device was signed out.` : undefined;
  return (
    <Layout title="Choose a new password">
      <div class="auth">
        <Notice error={props.error} ok={secured} />
        <section aria-labelledby="reset-h" class="panel">
          <h1 id="reset-h">Choose a new password</h1>
          {props.email && (
            <p>
              For the account <strong>{props.email}</strong>.
            </p>
          )}
          <form method="post" action="/reset-password" class="stack">
            <CsrfField token={props.csrf} />
            {props.email && <input type="email" value={props.email} autocomplete="username" readonly hidden />}
            <NewPasswordFields
              label="New password (at least 10 characters)"
              name="password"
              error={errors.password}
              repeatError={errors.confirm_password}
            />
            <button type="submit" class="primary">
              Set new password
            </button>
          </form>
          <p class="muted">Setting it signs you out on every other device.</p>
        </section>
      </div>
    </Layout>
  );
}

/** The link's token, kept off the address bar while the shopper types a new password (link-token.ts). */
const resetToken = linkToken({
  path: RESET_PAGE_PATH,
  cookie: "__Secure-reset-token",
  lifetimeSeconds: RESET_LINK_TTL_SECONDS,
  problemType: "/problems/reset-link-invalid",
});

/** Hands the reset page a token as a mailed link's arrival would: taking an account back goes on to a new password. */
export function keepResetToken(c: Context<AppEnv>, token: string): void {
  resetToken.keep(c, token);
}

/** Whether the link still works, and for which account; reads only. */
function checkLink(c: Context<AppEnv>, fetchApi: ApiFetch, token: string) {
  return callApi<ResetLink>(c, fetchApi, "/api/auth/password-reset/check", { method: "POST", body: { token } });
}

function linkRefused(c: Context<AppEnv>, problem: Problem) {
  answerProblem(c, problem);
  resetToken.drop(c);
  return c.html(<LinkRefusedPage />);
}

/** The form drawn again with what was wrong, naming the account when the link could be checked; a dead link is said to be dead. */
async function formAgain(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  token: string,
  status: Problem["status"],
  state: { errors?: Partial<Record<ResetField, string>>; error?: string },
) {
  const link = await checkLink(c, fetchApi, token);
  if (!link.ok && resetToken.refuses(link.problem)) return linkRefused(c, link.problem);
  c.status(pageStatus({ status }));
  return c.html(<ResetPasswordPage csrf={c.var.csrfToken} email={link.ok ? link.data.email : undefined} {...state} />);
}

async function resetRefused(c: Context<AppEnv>, fetchApi: ApiFetch, token: string, problem: Problem) {
  if (resetToken.refuses(problem)) return linkRefused(c, problem);
  if (problem.retryAfter) c.header("retry-after", problem.retryAfter);
  // The API's words for a new password are the form's own (password-rules.ts), its email among them.
  const password = (problem.errors ?? []).find((e) => e.path === "password");
  if (password) return formAgain(c, fetchApi, token, problem.status, { errors: { password: password.message } });
  return formAgain(c, fetchApi, token, problem.status, { error: problemMessage(problem) });
}

/** Registers "Forgot your password?" and the page its mailed link opens, as plain form posts over the accounts API. */
export function registerPasswordResetPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/forgot-password", (c) => {
    personalPage(c);
    return c.html(<ForgotPasswordPage csrf={c.var.csrfToken} sent={c.req.query("sent") === "1"} />);
  });

  app.post("/forgot-password", async (c) => {
    personalPage(c);
    const form = await c.req.parseBody();
    const parsed = ForgotPasswordForm.safeParse(form);
    const typed = typeof form.email === "string" ? form.email : "";
    if (!parsed.success) {
      c.status(400);
      return c.html(<ForgotPasswordPage csrf={c.var.csrfToken} email={typed} emailError={parsed.error.issues[0]?.message} />);
    }
    const res = await callApi(c, fetchApi, "/api/auth/password-reset", { method: "POST", body: { email: parsed.data.email } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const badEmail = res.problem.errors?.some((e) => e.path === "email");
      return c.html(
        <ForgotPasswordPage
          csrf={c.var.csrfToken}
          email={typed}
          {...(badEmail ? { emailError: "Enter your email address" } : { error: problemMessage(res.problem) })}
        />,
      );
    }
    // Post, then redirect: a refresh never sends a second mail.
    return c.redirect("/forgot-password?sent=1", 303);
  });

  app.get(RESET_PAGE_PATH, async (c) => {
    holdsToken(c);
    const arrived = resetToken.arrived(c);
    if (arrived) return arrived;
    const token = resetToken.held(c);
    if (!token) {
      c.status(400);
      return c.html(<LinkRefusedPage />);
    }
    // Asked on arrival, so a used or expired link is said to be dead before a new password is typed twice.
    const res = await checkLink(c, fetchApi, token);
    if (!res.ok) {
      if (resetToken.refuses(res.problem)) return linkRefused(c, res.problem);
      // Not checked just now (too many requests, an outage): the link may well work, so it is kept.
      answerProblem(c, res.problem);
      return c.html(<ResetPasswordPage csrf={c.var.csrfToken} error={problemMessage(res.problem)} />);
    }
    return c.html(<ResetPasswordPage csrf={c.var.csrfToken} email={res.data.email} secured={c.req.query("secured") === "1"} />);
  });

  app.post(RESET_PAGE_PATH, async (c) => {
    holdsToken(c);
    const form = await c.req.parseBody();
    // A form the page drew before tokens moved to the cookie still names its token.
    const token = (typeof form.token === "string" && form.token) || resetToken.held(c) || "";
    if (!token) {
      c.status(400);
      return c.html(<LinkRefusedPage />);
    }
    const parsed = ResetPasswordForm.safeParse(form);
    if (!parsed.success) return formAgain(c, fetchApi, token, 400, { errors: firstErrorPerField(parsed.error.issues, isResetField) });
    const res = await callApi(c, fetchApi, "/api/auth/password-reset/confirm", {
      method: "POST",
      body: { token, password: parsed.data.password },
    });
    relayCookies(c, res.headers);
    if (!res.ok) return resetRefused(c, fetchApi, token, res.problem);
    resetToken.drop(c);
    return c.redirect("/account?done=reset", 303);
  });
}
