import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A mail `wrangler dev` printed as its `send_email` binding's stand-in: its headers and the file holding its text. */
export interface PrintedMail {
  from: string;
  to: string;
  subject: string;
  textFile: string;
}

// The printed lines carry colour codes whether or not the output is a terminal.
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const HEADER = "send_email binding called with MessageBuilder:";

/**
 * Every mail the server has printed to `log` so far, in order. Each is printed as one block: the
 * header line, `From:`, `To:` (and any `Cc:`/`Bcc:`), `Subject:`, a blank line, then a `Text: <file>` line.
 */
export function printedMails(log: string): PrintedMail[] {
  const lines = readFileSync(log, "utf8").replace(COLOUR, "").split(/\r?\n/);
  const mails: PrintedMail[] = [];
  lines.forEach((line, i) => {
    if (!line.includes(HEADER)) return;
    const block = lines.slice(i + 1, i + 10);
    const field = (name: string) =>
      block
        .find((l) => l.trimStart().startsWith(`${name}: `))
        ?.trimStart()
        .slice(name.length + 2)
        .trim() ?? "";
    const textFile = field("Text");
    if (textFile) mails.push({ from: field("From"), to: field("To"), subject: field("Subject"), textFile: path.resolve(ROOT, textFile) });
  });
  return mails;
}

/** The mails printed so far to the address `to`. */
export function mailsTo(log: string, to: string): PrintedMail[] {
  const address = to.toLowerCase();
  return printedMails(log).filter((m) => m.to.toLowerCase().includes(address));
}

/**
 * The text of the next mail to `to`: the first one after the `already` mails that address had,
 * waited for as a person waits for their inbox (the server prints a mail just after sending it).
 */
export async function nextMailText(
  log: string,
  to: string,
  already: number,
  timeout = 15_000,
): Promise<{ mail: PrintedMail; text: string }> {
  let mail: PrintedMail | undefined;
  await expect
    .poll(
      () => {
        mail = mailsTo(log, to)[already];
        return mail !== undefined;
      },
      { timeout, interval: 250, message: `a mail to ${to} in the server's output` },
    )
    .toBe(true);
  if (!mail) throw new Error(`no mail to ${to}`);
  return { mail, text: readFileSync(mail.textFile, "utf8") };
}
