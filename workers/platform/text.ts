/**
 * `text` cut for a reader to at most `max` characters at the last word that fits, with an ellipsis
 * when anything was cut (a title in a subject line, a question in a button's name). A single word
 * longer than half of `max` is cut inside, never through a character's surrogate pair.
 */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const cut = text.slice(0, end);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,;:.(–-]+$/, "")}…`;
}
