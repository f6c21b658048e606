/** Accessory, storage and gaming leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A case or a charger is the kind its name says, whatever colour it comes in.
const kind = (type) => ({ type: [type] });
// A screen protector is clear; a charger, cable or power bank is not.
const OPAQUE = ["Black", "Blue", "Purple", "Red"];
const SCREEN_PROTECTOR = { colour: ["Clear"], type: ["Screen Protector"] };
const CHARGER = { colour: OPAQUE, type: ["Charger"] };
const CABLE = { colour: OPAQUE, type: ["Cable"] };
const POWER_BANK = { colour: OPAQUE, type: ["Power Bank"] };
// A mouse or keyboard connects one of three ways, a router by Wi-Fi; a bag does not connect at all.
const PERIPHERAL = { connectivity: ["Wireless", "Bluetooth", "Wired"] };
const WIRED = { connectivity: ["Wired"] };
const NOT_CONNECTED = { connectivity: ["N/A"] };
// A memory card reads over UHS-I, an external drive over the USB its name or make says.
const CARD = { interface: ["UHS-I"] };
const USB_A = { interface: ["USB 3.2"] };
const USB_C = { interface: ["USB-C"] };
// Games, controllers, cards and figures store nothing.
const NO_STORAGE = { storage: ["N/A"] };

export const ACCESSORIES_LEAVES = [
  {
    slug: "phone-accessories",
    name: "Cases, Chargers & Protectors",
    parent: "accessories",
    price: [199, 6999],
    titleDims: 2,
    lines: [
      ["Spigen", "Ultra Hybrid Case for iPhone 15", 999, 1499, kind("Case")],
      ["Spigen", "Rugged Armor Case for Samsung Galaxy S24", 899, 1299, kind("Case")],
      ["Spigen", "Glas.tR Screen Protector for iPhone", 999, 1599, SCREEN_PROTECTOR],
      ["OtterBox", "Defender Case for iPhone 14", 2999, 4499, kind("Case")],
      ["OtterBox", "Symmetry Case for iPad", 3499, 4999, kind("Case")],
      ["Tech21", "Evo Clear Case for iPhone 13", 1499, 2499, { colour: ["Clear"], type: ["Case"] }],
      ["ZAGG", "InvisibleShield Screen Protector for Samsung Galaxy", 1499, 2499, SCREEN_PROTECTOR],
      ["ZAGG", "Glass Elite Screen Protector for iPad", 2499, 3499, SCREEN_PROTECTOR],
      ["Incipio", "Duo Case for Samsung Galaxy S23", 1499, 2499, kind("Case")],
      ["Kate Spade", "Protective Case for iPhone 15", 3499, 4999, kind("Case")],
      ["Anker", "20W USB-C Charger", 999, 1499, CHARGER],
      ["Anker", "PowerCore 10000 Power Bank", 1999, 2799, POWER_BANK],
      ["Anker", "USB-C to Lightning Cable", 999, 1699, CABLE],
      ["Apple", "20W USB-C Power Adapter", 1699, 1999, CHARGER],
      ["Apple", "MagSafe Charger", 4299, 4899, CHARGER, "charging-pad"],
      ["Apple", "Lightning to USB Cable", 1599, 1999, CABLE],
      ["Samsung", "25W Travel Adapter", 999, 1699, CHARGER],
      ["Samsung", "Wireless Charger Pad", 1999, 3499, CHARGER, "charging-pad"],
      ["Mi", "20000mAh Power Bank 3i", 1799, 2199, POWER_BANK],
    ],
    dims: {
      colour: ["Clear", "Black", "Blue", "Purple", "Red"],
      type: ["Case", "Screen Protector", "Charger", "Cable", "Power Bank"],
    },
  },
  {
    slug: "storage",
    name: "Memory Cards & Storage",
    parent: "accessories",
    price: [299, 24990],
    titleDims: 1,
    lines: [
      ["SanDisk", "Ultra microSDXC Card", 199, 21999, CARD],
      ["SanDisk", "Extreme SD Card", 399, 39999, CARD],
      ["SanDisk", "Ultra Dual Drive USB Type-C", 299, 29999, USB_C, "stick"],
      ["Samsung", "EVO Plus microSD Card", 199, 21999, CARD],
      ["Samsung", "T7 Portable SSD", 899, 34999, USB_C, "drive"],
      ["Samsung", "870 EVO SSD", 899, 34999, { interface: ["SATA"] }, "drive"],
      ["Kingston", "DataTraveler Exodia USB Flash Drive", 199, 17999, USB_A, "stick"],
      ["Kingston", "Canvas Select Plus SD Card", 199, 17999, CARD],
      ["PNY", "Attache USB Flash Drive", 199, 14999, USB_A, "stick"],
      ["Seagate", "Expansion Portable Hard Drive", 799, 10999, USB_A, "drive"],
      ["Seagate", "One Touch External Hard Drive", 899, 12999, USB_A, "drive"],
      ["WD", "My Passport External Hard Drive", 899, 12999, USB_A, "drive"],
      ["WD", "Elements Desktop Hard Drive", 999, 14999, USB_A, "drive"],
      ["Verbatim", "Store n Go USB Drive", 199, 15999, USB_A, "stick"],
    ],
    dims: {
      capacity: ["4GB", "32GB", "64GB", "128GB", "256GB", "1TB", "2TB", "4TB"],
      interface: ["USB 3.2", "UHS-I", "USB-C", "SATA"],
    },
    priceBy: { capacity: [1, 1.5, 2.5, 4.5, 9, 32, 60, 110] },
  },
  {
    slug: "batteries",
    name: "Batteries",
    parent: "accessories",
    price: [99, 2999],
    titleDims: 1,
    lines: [
      ["Duracell", "AA Alkaline Battery", 99, 449, { chemistry: ["Alkaline"] }],
      ["Duracell", "AAA Alkaline Battery", 99, 449, { chemistry: ["Alkaline"] }],
      ["Duracell", "Rechargeable AA Battery", 499, 2199, { chemistry: ["NiMH"] }],
      ["Panasonic", "Eneloop AA Rechargeable Battery", 699, 2999, { chemistry: ["NiMH"] }],
      ["Panasonic", "CR2032 Lithium Coin Battery", 99, 449, { chemistry: ["Lithium"] }, "coin-cell"],
      ["Energizer", "Max AA Battery", 89, 399, { chemistry: ["Alkaline"] }],
      ["Energizer", "9V Battery", 249, 1099, { chemistry: ["Alkaline"] }],
      ["Eveready", "Ultima AAA Battery", 69, 299, { chemistry: ["Alkaline"] }],
    ],
    dims: {
      pack: ["Pack of 2", "Pack of 4", "Pack of 8", "Pack of 10"],
      chemistry: ["Alkaline", "NiMH", "Lithium"],
    },
    priceBy: { pack: [1, 1.9, 3.6, 4.4] },
  },
  {
    slug: "computer-accessories",
    name: "Keyboards, Mice & Networking",
    parent: "accessories",
    price: [299, 19990],
    titleDims: 1,
    lines: [
      ["Logitech", "MX Master 3S Wireless Mouse", 8499, 10999, { connectivity: ["Wireless"] }],
      ["Logitech", "M331 Silent Mouse", 799, 1099, PERIPHERAL],
      ["Logitech", "K380 Bluetooth Keyboard", 2499, 3199, { connectivity: ["Bluetooth"] }, "keyboard"],
      ["Logitech", "MK270 Keyboard and Mouse Combo", 1599, 2199, { connectivity: ["Wireless"] }, "keyboard"],
      ["Logitech", "C270 HD Webcam", 1499, 2199, WIRED, "webcam"],
      ["TP-Link", "Archer AX23 Wi-Fi 6 Router", 3999, 5499, { connectivity: ["Wi-Fi 6"] }, "router"],
      ["TP-Link", "TL-PA7017 Powerline Adapter Kit", 3499, 4499, WIRED, "charger"],
      ["TP-Link", "Deco M4 Mesh", 5999, 8999, { connectivity: ["Wi-Fi 5"] }, "router"],
      ["Netgear", "Nighthawk Router", 9999, 19999, { connectivity: ["Wi-Fi 5", "Wi-Fi 6"] }, "router"],
      ["Netgear", "GS305 Switch", 1799, 2499, WIRED, "router"],
      ["HP", "Laptop Backpack 15.6", 799, 1499, NOT_CONNECTED, "bag"],
      ["HP", "Wired Mouse", 299, 499, WIRED],
      ["Dell", "USB-C Dongle Adapter", 1999, 3499, WIRED, "stick"],
      ["Dell", "Laptop Sleeve 14", 999, 1699, NOT_CONNECTED, "laptop-bag"],
      ["Targus", "Laptop Case 15.6", 1499, 2999, NOT_CONNECTED, "laptop-bag"],
    ],
    dims: {
      colour: ["Black", "Graphite", "Red", "White"],
      connectivity: ["Wireless", "Bluetooth", "Wired", "Wi-Fi 6", "Wi-Fi 5", "N/A"],
    },
  },
  {
    slug: "consoles-games",
    name: "Consoles & Video Games",
    parent: "gaming",
    price: [999, 69990],
    titleDims: 1,
    lines: [
      ["Sony", "PlayStation 5 Console", 49990, 54990, { storage: ["1TB"] }, "console"],
      ["Sony", "PlayStation 5 Slim Digital Edition", 39990, 44990, { edition: ["Digital"], storage: ["1TB"] }, "console"],
      ["Sony", "DualSense Controller", 5490, 6490, { edition: ["Standard", "Bundle"], ...NO_STORAGE }],
      ["Sony", "PlayStation Network Card", 999, 4999, { edition: ["Digital"], ...NO_STORAGE }, "gift-card"],
      ["Microsoft", "Xbox Series X", 49990, 55990, { storage: ["1TB"] }, "console"],
      ["Microsoft", "Xbox Series S", 29990, 34990, { storage: ["512GB", "1TB"] }, "console"],
      ["Microsoft", "Xbox One Wireless Controller", 4990, 5990, { edition: ["Standard", "Bundle"], ...NO_STORAGE }],
      ["Microsoft", "Minecraft for Xbox One", 1499, 2499, NO_STORAGE, "game"],
      ["Nintendo", "Switch OLED", 29990, 34990, { edition: ["Standard", "Bundle"], ...NO_STORAGE }, "handheld"],
      ["Nintendo", "Pokemon Scarlet for Switch", 3999, 4999, { edition: ["Standard", "Digital"], ...NO_STORAGE }, "game"],
      ["Nintendo", "Super Mario amiibo Figure", 1299, 1999, { edition: ["Standard"], ...NO_STORAGE }, "figure"],
      ["PowerA", "Enhanced Wired Controller for Xbox", 1999, 2999, { edition: ["Standard"], ...NO_STORAGE }],
      ["Meta", "Quest 3 VR Headset", 49990, 59990, { edition: ["Standard", "Bundle"], storage: ["512GB"] }, "vr-headset"],
      ["Oculus", "Quest 2", 29990, 39990, { edition: ["Standard", "Bundle"] }, "vr-headset"],
    ],
    dims: {
      edition: ["Standard", "Digital", "Bundle"],
      storage: ["512GB", "1TB", "N/A"],
    },
  },
];
