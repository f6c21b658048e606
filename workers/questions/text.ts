import { z } from "@hono/zod-openapi";

/**
 * Text as a shopper or seller typed it, made plain: Windows line ends become one, runs of spaces and
 * tabs one space, more than one blank line one, and each line and the whole trimmed. What is stored
 * is what is shown, so "Is the charger   in the box?" and a pasted answer read alike on every page.
 */
export function normaliseText(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A text field of `min` to `max` characters after `normaliseText`, counted by code point as a person
 * counts them (and as JSON Schema does), so Devanagari or an emoji gets the same room as ASCII.
 */
export function plainText(min: number, max: number, example: string) {
  return z
    .string()
    .transform(normaliseText)
    .refine((s) => [...s].length >= min, { message: `Must be at least ${min} characters` })
    .refine((s) => [...s].length <= max, { message: `Must be at most ${max} characters` })
    .openapi({ type: "string", minLength: min, maxLength: max, example });
}
