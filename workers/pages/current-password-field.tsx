import { Field } from "./field-error";

/**
 * The account's current password on a form of the account page, with the account's address
 * beside it, hidden: a password manager then fills (or, on a change, updates) that account's
 * password and no other it keeps for the site.
 */
export function CurrentPasswordField(props: { email: string; name: string; error?: string | null; autofocus?: boolean }) {
  return (
    <>
      <input type="email" value={props.email} autocomplete="username" readonly hidden />
      <Field
        label="Current password"
        name={props.name}
        type="password"
        value=""
        autocomplete="current-password"
        error={props.error}
        autofocus={props.autofocus}
      />
    </>
  );
}
