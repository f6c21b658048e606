/** Phone, tablet, wearable and computer leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A laptop's processor and OS follow its maker: a MacBook priced as an M3 must not be titled "Intel Core i7".
// A MacBook comes in the memory, storage and colours Apple sold it in (an M2 never had 32GB, an
// M3 Max never 8GB); a budget Windows laptop tops out at 16GB and 512GB.
const mac = (ram, storage, colours) => ({ os: ["macOS"], ram, storage, colour: colours });
const MAC_AIR = mac(
  ["8GB RAM", "16GB RAM", "24GB RAM"],
  ["256GB SSD", "512GB SSD", "1TB SSD", "2TB SSD"],
  ["Midnight", "Starlight", "Space Grey", "Silver"],
);
const MAC_PRO = mac(["8GB RAM", "16GB RAM", "24GB RAM"], ["512GB SSD", "1TB SSD", "2TB SSD"], ["Space Grey", "Silver"]);
const MAC_PRO_MAX = mac(["36GB RAM", "48GB RAM"], ["1TB SSD", "2TB SSD"], ["Space Black", "Silver"]);
const WINDOWS_PC = {
  processor: ["Intel Core i5", "Intel Core i7", "AMD Ryzen 5", "AMD Ryzen 7"],
  ram: ["8GB RAM", "16GB RAM", "32GB RAM"],
  storage: ["256GB SSD", "512GB SSD", "1TB SSD"],
  os: ["Windows 11 Home"],
  display: ['13.3"', '14"', '15.6"', '16"'],
  colour: ["Black", "Midnight Blue", "Silver", "White", "Graphite", "Green", "Gold"],
};
const BUDGET_PC = { ...WINDOWS_PC, ram: ["8GB RAM", "16GB RAM"], storage: ["256GB SSD", "512GB SSD"] };
// A chip or a screen size in a model's name is the one it has: a "MacBook Air 13 M2" is an M2 with a 13.3" screen.
const M2 = { processor: ["Apple M2"] };
const M3 = { processor: ["Apple M3"] };
const screen = (size) => ({ display: [size] });
const INTEL = ["Intel Core i5", "Intel Core i7"];
// A phone comes in the colours, storage and RAM it was sold in, and with its own screen: no
// "iPhone 15 (Midnight Blue, 8GB RAM)". Every phone here is a 5G phone, as one named "5G" must be,
// but the Galaxy S7 and the Redmi 13C. A screen size this leaf lacks (the SE's 4.7") is left free.
// One sold in more than one memory comes in the pairs it was sold in, "RAM/storage" in GB: a
// Galaxy A55 is 8/128, 8/256 or 12/256, never 12/128.
const soldAs = (pair) => {
  const [ram, storage] = pair.split("/");
  return { ram: `${ram}GB RAM`, storage: `${storage}GB` };
};
const phone = (colours, storage, ramGB, display, sold) => ({
  colour: colours,
  storage,
  ram: ramGB.map((gb) => `${gb}GB RAM`),
  network: ["5G"],
  ...(display ? { display: [display] } : {}),
  ...(sold ? { configs: sold.map(soldAs) } : {}),
});
const TITANIUM = ["Black Titanium", "White Titanium", "Blue Titanium", "Natural Titanium"];
// A tablet comes in the storage, connections and colours it was sold in: no 32GB iPad Pro, no
// Fire tablet with a SIM. A screen size in its name is the one it has.
const tablet = (storage, connectivity, colours, display) => ({ storage, connectivity, colour: colours, display: [display] });
const TABLET_COLOURS = [
  "Black",
  "Silver",
  "Space Grey",
  "Starlight",
  "Blue",
  "Pink",
  "Purple",
  "Yellow",
  "Graphite",
  "Beige",
  "Navy",
  "Denim",
  "Rose",
  "Lilac",
  "Olive",
  "Storm Grey",
  "Graphite Grey",
  "Mist Blue",
];
const WIFI = ["Wi-Fi"];
const CELLULAR = ["Wi-Fi", "Wi-Fi + Cellular"];
// A phone or tablet runs what its maker ships it with, the same for every variant: Apple's own
// systems, Fire OS on Amazon's tablets, Android on every other.
const systemOf = (brand, model) => {
  if (brand === "Apple") return model.startsWith("iPad") ? "iPadOS" : "iOS";
  return brand === "Amazon" ? "Fire OS" : "Android";
};
const withSystem = (lines) =>
  lines.map(([brand, model, lo, hi, only, ...rest]) => [brand, model, lo, hi, { ...only, fixed: { os: systemOf(brand, model) } }, ...rest]);
// A printer prints one way and a cartridge, bottle or toner is a refill, as the name says.
const kind = (type) => ({ type: [type], connectivity: ["Wi-Fi", "USB"] });
const refill = (type) => ({ type: [type], connectivity: ["N/A"] });

// Phones as sold in India: [brand, model, lo, hi, the variants it came in].
const MOBILES = withSystem([
  ["Apple", "iPhone 15", 69900, 109900, phone(["Black", "Blue", "Green", "Yellow", "Pink"], ["128GB", "256GB", "512GB"], [6], '6.1"')],
  ["Apple", "iPhone 15 Pro", 127900, 199900, phone(TITANIUM, ["128GB", "256GB", "512GB", "1TB"], [8], '6.1"')],
  [
    "Apple",
    "iPhone 14",
    58900,
    89900,
    phone(["Midnight", "Starlight", "Blue", "Purple", "Yellow", "Red"], ["128GB", "256GB", "512GB"], [6], '6.1"'),
  ],
  [
    "Apple",
    "iPhone 13",
    49900,
    79900,
    phone(["Midnight", "Starlight", "Blue", "Pink", "Green", "Red"], ["128GB", "256GB", "512GB"], [4], '6.1"'),
  ],
  ["Apple", "iPhone SE", 39900, 58900, phone(["Midnight", "Starlight", "Red"], ["64GB", "128GB", "256GB"], [4])],
  [
    "Apple",
    "iPhone 12",
    39900,
    59900,
    phone(["Black", "White", "Blue", "Green", "Purple", "Red"], ["64GB", "128GB", "256GB"], [4], '6.1"'),
  ],
  [
    "Samsung",
    "Galaxy S24",
    64999,
    89999,
    phone(["Onyx Black", "Marble Grey", "Cobalt Violet", "Amber Yellow"], ["128GB", "256GB", "512GB"], [8], '6.2"'),
  ],
  ["Samsung", "Galaxy S23 FE", 34999, 44999, phone(["Mint", "Cream", "Graphite", "Purple"], ["128GB", "256GB"], [8], '6.4"')],
  [
    "Samsung",
    "Galaxy A55 5G",
    35999,
    45999,
    phone(["Iceblue", "Lilac", "Navy"], ["128GB", "256GB"], [8, 12], '6.6"', ["8/128", "8/256", "12/256"]),
  ],
  ["Samsung", "Galaxy M34 5G", 15999, 18999, phone(["Midnight Blue", "Prism Silver", "Waterfall Blue"], ["128GB"], [6, 8], '6.5"')],
  ["Samsung", "Galaxy Z Flip5", 94999, 109999, phone(["Mint", "Graphite", "Cream", "Lavender"], ["256GB", "512GB"], [8], '6.7"')],
  ["Samsung", "Galaxy S7", 8999, 11999, { ...phone(["Black", "Gold", "Silver", "White"], ["32GB"], [4], '5.1"'), network: ["4G LTE"] }],
  ["OnePlus", "12", 59999, 79999, phone(["Flowy Emerald", "Silky Black"], ["256GB", "512GB"], [12, 16], '6.8"', ["12/256", "16/512"])],
  ["OnePlus", "Nord CE 4", 22999, 26999, phone(["Celadon Marble", "Dark Chrome"], ["128GB", "256GB"], [8], '6.7"')],
  ["OnePlus", "Nord 3 5G", 27999, 37999, phone(["Tempest Gray", "Misty Green"], ["128GB", "256GB"], [8, 16], '6.7"', ["8/128", "16/256"])],
  [
    "Xiaomi",
    "Redmi Note 13 Pro",
    22999,
    32999,
    phone(["Midnight Black", "Coral Purple", "Arctic White"], ["128GB", "256GB", "512GB"], [8, 12], '6.7"', [
      "8/128",
      "8/256",
      "12/256",
      "12/512",
    ]),
  ],
  [
    "Xiaomi",
    "Redmi 13C",
    7999,
    12999,
    {
      ...phone(["Starshine Green", "Starfrost White", "Stardust Black"], ["128GB", "256GB"], [4, 6, 8], '6.7"', [
        "4/128",
        "6/128",
        "8/256",
      ]),
      network: ["4G LTE"],
    },
  ],
  ["Xiaomi", "14", 69999, 74999, phone(["Black", "White", "Jade Green"], ["512GB"], [12], '6.4"')],
  [
    "Realme",
    "12 Pro+",
    29999,
    37999,
    phone(["Submarine Blue", "Navigator Beige", "Explorer Red"], ["128GB", "256GB"], [8, 12], '6.7"', ["8/128", "8/256", "12/256"]),
  ],
  ["Realme", "Narzo 70", 14999, 17999, phone(["Ice Blue", "Forest Green"], ["128GB"], [4, 6], '6.7"')],
  [
    "Vivo",
    "V30",
    33999,
    41999,
    phone(["Andaman Blue", "Peacock Green", "Classic Black"], ["128GB", "256GB"], [8, 12], '6.8"', ["8/128", "8/256", "12/256"]),
  ],
  ["Vivo", "T3 5G", 19999, 21999, phone(["Cosmic Blue", "Crystal Flake"], ["128GB", "256GB"], [8], '6.7"')],
  ["Google", "Pixel 8", 75999, 82999, phone(["Obsidian", "Hazel", "Rose"], ["128GB", "256GB"], [8], '6.2"')],
  ["Google", "Pixel 8a", 52999, 59999, phone(["Obsidian", "Porcelain", "Bay", "Aloe"], ["128GB", "256GB"], [8], '6.1"')],
  ["Google", "Pixel 7", 44999, 54999, phone(["Obsidian", "Snow", "Lemongrass"], ["128GB", "256GB"], [8], '6.3"')],
  [
    "Motorola",
    "Edge 50 Fusion",
    21999,
    27999,
    phone(["Forest Blue", "Hot Pink", "Marshmallow Blue"], ["128GB", "256GB"], [8, 12], '6.7"', ["8/128", "12/256"]),
  ],
  ["Motorola", "Moto G84", 17999, 19999, phone(["Midnight Blue", "Marshmallow Blue", "Viva Magenta"], ["256GB"], [12], '6.5"')],
  ["Nothing", "Phone (2a)", 22999, 29999, phone(["Black", "White"], ["128GB", "256GB"], [8, 12], '6.7"', ["8/128", "8/256", "12/256"])],
  [
    "Nothing",
    "Phone (2)",
    36999,
    49999,
    phone(["Dark Grey", "White"], ["128GB", "256GB", "512GB"], [8, 12], '6.7"', ["8/128", "12/256", "12/512"]),
  ],
]);
/** Every colour a phone above comes in, for the leaf's colour dimension. */
const PHONE_COLOURS = [...new Set(MOBILES.flatMap((line) => line[4].colour))];

export const DEVICES_LEAVES = [
  {
    slug: "mobiles",
    name: "Mobile Phones",
    parent: "mobiles-tablets",
    price: [7999, 159900],
    titleDims: 3,
    lines: MOBILES,
    dims: {
      colour: PHONE_COLOURS,
      storage: ["32GB", "64GB", "128GB", "256GB", "512GB", "1TB"],
      ram: ["4GB RAM", "6GB RAM", "8GB RAM", "12GB RAM", "16GB RAM"],
      network: ["5G", "4G LTE"],
      display: ['5.1"', '6.1"', '6.2"', '6.3"', '6.4"', '6.5"', '6.6"', '6.7"', '6.8"'],
      unlocked: ["Unlocked"],
    },
    priceBy: { storage: [0.9, 1, 1.12, 1.28, 1.5, 1.75], ram: [1, 1.1, 1.2, 1.32, 1.45] },
  },
  {
    slug: "tablets",
    name: "Tablets",
    parent: "mobiles-tablets",
    price: [6999, 119900],
    titleDims: 2,
    lines: withSystem([
      ["Apple", "iPad (10th Gen)", 31900, 62900, tablet(["64GB", "256GB"], CELLULAR, ["Blue", "Pink", "Yellow", "Silver"], '10.9"')],
      [
        "Apple",
        "iPad Air",
        49900,
        94900,
        tablet(["64GB", "256GB"], CELLULAR, ["Space Grey", "Starlight", "Pink", "Purple", "Blue"], '10.9"'),
      ],
      ["Apple", "iPad mini", 42900, 79900, tablet(["64GB", "256GB"], CELLULAR, ["Space Grey", "Pink", "Purple", "Starlight"], '8.3"')],
      ["Apple", "iPad Pro 11", 79900, 149900, tablet(["128GB", "256GB", "512GB"], CELLULAR, ["Space Grey", "Silver"], '11"')],
      ["Samsung", "Galaxy Tab S9", 59999, 109999, tablet(["128GB", "256GB"], CELLULAR, ["Graphite", "Beige"], '11"')],
      ["Samsung", "Galaxy Tab A9+", 14999, 27999, tablet(["64GB", "128GB"], CELLULAR, ["Graphite", "Silver", "Navy"], '11"')],
      ["Amazon", "Fire HD 8 Tablet", 7999, 14999, tablet(["32GB", "64GB"], WIFI, ["Black", "Denim", "Rose"], '8"')],
      ["Amazon", "Fire HD 10 Tablet", 12999, 23999, tablet(["32GB", "64GB"], WIFI, ["Black", "Denim", "Lilac", "Olive"], '10.1"')],
      ["Amazon", "Fire 7 Tablet", 5499, 9999, tablet(["16GB", "32GB"], WIFI, ["Black", "Denim", "Rose"], '7"')],
      ["Lenovo", "Tab M10", 10999, 19999, tablet(["32GB", "64GB"], CELLULAR, ["Storm Grey"], '10.1"')],
      ["Lenovo", "Tab P12", 21999, 39999, tablet(["128GB", "256GB"], WIFI, ["Storm Grey"], '12.7"')],
      ["Xiaomi", "Pad 6", 21999, 39999, tablet(["128GB", "256GB"], WIFI, ["Graphite Grey", "Mist Blue"], '11"')],
    ]),
    dims: {
      storage: ["16GB", "32GB", "64GB", "128GB", "256GB", "512GB"],
      connectivity: ["Wi-Fi", "Wi-Fi + Cellular"],
      colour: TABLET_COLOURS,
      display: ['7"', '8"', '8.3"', '10.1"', '10.9"', '11"', '12.7"'],
    },
    priceBy: { storage: [0.9, 1, 1.12, 1.3, 1.55, 1.8], connectivity: [1, 1.2] },
  },
  {
    slug: "smartwatches",
    name: "Smartwatches & Wearables",
    parent: "mobiles-tablets",
    price: [1299, 89900],
    titleDims: 2,
    lines: [
      ["Apple", "Watch Series 9", 39900, 53900],
      ["Apple", "Watch SE", 24900, 33900],
      ["Apple", "Watch Ultra 2", 84900, 113900],
      ["Samsung", "Galaxy Watch6", 26999, 36999],
      ["Samsung", "Galaxy Fit3", 4499, 5999],
      ["Noise", "ColorFit Pro 5", 3499, 4699],
      ["Noise", "Twist", 1299, 1799],
      ["Fire-Boltt", "Phoenix", 1499, 1999],
      ["Fire-Boltt", "Ninja Call Pro", 999, 1349],
      ["Fitbit", "Charge 6", 13999, 18999],
      ["Fitbit", "Versa 4", 18999, 25499],
      ["Garmin", "Forerunner 265", 44990, 59990],
      ["Garmin", "Venu Sq 2", 25990, 34990],
      ["Withings", "ScanWatch 2", 34990, 46990],
    ],
    dims: {
      size: ["41mm", "44mm", "45mm"],
      colour: ["Black", "Midnight Blue", "Silver", "White", "Graphite", "Green", "Gold"],
      strap: ["Sport Band", "Silicone", "Metal Mesh"],
    },
    priceBy: { size: [1, 1.08, 1.16], strap: [1, 1, 1.15] },
  },
  {
    slug: "laptops",
    name: "Laptops",
    parent: "computers",
    price: [24990, 249900],
    titleDims: 3,
    lines: [
      ["Apple", "MacBook Air 13 M2", 84900, 169900, { ...MAC_AIR, ...M2, ...screen('13.3"') }],
      ["Apple", "MacBook Air 15 M3", 124900, 239900, { ...MAC_AIR, ...M3, ...screen('15.3"') }],
      // The 13-inch MacBook Pro's last chip was the M2.
      ["Apple", "MacBook Pro 13", 119900, 229900, { ...MAC_PRO, ...M2, ...screen('13.3"') }],
      ["Apple", "MacBook Pro 14 M3", 159900, 319900, { ...MAC_PRO, ...M3, ...screen('14"') }],
      ["Apple", "MacBook Pro 16 M3 Max", 349900, 499900, { ...MAC_PRO_MAX, ...M3, ...screen('16"') }],
      ["Dell", "Inspiron 15 3520", 44990, 84990, { ...BUDGET_PC, ...screen('15.6"') }],
      ["Dell", "Inspiron 14", 54990, 99990, { ...WINDOWS_PC, ...screen('14"') }],
      ["Dell", "XPS 13", 109990, 199990, { ...WINDOWS_PC, ...screen('13.3"') }],
      ["Dell", "Vostro 3420", 39990, 74990, BUDGET_PC],
      ["Dell", "G15 Gaming", 72990, 134990, { ...WINDOWS_PC, ...screen('15.6"') }],
      ["HP", "Pavilion 15", 59990, 109990, { ...WINDOWS_PC, ...screen('15.6"') }],
      ["HP", "Victus 16", 69990, 129990, { ...WINDOWS_PC, ...screen('16"') }],
      ["HP", "15s", 39990, 72990, { ...BUDGET_PC, ...screen('15.6"') }],
      ["HP", "Envy x360", 84990, 154990, WINDOWS_PC],
      ["Lenovo", "IdeaPad Slim 3", 39990, 74990, BUDGET_PC],
      ["Lenovo", "ThinkPad E14", 59990, 109990, { ...WINDOWS_PC, ...screen('14"') }],
      ["Lenovo", "ThinkPad X1 Carbon", 149990, 279990, WINDOWS_PC],
      ["Lenovo", "Legion 5", 99990, 179990, WINDOWS_PC],
      ["Asus", "VivoBook 15", 35990, 67990, { ...BUDGET_PC, ...screen('15.6"') }],
      ["Asus", "ROG Strix G16", 109990, 199990, { ...WINDOWS_PC, ...screen('16"') }],
      ["Asus", "Zenbook 14 OLED", 79990, 144990, { ...WINDOWS_PC, ...screen('14"') }],
      ["Acer", "Aspire 7", 52990, 94990, WINDOWS_PC],
      ["Acer", "Predator Helios Neo 16", 104990, 189990, { ...WINDOWS_PC, ...screen('16"') }],
      ["Acer", "Swift Go 14", 62990, 112990, { ...WINDOWS_PC, ...screen('14"') }],
      ["MSI", "Modern 14", 34990, 64990, { ...BUDGET_PC, ...screen('14"') }],
      ["MSI", "Katana 15", 74990, 134990, { ...WINDOWS_PC, ...screen('15.6"') }],
    ],
    dims: {
      processor: ["Intel Core i5", "Intel Core i7", "AMD Ryzen 5", "AMD Ryzen 7", "Apple M2", "Apple M3"],
      ram: ["8GB RAM", "16GB RAM", "24GB RAM", "32GB RAM", "36GB RAM", "48GB RAM"],
      storage: ["256GB SSD", "512GB SSD", "1TB SSD", "2TB SSD"],
      display: ['13.3"', '14"', '15.3"', '15.6"', '16"'],
      os: ["Windows 11 Home", "macOS"],
      colour: [
        "Black",
        "Midnight Blue",
        "Silver",
        "White",
        "Graphite",
        "Green",
        "Gold",
        "Midnight",
        "Starlight",
        "Space Grey",
        "Space Black",
      ],
    },
    priceBy: {
      processor: [1, 1.2, 1, 1.2, 1, 1.2],
      ram: [1, 1.15, 1.25, 1.35, 1.45, 1.6],
      storage: [1, 1.1, 1.25, 1.45],
    },
  },
  {
    slug: "chromebooks",
    name: "Chromebooks",
    parent: "computers",
    price: [17990, 54990],
    titleDims: 2,
    lines: [
      ["HP", "Chromebook 14", 22990, 30990, screen('14"')],
      ["HP", "Chromebook x360", 27990, 37990],
      ["Acer", "Chromebook 314", 21990, 29990],
      ["Acer", "Chromebook Spin 513", 29990, 39990],
      ["Lenovo", "IdeaPad Flex 3 Chromebook", 24990, 32990],
      ["Lenovo", "Chromebook Duet", 19990, 26990],
      ["Asus", "Chromebook CX1", 17990, 23990],
      ["Asus", "Chromebook Flip", 27990, 36990],
      ["Google", "Pixelbook Go Chromebook", 44990, 59990],
    ],
    dims: {
      storage: ["64GB eMMC", "128GB eMMC"],
      ram: ["4GB RAM", "8GB RAM"],
      os: ["Chrome OS"],
      display: ['11.6"', '14"'],
    },
    priceBy: { storage: [1, 1.12], ram: [1, 1.18] },
  },
  {
    slug: "desktops-monitors",
    name: "Desktops & Monitors",
    parent: "computers",
    price: [6999, 189900],
    titleDims: 2,
    // A size or resolution in a model's name ("UltraGear 27", "24 FHD") is the one it comes in. A
    // desktop has no screen: it comes in memory and storage, as sold (a Mac mini M2 never had 1TB
    // with 8GB, an OptiPlex never macOS).
    lines: [
      [
        "Apple",
        "Mac mini M2",
        54900,
        119900,
        {
          kind: "desktop",
          ram: ["8GB RAM", "16GB RAM", "24GB RAM"],
          storage: ["256GB SSD", "512GB SSD"],
          processor: ["Apple M2"],
          os: ["macOS"],
          configs: [
            { ram: "8GB RAM", storage: "256GB SSD" },
            { ram: "8GB RAM", storage: "512GB SSD" },
            { ram: "16GB RAM", storage: "512GB SSD" },
            { ram: "24GB RAM", storage: "512GB SSD" },
          ],
        },
        "desktop",
      ],
      ["Apple", "iMac 24", 119900, 259900, { size: ['24"'] }],
      ["Dell", "27 Monitor S2721HN", 10999, 24999, { size: ['27"'] }],
      ["Dell", "UltraSharp U2723QE Monitor", 39999, 89999],
      [
        "Dell",
        "OptiPlex 7010 Desktop",
        49999,
        109999,
        { kind: "desktop", ram: ["8GB RAM", "16GB RAM"], storage: ["256GB SSD", "512GB SSD"], processor: INTEL, os: ["Windows 11 Pro"] },
        "desktop",
      ],
      ["LG", "UltraGear 27 Gaming Monitor", 17999, 39999, { size: ['27"'] }],
      ["LG", "32 4K UHD Monitor", 19999, 44999, { resolution: ["4K UHD"], size: ['32"'] }],
      ["Samsung", "Odyssey G5 Monitor", 17999, 39999],
      ["Samsung", "24 FHD Monitor", 7999, 17999, { resolution: ["Full HD"], size: ['24"'] }],
      ["HP", "All-in-One 24", 49999, 109999, { size: ['24"'] }],
      [
        "HP",
        "Pavilion Desktop",
        44999,
        99999,
        { kind: "desktop", ram: ["8GB RAM", "16GB RAM"], storage: ["512GB SSD", "1TB SSD"], processor: INTEL, os: ["Windows 11 Home"] },
        "desktop",
      ],
    ],
    dims: {
      resolution: ["Full HD", "QHD", "4K UHD"],
      size: ['24"', '27"', '32"'],
      ports: ["HDMI + DisplayPort", "USB-C"],
    },
    priceBy: { resolution: [1, 1.25, 1.6], size: [1, 1.2, 1.45] },
    kinds: {
      desktop: {
        dims: {
          ram: ["8GB RAM", "16GB RAM", "24GB RAM"],
          storage: ["256GB SSD", "512GB SSD", "1TB SSD"],
          processor: ["Apple M2", "Intel Core i5", "Intel Core i7"],
          os: ["macOS", "Windows 11 Home", "Windows 11 Pro"],
        },
        priceBy: { ram: [1, 1.2, 1.4], storage: [1, 1.15, 1.35], processor: [1, 1, 1.2] },
      },
    },
  },
  {
    slug: "printers",
    name: "Printers & Ink",
    parent: "computers",
    price: [499, 39999],
    titleDims: 1,
    lines: [
      ["HP", "DeskJet 2331 All-in-One Printer", 3299, 4499, kind("Inkjet")],
      ["HP", "Smart Tank 580 Printer", 12999, 16999, kind("Ink Tank")],
      ["HP", "61 Black Ink Cartridge", 899, 1199, refill("Cartridge")],
      ["HP", "61 Tri-colour Ink Cartridge", 1099, 1399, refill("Cartridge")],
      ["Canon", "PIXMA G3770 Printer", 13999, 17999, kind("Ink Tank")],
      ["Canon", "PG-745 Ink", 799, 1099, refill("Cartridge")],
      ["Epson", "EcoTank L3250 Printer", 12999, 16499, kind("Ink Tank")],
      ["Epson", "003 Ink Bottle", 299, 449, refill("Ink Bottle")],
      ["Brother", "HL-L2321D Laser Printer", 8999, 12499, kind("Laser")],
      ["Brother", "TN-2365 Toner", 2999, 4299, refill("Toner")],
    ],
    dims: {
      type: ["Ink Tank", "Laser", "Inkjet", "Cartridge", "Ink Bottle", "Toner"],
      connectivity: ["Wi-Fi", "USB", "N/A"],
    },
  },
];
