/** Appliances leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A washing machine's load type is part of its model, and the model's band is priced for it.
const FRONT_LOAD = { type: ["Fully Automatic Front Load"] };
const TOP_LOAD = { type: ["Fully Automatic Top Load"] };
const SEMI_AUTOMATIC = { type: ["Semi-Automatic"] };
// Air conditioners come in tons and coolers in litres; each model's capacities are the ones its band prices.
const AC_TONS = { capacity: ["1 Ton", "1.5 Ton", "2 Ton"] };
const COOLER_LITRES = { capacity: ["35 L", "70 L"] };
// A cooktop burns what its name says; an induction one has one or two zones, a glass top is glass.
const INDUCTION = { fuel: ["Induction"], burners: ["1 Burner", "2 Burner"], top: ["Toughened Glass"] };
const GAS = { fuel: ["Gas"] };
const GLASS_GAS = { fuel: ["Gas"], top: ["Toughened Glass"] };
const ELECTRIC = { fuel: ["Electric"] };
// A kitchen appliance holds what its kind holds: a jar, a basket, a tank, an oven's cavity, slices of bread.
const JAR = { capacity: ["1 L", "1.5 L"] };
const BASKET = { capacity: ["4.1 L"] };
const OVEN = { capacity: ["20 L"] };
const TOASTER = { capacity: ["2 Slice", "4 Slice"] };
const PURIFIER = { capacity: ["8 L"] };
// A hand mixer or a slicer holds nothing.
const NO_CAPACITY = { capacity: ["Standard"] };
// A vacuum cleaner is the kind its name says; a belt fits an upright bagless one.
const kind = (type) => ({ type: [type] });

export const APPLIANCES_LEAVES = [
  {
    slug: "refrigerators",
    name: "Refrigerators & Freezers",
    parent: "large-appliances",
    price: [12990, 189990],
    titleDims: 2,
    lines: [
      ["Samsung", "Double Door Frost Free Refrigerator", 19990, 87990],
      ["Samsung", "Side by Side Refrigerator", 27990, 122990],
      ["Samsung", "Single Door Refrigerator", 12990, 56990],
      ["LG", "Frost-Free Double Door Refrigerator", 20990, 91990],
      ["LG", "InstaView Door-in-Door Fridge", 44990, 197990],
      ["Whirlpool", "IntelliFresh Double Door Fridge", 18990, 83990],
      ["Whirlpool", "Vitamagic Single Door", 11990, 52990],
      ["Godrej", "Edge Single Door Refrigerator", 11490, 50990],
      ["Godrej", "Deep Freezer", 14990, 65990, {}, "freezer"],
      ["Haier", "Bottom Mount Refrigerator", 22990, 99990],
      ["Haier", "Chest Freezer", 13990, 61990, {}, "freezer"],
      ["Bosch", "Frost Free Refrigerator", 21990, 96990],
    ],
    dims: {
      capacity: ["190 L", "253 L", "340 L", "580 L", "653 L"],
      star: ["2 Star", "3 Star", "5 Star"],
      finish: ["Stainless Steel", "Black Glass", "Silver"],
      inverter: ["Inverter Compressor"],
    },
    priceBy: { capacity: [1, 1.3, 1.65, 3.2, 3.7], star: [1, 1.09, 1.19] },
  },
  {
    slug: "washing-machines",
    name: "Washing Machines & Dryers",
    parent: "large-appliances",
    price: [9990, 99990],
    titleDims: 2,
    lines: [
      ["LG", "Front Load Washing Machine", 26990, 39990, FRONT_LOAD],
      ["LG", "Top Load Washer", 15990, 23990, TOP_LOAD],
      ["LG", "Washer Dryer", 36990, 54990, FRONT_LOAD],
      ["Samsung", "EcoBubble Front Load Washer", 32990, 47990, FRONT_LOAD],
      ["Samsung", "Top Load Washing Machine", 14990, 21990, TOP_LOAD],
      ["IFB", "Senator Front Load Washer", 29990, 43990, FRONT_LOAD],
      ["IFB", "TL-RES Aqua Top Load", 18990, 27990, TOP_LOAD],
      ["Whirlpool", "Stainwash Top Load Washer", 15990, 23490, TOP_LOAD],
      ["Whirlpool", "White Magic Semi-Automatic", 9490, 13990, { ...SEMI_AUTOMATIC, colour: ["White"] }],
      ["Bosch", "Series 6 Front Load Washing Machine", 34990, 50990, FRONT_LOAD],
      ["Haier", "Fully Automatic Top Load", 13990, 20490, TOP_LOAD],
    ],
    dims: {
      capacity: ["6 kg", "7 kg", "8 kg", "9 kg", "10 kg"],
      type: ["Fully Automatic Front Load", "Fully Automatic Top Load", "Semi-Automatic"],
      colour: ["White", "Silver", "Middle Black"],
    },
    priceBy: { capacity: [1, 1.1, 1.2, 1.32, 1.45] },
  },
  {
    slug: "dishwashers",
    name: "Dishwashers",
    parent: "large-appliances",
    price: [24990, 79990],
    titleDims: 1,
    lines: [
      ["Bosch", "Series 4 Free-Standing Dishwasher", 37990, 45490],
      ["Bosch", "Series 6 Dishwasher", 49990, 59490],
      ["IFB", "Neptune VX Dishwasher", 32990, 39490],
      ["Whirlpool", "12 Place Dishwasher", 29990, 35990, { settings: ["12 Place Settings"] }],
      ["LG", "QuadWash Dishwasher", 44990, 53990],
      ["Faber", "Dishwasher FFSD", 27990, 33490],
    ],
    dims: {
      settings: ["12 Place Settings", "13 Place Settings", "14 Place Settings"],
      finish: ["Stainless", "Silver", "Black"],
    },
    priceBy: { settings: [1, 1.09, 1.19] },
  },
  {
    slug: "air-conditioners",
    name: "Air Conditioners & Coolers",
    parent: "large-appliances",
    price: [5999, 79990],
    titleDims: 2,
    lines: [
      ["Voltas", "Split AC", 28990, 48990, AC_TONS],
      ["Voltas", "Window AC", 24990, 41990, AC_TONS],
      ["Daikin", "Inverter Split AC", 33990, 56990, AC_TONS],
      ["LG", "Dual Inverter Split AC", 32990, 54990, AC_TONS],
      ["Blue Star", "Inverter Split AC", 31990, 53990, AC_TONS],
      ["Symphony", "Diet 3D Air Cooler", 7999, 13999, COOLER_LITRES],
      ["Symphony", "Sumo Desert Cooler", 10999, 18999, COOLER_LITRES],
      ["Bajaj", "Platini Air Cooler", 6999, 11999, COOLER_LITRES],
    ],
    dims: {
      capacity: ["1 Ton", "1.5 Ton", "2 Ton", "35 L", "70 L"],
      star: ["3 Star", "5 Star"],
    },
    priceBy: { capacity: [1, 1.2, 1.45, 1, 1.5], star: [1, 1.15] },
  },
  {
    slug: "cooktops",
    name: "Cooktops & Stoves",
    parent: "kitchen-appliances",
    price: [1499, 64990],
    titleDims: 2,
    lines: [
      ["Prestige", "Induction Cooktop PIC 20", 1999, 5199, INDUCTION],
      ["Prestige", "Royale Plus Gas Stove", 2499, 6499, GAS],
      ["Prestige", "Glass Top Gas Cooktop", 3499, 8999, GLASS_GAS],
      ["Philips", "Viva Collection Induction Cooktop", 2999, 7799, INDUCTION],
      ["Pigeon", "Acer Plus Induction Cooktop", 1499, 3899, INDUCTION],
      ["Pigeon", "Favourite Gas Stove", 1799, 4699, GAS],
      ["Elica", "Built-in Hob Gas Cooktop", 11990, 30990, GAS],
      ["Elica", "Glass Top Cooktop", 4999, 12999, GLASS_GAS],
      ["Sunflame", "Pearl Gas Stove", 2999, 7799, GAS],
      ["Faber", "Hob Gas Cooktop", 9990, 25990, GAS],
      ["Samsung", "Chef Collection Electric Cooktop", 24990, 64990, ELECTRIC],
      ["Samsung", "Induction Cooktop", 4990, 12990, INDUCTION],
      ["Whirlpool", "Electric Cooktop", 9990, 25990, ELECTRIC],
      ["Whirlpool", "Gas Cooktop", 5990, 15590, GAS],
      ["Bosch", "Series 4 Electric Cooktop", 19990, 51990, ELECTRIC],
    ],
    dims: {
      fuel: ["Electric", "Induction", "Gas"],
      burners: ["1 Burner", "2 Burner", "3 Burner", "4 Burner", "5 Burner"],
      top: ["Toughened Glass", "Stainless Steel"],
      power: ["1600W", "2000W", "2100W"],
    },
    priceBy: { burners: [1, 1.3, 1.65, 2.1, 2.6] },
  },
  {
    slug: "small-kitchen-appliances",
    name: "Small Kitchen Appliances",
    parent: "kitchen-appliances",
    price: [799, 59990],
    titleDims: 2,
    lines: [
      ["Bajaj", "Rex Mixer Grinder", 2299, 2999, JAR],
      ["Bajaj", "Majesty Toaster", 1499, 1999, TOASTER, "toaster"],
      ["Bajaj", "OTG Oven", 5499, 7299, OVEN, "oven"],
      ["Philips", "HL7756 Mixer Grinder", 3999, 5299, JAR],
      ["Philips", "Air Fryer HD9252", 6999, 9299, BASKET, "air-fryer"],
      ["Philips", "Pop-up Toaster", 1799, 2399, TOASTER, "toaster"],
      ["Philips", "Juicer HR1832", 2999, 3999, JAR],
      ["Preethi", "Zodiac Mixer Grinder", 7999, 10599, JAR],
      ["Sujata", "Dynamix Juicer Mixer Grinder", 6499, 8599, JAR],
      ["Keurig", "K-Mini Coffee Maker", 7999, 10599, { capacity: ["1 L"] }, "coffee-maker"],
      ["Nutribullet", "Pro 900 Blender", 7999, 10599, JAR],
      ["Ninja", "Nutri Ninja Blender", 6999, 9299, JAR],
      ["Ninja", "Foodi Air Fryer", 14999, 19799, BASKET, "air-fryer"],
      ["KitchenAid", "Artisan Stand Mixer", 44990, 59990, BASKET, "stand-mixer"],
      ["KitchenAid", "Hand Whisk Mixer", 6999, 9299, NO_CAPACITY, "stand-mixer"],
      ["Morphy Richards", "Microwave Oven 20 L", 5999, 7899, OVEN, "oven"],
      ["Morphy Richards", "Electric Kettle", 999, 1329, JAR, "kettle"],
      ["Kent", "Grand Plus RO Water Purifier", 15999, 21099, PURIFIER, "purifier"],
      ["Aquaguard", "Aura RO+UV Water Purifier", 16999, 22499, PURIFIER, "purifier"],
      ["Hamilton Beach", "Meat Slicer", 8999, 11899, NO_CAPACITY, "slicer"],
      ["Hamilton Beach", "Ice Cream Maker", 4999, 6599, JAR, "stand-mixer"],
    ],
    dims: {
      power: ["500W", "750W", "1000W", "1500W"],
      capacity: ["1 L", "1.5 L", "4.1 L", "8 L", "20 L", "2 Slice", "4 Slice", "Standard"],
      colour: ["White", "Black", "Red", "Silver"],
    },
    priceBy: { power: [1, 1.1, 1.2, 1.32] },
  },
  {
    slug: "vacuum-cleaners",
    name: "Vacuum Cleaners",
    parent: "kitchen-appliances",
    price: [2499, 64990],
    titleDims: 1,
    lines: [
      ["Dyson", "V12 Detect Slim Cordless Vacuum", 52900, 65900, kind("Cordless")],
      ["Dyson", "V8 Absolute", 34900, 43900, kind("Cordless")],
      ["Eureka Forbes", "Quick Clean DX Vacuum Cleaner", 3999, 4999, kind("Bagless")],
      ["Bissell", "CrossWave Wet Dry Vacuum", 24999, 30999, kind("Wet & Dry")],
      ["Bissell", "Vacuum Belts", 299, 399, { kind: "spare" }, "band"],
      ["Philips", "PowerPro Bagless Vacuum", 7999, 9999, kind("Bagless")],
      ["iRobot", "Roomba Robot Vacuum", 24999, 31999, kind("Robot")],
    ],
    dims: {
      type: ["Cordless", "Bagless", "Robot", "Wet & Dry"],
      power: ["600W", "1200W", "1400W"],
    },
    priceBy: { power: [1, 1.15, 1.25] },
    // A spare part has neither a vacuum's type nor its power: "Vacuum Belts (Bagless)" read as a vacuum.
    kinds: { spare: { dims: { pack: ["2 pack"] } } },
  },
];
