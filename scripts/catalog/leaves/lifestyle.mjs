/** Home, grocery, sports and office leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A bedsheet named "King" is king size; a bulb, lamp or clock has no bed size at all.
const BED_SIZE = { size: ["Single", "Double", "Queen", "King"] };
const NO_BED_SIZE = { size: ["Standard"] };
// Cookware is made of what it is: a pressure cooker is metal, non-stick is coated aluminium,
// a tumbler is glass.
const METAL = ["Stainless Steel", "Aluminium", "Hard Anodised"];
const COOKER = { capacity: ["1.5 L", "3 L", "5 L"], material: METAL };
const NON_STICK = { material: ["Aluminium", "Hard Anodised"] };
const GLASS_SET = { capacity: ["Set of 6"], material: ["Glass"] };
// Grains and dals are sold by weight, oils and ghee by volume.
const DRY = { weight: ["500 g", "1 kg", "5 kg", "10 kg"] };
const LIQUID = { weight: ["500 ml", "1 L", "5 L"] };
// Only a cycle has a wheel size and only a football a ball size.
const ONE_SIZE = { size: ["Free Size"] };
export const LIFESTYLE_LEAVES = [
  {
    slug: "furnishing",
    name: "Bedding, Mattresses & Decor",
    parent: "home-furnishing",
    price: [299, 49999],
    titleDims: 2,
    lines: [
      ["Wakefit", "Orthopaedic Memory Foam Mattress", 6499, 12999, BED_SIZE],
      ["Wakefit", "Pillow (Pack of 2)", 799, 1499, { size: ["Standard", "King"] }, "pillow"],
      ["Sleepwell", "Dual Comfort Mattress", 7999, 14999, BED_SIZE],
      ["Serta", "Perfect Sleeper Mattress", 19999, 37999, BED_SIZE],
      ["Bombay Dyeing", "Cotton Double Bedsheet with 2 Pillow Covers", 599, 1099, { size: ["Double"] }, "sheet"],
      ["Spaces", "Cotton King Bedsheet", 999, 1849, { size: ["King"] }, "sheet"],
      ["Philips", "Smart Wi-Fi LED Bulb", 499, 899, NO_BED_SIZE, "bulb"],
      ["Philips", "Hue Smart Bulb Starter Kit", 6999, 12599, NO_BED_SIZE, "bulb"],
      ["Wipro", "Smart Bulb 9W", 449, 799, NO_BED_SIZE, "bulb"],
      ["Wipro", "Garnet LED Batten", 299, 549, NO_BED_SIZE, "bulb"],
      ["Home Centre", "Ceramic Table Lamp", 1499, 2699, NO_BED_SIZE, "lamp"],
      ["Home Centre", "Wall Clock", 799, 1449, NO_BED_SIZE, "clock"],
    ],
    dims: {
      size: ["Single", "Double", "Queen", "King", "Standard"],
      colour: ["White", "Beige", "Blue", "Grey"],
    },
    priceBy: { size: [1, 1.45, 1.65, 1.85, 1] },
  },
  {
    slug: "cookware",
    name: "Cookware & Dining",
    parent: "kitchen-dining",
    price: [199, 14999],
    titleDims: 2,
    lines: [
      ["Prestige", "Svachh Pressure Cooker", 1499, 2899, COOKER],
      ["Prestige", "Omega Non-Stick Fry Pan", 699, 1349, { capacity: ["24 cm"], ...NON_STICK }, "pan"],
      ["Prestige", "Tri-Ply Kadai", 1999, 3799, { capacity: ["1.5 L", "3 L", "24 cm"], material: ["Stainless Steel"] }],
      ["Hawkins", "Contura Pressure Cooker", 1799, 3499, COOKER],
      ["Hawkins", "Futura Tawa", 999, 1899, { capacity: ["24 cm"], material: METAL }, "pan"],
      ["Pigeon", "Non-Stick Cookware Set", 1299, 2499, { capacity: ["Set of 6"], ...NON_STICK }],
      ["Borosil", "Glass Lunch Box Set", 899, 1699, GLASS_SET, "lunch-box"],
      ["Borosil", "Vision Glass Tumbler Set", 399, 799, GLASS_SET, "glass"],
      ["Milton", "Thermosteel Flask", 799, 1499, { capacity: ["1 L", "1.5 L"], material: ["Stainless Steel"] }, "bottle"],
      ["Cello", "Opalware Dinner Set", 1999, 3799, GLASS_SET, "plate"],
      ["Vinod", "Stainless Steel Cutlery Silverware Set", 499, 999, { capacity: ["Set of 6"], material: ["Stainless Steel"] }, "cutlery"],
    ],
    dims: {
      capacity: ["1 L", "1.5 L", "3 L", "5 L", "24 cm", "Set of 6"],
      material: ["Stainless Steel", "Aluminium", "Hard Anodised", "Glass"],
    },
    priceBy: { capacity: [0.8, 1, 1.35, 1.7, 1.2, 1.9] },
  },
  {
    slug: "staples",
    name: "Atta, Rice, Dal & Oil",
    parent: "foodgrains",
    price: [49, 1999],
    titleDims: 1,
    lines: [
      ["Aashirvaad", "Shudh Chakki Atta", 39, 549, DRY],
      ["Aashirvaad", "Multigrain Atta", 39, 599, DRY],
      ["India Gate", "Basmati Rice Classic", 129, 2099, DRY],
      ["India Gate", "Basmati Rice Feast Rozzana", 59, 949, DRY],
      ["Tata Sampann", "Toor Dal Unpolished", 99, 1549, DRY],
      ["Tata Sampann", "Moong Dal", 89, 1399, DRY],
      ["Fortune", "Sunlite Refined Sunflower Oil", 79, 1249, LIQUID, "bottle"],
      ["Fortune", "Kachi Ghani Mustard Oil", 89, 1399, LIQUID, "bottle"],
      ["Amul", "Pure Ghee", 329, 4999, LIQUID, "jar"],
      ["Amul", "Butter", 279, 4499, DRY, "jar"],
      ["Tata Sampann", "Chana Dal", 79, 1299, DRY],
      ["Daawat", "Rozana Basmati Rice", 59, 899, DRY],
    ],
    dims: {
      weight: ["500 g", "1 kg", "5 kg", "10 kg", "500 ml", "1 L", "5 L"],
    },
    priceBy: { weight: [1, 1.9, 8.5, 16, 1, 1.9, 8.5] },
  },
  {
    slug: "tea-coffee-snacks",
    name: "Tea, Coffee & Snacks",
    parent: "beverages",
    price: [10, 1499],
    titleDims: 1,
    lines: [
      ["Tata Tea", "Premium Leaf Tea", 59, 499, {}, "cup"],
      ["Tata Tea", "Gold Tea", 69, 579, {}, "cup"],
      ["Brooke Bond", "Red Label Tea", 59, 499, {}, "cup"],
      ["Nescafé", "Classic Instant Coffee", 299, 2499, {}, "jar"],
      ["Nescafé", "Gold Blend", 549, 4599, {}, "jar"],
      ["Bru", "Instant Coffee", 199, 1679, {}, "jar"],
      ["Starbucks", "Pike Place Ground Coffee", 399, 3349, {}, "cup"],
      ["Haldiram's", "Aloo Bhujia", 49, 409],
      ["Haldiram's", "Navrattan Mix", 49, 409],
      ["Britannia", "Good Day Cashew Cookies", 29, 249, {}, "biscuits"],
      ["Britannia", "Marie Gold", 29, 249, {}, "biscuits"],
      ["Parle", "Parle-G Biscuits", 10, 89, {}, "biscuits"],
      ["Epigamia", "Greek Yogurt", 49, 409, {}, "jar"],
    ],
    // One pack each: a pack of four priced as four but titled "(1 kg)" read as a fourfold price.
    // Each line's band runs from its 100 g to its 1 kg, the weight's own multiple apart.
    dims: {
      weight: ["100 g", "250 g", "500 g", "1 kg"],
    },
    priceBy: { weight: [1, 2.3, 4.4, 8.4] },
  },
  {
    slug: "fitness",
    name: "Fitness Equipment",
    parent: "sports-fitness",
    price: [299, 89999],
    titleDims: 1,
    lines: [
      ["PowerMax", "TDM-100 Motorised Treadmill", 24999, 32999, ONE_SIZE, "treadmill"],
      ["PowerMax", "EH-250 Elliptical Cross Trainer", 17999, 24999, ONE_SIZE, "exercise-bike"],
      ["Cultsport", "Smart Bike", 29999, 44999, ONE_SIZE, "exercise-bike"],
      ["Cultsport", "Yoga Mat 6 mm", 499, 999, ONE_SIZE, "yoga-mat"],
      ["Boldfit", "Gym Gloves", 299, 599, ONE_SIZE, "glove"],
      ["Boldfit", "Resistance Bands", 399, 899, ONE_SIZE, "band"],
      ["Hero", "Sprint Bicycle 26T", 7999, 11999, { size: ["26T"] }, "bicycle"],
      ["Firefox", "Bad Attitude 8 Cycle", 19999, 27999, { size: ["26T"] }, "bicycle"],
      ["Nivia", "Football Size 5", 499, 999, { size: ["Size 5"] }, "football"],
      ["Nivia", "Cricket Kit", 2999, 5999, ONE_SIZE, "cricket-bat"],
    ],
    dims: {
      colour: ["Black", "Blue", "Red", "Purple"],
      size: ["Free Size", "26T", "Size 5"],
    },
  },
  {
    slug: "toys-music",
    name: "Toys, Figures & Musical Instruments",
    parent: "toys-games",
    price: [199, 79999],
    titleDims: 1,
    lines: [
      ["LEGO", "Technic Race Car", 2999, 5999],
      ["LEGO", "Marvel Iron Man Figure Set", 1999, 4999],
      ["LEGO", "City Police Station", 5999, 9999],
      ["Hasbro", "Marvel Superman Action Figure", 999, 1999, {}, "figure"],
      ["Hasbro", "Monopoly Board Game", 999, 1799, {}, "board-game"],
      ["Funskool", "Pokemon Figures Pack", 599, 1299, {}, "figure"],
      ["Yamaha", "F310 Acoustic Guitar", 8999, 10999, { kind: "guitar" }, "guitar"],
      ["Yamaha", "PSR-E373 Keyboard", 14999, 17999, { kind: "instrument" }, "piano"],
      ["Casio", "CT-S300 Musical Keyboard", 9999, 12499, { kind: "instrument" }, "piano"],
      ["Fender", "Squier Stratocaster Electric Guitar", 17999, 24999, { kind: "guitar" }, "guitar"],
      ["The Singing Machine", "Karaoke System with Microphones", 4999, 8999, { kind: "instrument" }, "microphone"],
      ["IK Multimedia", "iRig Microphone", 3999, 5999, { kind: "instrument" }, "microphone"],
    ],
    dims: {
      age: ["3+ years", "8+ years", "12+ years", "Adult"],
      colour: ["Red", "Black", "Natural", "Sunburst"],
    },
    // A guitar or a microphone comes in colours, not for an age: "(3+ years)" was a toy's size.
    kinds: {
      guitar: { dims: { colour: ["Natural", "Black", "Sunburst", "Red"] } },
      instrument: { dims: { colour: ["Black", "White", "Red", "Blue"] } },
    },
  },
  {
    slug: "stationery",
    name: "Pens, Pencils & Office Supplies",
    parent: "office-supplies",
    price: [20, 4999],
    titleDims: 1,
    lines: [
      ["Classmate", "Notebook Single Line", 299, 3099],
      ["Classmate", "Octane Gel Pen", 10, 105, {}, "pen"],
      ["Faber-Castell", "Graphite Pencils", 49, 519, {}, "pen"],
      ["Faber-Castell", "Textliner Highlighter Set", 149, 1549, {}, "pen"],
      ["Camlin", "Kokuyo Oil Pastels", 59, 619, {}, "pen"],
      ["Camlin", "Geometry Box", 99, 1039, {}, "pencil-box"],
      ["Staedtler", "Noris Pencils", 59, 619, {}, "pen"],
      ["Staedtler", "Masking Tape", 49, 515, {}, "tape"],
      ["Staples", "Copy Paper A4 500 Sheets", 349, 3649, {}, "paper"],
      ["Staples", "Letter Trays", 299, 3139, {}, "tray"],
      ["Casio", "FX-991ES Plus Calculator", 1095, 11495, {}, "calculator"],
    ],
    dims: {
      pack: ["Pack of 1", "Pack of 6", "Pack of 10", "Pack of 12"],
      colour: ["Blue", "Black", "Assorted"],
    },
    priceBy: { pack: [1, 5.5, 9, 10.5] },
  },
];
