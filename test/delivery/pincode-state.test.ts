import { describe, expect, it } from "vitest";
import { canonicalState, pincodeStateProblem, STATE_NAMES, stateProblem } from "../../workers/delivery/pincode-state";

describe("pincodeStateProblem", () => {
  it("agrees with the states each circle serves, however the state is typed", () => {
    expect(pincodeStateProblem("560001", "Karnataka")).toBeNull();
    expect(pincodeStateProblem("560001", "KA")).toBeNull();
    expect(pincodeStateProblem("560001", " karnataka ")).toBeNull();
    expect(pincodeStateProblem("110001", "NCT of Delhi")).toBeNull();
    expect(pincodeStateProblem("751001", "Orissa")).toBeNull();
    expect(pincodeStateProblem("605001", "Pondicherry")).toBeNull();
  });

  it("takes a state that shares another's circle", () => {
    expect(pincodeStateProblem("403001", "Goa")).toBeNull();
    expect(pincodeStateProblem("411014", "Maharashtra")).toBeNull();
    expect(pincodeStateProblem("248001", "Uttarakhand")).toBeNull();
    expect(pincodeStateProblem("160017", "Chandigarh")).toBeNull();
    expect(pincodeStateProblem("737101", "Sikkim")).toBeNull();
    expect(pincodeStateProblem("834001", "Jharkhand")).toBeNull();
    expect(pincodeStateProblem("500001", "Telangana")).toBeNull();
    expect(pincodeStateProblem("530001", "Andhra Pradesh")).toBeNull();
    expect(pincodeStateProblem("194101", "Ladakh")).toBeNull();
    expect(pincodeStateProblem("362520", "Dadra and Nagar Haveli and Daman and Diu")).toBeNull();
    expect(pincodeStateProblem("793001", "Meghalaya")).toBeNull();
  });

  it("names where the PIN code is when the state cannot be right", () => {
    expect(pincodeStateProblem("560001", "Maharashtra")).toBe(
      "560001 is a PIN code in Karnataka, not Maharashtra: check the PIN code or the state",
    );
    expect(pincodeStateProblem("403001", "Kerala")).toBe(
      "403001 is a PIN code in Maharashtra or Goa, not Kerala: check the PIN code or the state",
    );
    expect(pincodeStateProblem("800001", "TN")).toBe(
      "800001 is a PIN code in Bihar or Jharkhand, not Tamil Nadu: check the PIN code or the state",
    );
    // Andhra Pradesh by its old GST code's name reads as the state, not a code.
    expect(pincodeStateProblem("560001", "Andhra Pradesh")).toContain("not Andhra Pradesh");
  });

  it("leaves a state it does not know, and a circle no PIN code is in, to their own checks", () => {
    expect(pincodeStateProblem("560001", "Bangalore")).toBeNull();
    expect(pincodeStateProblem("550001", "Karnataka")).toBeNull();
  });
});

describe("stateProblem", () => {
  it("takes names, old names and two-letter codes, and asks for a state otherwise", () => {
    for (const typed of ["Tamil Nadu", "tamil nadu", "TN", "Orissa", "Jammu & Kashmir", "Dadra and Nagar Haveli and Daman and Diu"])
      expect(stateProblem(typed)).toBeNull();
    expect(stateProblem("Bengaluru")).toBe("Enter a state or union territory of India, e.g. Karnataka");
    expect(stateProblem("D")).not.toBeNull();
  });

  it("suggests every state and union territory once, each of which it takes", () => {
    expect(STATE_NAMES).toContain("Karnataka");
    expect(STATE_NAMES).toContain("Ladakh");
    expect(STATE_NAMES.filter((n) => n === "Andhra Pradesh")).toHaveLength(1);
    expect(STATE_NAMES).toHaveLength(36);
    for (const name of STATE_NAMES) expect(stateProblem(name)).toBeNull();
  });
});

describe("canonicalState", () => {
  it("names a state by its own name however it was typed", () => {
    expect(canonicalState("KA")).toBe("Karnataka");
    expect(canonicalState(" karnataka ")).toBe("Karnataka");
    expect(canonicalState("Orissa")).toBe("Odisha");
    expect(canonicalState("AP")).toBe("Andhra Pradesh");
    expect(canonicalState("Bengaluru")).toBeNull();
  });
});
