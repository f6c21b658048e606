import { LED, METAL, PAPER, SCREEN, type Shape, outlined, screen } from "./drawing";

/**
 * Electronics a leaf of devices or accessories sells besides its namesake: a tower beside the
 * monitors, a cartridge beside the printers, a power bank beside the chargers, a drone beside the
 * cameras. Drawn as the first shapes are (shapes.ts).
 */
export const DEVICE_SHAPES: ReadonlyArray<[string, Shape]> = [
  [
    "desktop",
    {
      shadow: 46,
      draw: (p) =>
        `<rect x="62" y="18" width="76" height="158" rx="8" fill="${p.body}" stroke="${p.edge}"/><rect x="72" y="32" width="56" height="12" rx="3" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><circle cx="100" cy="64" r="7" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><path d="M76 104H124M76 118H124M76 132H124M76 146H124" stroke="${p.shade}" stroke-width="4"/>`,
    },
  ],
  [
    "cartridge",
    {
      shadow: 50,
      draw: (p) =>
        `<rect x="84" y="154" width="32" height="18" rx="3" fill="${METAL}" stroke="${p.edge}"/><rect x="52" y="28" width="96" height="130" rx="10" fill="${p.body}" stroke="${p.edge}"/><rect x="64" y="54" width="72" height="56" rx="6" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><g stroke="none"><circle cx="84" cy="82" r="8" fill="#27a8c9"/><circle cx="100" cy="82" r="8" fill="#d6408f"/><circle cx="116" cy="82" r="8" fill="#f2c230"/></g><path d="M64 130H136" stroke="${p.shade}" stroke-width="5"/>`,
    },
  ],
  [
    "smart-speaker",
    {
      shadow: 62,
      draw: (p) =>
        `<path d="M34 118a66 66 0 1 1 132 0C166 150 138 170 100 170C62 170 34 150 34 118Z" fill="${p.body}" stroke="${p.edge}"/><path d="M42 146Q100 186 158 146" fill="none" stroke="#38bdf8" stroke-width="6"/><g fill="${p.mark}" stroke="none"><circle cx="100" cy="72" r="6"/><circle cx="76" cy="80" r="5"/><circle cx="124" cy="80" r="5"/></g><path d="M56 96a46 46 0 0 1 26 -36" fill="none" stroke="#fff" stroke-width="6" opacity=".25"/>`,
    },
  ],
  [
    "smart-display",
    {
      shadow: 70,
      draw: (p) =>
        `<path d="M30 166L46 34H154L170 166Z" fill="${p.body}" stroke="${p.edge}"/>${screen(56, 44, 88, 74, 4)}<path d="M44 140H156" stroke="${p.shade}" stroke-width="14" stroke-dasharray="3 5"/>`,
    },
  ],
  [
    "soundbar",
    {
      shadow: 84,
      draw: (p) =>
        `<rect x="14" y="62" width="172" height="32" rx="14" fill="${p.body}" stroke="${p.edge}"/><path d="M32 78H168" stroke="${p.shade}" stroke-width="10" stroke-dasharray="4 4"/><rect x="120" y="104" width="62" height="72" rx="8" fill="${p.body}" stroke="${p.edge}"/><circle cx="151" cy="140" r="22" fill="${p.shade}" stroke="${p.edge}"/><circle cx="151" cy="140" r="8" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "drone",
    {
      shadow: 74,
      draw: (p) =>
        `${outlined("M52 58L148 142M148 58L52 142", p.edge, p.body, 13)}<g fill="${p.light}" stroke="${p.edge}" stroke-width="2" opacity=".85"><ellipse cx="52" cy="58" rx="34" ry="12"/><ellipse cx="148" cy="58" rx="34" ry="12"/><ellipse cx="52" cy="142" rx="34" ry="12"/><ellipse cx="148" cy="142" rx="34" ry="12"/></g><rect x="72" y="78" width="56" height="44" rx="16" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="118" r="11" fill="${SCREEN}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "tripod",
    {
      shadow: 62,
      draw: (p) =>
        `${outlined("M100 96L46 176M100 96L154 176M100 96V170", p.edge, p.body, 10)}<rect x="93" y="58" width="14" height="44" fill="${METAL}" stroke="${p.edge}" stroke-width="2"/><rect x="66" y="36" width="68" height="24" rx="6" fill="${p.body}" stroke="${p.edge}"/><path d="M134 48H166" stroke="${p.edge}" stroke-width="8"/>`,
    },
  ],
  [
    "power-bank",
    {
      shadow: 64,
      draw: (p) =>
        `<rect x="40" y="38" width="120" height="136" rx="20" fill="${p.body}" stroke="${p.edge}"/><rect x="84" y="47" width="32" height="8" rx="3" fill="${SCREEN}" stroke="none"/><path d="M106 66L80 108H100L92 142L122 96H102L112 66Z" fill="${p.mark}" stroke="none"/><g fill="${LED}" stroke="none"><circle cx="82" cy="158" r="4"/><circle cx="94" cy="158" r="4"/><circle cx="106" cy="158" r="4"/><circle cx="118" cy="158" r="4" fill="${p.shade}"/></g>`,
    },
  ],
  [
    "photo",
    {
      shadow: 58,
      draw: (p) =>
        `<g transform="rotate(-9 100 100)"><rect x="46" y="26" width="96" height="122" rx="4" fill="${PAPER}" stroke="${p.edge}"/><rect x="56" y="36" width="76" height="80" fill="${p.shade}" stroke="none"/></g><g transform="rotate(7 100 100)"><rect x="60" y="40" width="96" height="122" rx="4" fill="${PAPER}" stroke="${p.edge}"/><rect x="70" y="50" width="76" height="80" fill="${p.body}" stroke="none"/><circle cx="126" cy="70" r="9" fill="${p.light}" stroke="none"/><path d="M70 130L94 96L112 118L124 106L146 130Z" fill="${p.edge}" stroke="none"/></g>`,
    },
  ],
  [
    "phone-case",
    {
      shadow: 44,
      draw: (p) =>
        `<rect x="60" y="16" width="80" height="160" rx="18" fill="${p.body}" stroke="${p.edge}"/><rect x="66" y="22" width="68" height="148" rx="13" fill="none" stroke="${p.shade}" stroke-width="4"/><rect x="70" y="28" width="40" height="44" rx="11" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><g fill="${SCREEN}" stroke="${p.edge}" stroke-width="2"><circle cx="83" cy="41" r="7"/><circle cx="97" cy="59" r="7"/></g>`,
    },
  ],
  [
    "screen-guard",
    {
      shadow: 50,
      draw: (p) =>
        `<rect x="50" y="28" width="76" height="148" rx="14" fill="${SCREEN}" stroke="#3b4a5a"/><rect x="74" y="16" width="76" height="148" rx="14" fill="${p.body}" stroke="${p.edge}" opacity=".85"/><path d="M118 16H136L96 164H78Z" fill="#fff" stroke="none" opacity=".5"/><rect x="102" y="22" width="20" height="5" rx="2" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "cable",
    {
      shadow: 50,
      draw: (p) =>
        `${outlined("M62 70V118a38 38 0 0 0 76 0V70", p.edge, p.body, 12)}<g fill="${METAL}" stroke="${p.edge}" stroke-width="2"><rect x="55" y="22" width="14" height="18" rx="2"/><rect x="132" y="24" width="12" height="16" rx="5"/></g><g fill="${p.body}" stroke="${p.edge}"><rect x="48" y="38" width="28" height="36" rx="6"/><rect x="124" y="38" width="28" height="36" rx="6"/></g>`,
    },
  ],
  [
    "charging-pad",
    {
      shadow: 74,
      draw: (p) =>
        `${outlined("M150 132C176 140 178 160 186 172", p.edge, p.body, 11)}<path d="M28 112V130A72 26 0 0 0 172 130V112" fill="${p.shade}" stroke="${p.edge}"/><ellipse cx="100" cy="112" rx="72" ry="26" fill="${p.body}" stroke="${p.edge}"/><ellipse cx="100" cy="112" rx="40" ry="13" fill="none" stroke="${p.light}" stroke-width="4"/><path d="M104 102L94 113H104L98 122" fill="none" stroke="${p.mark}" stroke-width="3"/>`,
    },
  ],
  [
    "keyboard",
    {
      shadow: 86,
      draw: (p) =>
        `<rect x="12" y="68" width="176" height="84" rx="10" fill="${p.body}" stroke="${p.edge}"/><g stroke="${p.light}" stroke-width="12" stroke-linecap="butt" stroke-dasharray="12 5"><path d="M24 86H178M29 104H178M34 122H178"/></g><path d="M62 140H138" stroke="${p.light}" stroke-width="10"/>`,
    },
  ],
  [
    "webcam",
    {
      shadow: 50,
      draw: (p) =>
        `<path d="M100 116V152" stroke="${p.edge}" stroke-width="8"/><rect x="62" y="148" width="76" height="14" rx="7" fill="${p.shade}" stroke="${p.edge}"/><rect x="32" y="56" width="136" height="64" rx="32" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="88" r="23" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="88" r="14" fill="${SCREEN}" stroke="none"/><circle cx="95" cy="83" r="4" fill="#fff" stroke="none" opacity=".5"/><circle cx="144" cy="88" r="4" fill="${LED}" stroke="none"/>`,
    },
  ],
  [
    "router",
    {
      shadow: 80,
      draw: (p) =>
        `${outlined("M50 96L36 34M100 96V28M150 96L164 34", p.edge, p.shade, 10)}<rect x="22" y="92" width="156" height="56" rx="14" fill="${p.body}" stroke="${p.edge}"/><g fill="${LED}" stroke="none"><circle cx="58" cy="120" r="4"/><circle cx="80" cy="120" r="4"/><circle cx="102" cy="120" r="4"/><circle cx="124" cy="120" r="4"/></g><path d="M42 148V158M158 148V158" stroke="${p.edge}" stroke-width="7"/>`,
    },
  ],
  [
    "stick",
    {
      shadow: 36,
      draw: (p) =>
        `<rect x="80" y="16" width="40" height="38" rx="3" fill="${METAL}" stroke="${p.edge}"/><g fill="${p.edge}" stroke="none"><rect x="88" y="28" width="9" height="8"/><rect x="103" y="28" width="9" height="8"/></g><rect x="70" y="50" width="60" height="126" rx="14" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="156" r="7" fill="#fff" stroke="${p.edge}" stroke-width="2"/><path d="M80 64V136" stroke="#fff" stroke-width="5" opacity=".25"/>`,
    },
  ],
  [
    "drive",
    {
      shadow: 56,
      draw: (p) =>
        `${outlined("M128 34C150 20 176 28 178 56", p.edge, p.shade, 9)}<rect x="46" y="30" width="108" height="144" rx="16" fill="${p.body}" stroke="${p.edge}"/><rect x="58" y="42" width="84" height="120" rx="10" fill="${p.shade}" stroke="none"/><path d="M70 60H110" stroke="${p.mark}" stroke-width="5"/><circle cx="128" cy="148" r="5" fill="${LED}" stroke="none"/>`,
    },
  ],
  [
    "coin-cell",
    {
      shadow: 62,
      draw: (p) =>
        `<circle cx="106" cy="106" r="64" fill="${p.shade}" stroke="${p.edge}"/><circle cx="98" cy="98" r="64" fill="${p.body}" stroke="${p.edge}"/><circle cx="98" cy="98" r="48" fill="none" stroke="${p.light}" stroke-width="4"/><path d="M98 80V116M80 98H116" stroke="${p.mark}" stroke-width="7"/>`,
    },
  ],
  [
    "console",
    {
      shadow: 50,
      draw: (p) =>
        `<rect x="78" y="18" width="44" height="158" rx="8" fill="${SCREEN}" stroke="${p.edge}"/><path d="M80 20C58 44 52 148 66 176H86V20Z" fill="${p.body}" stroke="${p.edge}"/><path d="M120 20C142 44 148 148 134 176H114V20Z" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="40" r="4" fill="#fff" stroke="none" opacity=".7"/><rect x="94" y="70" width="12" height="40" rx="5" fill="${p.shade}" stroke="none"/>`,
    },
  ],
  [
    "game",
    {
      shadow: 54,
      draw: (p) =>
        `<rect x="52" y="20" width="100" height="154" rx="6" fill="${p.body}" stroke="${p.edge}"/><rect x="52" y="20" width="16" height="154" rx="5" fill="${p.shade}" stroke="${p.edge}"/><rect x="78" y="36" width="62" height="80" rx="4" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><path d="M80 114L102 80L118 100L126 90L138 114Z" fill="${p.shade}" stroke="none"/><path d="M80 136H136M80 150H118" stroke="${p.mark}" stroke-width="5"/>`,
    },
  ],
  [
    "gift-card",
    {
      shadow: 76,
      draw: (p) =>
        `<rect x="22" y="50" width="156" height="102" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="23" y="70" width="154" height="18" fill="${SCREEN}" stroke="none"/><rect x="38" y="106" width="66" height="14" rx="4" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M120 110H160M120 128H146" stroke="${p.mark}" stroke-width="5"/>`,
    },
  ],
  [
    "handheld",
    {
      shadow: 84,
      draw: (p) =>
        `<rect x="48" y="56" width="104" height="96" rx="4" fill="${SCREEN}" stroke="${p.edge}"/>${screen(56, 64, 88, 80, 2)}<path d="M50 56H40C28 56 18 66 18 80V128C18 142 28 152 40 152H50Z" fill="${p.body}" stroke="${p.edge}"/><path d="M150 56H160C172 56 182 66 182 80V128C182 142 172 152 160 152H150Z" fill="${p.body}" stroke="${p.edge}"/><g fill="${p.shade}" stroke="${p.edge}" stroke-width="2"><circle cx="35" cy="84" r="8"/><circle cx="165" cy="122" r="8"/></g><g fill="${p.mark}" stroke="none"><circle cx="165" cy="78" r="4"/><circle cx="165" cy="96" r="4"/><circle cx="35" cy="116" r="4"/><circle cx="35" cy="132" r="4"/></g>`,
    },
  ],
  [
    "vr-headset",
    {
      shadow: 76,
      draw: (p) =>
        `<path d="M36 104C36 48 164 48 164 104" fill="none" stroke="${p.edge}" stroke-width="12"/><rect x="30" y="74" width="140" height="74" rx="30" fill="${p.body}" stroke="${p.edge}"/><rect x="46" y="88" width="108" height="46" rx="20" fill="${p.shade}" stroke="none"/><g fill="${SCREEN}" stroke="none"><circle cx="66" cy="111" r="7"/><circle cx="134" cy="111" r="7"/></g>`,
    },
  ],
];
