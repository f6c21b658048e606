/** TV, streaming and projector leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A TV's name says its picture: a "4K UHD" or "OLED" set is never titled "HD Ready" or "LED".
// OLED and QLED panels are only made in 4K, and an HD set has an LED panel. A model line is one
// panel: a set that names neither QLED nor OLED is an LED one. Sizes are the ones each kind is
// sold in: no 4K set as small as 32", no HD Ready one past 43", OLED only from 55".
const LED_4K = { size: ['43"', '50"', '55"', '65"', '75"'], resolution: ["4K Ultra HD"], panel: ["LED"] };
const QLED_4K = { size: ['43"', '50"', '55"', '65"', '75"'], resolution: ["4K Ultra HD"], panel: ["QLED"] };
const OLED_4K = { size: ['55"', '65"'], resolution: ["4K Ultra HD"], panel: ["OLED"] };
const LED_HD = { size: ['32"', '43"'], resolution: ["HD Ready"], panel: ["LED"] };
// A streaming player comes with one remote, and one named "4K" plays 4K.
const player = (remote, resolution) => ({ remote: [remote], resolution: [resolution] });
export const TV_VIDEO_LEAVES = [
  {
    slug: "televisions",
    name: "Televisions",
    parent: "tv-video",
    price: [9999, 349900],
    titleDims: 3,
    lines: [
      ["Samsung", "Crystal 4K UHD Smart LED TV", 16990, 104990, LED_4K],
      ["Samsung", "Neo QLED 4K Smart TV", 44990, 279990, QLED_4K],
      ["Samsung", "The Frame QLED TV", 34990, 219990, QLED_4K],
      ["LG", "OLED evo C3 Smart TV", 54990, 329990, OLED_4K],
      ["LG", "NanoCell 4K Smart TV", 19990, 119990, LED_4K],
      ["LG", "UHD AI ThinQ Smart LED TV", 15990, 95990, LED_4K],
      ["Sony", "Bravia 4K Ultra HD Google TV", 22990, 139990, LED_4K],
      ["Sony", "Bravia XR OLED TV", 64990, 389990, OLED_4K],
      ["Xiaomi", "Mi X Series 4K Smart Google TV", 13990, 84990, LED_4K],
      ["TCL", "QLED 4K Google TV", 13990, 84990, QLED_4K],
      ["Insignia", "Smart HD Fire TV", 10990, 64990, LED_HD],
      ["Insignia", "4K UHD Fire TV", 12990, 77990, LED_4K],
      ["Toshiba", "4K UHD Fire TV", 13990, 82990, LED_4K],
      ["Westinghouse", "Roku TV HD", 9999, 59999, LED_HD],
      ["Hisense", "A6 4K Ultra HD Smart TV", 12990, 77990, LED_4K],
      ["OnePlus", "Y1S Pro 4K Smart TV", 13990, 84990, LED_4K],
    ],
    dims: {
      size: ['32"', '43"', '50"', '55"', '65"', '75"'],
      resolution: ["4K Ultra HD", "Full HD", "HD Ready"],
      panel: ["LED", "QLED", "OLED"],
      hdr: ["HDR10", "Dolby Vision", "High Dynamic Range"],
      apps: ["Netflix, Prime Video, YouTube"],
    },
    priceBy: { size: [1, 1.7, 2.2, 2.6, 4, 6] },
  },
  {
    slug: "streaming-devices",
    name: "Streaming Media Players",
    parent: "tv-video",
    price: [1999, 19900],
    titleDims: 1,
    lines: [
      ["Amazon", "Fire TV Stick 4K", 4999, 6499, player("Alexa Voice Remote", "4K"), "stick"],
      ["Amazon", "Fire TV Stick Lite", 2999, 3999, player("Alexa Voice Remote", "Full HD"), "stick"],
      ["Amazon", "Fire TV Cube", 12999, 14999, player("Alexa Voice Remote", "4K")],
      ["Google", "Chromecast with Google TV", 5499, 6999, player("Voice Remote", "4K"), "stick"],
      ["Google", "Chromecast (Black)", 2999, 3999, { ...player("Phone as Remote", "Full HD"), colour: ["Black"] }, "stick"],
      ["Roku", "Express 4K", 3499, 4499, player("Simple Remote", "4K")],
      ["Roku", "Streaming Stick 4K", 4999, 6499, player("Voice Remote", "4K"), "stick"],
      ["Apple", "TV 4K", 14900, 16900, player("Voice Remote", "4K")],
      ["Xiaomi", "Mi TV Stick", 2499, 3499, player("Voice Remote", "Full HD"), "stick"],
    ],
    dims: {
      remote: ["Alexa Voice Remote", "Voice Remote", "Simple Remote", "Phone as Remote"],
      resolution: ["4K", "Full HD"],
      colour: ["Black", "White"],
    },
  },
  {
    slug: "projectors",
    name: "Projectors",
    parent: "tv-video",
    price: [6999, 199900],
    titleDims: 1,
    lines: [
      ["Epson", "EpiqVision Mini Projector", 79990, 143990],
      ["Epson", "Home Cinema 2350", 119990, 215990],
      ["BenQ", "TH575 Projector", 49990, 89990],
      ["XGIMI", "MoGo 2 Pro Portable Projector", 37990, 68990],
      ["Egate", "i9 Pro-Max Projector", 8999, 16199],
    ],
    dims: {
      resolution: ["1080p", "4K", "720p"],
      brightness: ["3000 lumens", "500 ANSI lumens"],
    },
    priceBy: { resolution: [1.3, 1.8, 1] },
  },
];
