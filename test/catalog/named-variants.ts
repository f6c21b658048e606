/**
 * What a generated product's model name promises about its variant, for the titles test: a
 * shopper reading "Sony WH-1000XM5 Wireless Headphones" must never see "In-Ear, Wired" after it.
 * Each rule is [leaf slug, what the model name says, dimension, what that dimension's value must
 * then be]; the model name is the title without its brand and its bracketed variant.
 */
export type NamedRule = [leaf: string, model: RegExp, dim: string, value: RegExp];

/** Over-ear headphones, as the real products are. */
const OVER_EAR = /WH-1000XM5|MDR-ZX110|Tune 760NC|Rockerz 450|QuietComfort Ultra|Crusher Evo|Momentum 4|Stereo Headphones/;
/** Headphones and earbuds that really have active noise cancelling, and those that do not. */
const WITH_ANC = /WH-1000XM5|WF-C700N|Tune 760NC|QuietComfort|AirPods Pro|Buds2 Pro|Vista 2|Momentum 4/;
const WITHOUT_ANC = /MDR-ZX110|Wave Beam|Rockerz 450|Airdopes 141|AirPods \(3rd|Crusher Evo|Dime 3|Stereo Headphones/;

export const NAMED_RULES: NamedRule[] = [
  ["headphones", /Wireless|Bluetooth|Buds|AirPods|Earbuds/, "connectivity", /^Bluetooth$/],
  ["headphones", /Wired/, "connectivity", /^Wired$/],
  ["headphones", /Earbuds|AirPods|Buds/, "type", /^(In-Ear|True Wireless)$/],
  ["headphones", OVER_EAR, "type", /^Over-Ear$/],
  ["headphones", WITH_ANC, "anc", /^Active Noise Cancelling$/],
  ["headphones", WITHOUT_ANC, "anc", /^No ANC$/],
  ["speakers", /Echo|Nest|Google Home/, "connectivity", /^Wi-Fi \+ Bluetooth$/],
  ["laptops", / M2$/, "processor", /^Apple M2$/],
  ["laptops", / M3( Max)?$/, "processor", /^Apple M3$/],
  ["tablets", /iPad mini/, "display", /^8\.3"$/],
  ["desktops-monitors", /FHD/, "resolution", /^Full HD$/],
  ["televisions", /4K|UHD|OLED|QLED/, "resolution", /^4K Ultra HD$/],
  ["televisions", /(?<!Ultra )\bHD\b/, "resolution", /^HD Ready$/],
  ["cameras", /PowerShot|Handycam|HERO|Instax|Osmo|Drone/, "kit", /^(Body Only|Kit)$/],
  ["streaming-devices", /Fire TV/, "remote", /^Alexa Voice Remote$/],
  ["streaming-devices", /^Chromecast \(/, "remote", /^Phone as Remote$/],
  ["camera-accessories", /Backpack/, "type", /^Bag$/],
  ["phone-accessories", /Screen Protector/, "colour", /^Clear$/],
  ["phone-accessories", /Charger|Adapter|Cable|Power Bank/, "colour", /^(?!Clear$)/],
  ["phone-accessories", /Adapter/, "type", /^Charger$/],
  ["printers", /Printer/, "connectivity", /^(Wi-Fi|USB)$/],
  ["printers", /Cartridge|Ink$|Ink Bottle|Toner/, "connectivity", /^N\/A$/],
  ["computer-accessories", /Mouse|Keyboard/, "connectivity", /^(Wireless|Bluetooth|Wired)$/],
  ["computer-accessories", /Router|Mesh/, "connectivity", /^Wi-Fi/],
  ["computer-accessories", /Backpack|Sleeve|Case/, "connectivity", /^N\/A$/],
  ["consoles-games", /Controller|Card|Figure| for /, "storage", /^N\/A$/],
  ["dishwashers", /^12 Place/, "settings", /^12 /],
  ["cooktops", /Induction/, "burners", /^[12] Burner$/],
  ["small-kitchen-appliances", /Toaster/, "capacity", / Slice$/],
  ["small-kitchen-appliances", /Oven/, "capacity", /^20 L$/],
  ["small-kitchen-appliances", /Mixer Grinder|Blender|Juicer|Kettle/, "capacity", /^1(\.5)? L$/],
  ["vacuum-cleaners", /Wet Dry/, "type", /^Wet & Dry$/],
  ["womens-clothing", /Saree|Dupatta/, "size", /^Free Size$/],
  ["womens-clothing", /Kurta|Jeans|Top|Nightsuit/, "size", /^X?[SML]$|^XL$/],
  ["bags-luggage", /Trolley/, "capacity", /^Check-in$/],
  ["bags-luggage", /Backpack/, "capacity", / L$/],
  ["furnishing", /Bulb|Batten|Lamp|Clock/, "size", /^Standard$/],
  ["furnishing", /Mattress/, "size", /^(Single|Double|Queen|King)$/],
  ["cookware", /Pressure Cooker|Kadai|Tawa|Fry Pan/, "material", /^(?!Glass$)/],
  ["cookware", /Tri-Ply|Thermosteel/, "material", /^Stainless Steel$/],
  ["cookware", /Opalware/, "material", /^Glass$/],
  ["staples", /Oil|Ghee/, "weight", / (ml|L)$/],
  ["staples", /^(?!.*(Oil|Ghee))/, "weight", / k?g$/],
  ["fitness", /Treadmill|Trainer|Smart Bike|Mat|Gloves|Bands|Cricket Kit/, "size", /^Free Size$/],
];

/** A value of one of the leaf's dimensions named in the model, as a phrase of its own ("Laptop Backpack 35 L"). */
export function namedValues(model: string, values: readonly string[]): string[] {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return values.filter((v) => new RegExp(`(^|[\\s(])${quote(v)}(?=[\\s),]|$)`).test(model));
}

/**
 * The screen size a model's name carries ("XPS 13", "ThinkPad E14", "UltraGear 27"), when the
 * dimension sells one of that many whole inches; `undefined` when it names none.
 */
export function namedInches(model: string, values: readonly string[]): number | undefined {
  if (!values.every((v) => /^\d+(\.\d+)?"$/.test(v))) return undefined;
  const wholes = new Set(values.map((v) => Math.trunc(Number.parseFloat(v))));
  for (const [, n] of model.matchAll(/\b[A-Z]?(\d{1,2})s?\b/g)) if (wholes.has(Number(n))) return Number(n);
  return undefined;
}
