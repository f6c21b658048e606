import type { Problem } from "../api";
import { Field, firstErrorPerField } from "../field-error";

/** The business details a seller types, as the form posted them. */
export interface BusinessValues {
  business_name: string;
  city: string;
  gstin: string;
}

export type BusinessErrors = Partial<Record<keyof BusinessValues, string>>;

const FIELDS = ["business_name", "city", "gstin"] as const;
const isBusinessField = (name: string): name is keyof BusinessValues => (FIELDS as readonly string[]).includes(name);

/** What was typed into the form, kept to draw it again; anything else posted (the CSRF token) is left out. */
export function businessValuesOf(body: Record<string, unknown>): BusinessValues {
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  return { business_name: text("business_name"), city: text("city"), gstin: text("gstin") };
}

/** The form's failures, one message per field, from the schema's issues. */
export function businessErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): BusinessErrors {
  return firstErrorPerField(issues, isBusinessField);
}

/** The fields an API refusal names, with its own words (a GSTIN taken by another seller, say). */
export function businessErrorsOfProblem(problem: Problem): BusinessErrors {
  return firstErrorPerField(
    (problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message })),
    isBusinessField,
  );
}

/** Business name, city and GSTIN, each with its message beside it and what was typed kept. */
export function BusinessFields(props: { values: BusinessValues; errors: BusinessErrors; gstinRequired: boolean }) {
  const { values, errors } = props;
  return (
    <>
      <Field
        label="Business name"
        name="business_name"
        value={values.business_name}
        autocomplete="organization"
        error={errors.business_name}
      />
      <Field label="City you ship from" name="city" value={values.city} autocomplete="address-level2" error={errors.city} />
      <Field label="GSTIN" name="gstin" value={values.gstin} error={errors.gstin} required={props.gstinRequired} hintId="gstin-hint" />
      <p class="field-hint" id="gstin-hint">
        The 15 characters on your GST registration certificate, like 27AAPFU0939F1ZV. Tax invoices for your sales are issued under it.
      </p>
    </>
  );
}
