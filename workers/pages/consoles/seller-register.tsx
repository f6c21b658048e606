import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import { RegisterSellerBody } from "../../sellers/profile-schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { personalPage } from "../cache";
import { CsrfField, Layout } from "../layout";
import {
  type BusinessErrors,
  BusinessFields,
  type BusinessValues,
  businessErrorsOf,
  businessErrorsOfProblem,
  businessValuesOf,
} from "./business-fields";
import { Flash } from "./guard";

const PATH = "/seller/register";

const EMPTY: BusinessValues = { business_name: "", city: "", gstin: "" };

function renderRegister(c: Context<AppEnv>, state: { values?: BusinessValues; errors?: BusinessErrors; error?: string } = {}) {
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Sell on Bazaar">
      <section class="account-page">
        <h1>Sell on Bazaar</h1>
        <p>
          Register your business to list products, stock them in our warehouses and ship to shoppers across India. Every sale is invoiced
          under your GSTIN, so have it at hand.
        </p>
        <Flash error={state.error} />
        <section class="panel" aria-labelledby="business-h">
          <h2 id="business-h">Your business</h2>
          <form method="post" action={PATH} class="stack" data-seller-register>
            <CsrfField token={c.var.csrfToken} />
            <BusinessFields values={state.values ?? EMPTY} errors={state.errors ?? {}} gstinRequired />
            <button type="submit" class="primary">
              Register as a seller
            </button>
          </form>
        </section>
      </section>
    </Layout>,
  );
}

/**
 * Who may not register: guests go to sign in and come back here; an account that already sells goes
 * to its console, which also ends a double-submitted form on the console rather than on a refusal.
 */
function redirectAway(c: Context<AppEnv>): Response | null {
  personalPage(c);
  const user = c.var.user;
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
  if (user.roles.includes("seller")) return c.redirect("/seller", 303);
  return null;
}

/** Registers "Sell on Bazaar": a signed-in shopper registers a business and lands on the seller console. */
export function registerSellerSignup(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(PATH, (c) => redirectAway(c) ?? renderRegister(c));

  app.post(PATH, async (c) => {
    const away = redirectAway(c);
    if (away) return away;
    const values = businessValuesOf(await c.req.parseBody());
    const parsed = RegisterSellerBody.safeParse(values);
    if (!parsed.success) {
      c.status(400);
      return renderRegister(c, { values, errors: businessErrorsOf(parsed.error.issues) });
    }
    const res = await callApi(c, fetchApi, "/api/seller/register", { method: "POST", body: parsed.data });
    if (!res.ok) {
      const errors = businessErrorsOfProblem(res.problem);
      // A 409 naming no field is an account that became a seller meanwhile (the first of two submits).
      if (res.problem.status === 409 && Object.keys(errors).length === 0) return c.redirect("/seller", 303);
      answerProblem(c, res.problem);
      return renderRegister(c, Object.keys(errors).length ? { values, errors } : { values, error: problemMessage(res.problem) });
    }
    return c.redirect("/seller?done=registered", 303);
  });
}
