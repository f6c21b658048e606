import { z } from "zod";
import { STATE_NAMES } from "../delivery/pincode-state";
import { AddressState, Pincode } from "../delivery/schemas";
import { PhoneField } from "../orders/phone";
import { Field } from "./field-error";

/**
 * A delivery address as its forms take it, in the shopper's words: checkout's form and the
 * account's "Add an address" check it alike, so a mistake reads the same on both.
 */
export const AddressFormFields = {
  name: z.string().trim().min(1, "Enter the recipient's name").max(100),
  phone: PhoneField,
  line1: z.string().trim().min(1, "Enter the address").max(200),
  line2: z.string().trim().max(200).optional().default(""),
  city: z.string().trim().min(1, "Enter the city").max(100),
  state: AddressState("Enter the state"),
  pincode: Pincode,
};

/** The address fields' names, as the forms post them and the API names them. */
export type AddressFieldName = keyof typeof AddressFormFields;

/** What the shopper typed into each address field, kept when the form is shown again. */
export type AddressValues = Partial<Record<AddressFieldName, string>>;

export const isAddressField = (name: string): name is AddressFieldName => Object.hasOwn(AddressFormFields, name);

// The states are suggested, not a fixed list: a shopper may type an old name or a two-letter code.
const STATES_LIST = "address-states";

/** Each field's label, autocomplete token and keyboard, in the order the form asks for them. */
const FIELDS: { name: AddressFieldName; label: string; autocomplete: string; type?: string; inputmode?: "numeric"; list?: string }[] = [
  { name: "name", label: "Full name", autocomplete: "name" },
  // A numeric keypad: the 10 digits are all that is needed, though a +91 or 0 before them is read too.
  { name: "phone", label: "Mobile number", autocomplete: "tel-national", type: "tel", inputmode: "numeric" },
  { name: "line1", label: "Flat, house, street", autocomplete: "address-line1" },
  { name: "line2", label: "Area, landmark (optional)", autocomplete: "address-line2" },
  { name: "city", label: "City", autocomplete: "address-level2" },
  { name: "state", label: "State", autocomplete: "address-level1", list: STATES_LIST },
  { name: "pincode", label: "PIN code", autocomplete: "postal-code", inputmode: "numeric" },
];

/**
 * A delivery address's fields with their messages: checkout's form and the account's "Add an
 * address" ask for an address the same way, so the browser's autofill and the shopper's habits
 * carry from one to the other.
 */
export function AddressFields(props: { values: AddressValues; errors: Partial<Record<string, string>> }) {
  // The first field to fix takes the focus, so a phone scrolls to it and a screen reader reads its message.
  const firstWrong = FIELDS.find((f) => props.errors[f.name])?.name;
  return (
    <>
      {FIELDS.map((f) => (
        <Field
          name={f.name}
          label={f.label}
          value={props.values[f.name] ?? ""}
          error={props.errors[f.name]}
          type={f.type}
          autocomplete={f.autocomplete}
          inputmode={f.inputmode}
          required={f.name !== "line2"}
          list={f.list}
          autofocus={f.name === firstWrong}
        />
      ))}
      <datalist id={STATES_LIST}>
        {STATE_NAMES.map((name) => (
          <option value={name} />
        ))}
      </datalist>
    </>
  );
}
