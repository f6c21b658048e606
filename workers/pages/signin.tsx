import { signInPurpose } from "./sign-in-purpose";
import { NewPasswordField } from "../accounts/password-rules";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi, type Problem, answerProblem, problemMessage, relayCookies } from "./api";
import { personalPage } from "./cache";
import { rememberLatestPincode } from "./deliver-to";
import { Field, firstErrorPerField } from "./field-error";
import { CsrfField, Layout } from "./layout";
import { safeNext } from "./local-path";
import { AccountNameField } from "../accounts/account-name";
import { accountBudgetMessage } from "./account-budget";

/**
 * An email as the accounts API takes it, up to 254 characters: a shorter bound here would leave an
 * account made through the API (or a long work address) unable to sign in from the page.
 */
const emailField = (message: string) => z.string().trim().email(message).max(254, message);

/** Sign-in form fields. */
export const SignInForm = z.object({
  email: emailField("Enter your email address"),
  password: z.string().min(1, "Enter your password").max(200),
  next: z.string().max(500).optional(),
});

/** Registration form fields. */
export const RegisterForm = z.object({
  name: AccountNameField,
  email: emailField("Enter a valid email address"),
  password: NewPasswordField,
  next: z.string().max(500).optional(),
});

/** Why checkout sent the visitor here, said above the forms. */
const CHECKOUT_FIRST = "Sign in to check out. Your cart comes with you.";
const SIGNED_OUT_AT_CHECKOUT = "You were signed out, so your order was not placed. Sign in and place it again: your cart is kept.";
const SIGNED_OUT_FORM = "You were signed out, so what you just sent was not saved or done. Sign in, then do it again.";

/** The registration form's fields, each with its own message when refused. */
const REGISTER_FIELDS = ["name", "email", "password"] as const;
type RegisterField = (typeof REGISTER_FIELDS)[number];
const isRegisterField = (name: string): name is RegisterField => (REGISTER_FIELDS as readonly string[]).includes(name);

interface SignInPageProps {
  next: string;
  /** Set for a visitor who is already signed in, whose session guards even these forms. */
  csrf: string | null;
  /** Said above both forms: why the visitor is here, or what went wrong with signing in. */
  message?: string;
  /** Said above the forms when nothing went wrong: what signing in is for, or news such as having been signed out everywhere. */
  notice?: string;
  /** What was typed into the sign-in form, kept when it is drawn again. */
  email?: string;
  /**
   * Set when the sign-in form itself was refused: its fields are marked, and the focus starts on the
   * password (or the email when none was typed), so a keyboard or screen reader user is there to retry.
   */
  signInRefused?: boolean;
  /** What was typed into the registration form, kept when it is drawn again. */
  register?: { name?: string; email?: string };
  /** Why registering was refused: beside each field, and for anything else in the form's own section. */
  registerErrors?: Partial<Record<RegisterField, string>>;
  registerMessage?: string;
}

function SignInPage(props: SignInPageProps) {
  const errors = props.registerErrors ?? {};
  // The first field to fix takes the focus, so a phone scrolls to it and a screen reader reads its message.
  const firstWrong = REGISTER_FIELDS.find((f) => errors[f]);
  const refused = Boolean(firstWrong || props.registerMessage);
  return (
    <Layout title="Sign in">
      <div class="auth">
        {props.message && (
          <p class="panel error" role="alert" id={props.signInRefused ? "signin-problem" : undefined}>
            {props.message}
          </p>
        )}
        {props.notice && (
          <p class="panel ok" role="status">
            {props.notice}
          </p>
        )}
        <section aria-labelledby="signin-h" class="panel">
          <h1 id="signin-h">Sign in</h1>
          <form method="post" action="/signin" class="stack">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="next" value={props.next} />
            <label class="field">
              Email
              <input
                type="email"
                name="email"
                autocomplete="username"
                required
                value={props.email ?? ""}
                aria-invalid={props.signInRefused ? "true" : undefined}
                aria-describedby={props.signInRefused ? "signin-problem" : undefined}
                autofocus={props.signInRefused && !props.email}
              />
            </label>
            <label class="field">
              Password
              <input
                type="password"
                name="password"
                autocomplete="current-password"
                required
                aria-invalid={props.signInRefused ? "true" : undefined}
                aria-describedby={props.signInRefused ? "signin-problem" : undefined}
                autofocus={props.signInRefused && Boolean(props.email)}
              />
            </label>
            <p>
              <a href="/forgot-password">Forgot your password?</a>
            </p>
            <button type="submit" class="primary">
              Sign in
            </button>
          </form>
        </section>
        <section aria-labelledby="register-h" class="panel">
          <h2 id="register-h">New to Bazaar? Create an account</h2>
          {props.registerMessage && (
            <p class="panel error" role="alert">
              {props.registerMessage}
            </p>
          )}
          {firstWrong && !props.registerMessage && (
            <p class="panel error" role="alert">
              Your account was not created: check the {firstWrong} below.
            </p>
          )}
          <form method="post" action="/register" class="stack">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="next" value={props.next} />
            <Field
              label="Your name"
              name="name"
              value={props.register?.name ?? ""}
              autocomplete="name"
              error={errors.name}
              autofocus={firstWrong === "name"}
            />
            <Field
              label="Email"
              name="email"
              type="email"
              value={props.register?.email ?? ""}
              autocomplete="email"
              error={errors.email}
              autofocus={firstWrong === "email"}
            />
            <Field
              label="Password (at least 10 characters)"
              name="password"
              type="password"
              value=""
              autocomplete="new-password"
              minlength={10}
              error={errors.password}
              autofocus={firstWrong === "password" || (refused && !firstWrong)}
            />
            <button type="submit">Create account</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

/** What was typed into a form, as text, for drawing it again (never the password). */
function typed(form: Record<string, unknown>, name: string): string | undefined {
  const value = form[name];
  return typeof value === "string" ? value.slice(0, 254) : undefined;
}

/** The sign-in form drawn again with its refusal, keeping the email typed. */
function failed(c: Context<AppEnv>, next: string, problem: Problem, email: string, headers: Headers) {
  answerProblem(c, problem);
  // The account's sign-ins paused: its refusal also says what else to do.
  const message =
    problem.status === 401 ? "That email and password do not match." : (accountBudgetMessage(problem, headers) ?? problemMessage(problem));
  return c.html(<SignInPage next={next} csrf={c.var.csrfToken} message={message} email={email} signInRefused />);
}

/**
 * The registration form drawn again with the API's refusal beside the fields it names; an email
 * that has an account already goes into the sign-in form too, since signing in is what to do next.
 */
function registerFailed(c: Context<AppEnv>, next: string, problem: Problem, kept: { name: string; email: string }) {
  answerProblem(c, problem);
  const registerErrors = firstErrorPerField(
    (problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message })),
    isRegisterField,
  );
  const taken = problem.status === 409;
  if (taken) registerErrors.email = problemMessage(problem);
  const named = Object.keys(registerErrors).length > 0;
  return c.html(
    <SignInPage
      next={next}
      csrf={c.var.csrfToken}
      register={kept}
      registerErrors={registerErrors}
      registerMessage={named ? undefined : problemMessage(problem)}
      email={taken ? kept.email : undefined}
    />,
  );
}

/** The part of the accounts API's sign-in answer the pages act on. */
interface SignedIn {
  token: string;
  cart_lines_not_merged?: number;
  cart_lines_capped?: number;
  saved_items_not_merged?: number;
}

/**
 * Where a sign-in goes: where the shopper was headed, unless lines or saved items of the cart they
 * kept before signing in did not fit in their account's cart; then the cart, which says so and
 * links on to where they were headed, rather than letting those items vanish from view without a word.
 */
function afterSignIn(signedIn: SignedIn, next: string): string {
  const lines = signedIn.cart_lines_not_merged ?? 0;
  const capped = signedIn.cart_lines_capped ?? 0;
  const saved = signedIn.saved_items_not_merged ?? 0;
  if (lines === 0 && saved === 0 && capped === 0) return next;
  const query = new URLSearchParams();
  if (lines > 0) query.set("not_merged", String(lines));
  if (capped > 0) query.set("capped_merge", String(capped));
  if (saved > 0) query.set("saved_not_merged", String(saved));
  query.set("next", next);
  return `/cart?${query}`;
}

/** Registers sign in, register and sign out as plain form posts over the accounts API. */
export function registerSignInPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/signin", (c) => {
    personalPage(c);
    const why = c.req.query("why");
    const next = safeNext(c.req.query("next"));
    const message = why === "signed_out" ? SIGNED_OUT_AT_CHECKOUT : why === "form" ? SIGNED_OUT_FORM : undefined;
    const notice =
      c.req.query("signed_out") === "everywhere"
        ? "You are signed out on every device."
        : why === "checkout"
          ? CHECKOUT_FIRST
          : ((message ? null : signInPurpose(next)) ?? undefined);
    return c.html(<SignInPage next={next} csrf={c.var.csrfToken} notice={notice} message={message} />);
  });

  app.post("/signin", async (c) => {
    personalPage(c);
    const form = await c.req.parseBody();
    const parsed = SignInForm.safeParse(form);
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    if (!parsed.success) {
      c.status(400);
      return c.html(
        <SignInPage
          next={next}
          csrf={c.var.csrfToken}
          message={parsed.error.issues.map((i) => i.message).join(". ")}
          email={typed(form, "email")}
          signInRefused
        />,
      );
    }
    const res = await callApi<SignedIn>(c, fetchApi, "/api/auth/login", {
      method: "POST",
      body: { email: parsed.data.email, password: parsed.data.password },
    });
    relayCookies(c, res.headers);
    if (!res.ok) return failed(c, next, res.problem, parsed.data.email, res.headers);
    await rememberLatestPincode(c, fetchApi, res.data.token);
    return c.redirect(afterSignIn(res.data, next), 303);
  });

  app.post("/register", async (c) => {
    personalPage(c);
    const form = await c.req.parseBody();
    const parsed = RegisterForm.safeParse(form);
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    if (!parsed.success) {
      c.status(400);
      return c.html(
        <SignInPage
          next={next}
          csrf={c.var.csrfToken}
          registerErrors={firstErrorPerField(parsed.error.issues, isRegisterField)}
          register={{ name: typed(form, "name"), email: typed(form, "email") }}
        />,
      );
    }
    const { name, email, password } = parsed.data;
    const res = await callApi<SignedIn>(c, fetchApi, "/api/auth/register", { method: "POST", body: { name, email, password } });
    relayCookies(c, res.headers);
    if (!res.ok) return registerFailed(c, next, res.problem, { name, email });
    return c.redirect(afterSignIn(res.data, next), 303);
  });

  app.post("/signout", async (c) => {
    const res = await callApi(c, fetchApi, "/api/auth/logout", { method: "POST", body: {} });
    relayCookies(c, res.headers);
    return c.redirect("/", 303);
  });
}
