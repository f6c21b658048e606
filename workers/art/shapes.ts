import { DEVICE_SHAPES } from "./device-shapes";
import { GLASS, METAL, PAPER, SCREEN, type Shape, screen } from "./drawing";
import { KITCHEN_SHAPES } from "./kitchen-shapes";
import { LIFESTYLE_SHAPES } from "./lifestyle-shapes";

/**
 * The product kinds the catalog is drawn as, by the name in their URL. Each is a handful of
 * rounded rectangles, circles and paths; the outline comes from the colour, so every shape reads
 * on a light card whatever its colour. The first were drawn here, one per leaf category; the
 * kinds a line of a leaf needs besides are drawn by department in the modules spread in below.
 */
export const ART_SHAPES: ReadonlyMap<string, Shape> = new Map<string, Shape>([
  [
    "phone",
    {
      shadow: 44,
      draw: (p) =>
        `<rect x="62" y="18" width="76" height="156" rx="14" fill="${p.body}" stroke="${p.edge}"/>${screen(68, 30, 64, 132, 6)}<rect x="90" y="23" width="20" height="4" rx="2" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "tablet",
    {
      shadow: 60,
      draw: (p) =>
        `<rect x="42" y="20" width="116" height="154" rx="12" fill="${p.body}" stroke="${p.edge}"/>${screen(51, 30, 98, 134, 4)}<circle cx="100" cy="25" r="2" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "laptop",
    {
      shadow: 80,
      draw: (p) =>
        `<rect x="38" y="40" width="124" height="90" rx="7" fill="${p.body}" stroke="${p.edge}"/>${screen(46, 48, 108, 74, 2)}<path d="M22 132H178L170 150H30Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="86" y="132" width="28" height="5" rx="2" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "monitor",
    {
      shadow: 50,
      draw: (p) =>
        `<rect x="92" y="126" width="16" height="28" fill="${p.shade}" stroke="${p.edge}"/><rect x="62" y="152" width="76" height="10" rx="5" fill="${p.body}" stroke="${p.edge}"/><rect x="24" y="28" width="152" height="100" rx="7" fill="${p.body}" stroke="${p.edge}"/>${screen(31, 35, 138, 84, 2)}`,
    },
  ],
  [
    "tv",
    {
      shadow: 78,
      draw: (p) =>
        `<path d="M48 140L38 162M152 140L162 162" stroke="${p.edge}" stroke-width="6"/><rect x="14" y="38" width="172" height="104" rx="5" fill="${p.body}" stroke="${p.edge}"/>${screen(19, 43, 162, 94, 2)}`,
    },
  ],
  [
    "remote",
    {
      shadow: 34,
      draw: (p) =>
        `<rect x="76" y="18" width="48" height="160" rx="24" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="60" r="17" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="60" r="7" fill="${p.light}" stroke="${p.edge}"/><circle cx="100" cy="32" r="4" fill="#d94848" stroke="none"/><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="88" cy="98" r="6"/><circle cx="112" cy="98" r="6"/><circle cx="88" cy="120" r="6"/><circle cx="112" cy="120" r="6"/><rect x="92" y="138" width="16" height="26" rx="8"/></g>`,
    },
  ],
  [
    "projector",
    {
      shadow: 66,
      draw: (p) =>
        `<rect x="34" y="74" width="132" height="70" rx="16" fill="${p.body}" stroke="${p.edge}"/><circle cx="126" cy="109" r="24" fill="${p.shade}" stroke="${p.edge}"/><circle cx="126" cy="109" r="15" fill="${SCREEN}" stroke="none"/><circle cx="120" cy="103" r="4" fill="#fff" stroke="none" opacity=".4"/><path d="M50 96H84M50 108H84M50 120H84" stroke="${p.edge}"/><path d="M48 144V152M152 144V152" stroke="${p.edge}" stroke-width="6"/>`,
    },
  ],
  [
    "printer",
    {
      shadow: 72,
      draw: (p) =>
        `<rect x="60" y="28" width="80" height="44" fill="${PAPER}" stroke="${p.edge}"/><rect x="28" y="64" width="144" height="72" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="48" y="112" width="104" height="10" rx="3" fill="${p.edge}" stroke="none"/><rect x="60" y="117" width="80" height="48" fill="${PAPER}" stroke="${p.edge}"/><path d="M72 134H128M72 146H116" stroke="${METAL}"/><circle cx="150" cy="84" r="5" fill="#4caf7a" stroke="none"/>`,
    },
  ],
  [
    "headphones",
    {
      shadow: 60,
      draw: (p) =>
        `<path d="M50 120V98a50 50 0 0 1 100 0V120" fill="none" stroke="${p.edge}" stroke-width="16"/><path d="M50 120V98a50 50 0 0 1 100 0V120" fill="none" stroke="${p.body}" stroke-width="9"/><rect x="32" y="102" width="34" height="58" rx="15" fill="${p.body}" stroke="${p.edge}"/><rect x="134" y="102" width="34" height="58" rx="15" fill="${p.body}" stroke="${p.edge}"/><rect x="58" y="110" width="12" height="42" rx="6" fill="${p.shade}" stroke="${p.edge}"/><rect x="130" y="110" width="12" height="42" rx="6" fill="${p.shade}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "earbuds",
    {
      shadow: 58,
      draw: (p) =>
        `<g transform="rotate(-12 72 100)"><rect x="62" y="76" width="18" height="84" rx="9" fill="${p.body}" stroke="${p.edge}"/><circle cx="72" cy="70" r="24" fill="${p.body}" stroke="${p.edge}"/><circle cx="80" cy="62" r="9" fill="${p.shade}" stroke="${p.edge}"/></g><g transform="rotate(12 128 100)"><rect x="120" y="76" width="18" height="84" rx="9" fill="${p.body}" stroke="${p.edge}"/><circle cx="128" cy="70" r="24" fill="${p.body}" stroke="${p.edge}"/><circle cx="120" cy="62" r="9" fill="${p.shade}" stroke="${p.edge}"/></g>`,
    },
  ],
  [
    "speaker",
    {
      shadow: 46,
      draw: (p) =>
        `<rect x="58" y="24" width="84" height="146" rx="26" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="78" r="26" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="78" r="9" fill="${p.edge}" stroke="none"/><circle cx="100" cy="134" r="16" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="134" r="5" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "watch",
    {
      shadow: 36,
      draw: (p) =>
        `<rect x="76" y="16" width="48" height="168" rx="12" fill="${p.shade}" stroke="${p.edge}"/><rect x="138" y="86" width="8" height="22" rx="3" fill="${p.edge}" stroke="none"/><rect x="60" y="54" width="80" height="92" rx="24" fill="${p.body}" stroke="${p.edge}"/><rect x="68" y="62" width="64" height="76" rx="18" fill="${SCREEN}" stroke="none"/><path d="M100 100V78M100 100L114 108" stroke="#fff" stroke-width="4"/>`,
    },
  ],
  [
    "camera",
    {
      shadow: 78,
      draw: (p) =>
        `<path d="M68 64L80 42H120L132 64Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="24" y="60" width="152" height="100" rx="14" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="110" r="36" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="110" r="25" fill="${SCREEN}" stroke="none"/><circle cx="100" cy="110" r="12" fill="#3b4a5a" stroke="none"/><circle cx="91" cy="100" r="5" fill="#fff" stroke="none" opacity=".5"/><rect x="140" y="72" width="22" height="10" rx="3" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "fridge",
    {
      shadow: 52,
      draw: (p) =>
        `<rect x="54" y="14" width="92" height="162" rx="10" fill="${p.body}" stroke="${p.edge}"/><path d="M54 70H146" stroke="${p.edge}"/><rect x="126" y="32" width="7" height="26" rx="3" fill="${p.edge}" stroke="none"/><rect x="126" y="84" width="7" height="44" rx="3" fill="${p.edge}" stroke="none"/><path d="M62 22V60" stroke="#fff" stroke-width="4" opacity=".35"/>`,
    },
  ],
  [
    "washer",
    {
      shadow: 64,
      draw: (p) =>
        `<rect x="40" y="22" width="120" height="154" rx="12" fill="${p.body}" stroke="${p.edge}"/><path d="M40 54H160" stroke="${p.edge}"/><rect x="52" y="33" width="36" height="11" rx="3" fill="${SCREEN}" stroke="none"/><circle cx="140" cy="38" r="7" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><circle cx="100" cy="115" r="42" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="115" r="30" fill="${GLASS}" stroke="${p.edge}"/><path d="M84 104a20 20 0 0 1 14 -10" fill="none" stroke="#fff" stroke-width="4" opacity=".6"/>`,
    },
  ],
  [
    "ac",
    {
      shadow: 80,
      draw: (p) =>
        `<rect x="16" y="56" width="168" height="62" rx="16" fill="${p.body}" stroke="${p.edge}"/><path d="M32 102H168" stroke="${p.edge}"/><rect x="146" y="70" width="18" height="8" rx="3" fill="${SCREEN}" stroke="none"/><path d="M60 132q6 12 0 24M100 132q6 12 0 24M140 132q6 12 0 24" fill="none" stroke="${GLASS}" stroke-width="5"/>`,
    },
  ],
  [
    "pot",
    {
      shadow: 70,
      draw: (p) =>
        `<rect x="18" y="96" width="32" height="12" rx="6" fill="${p.edge}" stroke="none"/><rect x="150" y="96" width="32" height="12" rx="6" fill="${p.edge}" stroke="none"/><rect x="42" y="84" width="116" height="78" rx="14" fill="${p.body}" stroke="${p.edge}"/><path d="M36 88Q100 46 164 88Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="90" y="54" width="20" height="14" rx="5" fill="${p.edge}" stroke="none"/><path d="M54 100V146" stroke="#fff" stroke-width="5" opacity=".3"/>`,
    },
  ],
  [
    "mixer",
    {
      shadow: 58,
      draw: (p) =>
        `<path d="M64 38H136L128 120H72Z" fill="${GLASS}" stroke="${p.edge}" opacity=".9"/><path d="M86 96L100 84L114 96" fill="none" stroke="${p.edge}"/><rect x="58" y="28" width="84" height="14" rx="5" fill="${p.shade}" stroke="${p.edge}"/><path d="M56 118H144L154 172H46Z" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="146" r="11" fill="${p.light}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "vacuum",
    {
      shadow: 62,
      draw: (p) =>
        `<path d="M136 26L88 152" stroke="${p.edge}" stroke-width="9"/><rect x="124" y="14" width="34" height="18" rx="9" fill="${p.body}" stroke="${p.edge}"/><rect x="100" y="58" width="36" height="58" rx="16" fill="${p.body}" stroke="${p.edge}" transform="rotate(21 118 87)"/><rect x="106" y="70" width="14" height="30" rx="7" fill="${GLASS}" stroke="none" transform="rotate(21 113 85)"/><rect x="40" y="148" width="86" height="22" rx="9" fill="${p.body}" stroke="${p.edge}"/><path d="M50 170H116" stroke="${p.shade}" stroke-width="4"/>`,
    },
  ],
  [
    "shirt",
    {
      shadow: 62,
      draw: (p) =>
        `<path d="M72 26L38 42L18 84L46 96L56 78V174H144V78L154 96L182 84L162 42L128 26Q100 48 72 26Z" fill="${p.body}" stroke="${p.edge}"/><path d="M72 26Q100 48 128 26" fill="none" stroke="${p.edge}"/><path d="M100 44V168" stroke="${p.shade}"/>`,
    },
  ],
  [
    "shoe",
    {
      shadow: 82,
      draw: (p) =>
        `<path d="M24 146V116C24 96 34 78 48 74L76 90C96 100 114 104 130 106L164 116C176 120 182 130 182 146Z" fill="${p.body}" stroke="${p.edge}"/><path d="M84 94L76 108M100 100L92 112M116 104L108 116" stroke="${p.mark}" stroke-width="4"/><path d="M36 100C48 108 60 116 60 146" fill="none" stroke="${p.shade}"/><rect x="20" y="144" width="166" height="18" rx="9" fill="${PAPER}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "bag",
    {
      shadow: 56,
      draw: (p) =>
        `<path d="M80 46V36a20 20 0 0 1 40 0V46" fill="none" stroke="${p.edge}" stroke-width="7"/><rect x="48" y="42" width="104" height="132" rx="28" fill="${p.body}" stroke="${p.edge}"/><path d="M58 72H142" stroke="${p.shade}" stroke-width="4"/><rect x="62" y="108" width="76" height="52" rx="14" fill="${p.shade}" stroke="${p.edge}"/><path d="M74 124H126" stroke="${p.edge}"/>`,
    },
  ],
  [
    "bed",
    {
      shadow: 82,
      draw: (p) =>
        `<rect x="20" y="58" width="22" height="108" rx="7" fill="${p.edge}" stroke="none"/><rect x="30" y="136" width="152" height="12" rx="3" fill="${p.edge}" stroke="none"/><path d="M40 148V166M176 148V166" stroke="${p.edge}" stroke-width="7"/><rect x="38" y="100" width="146" height="40" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="50" y="82" width="50" height="24" rx="11" fill="${p.light}" stroke="${p.edge}"/><path d="M110 112H172" stroke="${p.shade}" stroke-width="4"/>`,
    },
  ],
  [
    "pack",
    {
      shadow: 56,
      draw: (p) =>
        `<path d="M58 40H142L152 170H48Z" fill="${p.body}" stroke="${p.edge}"/><rect x="54" y="30" width="92" height="16" rx="3" fill="${p.shade}" stroke="${p.edge}"/><rect x="70" y="82" width="60" height="54" rx="10" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M100 126V96M100 104l-9 -7M100 112l9 -7M100 120l-9 -7" fill="none" stroke="#c99a3d" stroke-width="4"/>`,
    },
  ],
  [
    "gamepad",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M54 66H146C170 66 184 100 186 130C188 156 168 164 154 148L138 128H62L46 148C32 164 12 156 14 130C16 100 30 66 54 66Z" fill="${p.body}" stroke="${p.edge}"/><path d="M62 84V112M48 98H76" stroke="${p.edge}" stroke-width="9"/><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="138" cy="86" r="7"/><circle cx="138" cy="110" r="7"/><circle cx="126" cy="98" r="7"/><circle cx="150" cy="98" r="7"/></g>`,
    },
  ],
  [
    "toy",
    {
      shadow: 70,
      draw: (p) =>
        `<g fill="${p.body}" stroke="${p.edge}"><rect x="44" y="64" width="26" height="22" rx="5"/><rect x="87" y="64" width="26" height="22" rx="5"/><rect x="130" y="64" width="26" height="22" rx="5"/><rect x="32" y="80" width="136" height="80" rx="8"/></g><path d="M44 92V148" stroke="#fff" stroke-width="5" opacity=".3"/>`,
    },
  ],
  [
    "dumbbell",
    {
      shadow: 80,
      draw: (p) =>
        `<rect x="40" y="92" width="120" height="16" rx="5" fill="${METAL}" stroke="${p.edge}"/><g fill="${p.body}" stroke="${p.edge}"><rect x="22" y="58" width="24" height="84" rx="7"/><rect x="154" y="58" width="24" height="84" rx="7"/></g><g fill="${p.shade}" stroke="${p.edge}"><rect x="46" y="70" width="14" height="60" rx="5"/><rect x="140" y="70" width="14" height="60" rx="5"/></g>`,
    },
  ],
  [
    "notebook",
    {
      shadow: 60,
      draw: (p) =>
        `<rect x="50" y="22" width="104" height="150" rx="8" fill="${p.body}" stroke="${p.edge}"/><path d="M66 22V172" stroke="${p.shade}" stroke-width="5"/><rect x="82" y="48" width="56" height="30" rx="4" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M92 58H128M92 68H118" stroke="${METAL}" stroke-width="3"/><path d="M176 34L136 160" stroke="${p.edge}" stroke-width="11"/><path d="M176 34L136 160" stroke="${p.light}" stroke-width="6"/>`,
    },
  ],
  [
    "battery",
    {
      shadow: 40,
      draw: (p) =>
        `<rect x="88" y="26" width="24" height="14" rx="4" fill="${METAL}" stroke="${p.edge}"/><rect x="68" y="36" width="64" height="138" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="68" y="36" width="64" height="44" rx="12" fill="#d9a640" stroke="${p.edge}"/><path d="M100 110V134M88 122H112" stroke="${p.mark}" stroke-width="6"/>`,
    },
  ],
  [
    "card",
    {
      shadow: 50,
      draw: (p) =>
        `<path d="M58 24H126L148 46V174H58Z" fill="${p.body}" stroke="${p.edge}"/><g fill="#d8bd86" stroke="none"><rect x="70" y="34" width="9" height="22" rx="2"/><rect x="85" y="34" width="9" height="22" rx="2"/><rect x="100" y="34" width="9" height="22" rx="2"/><rect x="115" y="34" width="9" height="22" rx="2"/></g><rect x="70" y="92" width="66" height="56" rx="6" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "mouse",
    {
      shadow: 44,
      draw: (p) =>
        `<rect x="60" y="26" width="80" height="148" rx="40" fill="${p.body}" stroke="${p.edge}"/><path d="M100 26V82M60 82H140" stroke="${p.edge}"/><rect x="94" y="42" width="12" height="24" rx="6" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "charger",
    {
      shadow: 54,
      draw: (p) =>
        `<path d="M100 138C100 170 140 162 152 180" fill="none" stroke="${p.edge}" stroke-width="7"/><g fill="${METAL}" stroke="${p.edge}" stroke-width="2"><rect x="78" y="28" width="11" height="32" rx="2"/><rect x="111" y="28" width="11" height="32" rx="2"/></g><rect x="58" y="56" width="84" height="86" rx="16" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="98" r="9" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  ...DEVICE_SHAPES,
  ...KITCHEN_SHAPES,
  ...LIFESTYLE_SHAPES,
]);
