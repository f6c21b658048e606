import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { accountBudgetMessage } from "./account-budget";
import { Field, firstErrorPerField } from "./field-error";
import { CurrentPasswordField } from "./current-password-field";
import { CsrfField } from "./layout";

/** The change-email form, checked as the API checks it so a mistake is said beside its field. */
export const EmailChangeForm = z.object({
  password: z.string().min(1, "Enter your current password"),
  new_email: z.string().trim().max(254, "Enter the new email address").pipe(z.email("Enter the new email address")),
});

type EmailChangeField = "password" | "new_email";
const isEmailChangeField = (name: string): name is EmailChangeField => name === "password" || name === "new_email";

/** The API's field names on this form, and what they mean in the shopper's words. */
const API_FIELDS: Record<string, { field: EmailChangeField; message: string }> = {
  current_password: { field: "password", message: "That is not your current password" },
  new_email: { field: "new_email", message: "Enter a new email address, not the one you sign in with now" },
};

/** The change-email form shown again: what was typed and what was wrong, or the API's answer once a link was sent. */
export interface EmailChangeState {
  newEmail?: string;
  errors?: Partial<Record<EmailChangeField, string>>;
  error?: string;
  sent?: string;
}

/** The account page's "Change your email" section; the address changes only once the link mailed to the new one is opened. */
export function ChangeEmailSection(props: { csrf: string | null; email: string; state?: EmailChangeState | undefined }) {
  const state = props.state ?? {};
  const errors = state.errors ?? {};
  return (
    <section class="panel" aria-labelledby="email-h" data-email-form>
      <h2 id="email-h">Change your email</h2>
      {/* What the post answers takes the focus, so a phone opens the page here rather than at its top, far above. */}
      {state.sent && (
        <p class="panel ok" role="status" tabindex={-1} autofocus>
          {state.sent}
        </p>
      )}
      {state.error && (
        <p class="field-error" role="alert" tabindex={-1} autofocus>
          {state.error}
        </p>
      )}
      <form method="post" action="/account/email" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          label="New email address"
          name="new_email"
          type="email"
          inputmode="email"
          value={state.sent ? "" : (state.newEmail ?? "")}
          autocomplete="email"
          error={errors.new_email}
          autofocus={Boolean(errors.new_email)}
        />
        <CurrentPasswordField
          email={props.email}
          name="password"
          error={errors.password}
          autofocus={Boolean(errors.password) && !errors.new_email}
        />
        <button type="submit" class="primary">
          Email me a link to confirm
        </button>
      </form>
      <p class="muted">You keep signing in with your current address until you open the link we mail to the new one.</p>
    </section>
  );
}

/**
 * Registers the change-email form's post. `render` draws the account page with the form's state.
 * A sent link is said on the page the post answers rather than after a redirect: the words name the
 * address typed, which a redirect could only carry in the page's address, where a crafted link could
 * make the page claim a mail was sent to anyone. A refresh asks before posting again, and the
 * account's hourly limit bounds what a repeat can send.
 */
export function registerEmailChangeForm(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  render: (c: Context<AppEnv>, state: EmailChangeState) => Response | Promise<Response>,
  signInFirst: (c: Context<AppEnv>) => Response | Promise<Response>,
): void {
  app.post("/account/email", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const form = await c.req.parseBody();
    const newEmail = typeof form.new_email === "string" ? form.new_email : "";
    const parsed = EmailChangeForm.safeParse(form);
    if (!parsed.success) {
      c.status(400);
      return render(c, { newEmail, errors: firstErrorPerField(parsed.error.issues, isEmailChangeField) });
    }
    const res = await callApi<{ message: string }>(c, fetchApi, "/api/me/email", {
      method: "POST",
      body: { current_password: parsed.data.password, new_email: parsed.data.new_email },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors: Partial<Record<EmailChangeField, string>> = {};
      for (const e of res.problem.errors ?? []) {
        const known = API_FIELDS[e.path];
        if (known) errors[known.field] ??= known.message;
      }
      if (Object.keys(errors).length) return render(c, { newEmail, errors });
      return render(c, { newEmail, error: accountBudgetMessage(res.problem, res.headers) ?? problemMessage(res.problem) });
    }
    return render(c, { sent: res.data.message });
  });
}
