import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { SellerProfile } from "../../sellers/profile-schemas";
import { UpdateSellerProfileBody } from "../../sellers/profile-schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { day } from "../format";
import { CsrfField, Layout } from "../layout";
import {
  type BusinessErrors,
  BusinessFields,
  type BusinessValues,
  businessErrorsOf,
  businessErrorsOfProblem,
  businessValuesOf,
} from "./business-fields";
import { GstinWarning } from "./gstin-warning";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

const PATH = "/seller/profile";

// Post, then redirect: a refresh after saving never submits the form twice.
const SAVED = "Business details saved. A new name or city reaches your product pages shortly.";

function invoicingWords(p: SellerProfile): string {
  if (p.can_invoice) return "Issued for every sale you ship";
  return p.invoice_blocker?.reason === "invalid_gstin" ? "Not issued: the GSTIN on file is not valid" : "Not issued: no GSTIN on file";
}

async function renderProfile(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  state: { values?: BusinessValues; errors?: BusinessErrors; error?: string; ok?: string } = {},
) {
  const [res, questions] = await Promise.all([callApi<SellerProfile>(c, fetchApi, "/api/seller/profile"), waitingQuestions(c, fetchApi)]);
  const profile = res.ok ? res.data : null;
  const values = state.values ?? {
    business_name: profile?.business_name ?? "",
    city: profile?.city ?? "",
    gstin: profile?.gstin ?? "",
  };
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Profile · Seller console">
      <h1>Your business</h1>
      <SellerNav current={PATH} questions={questions} />
      <Flash ok={state.ok} error={state.error ?? (res.ok ? undefined : problemMessage(res.problem))} />
      <GstinWarning profile={profile} linkToProfile={false} />
      {profile && (
        <dl class="account-facts" data-seller-profile>
          <div>
            <dt>Business name</dt>
            <dd>{profile.business_name}</dd>
          </div>
          <div>
            <dt>City</dt>
            <dd>{profile.city}</dd>
          </div>
          <div>
            <dt>GSTIN</dt>
            <dd data-gstin>{profile.gstin ?? "Not on file"}</dd>
          </div>
          {profile.gst_state && (
            <div>
              <dt>Registered in</dt>
              <dd>
                {profile.gst_state.name} ({profile.gst_state.code})
              </dd>
            </div>
          )}
          <div>
            <dt>Tax invoices</dt>
            <dd data-can-invoice={String(profile.can_invoice)}>{invoicingWords(profile)}</dd>
          </div>
          <div>
            <dt>Selling since</dt>
            <dd>{day(profile.created_at)}</dd>
          </div>
        </dl>
      )}
      {profile && (
        <section class="panel" id="business" aria-labelledby="edit-h">
          <h2 id="edit-h">Change your details</h2>
          <form method="post" action={PATH} class="stack" data-seller-profile-form>
            <CsrfField token={c.var.csrfToken} />
            <BusinessFields values={values} errors={state.errors ?? {}} gstinRequired={false} />
            <button type="submit" class="primary">
              Save
            </button>
          </form>
          <p class="muted">Invoices already issued keep the name and GSTIN they were issued under.</p>
        </section>
      )}
    </Layout>,
  );
}

/** Registers the seller console's Profile tab: the business's name, city and GSTIN, and whether its sales can be invoiced. */
export function registerSellerProfile(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(
    PATH,
    (c) => consoleGuard(c, "seller") ?? renderProfile(c, fetchApi, { ok: c.req.query("done") === "saved" ? SAVED : undefined }),
  );

  app.post(PATH, async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const values = businessValuesOf(await c.req.parseBody());
    // A GSTIN left empty is not sent: none can be taken off file, and a seller without one may still edit the rest.
    const { gstin, ...rest } = values;
    const parsed = UpdateSellerProfileBody.safeParse(gstin.trim() ? values : rest);
    if (!parsed.success) {
      c.status(400);
      return renderProfile(c, fetchApi, { values, errors: businessErrorsOf(parsed.error.issues) });
    }
    const res = await callApi(c, fetchApi, "/api/seller/profile", { method: "PATCH", body: parsed.data });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors = businessErrorsOfProblem(res.problem);
      return renderProfile(c, fetchApi, Object.keys(errors).length ? { values, errors } : { values, error: problemMessage(res.problem) });
    }
    return c.redirect(`${PATH}?done=saved`, 303);
  });
}
