/**
 * What a generated product's model name promises about its variant, for the titles test: a
 * shopper reading "Sony WH-1000XM5 Wireless Headphones" must never see "In-Ear, Wired" after it,
 * nor a well-known phone in a colour or memory it was never sold in.
 * Each rule is [leaf slug, what the model name says, dimension, what that dimension's value must
 * then be]; the model name is the title without its brand and its bracketed variant.
 */
export type NamedRule = [leaf: string, model: RegExp, dim: string, value: RegExp];

/** Over-ear headphones, as the real products are. */
const OVER_EAR = /WH-1000XM5|MDR-ZX110|Tune 760NC|Rockerz 450|QuietComfort Ultra|Crusher Evo|Momentum 4|Stereo Headphones/;
/** Headphones and earbuds that really have active noise cancelling, and those that do not. */
const WITH_ANC = /WH-1000XM5|WF-C700N|Tune 760NC|QuietComfort|AirPods Pro|Buds2 Pro|Vista 2|Momentum 4/;
const WITHOUT_ANC = /MDR-ZX110|Wave Beam|Rockerz 450|Airdopes 141|AirPods \(3rd|Crusher Evo|Dime 3|Stereo Headphones/;

/**
 * What well-known phones, tablets and MacBooks were sold in, as public specifications list them:
 * a shopper must never see "Apple iPhone 15 (Midnight Blue, 128GB, 8GB RAM)" (an iPhone 15 has
 * 6GB and none is Midnight Blue) nor a 32GB iPad Pro.
 */
const SOLD_IN: NamedRule[] = [
  ["mobiles", /^iPhone 15$/, "colour", /^(Black|Blue|Green|Yellow|Pink)$/],
  ["mobiles", /^iPhone 15$/, "ram", /^6GB RAM$/],
  ["mobiles", /^iPhone 15$/, "storage", /^(128|256|512)GB$/],
  ["mobiles", /^iPhone 15 Pro$/, "colour", /^(Black|White|Blue|Natural) Titanium$/],
  ["mobiles", /^iPhone 15 Pro$/, "ram", /^8GB RAM$/],
  ["mobiles", /^iPhone 14$/, "colour", /^(Midnight|Starlight|Blue|Purple|Yellow|Red)$/],
  ["mobiles", /^iPhone 14$/, "ram", /^6GB RAM$/],
  ["mobiles", /^iPhone (13|12|SE)$/, "ram", /^4GB RAM$/],
  ["mobiles", /^iPhone (12|SE)$/, "storage", /^(64|128|256)GB$/],
  ["mobiles", /^iPhone/, "network", /^5G$/],
  ["mobiles", /^Galaxy S24$/, "colour", /^(Onyx Black|Marble Grey|Cobalt Violet|Amber Yellow)$/],
  ["mobiles", /^Galaxy S24$/, "ram", /^8GB RAM$/],
  ["mobiles", /^Galaxy M34 5G$/, "storage", /^128GB$/],
  ["mobiles", /^Galaxy M34 5G$/, "ram", /^(6|8)GB RAM$/],
  ["mobiles", /^Galaxy M34 5G$/, "colour", /^(Midnight Blue|Prism Silver|Waterfall Blue)$/],
  ["mobiles", /^Galaxy Z Flip5$/, "storage", /^(256|512)GB$/],
  ["mobiles", /^Galaxy S7$/, "network", /^4G LTE$/],
  ["mobiles", /^Pixel/, "ram", /^8GB RAM$/],
  ["mobiles", /^Pixel/, "colour", /^(Obsidian|Hazel|Rose|Porcelain|Bay|Aloe|Snow|Lemongrass)$/],
  ["mobiles", /^Redmi 13C$/, "network", /^4G LTE$/],
  ["mobiles", /^Phone \(2a?\)$/, "colour", /^(Black|White|Dark Grey)$/],
  ["tablets", /^iPad Pro/, "storage", /^(128|256|512)GB$/],
  ["tablets", /^iPad/, "colour", /^(Space Grey|Silver|Starlight|Blue|Pink|Purple|Yellow)$/],
  ["tablets", /^Fire/, "connectivity", /^Wi-Fi$/],
  ["tablets", /^Fire 7/, "storage", /^(16|32)GB$/],
  ["laptops", /^MacBook (Air 13 M2|Pro 13)$/, "processor", /^Apple M2$/],
  ["laptops", /^MacBook (Air|Pro 1[34])/, "ram", /^(8|16|24)GB RAM$/],
  ["laptops", /M3 Max$/, "ram", /^(36|48)GB RAM$/],
  ["laptops", /^MacBook/, "colour", /^(Midnight|Starlight|Space Grey|Space Black|Silver)$/],
];

/**
 * Memory a phone was sold in, as "RAM/storage" in GB, where its RAM goes with its storage: a
 * shopper must never see a 12GB/128GB Galaxy A55 (12GB came only with 256GB).
 */
export const SOLD_AS_PAIRS: [model: RegExp, pairs: string[]][] = [
  [/^Galaxy A55 5G$/, ["8/128", "8/256", "12/256"]],
  [/^12$/, ["12/256", "16/512"]],
  [/^Nord 3 5G$/, ["8/128", "16/256"]],
  [/^Redmi Note 13 Pro$/, ["8/128", "8/256", "12/256", "12/512"]],
  [/^Redmi 13C$/, ["4/128", "6/128", "8/256"]],
  [/^12 Pro\+$/, ["8/128", "8/256", "12/256"]],
  [/^V30$/, ["8/128", "8/256", "12/256"]],
  [/^Edge 50 Fusion$/, ["8/128", "12/256"]],
  [/^Phone \(2a\)$/, ["8/128", "8/256", "12/256"]],
  [/^Phone \(2\)$/, ["8/128", "12/256", "12/512"]],
];

export const NAMED_RULES: NamedRule[] = [
  ...SOLD_IN,
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
  // One panel a model line: the one it names, else LED; and the sizes each kind of set is sold in.
  ["televisions", /OLED/, "panel", /^OLED$/],
  ["televisions", /QLED/, "panel", /^QLED$/],
  ["televisions", /^(?!.*[OQ]LED)/, "panel", /^LED$/],
  ["televisions", /OLED/, "size", /^(55|65)"$/],
  ["televisions", /4K|UHD|QLED/, "size", /^(43|50|55|65|75)"$/],
  ["televisions", /(?<!Ultra )\bHD\b/, "size", /^(32|43)"$/],
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
