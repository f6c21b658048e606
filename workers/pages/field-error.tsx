/**
 * How a form says what is wrong with a field: the message beside the control, and the control
 * marked invalid and pointing at the message, so a screen reader reads them together.
 */

const messageId = (field: string) => `${field}-err`;

/**
 * A refused form's failures, one message per field of the form (the first: fixing it may fix the
 * rest); failures of anything the form does not show are left out.
 */
export function firstErrorPerField<F extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  isField: (name: string) => name is F,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of issues) {
    const name = String(issue.path[0]);
    if (isField(name)) errors[name] ??= issue.message;
  }
  return errors;
}

/** Attributes for a control that is invalid, pointing at the message `FieldError` renders for `field`. */
export function invalidAttrs(field: string, invalid: boolean): { "aria-invalid"?: "true"; "aria-describedby"?: string } {
  return invalid ? { "aria-invalid": "true", "aria-describedby": messageId(field) } : {};
}

/** The message for `field`, or nothing while it is fine. */
export function FieldError(props: { field: string; message?: string | null }) {
  if (!props.message) return null;
  return (
    <span class="field-error" id={messageId(props.field)}>
      {props.message}
    </span>
  );
}

/** A labelled text input with its message: a form's ordinary field. */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  error?: string | null;
  type?: string;
  autocomplete?: string;
  /** Which keyboard a phone shows, for a field of digits that is not a number to count with. */
  inputmode?: "numeric" | "tel" | "decimal" | "email";
  min?: string;
  max?: string;
  step?: string;
  required?: boolean;
  /** The id of a hint shown beside the field, read out with it after the label. */
  hintId?: string;
  /** The id of a `<datalist>` of suggestions, which the browser offers as the shopper types. */
  list?: string;
  minlength?: number;
  /** Set on the first field of a refused form to fix, so the page opens on it. */
  autofocus?: boolean;
}) {
  const invalid = invalidAttrs(props.name, Boolean(props.error));
  const describedBy = [props.hintId, invalid["aria-describedby"]].filter(Boolean).join(" ");
  return (
    <label class="field">
      {props.label}
      <input
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        step={props.step}
        list={props.list}
        minlength={props.minlength}
        autofocus={props.autofocus}
        {...invalid}
        aria-describedby={describedBy || undefined}
        required={props.required ?? true}
      />
      <FieldError field={props.name} message={props.error} />
    </label>
  );
}

/**
 * A new password's field and its repeat, as every form that sets a password asks for them: never
 * pre-filled, each with its message, `confirm_password` the repeat's name.
 */
export function NewPasswordFields(props: { label: string; name: string; error?: string | undefined; repeatError?: string | undefined }) {
  return (
    <>
      <Field label={props.label} name={props.name} type="password" value="" autocomplete="new-password" error={props.error} />
      <Field
        label="New password again"
        name="confirm_password"
        type="password"
        value=""
        autocomplete="new-password"
        error={props.repeatError}
      />
    </>
  );
}
