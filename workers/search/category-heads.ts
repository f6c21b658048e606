import type { ResolvedToken } from "./spelling";
import type { Bindings } from "./statement-sql";
import { inflections } from "./text";

/**
 * How far a product whose own category the query names is lifted: above every text score, so
 * "dell laptop" shows Dell's laptops before Dell's laptop sleeves, but below an exact title.
 */
export const NAMED_CATEGORY_LIFT = 500.0;

/**
 * How far a product whose title is headed by the word the query is headed by is lifted: above
 * every text score, so "jeans" shows jeans before a jacket of the brand Pepe Jeans, but below a
 * named category's lift and an exact title.
 */
export const TITLE_HEAD_LIFT = 300.0;

/** At most this many forms of the head word are tested against titles, so the statement's bindings stay few. */
const TITLE_HEAD_FORMS = 3;

// Words that start a modifier: what comes after them says what the thing is for, not what it is.
const MODIFIER_STARTS = new Set(["for", "with", "under", "below", "above", "from", "in", "of", "to", "by", "without"]);

/**
 * The word a category's name uses for what shoppers call otherwise: in India a phone is a
 * "mobile" and a television a "tv", so "mobile" names "Mobile Phones" (whose head is "phones"),
 * and "sasta mobile" sorts the phones, not the covers and chargers, cheapest first. A computer is
 * a laptop, a desktop or a Chromebook: "computers" otherwise matched only the department's name,
 * which every printer ink in it shares, and the ink's short title ranked it first.
 */
const EVERYDAY_NAMES: Readonly<Record<string, readonly string[]>> = {
  mobile: ["phone"],
  mobiles: ["phones"],
  tv: ["television"],
  tvs: ["televisions"],
  computer: ["laptop", "desktop", "chromebook"],
  computers: ["laptops", "desktops", "chromebooks"],
};

/**
 * The word of a query that may name a category, in every inflection: "laptop" names "Laptops".
 * Only the query's head word counts, the last one before any "for", "with" or "under" and not a
 * size or model number: "laptop sleeve" asks for a sleeve, "dell laptop" and "laptop for
 * students" for a laptop, "phone under 20000" for a phone. Lifting the laptops for "laptop
 * sleeve" would put every laptop that mentions a sleeve above the sleeves themselves. A word
 * still being typed names nothing yet.
 */
export function categoryWords(tokens: ResolvedToken[]): string[] {
  const cut = tokens.findIndex((t) => MODIFIER_STARTS.has(t.text));
  const phrase = (cut < 0 ? tokens : tokens.slice(0, cut)).filter((t) => !/\d/.test(t.text));
  const head = phrase.at(-1);
  if (!head || head.partial) return [];
  const words = [head.text, ...head.corrections].flatMap((w) => [w, ...(EVERYDAY_NAMES[w] ?? [])]);
  return [...new Set(words.flatMap(inflections))];
}

/**
 * A score term lifting products whose own category the query names, given the bound JSON array
 * of `categoryWords`. A word names a category when it is the head of its name, the last word of
 * one of the parts joined by "," or "&": "phone" names "Mobile Phones" but not "Phone
 * Accessories", "camera" names "Cameras & Camcorders" but not "Camera Accessories". A laptop
 * carries "laptop" only in its category while its sleeve has it in the title, so without this the
 * accessory outranks the thing itself. The category list is small and read once per statement.
 *
 * A plain substring search (`instr`), not LIKE: D1 refuses LIKE patterns over 50 bytes, which a
 * long query word would make (an error, not a miss), and LIKE would read a `_` or `%` in the
 * word as a wildcard.
 */
export function namedCategoryLift(words: string): string {
  return `(CASE WHEN ${inNamedCategory(words)} THEN ${NAMED_CATEGORY_LIFT.toFixed(1)} ELSE 0.0 END)`;
}

/**
 * Whether a product aliased `p` is in a category the bound JSON array of `categoryWords` names:
 * see namedCategoryLift. A category of several kinds is named for one of them, so its products of
 * another kind are not named: "computers" names "Desktops & Monitors" for its desktops, and a title
 * saying it is a monitor, and nowhere what the query named, is not one; nor is a camcorder a
 * camera, nor ink a printer. Needs the WITH entry of `namedPartsSql` on the same words.
 */
export function inNamedCategory(words: string): string {
  // Most named categories have no other part: their products are told by one lookup in a list
  // built once, and only a category of several kinds has its products' titles read.
  return `(p.category_id IN (SELECT id FROM ${NAMED})
    AND (p.category_id NOT IN (SELECT category_id FROM ${OTHER_PARTS})
      OR NOT EXISTS (SELECT 1 FROM ${OTHER_PARTS} o WHERE o.category_id = p.category_id AND instr(' ' || p.title_lower, ' ' || o.stem) > 0)
      OR EXISTS (SELECT 1 FROM json_each(${words}) w WHERE instr(' ' || p.title_lower, ' ' || w.value) > 0)))`;
}

const NAMED = "m_named_categories";
const OTHER_PARTS = "m_other_parts";

/**
 * The WITH entries for inNamedCategory: `m_named_categories`, those the words name, read once
 * per statement from the small category list, and `m_other_parts` (category_id, stem), the parts
 * of each that the words do not name, each by the singular of its head word
 * ("monitor" of "Desktops & Monitors" for "computers"). A name is cut at every "," and "&" by a
 * recursive entry (SQLite needs no RECURSIVE keyword), over the few categories named.
 */
export function namedPartsSql(words: string): string {
  const head = "substr(part, length(rtrim(part, replace(part, ' ', ''))) + 1)";
  return `${NAMED} AS MATERIALIZED (
  SELECT DISTINCT c.id, ' ' || replace(lower(c.name), ',', ' &') || ' &' AS parts FROM categories c, json_each(${words}) w
    WHERE instr(' ' || replace(lower(c.name), ',', ' &') || ' &', ' ' || w.value || ' &') > 0
),
m_name_parts(category_id, rest, part) AS (
  SELECT id, parts, '' FROM ${NAMED}
  UNION ALL
  SELECT category_id, substr(rest, instr(rest, '&') + 1), trim(substr(rest, 1, instr(rest, '&') - 1)) FROM m_name_parts
    WHERE instr(rest, '&') > 0
),
${OTHER_PARTS} AS MATERIALIZED (
  SELECT category_id, CASE
      WHEN head LIKE '%ies' THEN substr(head, 1, length(head) - 3) || 'y'
      WHEN head LIKE '%sses' OR head LIKE '%ches' OR head LIKE '%shes' OR head LIKE '%xes' THEN substr(head, 1, length(head) - 2)
      WHEN head LIKE '%s' THEN substr(head, 1, length(head) - 1)
      ELSE head END AS stem
  FROM (SELECT category_id, ${head} AS head FROM m_name_parts WHERE part <> '')
  WHERE head NOT IN (SELECT value FROM json_each(${words}))
)`;
}

/**
 * A score term lifting products whose title's head is the query's head word (`categoryWords`):
 * the word just before the title's first "with" or "for", or, with neither, the word before its
 * bracketed variant or its last word. A marketplace titles a thing by what it is, so "Spykar
 * Men's Slim Fit Jeans (M, Navy)" is jeans and "Pepe Jeans Men's Puffer Jacket (M, Navy)" a
 * jacket; "Kurta with Churidar (M, Cream)" is a kurta and "Back Cover for iPhone 15" a cover.
 * Text scores alone rank the jacket first: its brand and title both carry the word. `headed` is
 * that test, from titleHeaded.
 */
export function titleHeadLift(headed: string): string {
  return `(CASE WHEN ${headed} THEN ${TITLE_HEAD_LIFT.toFixed(1)} ELSE 0.0 END)`;
}

/**
 * Whether the title of a product aliased `p` is headed by the query's head word (see
 * titleHeadLift), as 1 or 0; null when the query has no head word to test. Each form is bound as
 * whole patterns, so a row is tested with a few `instr` calls rather than a subquery.
 */
export function titleHeaded(words: string[], b: Bindings): string | null {
  const forms = words.slice(0, TITLE_HEAD_FORMS);
  if (forms.length === 0) return null;
  const has = (pattern: string) => `instr(p.title_lower, ${b.add(pattern)}) > 0`;
  const modified = forms.flatMap((w) => [has(` ${w} with `), has(` ${w} for `)]);
  const plain = forms.flatMap((w) => {
    const last = b.add(` ${w}`);
    return [has(` ${w} (`), `substr(p.title_lower, -length(${last})) = ${last}`];
  });
  return `(CASE WHEN instr(p.title_lower, ' with ') > 0 OR instr(p.title_lower, ' for ') > 0
    THEN (${modified.join(" OR ")})
    ELSE (${plain.join(" OR ")}) END)`;
}
