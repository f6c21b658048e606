/** Audio and camera leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A pair of headphones is built one way: a title must not call over-ear Bluetooth headphones
// "In-Ear, Wired", nor give noise cancelling to a model that has none. Colours stay free.
const ANC = ["Active Noise Cancelling"];
const NO_ANC = ["No ANC"];
const OVER_EAR_ANC = { type: ["Over-Ear"], connectivity: ["Bluetooth"], anc: ANC };
const OVER_EAR_BLUETOOTH = { type: ["Over-Ear"], connectivity: ["Bluetooth"], anc: NO_ANC };
const OVER_EAR_WIRED = { type: ["Over-Ear"], connectivity: ["Wired"], anc: NO_ANC };
const EARBUDS_ANC = { type: ["True Wireless"], connectivity: ["Bluetooth"], anc: ANC };
const EARBUDS = { type: ["True Wireless"], connectivity: ["Bluetooth"], anc: NO_ANC };
// Smart speakers need Wi-Fi for their assistant; a portable speaker pairs over Bluetooth alone.
const SMART_SPEAKER = { connectivity: ["Wi-Fi + Bluetooth"] };
const BLUETOOTH_SPEAKER = { connectivity: ["Bluetooth"] };
// A camera with a built-in lens is never sold with an 18-55mm one: it comes alone or in a kit.
const FIXED_LENS = { kit: ["Body Only", "Kit"] };
// A camera accessory is the kind its name says.
const kind = (type) => ({ type: [type] });
export const AUDIO_ACCESSORIES_LEAVES = [
  {
    slug: "headphones",
    name: "Headphones & Earphones",
    parent: "audio",
    price: [499, 34990],
    titleDims: 2,
    lines: [
      ["Sony", "WH-1000XM5 Wireless Headphones", 22990, 29990, OVER_EAR_ANC],
      ["Sony", "WF-C700N Earbuds", 6990, 8990, EARBUDS_ANC],
      ["Sony", "MDR-ZX110 Wired Headphones", 599, 799, OVER_EAR_WIRED],
      ["JBL", "Tune 760NC Headphones", 3999, 5199, OVER_EAR_ANC],
      ["JBL", "Wave Beam Earbuds", 1999, 2599, EARBUDS],
      ["boAt", "Rockerz 450 Bluetooth Headphones", 1199, 1549, OVER_EAR_BLUETOOTH],
      ["boAt", "Airdopes 141 Earbuds", 899, 1169, EARBUDS],
      ["Bose", "QuietComfort Ultra Headphones", 27900, 35900, OVER_EAR_ANC],
      ["Bose", "QuietComfort Earbuds II", 19900, 25900, EARBUDS_ANC],
      ["Apple", "AirPods Pro (2nd Gen)", 19900, 25900, EARBUDS_ANC],
      ["Apple", "AirPods (3rd Gen)", 15900, 20500, EARBUDS],
      ["Samsung", "Galaxy Buds2 Pro", 10999, 14199, EARBUDS_ANC],
      ["Skullcandy", "Crusher Evo Headphones", 13999, 17999, OVER_EAR_BLUETOOTH],
      ["Skullcandy", "Dime 3 Earbuds", 1799, 2349, EARBUDS],
      ["Jaybird", "Vista 2 Sport Earbuds", 12499, 15999, EARBUDS_ANC],
      ["Sennheiser", "Momentum 4 Wireless", 26990, 34990, OVER_EAR_ANC],
      ["Insignia", "Stereo Headphones", 999, 1299, { type: ["Over-Ear"], anc: NO_ANC }],
    ],
    dims: {
      type: ["Over-Ear", "In-Ear", "True Wireless"],
      connectivity: ["Bluetooth", "Wired"],
      colour: ["Black", "Midnight Blue", "Silver", "White", "Graphite", "Green", "Gold"],
      anc: ["Active Noise Cancelling", "No ANC"],
    },
    priceBy: { connectivity: [1.12, 1], anc: [1.15, 1] },
  },
  {
    slug: "speakers",
    name: "Speakers & Smart Speakers",
    parent: "audio",
    price: [999, 49990],
    titleDims: 1,
    lines: [
      ["Amazon", "Echo Dot (5th Gen) Smart Speaker with Alexa", 3999, 5499, SMART_SPEAKER, "smart-speaker"],
      ["Amazon", "Echo Pop", 2999, 4999, SMART_SPEAKER, "smart-speaker"],
      ["Amazon", "Echo Show 8", 11999, 14999, SMART_SPEAKER, "smart-display"],
      ["Amazon", "Echo Studio", 19999, 22999, SMART_SPEAKER],
      ["Google", "Nest Mini", 2799, 4499, SMART_SPEAKER, "smart-speaker"],
      ["Google", "Nest Audio", 6999, 9999, SMART_SPEAKER],
      ["Google", "Home Smart Speaker", 5999, 7999, SMART_SPEAKER, "smart-speaker"],
      ["JBL", "Flip 6 Portable Bluetooth Speaker", 8999, 12999, BLUETOOTH_SPEAKER],
      ["JBL", "Charge 5", 13999, 18999, BLUETOOTH_SPEAKER],
      ["JBL", "PartyBox 110", 29999, 37999, BLUETOOTH_SPEAKER],
      ["boAt", "Stone 350 Bluetooth Speaker", 1299, 1999, BLUETOOTH_SPEAKER],
      ["Sony", "SRS-XB100 Portable Speaker", 3990, 4990, BLUETOOTH_SPEAKER],
      ["Marshall", "Emberton II", 14999, 17999, BLUETOOTH_SPEAKER],
      ["Bose", "SoundLink Flex", 12900, 15900, BLUETOOTH_SPEAKER],
    ],
    dims: {
      colour: ["Black", "Midnight Blue", "Silver", "White", "Graphite", "Green", "Gold"],
      power: ["5W", "20W", "40W", "160W"],
      connectivity: ["Bluetooth", "Wi-Fi + Bluetooth"],
    },
  },
  {
    slug: "home-theater",
    name: "Soundbars & Home Theater",
    parent: "audio",
    price: [2999, 149990],
    titleDims: 1,
    lines: [
      ["Samsung", "HW-Q600C Soundbar", 27990, 40990],
      ["Samsung", "HW-B450 Soundbar with Subwoofer", 11990, 17490],
      ["Sony", "HT-S400 Soundbar", 16990, 24490],
      ["Sony", "HT-S20R Home Theater System", 11990, 17490],
      ["JBL", "Bar 500 Soundbar", 37990, 54990],
      ["boAt", "Aavante Bar 1160", 4999, 7299],
      ["Philips", "TAB5305 Soundbar", 7499, 10899],
      ["Bose", "Smart Soundbar 600", 44990, 65990],
      ["Zebronics", "Juke Bar 9400 Home Theater", 19990, 28990],
      ["Kicker", "CompR 12 Subwoofer", 14990, 21790, { kind: "subwoofer" }, "speaker"],
    ],
    dims: {
      channels: ["2.1 Ch", "3.1 Ch", "5.1 Ch"],
      power: ["160W", "360W", "600W"],
      dolby: ["Dolby Atmos", "Dolby Digital"],
    },
    priceBy: { channels: [1, 1.2, 1.45] },
    // A subwoofer is one channel: it comes in its amplifier's power, not in 5.1.
    kinds: { subwoofer: { dims: { power: ["150W", "300W", "500W"] }, priceBy: { power: [1, 1.2, 1.45] } } },
  },
  {
    slug: "cameras",
    name: "Cameras & Camcorders",
    parent: "cameras-photo",
    price: [4999, 299990],
    titleDims: 2,
    lines: [
      ["Canon", "EOS R50 Mirrorless Camera", 59990, 68990],
      ["Canon", "EOS 1500D DSLR Camera", 31990, 36990],
      ["Canon", "PowerShot V10", 41990, 47990, FIXED_LENS],
      ["Nikon", "Z30 Mirrorless Camera", 54990, 63990],
      ["Nikon", "D7500 DSLR", 79990, 91990],
      ["Sony", "Alpha ZV-E10 Camera", 54990, 63990],
      ["Sony", "Alpha 7 IV", 209990, 241990],
      ["Sony", "Handycam HDR-CX405 Camcorder", 19990, 22990, FIXED_LENS],
      ["GoPro", "HERO12 Black Action Camera", 37990, 43990, FIXED_LENS],
      ["GoPro", "HERO11 Black Mini", 26990, 30990, FIXED_LENS],
      ["Fujifilm", "Instax Mini 12 Instant Print Camera", 6999, 7999, FIXED_LENS],
      ["Fujifilm", "X-T30 II", 84990, 97990],
      ["DJI", "Osmo Action 4", 29990, 34490, FIXED_LENS],
      ["DJI", "Mini 4 Pro Drone", 84990, 97990, FIXED_LENS, "drone"],
      ["Panasonic", "Lumix G7", 39990, 45990],
    ],
    dims: {
      kit: ["Body Only", "with 18-55mm Lens", "Kit"],
      sensor: ["24.2 MP", "12 MP", "33 MP"],
      video: ["4K Video", "Full HD Video"],
    },
    priceBy: { kit: [1, 1.15, 1.15] },
  },
  {
    slug: "camera-accessories",
    name: "Camera Accessories",
    parent: "cameras-photo",
    price: [299, 24990],
    titleDims: 1,
    lines: [
      ["Lowepro", "Camera Backpack", 3499, 6999, kind("Bag")],
      ["Lowepro", "Sling Bag", 2499, 4499, kind("Bag")],
      ["Canon", "LP-E17 Battery", 3499, 4499, kind("Battery")],
      ["Canon", "BG-E14 Battery Grip", 14999, 18999, kind("Grip")],
      ["Sony", "NP-FZ100 Battery", 6999, 8499, kind("Battery")],
      ["Sony", "Wireless Shooting Grip", 8999, 10999, kind("Grip"), "tripod"],
      ["Fujifilm", "Instax Mini Film (20 sheets)", 999, 1299, kind("Film")],
      ["DigiTek", "Tripod DTR 550", 999, 1499, kind("Tripod")],
    ],
    dims: {
      type: ["Battery", "Bag", "Tripod", "Grip", "Film"],
    },
  },
];
