/** The delivery address the tests' shopper types at checkout, in the form's field names. */
export const ASHA_ADDRESS = {
  name: "Asha Rao",
  phone: "9876543210",
  line1: "12 MG Road",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560001",
};
