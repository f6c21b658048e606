import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { accountBudgetMessage } from "./account-budget";
import { type ApiFetch, answerProblem, callApi, problemMessage, relayCookies } from "./api";
import { FieldError, firstErrorPerField, invalidAttrs } from "./field-error";
import { CurrentPasswordField } from "./current-password-field";
import { CsrfField, Layout } from "./layout";

/** The page a browser lands on once its account is deleted: it is signed out by then. */
export const ACCOUNT_DELETED_PATH = "/account/deleted";

/** The delete-account form: the password, and a ticked box, so a slip of the finger erases nothing. */
const DeleteAccountForm = z.object({
  password: z.string().min(1, "Enter your current password"),
  confirm: z.literal("yes", { error: "Tick the box to confirm you want your account deleted" }),
});

type DeleteField = "password" | "confirm";
/** What the form was refused for, field by field, or as a whole (`form`). */
export type DeleteAccountErrors = Partial<Record<DeleteField | "form", string>>;
const isDeleteField = (name: string): name is DeleteField => name === "password" || name === "confirm";

const STAFF_ROLES = ["seller", "deal_manager", "ops"];

/**
 * The last section of the account page: what deleting erases and what it keeps, then the form,
 * open when it was refused so each message is seen beside its field. A store account (seller,
 * deal manager, ops) is told who closes it instead.
 */
export function DeleteAccountSection(props: {
  csrf: string | null;
  email: string;
  roles: readonly string[];
  errors?: DeleteAccountErrors;
}) {
  const errors = props.errors ?? {};
  const staff = props.roles.some((r) => STAFF_ROLES.includes(r));
  return (
    <section class="panel" aria-labelledby="delete-h" data-delete-account>
      <h2 id="delete-h">Delete your account</h2>
      {staff ? (
        <p>
          This account works for the store or a seller, so it cannot be deleted here: an admin closes it, after its work is handed over. Ask
          the store's operations team.
        </p>
      ) : (
        <>
          <p>
            Deleting your account erases your name, email address, password, saved addresses, cart, wishlist, notification settings and
            messages, and signs you out on every device. It cannot be undone.
          </p>
          <p>
            Your orders and their tax invoices are kept, as tax law requires, without your name, phone number or street address. Your
            reviews and questions stay, shown as by “A former shopper”. You can register again with the same email address later.
          </p>
          <p class="muted">An account with orders still on their way, or a return being decided, can be deleted once they are done.</p>
          <details open={Object.keys(errors).length > 0}>
            <summary>Delete my account</summary>
            <form method="post" action="/account/delete" data-delete-account-form novalidate>
              <CsrfField token={props.csrf} />
              {errors.form && (
                <p class="field-error" role="alert">
                  {errors.form}
                </p>
              )}
              {/* The first thing to fix takes the focus, so a phone opens the refused form there rather than at the page's top. */}
              <CurrentPasswordField
                email={props.email}
                name="password"
                error={errors.password}
                autofocus={Boolean(errors.password || errors.form)}
              />
              <p>
                <label class="check">
                  <input
                    type="checkbox"
                    name="confirm"
                    value="yes"
                    autofocus={Boolean(errors.confirm) && !errors.password && !errors.form}
                    {...invalidAttrs("confirm", Boolean(errors.confirm))}
                  />{" "}
                  I understand my account and its personal data will be erased for good
                </label>
                <br />
                <FieldError field="confirm" message={errors.confirm} />
              </p>
              <button type="submit" class="danger">
                Delete my account
              </button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}

/** The API's refusal of the form in the shopper's words: the wrong password beside its field, anything else above the form. */
function refusal(problem: Parameters<typeof problemMessage>[0], headers: Headers): DeleteAccountErrors {
  if (problem.errors?.some((e) => e.path === "password")) return { password: "That is not your current password" };
  // Too many wrong passwords, orders in progress, a store account: the API's own words say why and what to do.
  const own = accountBudgetMessage(problem, headers) ?? (problem.status === 403 || problem.status === 409 ? problem.detail : null);
  return { form: own ?? problemMessage(problem) };
}

/** The form's post, and the page after it; `render` draws the account page with the form's refusal. */
export function registerAccountDeletionPages(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  render: (c: Context<AppEnv>, errors: DeleteAccountErrors) => Response | Promise<Response>,
  signInFirst: (c: Context<AppEnv>) => Response,
): void {
  app.post("/account/delete", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const parsed = DeleteAccountForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return render(c, firstErrorPerField(parsed.error.issues, isDeleteField));
    }
    const res = await callApi(c, fetchApi, "/api/me/delete", { method: "POST", body: { password: parsed.data.password, confirm: true } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return render(c, refusal(res.problem, res.headers));
    }
    // The API cleared the session's cookies: the browser leaves signed out.
    relayCookies(c, res.headers);
    return c.redirect(ACCOUNT_DELETED_PATH, 303);
  });

  app.get(ACCOUNT_DELETED_PATH, (c) =>
    c.html(
      <Layout degraded={c.var.degraded} title="Your account was deleted">
        <section class="panel" data-account-deleted>
          <h1>Your account was deleted</h1>
          <p>
            Your personal details are erased and you are signed out on every device. A mail confirming it is on its way to the address the
            account had.
          </p>
          <p>Your orders and their tax invoices are kept, as tax law requires, without your name, phone number or street address.</p>
          <p>
            <a href="/">Keep shopping</a> · <a href="/signin">Register again</a>
          </p>
        </section>
      </Layout>,
    ),
  );
}
