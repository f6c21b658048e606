/**
 * A textarea's text with each line break as one "\n". Browsers count a line break as one character
 * against `maxlength` but post it as CRLF, so a note that fit its box would arrive too long.
 */
export function lfLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
