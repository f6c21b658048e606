import { z } from "@hono/zod-openapi";

// A line break of any kind (CR, LF, vertical tab, form feed, NEL, the Unicode separators) with the
// spaces and tabs around it, or a tab alone.
const BREAKS = /[ \t]*[\n\v\f\r\u0085\u2028\u2029][\s]*|\t/g;

/**
 * Text that is one line wherever it goes: a name, an address line, a business's name. Each line
 * break (with the spaces around it) and each tab becomes one space, the ends are trimmed, in NFC.
 * Such text is written into other people's mails, labels and invoices as stored, where a line
 * break would let it add lines of its own (a seller's name followed by a notice that reads as the
 * store's). Spaces within a line are kept as typed.
 */
export function oneLineText(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .overwrite((s) => s.normalize("NFC").replace(BREAKS, " "))
    .trim();
}
