import type { Context, Hono } from "hono";
import { z } from "zod";
import { pincodeInState } from "../delivery/schemas";
import type { AppEnv } from "../platform/context";
import { AddressFields, AddressFormFields, type AddressValues, isAddressField } from "./address-fields";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { signInForAccountPage } from "./account-sign-in";
import { personalPage } from "./cache";
import { firstErrorPerField } from "./field-error";
import { CsrfField, Layout } from "./layout";
import { addressFields, loadSavedAddresses } from "./saved-addresses";

/** The correction form, checked as "Add an address" and checkout check an address. */
const EditAddressForm = pincodeInState(z.object(AddressFormFields));

/** Where a saved address is corrected. */
export const editAddressPath = (id: string) => `/account/addresses/${encodeURIComponent(id)}/edit`;

const GONE = "That address is not among your saved addresses now: it may have been removed or corrected in another tab.";

/** A correction shown again after a refusal: what was typed, and what was wrong with it. */
interface EditState {
  values: AddressValues;
  errors: Partial<Record<string, string>>;
  error?: string;
}

/**
 * The correction page: the saved address's fields as the account's form asks for them, filled in.
 * An address no longer in the list (removed or corrected elsewhere) is a 404 saying so.
 */
async function renderEdit(c: Context<AppEnv>, fetchApi: ApiFetch, id: string, state?: EditState) {
  personalPage(c);
  const address = (await loadSavedAddresses(c, fetchApi, undefined, "all")).find((a) => a.id === id);
  if (!address) {
    c.status(404);
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Correct an address">
        <h1>Correct an address</h1>
        <p class="panel error" role="alert">
          {GONE} <a href="/account">Back to your account</a>.
        </p>
      </Layout>,
    );
  }
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Correct an address">
      <h1>Correct an address</h1>
      <p class="muted">Checkout offers the corrected address in its place. Orders already placed keep the address they were sent to.</p>
      <form method="post" action={editAddressPath(id)} class="stack" data-edit-address-form novalidate>
        <CsrfField token={c.var.csrfToken} />
        {state?.error && (
          <p class="field-error" role="alert">
            {state.error}
          </p>
        )}
        <AddressFields values={state?.values ?? addressFields(address)} errors={state?.errors ?? {}} />
        <p>
          <button type="submit" class="primary">
            Save the correction
          </button>{" "}
          <a href="/account">Cancel</a>
        </p>
      </form>
    </Layout>,
  );
}

/** Registers correcting a saved address from the account page (PUT /api/me/addresses/{id} underneath). */
export function registerEditAddressPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/account/addresses/:id/edit", async (c) => {
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent(editAddressPath(c.req.param("id")))}`, 303);
    return renderEdit(c, fetchApi, c.req.param("id"));
  });

  app.post("/account/addresses/:id/edit", async (c) => {
    if (!c.var.user) return signInForAccountPage(c, "/account");
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const values: AddressValues = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => isAddressField(e[0]) && typeof e[1] === "string"),
    );
    const parsed = EditAddressForm.safeParse(values);
    if (!parsed.success) {
      c.status(400);
      return renderEdit(c, fetchApi, id, { values, errors: firstErrorPerField(parsed.error.issues, isAddressField) });
    }
    const { line2, ...rest } = parsed.data;
    const res = await callApi(c, fetchApi, `/api/me/addresses/${encodeURIComponent(id)}`, {
      method: "PUT",
      body: { ...rest, ...(line2 ? { line2 } : {}) },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors = firstErrorPerField(
        (res.problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message })),
        isAddressField,
      );
      // Gone meanwhile: the page says so in place of a form for an address that is not there.
      if (res.problem.status === 404) return renderEdit(c, fetchApi, id);
      const error = Object.keys(errors).length > 0 ? undefined : problemMessage(res.problem);
      return renderEdit(c, fetchApi, id, { values, errors, ...(error ? { error } : {}) });
    }
    return c.redirect("/account?done=address_corrected", 303);
  });
}
