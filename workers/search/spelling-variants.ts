/**
 * British and American spellings of the same thing. Listings are written the Indian way, which is
 * mostly the British one ("Aluminium", "Grey", "Adapter"), but not always ("Gray"), and shoppers
 * type whichever they learnt, on keyboards that suggest American spellings. Everyday words both
 * ways, so the corrector never touches them: without this, "aluminum pressure cooker" finds nothing
 * and "grey" misses the listing that says "Gray".
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["adapter", "adaptor"],
  ["aeroplane", "airplane"],
  ["aluminium", "aluminum"],
  ["armour", "armor"],
  ["catalogue", "catalog"],
  ["centre", "center"],
  ["colour", "color"],
  ["cosy", "cozy"],
  ["favourite", "favorite"],
  ["fibre", "fiber"],
  ["flavour", "flavor"],
  ["grey", "gray"],
  ["jewellery", "jewelry"],
  ["litre", "liter"],
  ["metre", "meter"],
  ["mould", "mold"],
  ["mum", "mom"],
  ["odour", "odor"],
  ["pyjama", "pajama"],
  ["theatre", "theater"],
  ["tyre", "tire"],
  ["woollen", "woolen"],
];

const OTHER = new Map<string, string>(PAIRS.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));

/**
 * Everyday shopping words as shoppers type them in Hindi, and the English the listings use. Only
 * this way round: an English query never turns into Hindi. Each is matched as well as the word
 * typed, so a listing that one day says "जूते" is found too.
 */
const HINDI = new Map<string, string>([
  ["जूते", "shoes"],
  ["जूता", "shoes"],
  ["चप्पल", "slippers"],
  ["सैंडल", "sandals"],
  ["मोबाइल", "mobile"],
  ["फोन", "phone"],
  ["फ़ोन", "phone"],
  ["लैपटॉप", "laptop"],
  ["टीवी", "tv"],
  ["घड़ी", "watch"],
  ["साड़ी", "saree"],
  ["कुर्ता", "kurta"],
  ["कुर्ती", "kurti"],
  ["शर्ट", "shirt"],
  ["जींस", "jeans"],
  ["बैग", "bag"],
  ["किताब", "book"],
  ["फ्रिज", "refrigerator"],
  ["पंखा", "fan"],
  ["कूलर", "cooler"],
  ["मिक्सर", "mixer"],
  ["कुकर", "cooker"],
  ["हेडफोन", "headphones"],
  ["ईयरफोन", "earphones"],
  ["चार्जर", "charger"],
  ["कैमरा", "camera"],
  ["खिलौने", "toys"],
  ["खिलौना", "toy"],
]);

/**
 * Everyday Indian English for what listings call by the trade's name: "fridge" for a
 * refrigerator, "mixie" for a mixer grinder. One way, as the Hindi words are.
 */
const EVERYDAY = new Map<string, string>([
  ["fridge", "refrigerator"],
  ["mixie", "mixer"],
  ["television", "tv"],
  // Phones are listed under Mobile Phones, by model, and rarely call themselves smartphones.
  ["smartphone", "mobile"],
  ["cellphone", "mobile"],
  ["sari", "saree"],
]);

// "-ise" and "-ize" (and "-yse"/"-yze") and the words made from them: sanitiser, organizer,
// moisturising, analyser. Three letters before the ending at least, so "size", "prize" and
// "noise" keep their one spelling; a swap that makes no indexed word only adds a term that
// matches nothing.
const ISE = /^(.{3,})([iy])([sz])(e|es|ed|er|ers|ing|ation|ations)$/;

/** The other spellings of a whole word (plural kept plural); empty when it has none. */
export function spellingVariants(word: string): string[] {
  const hindi = HINDI.get(word);
  if (hindi) return [hindi];
  const everyday = EVERYDAY.get(word) ?? (word.endsWith("s") ? EVERYDAY.get(word.slice(0, -1)) : undefined);
  if (everyday) return [everyday];
  const direct = OTHER.get(word);
  if (direct) return [direct];
  if (word.endsWith("s")) {
    const one = OTHER.get(word.slice(0, -1));
    if (one) return [`${one}s`];
  }
  const ise = ISE.exec(word);
  if (ise) return [`${ise[1]}${ise[2]}${ise[3] === "s" ? "z" : "s"}${ise[4]}`];
  return [];
}
