import { describe, expect, it } from "vitest";
import { onePerField } from "../../workers/platform/router";

describe("onePerField", () => {
  it("tells each field once, in the schema's own words over zod's", () => {
    expect(
      onePerField([
        { path: "name", message: "Too small: expected string to have >=1 characters" },
        { path: "qty", message: "Too big: expected number to be <=10" },
        { path: "name", message: "Name the courier." },
        { path: "qty", message: "Invalid input: expected int, received number" },
      ]),
    ).toEqual([
      { path: "name", message: "Name the courier." },
      { path: "qty", message: "Too big: expected number to be <=10" },
    ]);
  });

  it("keeps the first of two messages in a schema's words, and every field", () => {
    expect(
      onePerField([
        { path: "a", message: "Enter a 6-digit PIN code" },
        { path: "a", message: "Name the courier." },
        { path: "b", message: "Not a field this request takes" },
      ]),
    ).toEqual([
      { path: "a", message: "Enter a 6-digit PIN code" },
      { path: "b", message: "Not a field this request takes" },
    ]);
  });
});
