import { GLASS, LED, METAL, PAPER, SCREEN, type Shape, WOOD, WOOD_EDGE, screen } from "./drawing";

/**
 * Appliances, cookware and groceries a kitchen leaf sells besides its namesake: the kettle and the
 * toaster beside the mixer grinders, the pan beside the pots, the oil bottle beside the atta.
 * Drawn as the first shapes are (shapes.ts).
 */
export const KITCHEN_SHAPES: ReadonlyArray<[string, Shape]> = [
  [
    "kettle",
    {
      shadow: 60,
      draw: (p) =>
        `<path d="M142 84C178 84 178 146 146 152" fill="none" stroke="${p.edge}" stroke-width="11"/><path d="M60 90L28 62L26 72L56 122Z" fill="${p.body}" stroke="${p.edge}"/><path d="M60 70H140L150 164H50Z" fill="${p.body}" stroke="${p.edge}"/><path d="M66 56H134L140 70H60Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="90" y="44" width="20" height="12" rx="4" fill="${p.edge}" stroke="none"/><rect x="42" y="162" width="116" height="14" rx="5" fill="${p.shade}" stroke="${p.edge}"/><rect x="72" y="94" width="9" height="50" rx="4" fill="${GLASS}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "toaster",
    {
      shadow: 74,
      draw: (p) =>
        `<g fill="${WOOD}" stroke="${WOOD_EDGE}"><rect x="56" y="38" width="40" height="44" rx="12"/><rect x="104" y="38" width="40" height="44" rx="12"/></g><rect x="30" y="66" width="140" height="104" rx="26" fill="${p.body}" stroke="${p.edge}"/><rect x="164" y="96" width="18" height="10" rx="4" fill="${p.edge}" stroke="none"/><circle cx="58" cy="140" r="9" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><path d="M46 86V150" stroke="#fff" stroke-width="6" opacity=".3"/>`,
    },
  ],
  [
    "oven",
    {
      shadow: 84,
      draw: (p) =>
        `<rect x="16" y="46" width="168" height="114" rx="12" fill="${p.body}" stroke="${p.edge}"/>${screen(28, 58, 110, 90, 6)}<rect x="146" y="60" width="28" height="14" rx="3" fill="${SCREEN}" stroke="none"/><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="160" cy="98" r="9"/><circle cx="160" cy="128" r="9"/></g><path d="M36 160V170M164 160V170" stroke="${p.edge}" stroke-width="7"/>`,
    },
  ],
  [
    "air-fryer",
    {
      shadow: 62,
      draw: (p) =>
        `<rect x="42" y="24" width="116" height="152" rx="32" fill="${p.body}" stroke="${p.edge}"/><rect x="60" y="38" width="80" height="24" rx="8" fill="${SCREEN}" stroke="none"/><circle cx="100" cy="50" r="5" fill="${LED}" stroke="none"/><rect x="50" y="92" width="100" height="74" rx="18" fill="${p.shade}" stroke="${p.edge}"/><rect x="80" y="114" width="40" height="14" rx="7" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "coffee-maker",
    {
      shadow: 56,
      draw: (p) =>
        `<rect x="52" y="18" width="96" height="156" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="64" y="66" width="72" height="86" rx="6" fill="${p.shade}" stroke="${p.edge}"/><path d="M114 116q14 0 14 10t-14 10" fill="none" stroke="${p.edge}" stroke-width="5"/><path d="M80 106H116V146H80Z" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><rect x="56" y="150" width="88" height="24" rx="6" fill="${p.shade}" stroke="${p.edge}"/><circle cx="100" cy="40" r="9" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "stand-mixer",
    {
      shadow: 70,
      draw: (p) =>
        `<rect x="122" y="60" width="32" height="104" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="34" y="158" width="132" height="18" rx="7" fill="${p.body}" stroke="${p.edge}"/><path d="M72 90V116" stroke="${METAL}" stroke-width="6"/><path d="M42 110H110L100 160H52Z" fill="${METAL}" stroke="${p.edge}"/><path d="M48 40H140C154 40 162 50 162 62V68C162 80 154 90 140 90H62C50 90 40 80 40 68V48C40 44 44 40 48 40Z" fill="${p.body}" stroke="${p.edge}"/><path d="M58 52H128" stroke="#fff" stroke-width="5" opacity=".3"/>`,
    },
  ],
  [
    "purifier",
    {
      shadow: 54,
      draw: (p) =>
        `<path d="M100 154V170H120" fill="none" stroke="${p.edge}" stroke-width="9"/><path d="M100 154V170H120" fill="none" stroke="${METAL}" stroke-width="4"/><rect x="46" y="16" width="108" height="142" rx="16" fill="${p.body}" stroke="${p.edge}"/><rect x="60" y="32" width="80" height="64" rx="8" fill="${GLASS}" stroke="${p.edge}" stroke-width="2"/><path d="M62 66q9 -6 19 0t19 0t19 0t19 0V92H62Z" fill="#6ea6cf" stroke="none"/><g fill="${LED}" stroke="none"><circle cx="78" cy="118" r="4"/><circle cx="94" cy="118" r="4"/><circle cx="110" cy="118" r="4" fill="#38bdf8"/></g>`,
    },
  ],
  [
    "slicer",
    {
      shadow: 82,
      draw: (p) =>
        `<circle cx="112" cy="86" r="52" fill="${METAL}" stroke="${p.edge}"/><circle cx="112" cy="86" r="40" fill="none" stroke="#fff" stroke-width="3" opacity=".6"/><circle cx="112" cy="86" r="14" fill="${p.shade}" stroke="${p.edge}"/><path d="M24 140L44 104H76L64 140Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="20" y="136" width="160" height="34" rx="8" fill="${p.body}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "robot-vacuum",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M22 106V130A78 30 0 0 0 178 130V106" fill="${p.shade}" stroke="${p.edge}"/><ellipse cx="100" cy="106" rx="78" ry="30" fill="${p.body}" stroke="${p.edge}"/><ellipse cx="100" cy="104" rx="50" ry="17" fill="none" stroke="${p.light}" stroke-width="3"/><ellipse cx="100" cy="102" rx="14" ry="6" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><circle cx="100" cy="130" r="3" fill="${LED}" stroke="none"/>`,
    },
  ],
  [
    "stove",
    {
      shadow: 84,
      draw: (p) =>
        `<path d="M46 84H154L182 138H18Z" fill="${p.body}" stroke="${p.edge}"/><rect x="16" y="138" width="168" height="24" rx="4" fill="${p.shade}" stroke="${p.edge}"/><g fill="${SCREEN}" stroke="${p.edge}" stroke-width="2"><ellipse cx="70" cy="110" rx="28" ry="11"/><ellipse cx="130" cy="110" rx="28" ry="11"/></g><g fill="none" stroke="#e07b2f" stroke-width="3"><ellipse cx="70" cy="110" rx="14" ry="5"/><ellipse cx="130" cy="110" rx="14" ry="5"/></g><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="50" cy="150" r="6"/><circle cx="100" cy="150" r="6"/><circle cx="150" cy="150" r="6"/></g>`,
    },
  ],
  [
    "dishwasher",
    {
      shadow: 64,
      draw: (p) =>
        `<rect x="40" y="18" width="120" height="158" rx="10" fill="${p.body}" stroke="${p.edge}"/><path d="M40 50H160" stroke="${p.edge}"/><rect x="52" y="28" width="34" height="11" rx="3" fill="${SCREEN}" stroke="none"/><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="124" cy="34" r="5"/><circle cx="142" cy="34" r="5"/></g><rect x="66" y="62" width="68" height="9" rx="4" fill="${p.edge}" stroke="none"/><path d="M40 160H160" stroke="${p.shade}" stroke-width="4"/><path d="M52 84V148" stroke="#fff" stroke-width="4" opacity=".3"/>`,
    },
  ],
  [
    "freezer",
    {
      shadow: 84,
      draw: (p) =>
        `<rect x="20" y="72" width="160" height="102" rx="10" fill="${p.body}" stroke="${p.edge}"/><rect x="16" y="58" width="168" height="24" rx="7" fill="${p.shade}" stroke="${p.edge}"/><rect x="82" y="86" width="36" height="9" rx="4" fill="${p.edge}" stroke="none"/><circle cx="160" cy="102" r="4" fill="${LED}" stroke="none"/><path d="M32 100V160" stroke="#fff" stroke-width="4" opacity=".35"/>`,
    },
  ],
  [
    // A top-loading washer: lid and drum seen from above, its panel at the back, no front door.
    "washer-top",
    {
      shadow: 64,
      draw: (p) =>
        `<rect x="40" y="50" width="120" height="126" rx="10" fill="${p.body}" stroke="${p.edge}"/><path d="M46 50L58 22H142L154 50Z" fill="${p.shade}" stroke="${p.edge}"/><rect x="60" y="14" width="80" height="12" rx="4" fill="${p.body}" stroke="${p.edge}" stroke-width="2"/><rect x="66" y="17" width="24" height="6" rx="2" fill="${SCREEN}" stroke="none"/><circle cx="126" cy="20" r="3" fill="${LED}" stroke="none"/><path d="M68 44L75 30H125L132 44Z" fill="${GLASS}" stroke="${p.edge}" stroke-width="2"/><rect x="86" y="60" width="28" height="7" rx="3" fill="${p.edge}" stroke="none"/><path d="M40 160H160" stroke="${p.shade}" stroke-width="4"/><path d="M54 80V146" stroke="#fff" stroke-width="5" opacity=".3"/>`,
    },
  ],
  [
    // A semi-automatic twin tub: a wide body with a wash lid and a spin lid side by side.
    "twin-tub",
    {
      shadow: 84,
      draw: (p) =>
        `<rect x="20" y="66" width="160" height="108" rx="12" fill="${p.body}" stroke="${p.edge}"/><path d="M26 66L38 42H162L174 66Z" fill="${p.shade}" stroke="${p.edge}"/><path d="M44 61L51 48H104L106 61Z" fill="${GLASS}" stroke="${p.edge}" stroke-width="2"/><path d="M114 61L116 48H148L156 61Z" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><g fill="${p.light}" stroke="${p.edge}" stroke-width="2"><circle cx="48" cy="86" r="8"/><circle cx="152" cy="86" r="8"/></g><path d="M110 76V164" stroke="${p.shade}" stroke-width="4"/><rect x="64" y="82" width="30" height="8" rx="3" fill="${p.edge}" stroke="none"/><path d="M34 104V156" stroke="#fff" stroke-width="5" opacity=".3"/>`,
    },
  ],
  [
    "cooler",
    {
      shadow: 56,
      draw: (p) =>
        `<rect x="50" y="18" width="100" height="148" rx="14" fill="${p.body}" stroke="${p.edge}"/><rect x="62" y="30" width="76" height="22" rx="6" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><circle cx="76" cy="41" r="4" fill="${LED}" stroke="none"/><path d="M64 70H136M64 84H136M64 98H136M64 112H136" stroke="${p.edge}" stroke-width="4"/><rect x="62" y="124" width="76" height="32" rx="6" fill="${p.shade}" stroke="none"/><g fill="${p.edge}" stroke="none"><circle cx="66" cy="170" r="7"/><circle cx="134" cy="170" r="7"/></g>`,
    },
  ],
  [
    "pan",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M140 104L188 84" stroke="${SCREEN}" stroke-width="14"/><path d="M16 100L26 128C30 138 40 146 52 146H124C136 146 146 138 150 128L160 100Z" fill="${p.body}" stroke="${p.edge}"/><ellipse cx="88" cy="100" rx="72" ry="15" fill="${p.shade}" stroke="${p.edge}"/><ellipse cx="88" cy="102" rx="60" ry="10" fill="${SCREEN}" stroke="none"/>`,
    },
  ],
  [
    "glass",
    {
      shadow: 76,
      draw: (p) =>
        `<g fill="${GLASS}" stroke="${p.edge}" opacity=".8"><path d="M22 74H70L64 164H28Z"/><path d="M130 74H178L172 164H136Z"/></g><path d="M72 58H128L120 172H80Z" fill="${GLASS}" stroke="${p.edge}"/><path d="M76 110H124L120 172H80Z" fill="${p.body}" stroke="none" opacity=".7"/><path d="M82 70L86 158" stroke="#fff" stroke-width="5" opacity=".5"/>`,
    },
  ],
  [
    "plate",
    {
      shadow: 84,
      draw: (p) =>
        `<ellipse cx="100" cy="152" rx="82" ry="20" fill="${PAPER}" stroke="${p.edge}"/><ellipse cx="100" cy="140" rx="82" ry="20" fill="${PAPER}" stroke="${p.edge}"/><ellipse cx="100" cy="140" rx="56" ry="12" fill="none" stroke="${p.light}" stroke-width="4"/><path d="M54 78H146C146 110 126 128 100 128C74 128 54 110 54 78Z" fill="${p.body}" stroke="${p.edge}"/><ellipse cx="100" cy="78" rx="46" ry="11" fill="${p.light}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "cutlery",
    {
      shadow: 62,
      draw: (p) =>
        `<ellipse cx="60" cy="48" rx="16" ry="25" fill="${METAL}" stroke="${p.edge}"/><path d="M86 24V52C86 62 92 68 100 68C108 68 114 62 114 52V24M100 24V60" fill="none" stroke="${p.edge}" stroke-width="5"/><path d="M140 22C154 30 156 70 148 92H136V26Z" fill="${METAL}" stroke="${p.edge}"/><g fill="${p.body}" stroke="${p.edge}"><rect x="54" y="70" width="12" height="104" rx="6"/><rect x="94" y="66" width="12" height="108" rx="6"/><rect x="135" y="88" width="13" height="86" rx="6"/></g>`,
    },
  ],
  [
    "lunch-box",
    {
      shadow: 80,
      draw: (p) =>
        `<rect x="30" y="84" width="140" height="86" rx="14" fill="${GLASS}" stroke="${p.edge}"/><rect x="40" y="118" width="120" height="42" rx="8" fill="${p.light}" stroke="none" opacity=".8"/><rect x="24" y="68" width="152" height="24" rx="8" fill="${p.body}" stroke="${p.edge}"/><g fill="${p.shade}" stroke="${p.edge}" stroke-width="2"><rect x="18" y="78" width="14" height="24" rx="3"/><rect x="168" y="78" width="14" height="24" rx="3"/></g>`,
    },
  ],
  [
    "bottle",
    {
      shadow: 46,
      draw: (p) =>
        `<rect x="84" y="14" width="32" height="22" rx="4" fill="${p.shade}" stroke="${p.edge}"/><path d="M88 36H112V52C132 60 140 74 140 92V164C140 170 136 174 130 174H70C64 174 60 170 60 164V92C60 74 68 60 88 52Z" fill="${p.body}" stroke="${p.edge}"/><rect x="68" y="100" width="64" height="50" rx="6" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M70 84V92M70 156V164" stroke="#fff" stroke-width="5" opacity=".35"/>`,
    },
  ],
  [
    "jar",
    {
      shadow: 56,
      draw: (p) =>
        `<rect x="54" y="32" width="92" height="28" rx="6" fill="${p.shade}" stroke="${p.edge}"/><rect x="48" y="56" width="104" height="118" rx="20" fill="${p.body}" stroke="${p.edge}"/><rect x="58" y="90" width="84" height="54" rx="8" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M72 110H128M72 124H112" stroke="${p.edge}" stroke-width="4"/><path d="M60 70V82" stroke="#fff" stroke-width="5" opacity=".35"/>`,
    },
  ],
  [
    "cup",
    {
      shadow: 76,
      draw: (p) =>
        `<path d="M78 26q-9 12 0 24t0 24M102 20q-9 12 0 24t0 24M126 26q-9 12 0 24" fill="none" stroke="${METAL}" stroke-width="5"/><path d="M152 98C184 98 184 142 148 142" fill="none" stroke="${p.edge}" stroke-width="10"/><path d="M42 84H158L148 152C146 162 138 168 128 168H72C62 168 54 162 52 152Z" fill="${p.body}" stroke="${p.edge}"/><ellipse cx="100" cy="84" rx="58" ry="9" fill="#8a5a2b" stroke="${p.edge}" stroke-width="2"/><rect x="24" y="164" width="152" height="12" rx="6" fill="${p.shade}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "biscuits",
    {
      shadow: 84,
      draw: (p) =>
        `<path d="M16 72L30 84H170L184 72V148L170 136H30L16 148Z" fill="${p.body}" stroke="${p.edge}"/><path d="M30 84V136M170 84V136" stroke="${p.shade}" stroke-width="4"/><rect x="46" y="92" width="108" height="36" rx="12" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><g fill="${WOOD}" stroke="${WOOD_EDGE}" stroke-width="2"><circle cx="72" cy="110" r="13"/><circle cx="100" cy="110" r="13"/><circle cx="128" cy="110" r="13"/></g>`,
    },
  ],
];
