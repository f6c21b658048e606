import { NewPasswordField, PASSWORD_IS_EMAIL, passwordIsEmail } from "../accounts/password-rules";
import { AccountNameField } from "../accounts/account-name";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { pincodeInState } from "../delivery/schemas";
import { AddressFields, AddressFormFields, type AddressValues, isAddressField } from "./address-fields";
import { type ApiFetch, answerProblem, callApi, problemMessage, relayCookies } from "./api";
import { personalPage } from "./cache";
import { Field, NewPasswordFields, firstErrorPerField } from "./field-error";
import { CsrfField, Layout } from "./layout";
import { MAX_SAVED_ADDRESSES } from "../orders/saved-addresses";
import { loadSavedAddresses, type SavedAddress } from "./saved-addresses";
import { editAddressPath } from "./edit-address";
import { SignedInDevices, loadSignedInDevices, registerSignedInDevicePages } from "./signed-in-devices";
import { signInForAccountPage } from "./account-sign-in";
import { accountBudgetMessage } from "./account-budget";
import { type DeleteAccountErrors, DeleteAccountSection, registerAccountDeletionPages } from "./account-delete";
import { CurrentPasswordField } from "./current-password-field";
import { ChangeEmailSection, type EmailChangeState, registerEmailChangeForm } from "./email-change-form";

/** The change-password form; the new password is typed twice, as a typo here locks the shopper out. */
export const PasswordForm = z
  .object({
    current_password: z.string().min(1, "Enter your current password"),
    new_password: NewPasswordField,
    confirm_password: z.string(),
  })
  .refine((f) => f.confirm_password === f.new_password, { path: ["confirm_password"], message: "The two new passwords differ" })
  .refine((f) => f.new_password !== f.current_password, { path: ["new_password"], message: "Choose a password you have not used here" });

type PasswordField = "current_password" | "new_password" | "confirm_password";
type PasswordErrors = Partial<Record<PasswordField, string>>;
const isPasswordField = (name: string): name is PasswordField =>
  name === "current_password" || name === "new_password" || name === "confirm_password";

// Post, then redirect: a refresh never submits a form twice.
const DONE = {
  password: "Password changed. You are signed out on every other device.",
  reset: "Your new password is set and you are signed in. Every other device was signed out.",
  address_removed: "Address removed. Checkout no longer offers it.",
  address_added: "Address added. Checkout offers it first.",
  address_corrected: "Address corrected. Checkout offers it in place of the old one.",
  name: "Your name is saved.",
  device_signed_out: "Signed out on that device.",
  others_signed_out: "Signed out on every other device. You are still signed in here. Reset links we emailed you before no longer work.",
} as const;

/** The change-name form, checked as the API checks it so a mistake is said beside the field. */
const NameForm = z.object({
  name: AccountNameField,
});

/** The add-address form, checked as checkout's address is, so each mistake is said beside its field. */
const AddAddressForm = pincodeInState(z.object(AddressFormFields));

/**
 * An "Add an address" form shown again: what was typed, and what was wrong with it (a field's, or
 * the whole form's). `full` is the refusal at the cap on added addresses, said beside the list,
 * where the address to remove is chosen.
 */
interface AddAddressState {
  values: AddressValues;
  errors: Partial<Record<string, string>>;
  error?: string;
  full?: string;
}

/** The remove-address form: which saved address, by its id from the API (which checks it). */
const RemoveAddressForm = z.object({ address_id: z.string().min(1) });

/** What the API's field names mean on this form, in the shopper's words. */
const API_FIELD_MESSAGES: Record<string, string> = {
  current_password: "That is not your current password",
  new_password: "Choose another new password (at least 10 characters, not the current one)",
};

function signInFirst(c: Context<AppEnv>) {
  return signInForAccountPage(c, "/account");
}

function addressLine(a: SavedAddress): string {
  return [a.name, a.line1, a.line2, `${a.city}, ${a.state} ${a.pincode}`].filter(Boolean).join(", ");
}

/**
 * One saved address, its Correct link and its Remove button. Their hidden words name the whole address, as
 * it is shown, so a screen reader's list of buttons tells apart two that differ only in the second
 * line or the state.
 */
function SavedAddressItem(props: { address: SavedAddress; csrf: string | null }) {
  const a = props.address;
  return (
    <li>
      <span>{addressLine(a)}</span>
      <a href={editAddressPath(a.id)}>
        Correct
        <span class="visually-hidden"> {addressLine(a)}</span>
      </a>
      <form method="post" action="/account/addresses/remove">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="address_id" value={a.id} />
        <button type="submit" class="link">
          Remove
          <span class="visually-hidden"> {addressLine(a)} from your saved addresses</span>
        </button>
      </form>
    </li>
  );
}

async function renderAccount(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  state: {
    errors?: PasswordErrors;
    error?: string;
    name?: { value: string; error: string };
    address?: AddAddressState;
    deletion?: DeleteAccountErrors;
    emailChange?: EmailChangeState;
  } = {},
) {
  personalPage(c);
  const user = c.var.user;
  if (!user) return signInFirst(c);
  // Every address Remove can act on, not only checkout's few: at the cap on added addresses the
  // shopper has to see each one to choose which to remove.
  const [addresses, devices] = await Promise.all([loadSavedAddresses(c, fetchApi, undefined, "all"), loadSignedInDevices(c, fetchApi)]);
  const errors = state.errors ?? {};
  const done = c.req.query("done");
  const csrf = c.var.csrfToken;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={user} csrf={csrf} title="Your account">
      <section class="account-page">
        <h1>Your account</h1>
        {done && Object.hasOwn(DONE, done) && (
          <p class="panel ok" role="status">
            {DONE[done as keyof typeof DONE]}
          </p>
        )}
        {state.error && (
          <p class="panel error" role="alert">
            {state.error}
          </p>
        )}
        <dl class="account-facts">
          <div>
            <dt>Name</dt>
            <dd>
              {user.name}
              {/* Open when the name sent was refused, so its message is seen beside the field. */}
              <details class="change-name" open={Boolean(state.name)}>
                <summary>Change name</summary>
                <form method="post" action="/account/name" class="name-form" data-name-form>
                  <CsrfField token={csrf} />
                  <Field
                    label="Your name"
                    name="name"
                    value={state.name?.value ?? user.name}
                    autocomplete="name"
                    error={state.name?.error}
                  />
                  <button type="submit" class="primary">
                    Save name
                  </button>
                </form>
              </details>
            </dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
        <p>
          <a href="/orders">Your orders</a> · <a href="/wishlist">Your wishlist</a> · <a href="/account/updates">Updates</a> ·{" "}
          <a href="/account/notifications">Notification settings</a>
        </p>
        {user.roles.includes("seller") ? (
          <p data-seller-link>
            <a href="/seller">Seller console</a> · <a href="/seller/profile">Your business profile</a>
          </p>
        ) : (
          <p class="panel" data-seller-link>
            Have a business? <a href="/seller/register">Sell on Bazaar</a>: list your products for shoppers across India.
          </p>
        )}

        <section class="panel" aria-labelledby="addresses-h" data-account-addresses>
          <h2 id="addresses-h">Delivery addresses</h2>
          {addresses.length === 0 ? (
            <p class="muted">Addresses you order to or add here are kept and offered at checkout.</p>
          ) : (
            <>
              <ul class="saved-addresses">
                {addresses.map((a) => (
                  <SavedAddressItem address={a} csrf={csrf} />
                ))}
              </ul>
              <p class="muted">
                From your latest orders and the addresses you add, most recent first; checkout offers the {MAX_SAVED_ADDRESSES} most recent.
                Removing one does not change past orders.
              </p>
            </>
          )}
          {state.address?.full && (
            <p class="field-error" role="alert" data-addresses-full>
              {state.address.full}
            </p>
          )}
          {/* Open when the address sent was refused, so each message is seen beside its field with what was typed. */}
          <details class="add-address" open={Boolean(state.address)}>
            <summary>Add an address</summary>
            <form method="post" action="/account/addresses" class="add-address-form" data-add-address-form novalidate>
              <CsrfField token={csrf} />
              {state.address?.error && (
                <p class="field-error" role="alert">
                  {state.address.error}
                </p>
              )}
              <AddressFields values={state.address?.values ?? {}} errors={state.address?.errors ?? {}} />
              <button type="submit" class="primary">
                Save address
              </button>
            </form>
          </details>
        </section>

        <section class="panel" aria-labelledby="password-h">
          <h2 id="password-h">Change password</h2>
          <form method="post" action="/account/password" data-password-form>
            <CsrfField token={csrf} />
            <CurrentPasswordField email={user.email} name="current_password" error={errors.current_password} />
            <NewPasswordFields label="New password" name="new_password" error={errors.new_password} repeatError={errors.confirm_password} />
            <button type="submit" class="primary">
              Change password
            </button>
          </form>
          <p class="muted">Changing it signs you out on every other device.</p>
        </section>

        <ChangeEmailSection csrf={csrf} email={user.email} state={state.emailChange} />

        <SignedInDevices devices={devices} csrf={csrf} />

        <section class="panel" aria-labelledby="everywhere-h">
          <h2 id="everywhere-h">Sign out everywhere</h2>
          <p>Lost a phone, or signed in on a shared computer? End every session of your account, this one too.</p>
          <form method="post" action="/account/signout-everywhere" data-confirm="Sign out on every device, this one included?">
            <CsrfField token={csrf} />
            <button type="submit" class="danger">
              Sign out on every device
            </button>
          </form>
        </section>

        <DeleteAccountSection csrf={csrf} email={user.email} roles={user.roles} errors={state.deletion} />
      </section>
    </Layout>,
  );
}

/** Registers the shopper's account page: details (and changing the name), saved addresses (adding and removing one), password and email change, signing out everywhere and deleting the account. */
export function registerAccountPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/account", (c) => renderAccount(c, fetchApi));

  app.post("/account/password", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const parsed = PasswordForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderAccount(c, fetchApi, { errors: firstErrorPerField(parsed.error.issues, isPasswordField) });
    }
    // Checked here as the API checks it, so it is said beside the field in the form's own words.
    if (passwordIsEmail(parsed.data.new_password, c.var.user.email)) {
      c.status(400);
      return renderAccount(c, fetchApi, { errors: { new_password: PASSWORD_IS_EMAIL } });
    }
    const res = await callApi(c, fetchApi, "/api/me/password", {
      method: "POST",
      body: { current_password: parsed.data.current_password, new_password: parsed.data.new_password },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors: PasswordErrors = {};
      for (const e of res.problem.errors ?? []) {
        const message = API_FIELD_MESSAGES[e.path];
        if (message) errors[e.path as keyof PasswordErrors] ??= message;
      }
      // Too many wrong current passwords: the API's words say so, and when to try again.
      const error = accountBudgetMessage(res.problem, res.headers) ?? problemMessage(res.problem);
      return renderAccount(c, fetchApi, Object.keys(errors).length ? { errors } : { error });
    }
    return c.redirect("/account?done=password", 303);
  });

  app.post("/account/name", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const body = await c.req.parseBody();
    const typed = typeof body.name === "string" ? body.name : "";
    const parsed = NameForm.safeParse(body);
    if (!parsed.success) {
      c.status(400);
      return renderAccount(c, fetchApi, { name: { value: typed, error: parsed.error.issues[0]?.message ?? "Enter your name" } });
    }
    const res = await callApi(c, fetchApi, "/api/me", { method: "PATCH", body: { name: parsed.data.name } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderAccount(c, fetchApi, { name: { value: typed, error: problemMessage(res.problem) } });
    }
    return c.redirect("/account?done=name", 303);
  });

  app.post("/account/addresses", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const body = await c.req.parseBody();
    const values: AddressValues = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => isAddressField(e[0]) && typeof e[1] === "string"),
    );
    const parsed = AddAddressForm.safeParse(values);
    if (!parsed.success) {
      c.status(400);
      return renderAccount(c, fetchApi, { address: { values, errors: firstErrorPerField(parsed.error.issues, isAddressField) } });
    }
    const { line2, ...rest } = parsed.data;
    const res = await callApi(c, fetchApi, "/api/me/addresses", { method: "POST", body: { ...rest, ...(line2 ? { line2 } : {}) } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors = firstErrorPerField(
        (res.problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message })),
        isAddressField,
      );
      // The limit on added addresses is said under the list, where one is removed to make room; a
      // fault above the fields. Either way the fields keep what was typed.
      if (res.problem.status === 409) return renderAccount(c, fetchApi, { address: { values, errors, full: problemMessage(res.problem) } });
      const error = Object.keys(errors).length > 0 ? undefined : problemMessage(res.problem);
      return renderAccount(c, fetchApi, { address: { values, errors, ...(error ? { error } : {}) } });
    }
    return c.redirect("/account?done=address_added", 303);
  });

  app.post("/account/addresses/remove", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const parsed = RemoveAddressForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderAccount(c, fetchApi, { error: "That form did not name a saved address." });
    }
    const res = await callApi(c, fetchApi, `/api/me/addresses/${encodeURIComponent(parsed.data.address_id)}`, {
      method: "DELETE",
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      // Removed already (in another tab), or a form from before the list changed: the page shows the list as it is.
      const gone = res.problem.status === 400 || res.problem.status === 404;
      return renderAccount(c, fetchApi, {
        error: gone ? "That address is not among your saved addresses now." : problemMessage(res.problem),
      });
    }
    return c.redirect("/account?done=address_removed", 303);
  });

  registerSignedInDevicePages(app, fetchApi, (c, error) => renderAccount(c, fetchApi, { error }), signInFirst);

  registerEmailChangeForm(app, fetchApi, (c, emailChange) => renderAccount(c, fetchApi, { emailChange }), signInFirst);

  app.post("/account/signout-everywhere", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const res = await callApi(c, fetchApi, "/api/auth/logout-everywhere", { method: "POST", body: {} });
    relayCookies(c, res.headers);
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderAccount(c, fetchApi, { error: problemMessage(res.problem) });
    }
    return c.redirect("/signin?signed_out=everywhere", 303);
  });

  registerAccountDeletionPages(app, fetchApi, (c, deletion) => renderAccount(c, fetchApi, { deletion }), signInFirst);
}
