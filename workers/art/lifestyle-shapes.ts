import { METAL, PAPER, SCREEN, type Shape, WOOD, WOOD_EDGE, outlined } from "./drawing";

/**
 * Home, fashion, sports, toys and office goods a leaf sells besides its namesake: the bulb and
 * the pillow beside the mattresses, the trousers beside the shirts, the football beside the
 * dumbbells, the guitar beside the bricks, the calculator beside the notebooks. Drawn as the
 * first shapes are (shapes.ts).
 */
export const LIFESTYLE_SHAPES: ReadonlyArray<[string, Shape]> = [
  [
    "bulb",
    {
      shadow: 40,
      draw: (p) =>
        `<path d="M100 18C66 18 46 42 46 72C46 94 58 108 70 122C76 130 78 136 78 144H122C122 136 124 130 130 122C142 108 154 94 154 72C154 42 134 18 100 18Z" fill="${p.body}" stroke="${p.edge}"/><path d="M66 64C68 48 80 38 94 36" fill="none" stroke="#fff" stroke-width="7" opacity=".55"/><rect x="78" y="142" width="44" height="32" rx="6" fill="${METAL}" stroke="${p.edge}"/><path d="M79 153H121M79 164H121" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "lamp",
    {
      shadow: 46,
      draw: (p) =>
        `<rect x="95" y="84" width="10" height="40" fill="${METAL}" stroke="${p.edge}" stroke-width="2"/><path d="M62 24H138L162 90H38Z" fill="${p.light}" stroke="${p.edge}"/><path d="M100 112C68 112 62 150 76 176H124C138 150 132 112 100 112Z" fill="${p.body}" stroke="${p.edge}"/><path d="M80 132C78 144 78 156 82 166" fill="none" stroke="#fff" stroke-width="5" opacity=".35"/>`,
    },
  ],
  [
    "clock",
    {
      shadow: 52,
      draw: (p) =>
        `<circle cx="100" cy="98" r="76" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="98" r="62" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M100 42V54M100 142V154M44 98H56M144 98H156" stroke="${p.edge}" stroke-width="5"/><path d="M100 98V62M100 98L128 112" stroke="${SCREEN}" stroke-width="6"/><circle cx="100" cy="98" r="6" fill="${SCREEN}" stroke="none"/>`,
    },
  ],
  [
    "pillow",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M32 62C60 50 140 50 168 62C178 92 178 122 168 148C140 160 60 160 32 148C22 122 22 92 32 62Z" fill="${p.body}" stroke="${p.edge}"/><path d="M32 62L22 52M168 62L178 52M32 148L22 158M168 148L178 158" stroke="${p.edge}" stroke-width="6"/><path d="M50 76C80 68 120 68 150 76" fill="none" stroke="${p.light}" stroke-width="5"/><path d="M70 130C90 136 110 136 130 130" fill="none" stroke="${p.shade}" stroke-width="4"/>`,
    },
  ],
  [
    "sheet",
    {
      shadow: 82,
      draw: (p) =>
        `<rect x="28" y="118" width="144" height="48" rx="10" fill="${p.shade}" stroke="${p.edge}"/><rect x="28" y="74" width="144" height="52" rx="10" fill="${p.body}" stroke="${p.edge}"/><path d="M29 114H171M29 154H171" stroke="${p.light}" stroke-width="6"/><g fill="${p.light}" stroke="none"><circle cx="60" cy="94" r="5"/><circle cx="100" cy="94" r="5"/><circle cx="140" cy="94" r="5"/></g>`,
    },
  ],
  [
    "trousers",
    {
      shadow: 56,
      draw: (p) =>
        `<path d="M58 22H142L154 176H110L100 76L90 176H46Z" fill="${p.body}" stroke="${p.edge}"/><rect x="58" y="22" width="84" height="16" fill="${p.shade}" stroke="${p.edge}"/><path d="M100 38V74M64 44C70 58 80 62 88 60M136 44C130 58 120 62 112 60" fill="none" stroke="${p.shade}" stroke-width="3"/>`,
    },
  ],
  [
    "kurta",
    {
      shadow: 66,
      draw: (p) =>
        `<path d="M76 20L46 34L28 84L50 92L62 70L48 176H152L138 70L150 92L172 84L154 34L124 20Q100 38 76 20Z" fill="${p.body}" stroke="${p.edge}"/><path d="M100 30V72" stroke="${p.edge}" stroke-width="2"/><path d="M86 26Q100 42 114 26M52 162H148" fill="none" stroke="${p.light}" stroke-width="5"/><g fill="${p.light}" stroke="none"><circle cx="100" cy="84" r="3"/><circle cx="100" cy="96" r="3"/></g>`,
    },
  ],
  [
    "analog-watch",
    {
      shadow: 36,
      draw: (p) =>
        `<rect x="80" y="14" width="40" height="172" rx="10" fill="${p.shade}" stroke="${p.edge}"/><rect x="144" y="93" width="10" height="14" rx="3" fill="${p.edge}" stroke="none"/><circle cx="100" cy="100" r="47" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="100" r="36" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M100 69V76M100 124V131M69 100H76M124 100H131" stroke="${SCREEN}" stroke-width="3"/><path d="M100 100V78M100 100L116 108" stroke="${SCREEN}" stroke-width="4"/>`,
    },
  ],
  [
    "sandal",
    {
      shadow: 84,
      draw: (p) =>
        `${outlined("M44 146C46 118 72 102 100 112M102 146C108 120 138 112 164 126M72 146C80 128 96 122 112 128", p.edge, p.body, 13)}<path d="M18 144H184C186 156 180 164 170 164H30C22 164 16 156 18 144Z" fill="${p.body}" stroke="${p.edge}"/><path d="M28 148H176" stroke="${p.light}" stroke-width="3"/>`,
    },
  ],
  [
    "boot",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M42 24H110V108L156 120C172 124 182 134 182 148H36V30C36 26 38 24 42 24Z" fill="${p.body}" stroke="${p.edge}"/><rect x="38" y="18" width="76" height="14" rx="6" fill="${p.shade}" stroke="${p.edge}"/><path d="M94 46H112M94 64H112M94 82H112M94 100H112" stroke="${p.mark}" stroke-width="4"/><path d="M48 40V138" stroke="#fff" stroke-width="5" opacity=".25"/><rect x="30" y="146" width="156" height="20" rx="7" fill="${SCREEN}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "suitcase",
    {
      shadow: 56,
      draw: (p) =>
        `<path d="M82 40V20H118V40" fill="none" stroke="${p.edge}" stroke-width="7"/><rect x="52" y="36" width="96" height="130" rx="14" fill="${p.body}" stroke="${p.edge}"/><path d="M76 50V152M100 50V152M124 50V152" stroke="${p.shade}" stroke-width="5"/><g fill="${p.edge}" stroke="none"><circle cx="66" cy="172" r="7"/><circle cx="134" cy="172" r="7"/></g>`,
    },
  ],
  [
    "tote",
    {
      shadow: 64,
      draw: (p) =>
        `<path d="M68 74C68 28 94 28 94 74M106 74C106 28 132 28 132 74" fill="none" stroke="${p.edge}" stroke-width="7"/><path d="M38 70H162L150 174H50Z" fill="${p.body}" stroke="${p.edge}"/><path d="M42 90H158" stroke="${p.shade}" stroke-width="5"/><rect x="78" y="112" width="44" height="34" rx="6" fill="${p.shade}" stroke="none"/>`,
    },
  ],
  [
    "laptop-bag",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M78 62V46C78 40 82 36 88 36H112C118 36 122 40 122 46V62" fill="none" stroke="${p.edge}" stroke-width="8"/><rect x="22" y="58" width="156" height="114" rx="12" fill="${p.body}" stroke="${p.edge}"/><path d="M32 74H168" stroke="${p.shade}" stroke-width="4"/><rect x="42" y="100" width="116" height="54" rx="8" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><path d="M150 70V82" stroke="${p.edge}" stroke-width="5"/>`,
    },
  ],
  [
    "treadmill",
    {
      shadow: 86,
      draw: (p) =>
        `${outlined("M150 148L130 58M130 74L88 82", p.edge, p.body, 11)}<rect x="104" y="36" width="62" height="28" rx="7" fill="${p.body}" stroke="${p.edge}"/><rect x="114" y="43" width="30" height="14" rx="2" fill="${SCREEN}" stroke="none"/><rect x="14" y="142" width="164" height="26" rx="13" fill="${p.body}" stroke="${p.edge}"/><path d="M28 146H164" stroke="${SCREEN}" stroke-width="5"/>`,
    },
  ],
  [
    "exercise-bike",
    {
      shadow: 72,
      draw: (p) =>
        `${outlined("M40 172H160M66 172L90 92M90 112L134 172M134 172L146 62", p.edge, p.body, 11)}<path d="M132 58H166" stroke="${p.edge}" stroke-width="8"/><rect x="68" y="78" width="46" height="14" rx="7" fill="${SCREEN}" stroke="none"/><circle cx="128" cy="140" r="24" fill="${p.body}" stroke="${p.edge}"/><circle cx="128" cy="140" r="9" fill="${p.shade}" stroke="${p.edge}" stroke-width="2"/><circle cx="98" cy="136" r="7" fill="${p.edge}" stroke="none"/>`,
    },
  ],
  [
    "yoga-mat",
    {
      shadow: 80,
      draw: (p) =>
        `<rect x="24" y="94" width="150" height="64" rx="32" fill="${p.body}" stroke="${p.edge}"/><circle cx="142" cy="126" r="32" fill="${p.shade}" stroke="${p.edge}"/><path d="M142 126m-7 0a7 7 0 1 1 14 0a14 14 0 1 1 -28 0a21 21 0 1 1 42 0" fill="none" stroke="${p.light}" stroke-width="3"/><path d="M56 95V157M92 95V157" stroke="${SCREEN}" stroke-width="6"/>`,
    },
  ],
  [
    "glove",
    {
      shadow: 56,
      draw: (p) =>
        `<g fill="${p.shade}" stroke="${p.edge}"><rect x="60" y="48" width="22" height="46" rx="11"/><rect x="84" y="38" width="22" height="54" rx="11"/><rect x="108" y="42" width="22" height="52" rx="11"/><rect x="132" y="54" width="20" height="42" rx="10"/></g><path d="M58 112C40 102 26 114 34 128L58 154Z" fill="${p.body}" stroke="${p.edge}"/><path d="M56 88H152V140C152 162 136 176 114 176H90C70 176 56 162 56 140Z" fill="${p.body}" stroke="${p.edge}"/><rect x="56" y="150" width="96" height="18" rx="6" fill="${p.shade}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "band",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M62 112a60 40 0 1 0 120 0a60 40 0 1 0 -120 0ZM78 112a44 26 0 1 0 88 0a44 26 0 1 0 -88 0Z" fill="${p.shade}" stroke="${p.edge}" fill-rule="evenodd"/><path d="M18 92a60 40 0 1 0 120 0a60 40 0 1 0 -120 0ZM34 92a44 26 0 1 0 88 0a44 26 0 1 0 -88 0Z" fill="${p.body}" stroke="${p.edge}" fill-rule="evenodd"/>`,
    },
  ],
  [
    "bicycle",
    {
      shadow: 88,
      draw: (p) =>
        `<g fill="none" stroke="${SCREEN}" stroke-width="7"><circle cx="48" cy="132" r="34"/><circle cx="152" cy="132" r="34"/></g>${outlined("M48 132L80 82H138L152 132M80 82L102 132L138 82M102 132H48M138 82L132 58H150M80 82L74 66", p.edge, p.body, 10)}<rect x="60" y="58" width="30" height="10" rx="5" fill="${SCREEN}" stroke="none"/><circle cx="102" cy="132" r="10" fill="${p.body}" stroke="${p.edge}"/>`,
    },
  ],
  [
    "football",
    {
      shadow: 62,
      draw: (p) =>
        `<circle cx="100" cy="104" r="70" fill="${PAPER}" stroke="${p.edge}"/><path d="M100 82V34M121 97L166 84M113 122L142 160M87 122L58 160M79 97L34 84" stroke="${p.edge}" stroke-width="3"/><path d="M100 82L121 97L113 122H87L79 97Z" fill="${p.body}" stroke="${p.edge}"/><g fill="${p.body}" stroke="${p.edge}" stroke-width="2"><path d="M82 36L100 46L118 36A70 70 0 0 0 82 36Z"/><path d="M163 76L150 92L166 104A70 70 0 0 0 163 76Z"/><path d="M37 76L50 92L34 104A70 70 0 0 1 37 76Z"/></g>`,
    },
  ],
  [
    "cricket-bat",
    {
      shadow: 70,
      draw: (p) =>
        `<g transform="rotate(28 96 96)"><rect x="88" y="6" width="16" height="60" rx="7" fill="${p.body}" stroke="${p.edge}"/><path d="M80 62H112V162C112 172 106 178 96 178C86 178 80 172 80 162Z" fill="${WOOD}" stroke="${WOOD_EDGE}"/><path d="M96 74V160" stroke="#fff" stroke-width="4" opacity=".35"/></g><circle cx="150" cy="154" r="18" fill="#c8363d" stroke="#7a1f24"/><path d="M138 142q12 12 0 26M162 140q-12 14 0 28" fill="none" stroke="#fff" stroke-width="2" opacity=".7"/>`,
    },
  ],
  [
    "board-game",
    {
      shadow: 82,
      draw: (p) =>
        `<path d="M20 84V114L100 146V116Z" fill="${p.shade}" stroke="${p.edge}"/><path d="M180 84V114L100 146V116Z" fill="${p.edge}" stroke="${p.edge}"/><path d="M20 84L100 54L180 84L100 116Z" fill="${p.body}" stroke="${p.edge}"/><path d="M60 85L100 70L140 85L100 100Z" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><rect x="126" y="134" width="30" height="30" rx="6" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><g fill="${SCREEN}" stroke="none"><circle cx="134" cy="142" r="3"/><circle cx="141" cy="149" r="3"/><circle cx="148" cy="156" r="3"/></g>`,
    },
  ],
  [
    "guitar",
    {
      shadow: 50,
      draw: (p) =>
        `<g transform="rotate(24 100 100)"><rect x="92" y="4" width="16" height="24" rx="4" fill="${SCREEN}" stroke="none"/><rect x="94" y="24" width="12" height="80" fill="${WOOD}" stroke="${WOOD_EDGE}" stroke-width="2"/><path d="M100 94C76 94 70 108 76 122C64 130 60 142 62 154C66 178 88 186 100 186C112 186 134 178 138 154C140 142 136 130 124 122C130 108 124 94 100 94Z" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="132" r="12" fill="${SCREEN}" stroke="none"/><rect x="86" y="158" width="28" height="7" rx="3" fill="${p.edge}" stroke="none"/></g>`,
    },
  ],
  [
    "piano",
    {
      shadow: 88,
      draw: (p) =>
        `<rect x="12" y="66" width="176" height="84" rx="10" fill="${p.body}" stroke="${p.edge}"/><rect x="26" y="76" width="40" height="14" rx="3" fill="${SCREEN}" stroke="none"/><g fill="${p.light}" stroke="none"><circle cx="82" cy="83" r="4"/><circle cx="96" cy="83" r="4"/></g><rect x="22" y="98" width="156" height="42" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M22 119H178" stroke="${p.edge}" stroke-width="42" stroke-linecap="butt" stroke-dasharray="1.5 11.5"/><path d="M30 110H178" stroke="${SCREEN}" stroke-width="24" stroke-linecap="butt" stroke-dasharray="7 6 7 19 7 6 7 6 7 19"/>`,
    },
  ],
  [
    "microphone",
    {
      shadow: 40,
      draw: (p) =>
        `<path d="M80 104H120L108 176H92Z" fill="${p.body}" stroke="${p.edge}"/><rect x="96" y="124" width="8" height="20" rx="4" fill="${p.light}" stroke="${p.edge}" stroke-width="2"/><rect x="72" y="92" width="56" height="14" rx="5" fill="${p.shade}" stroke="${p.edge}"/><rect x="70" y="16" width="60" height="80" rx="30" fill="${METAL}" stroke="${p.edge}"/><path d="M74 42H126M71 58H129M74 74H126" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "figure",
    {
      shadow: 48,
      draw: (p) =>
        `${outlined("M76 72L54 116M124 72L146 116", p.edge, p.body, 15)}${outlined("M88 120L82 174M112 120L118 174", p.edge, p.shade, 17)}<path d="M72 64H128L120 124H80Z" fill="${p.body}" stroke="${p.edge}"/><rect x="80" y="114" width="40" height="10" fill="${p.edge}" stroke="none"/><circle cx="100" cy="40" r="22" fill="#f2c9a0" stroke="${WOOD_EDGE}"/><path d="M78 36C80 20 120 20 122 36C112 30 88 30 78 36Z" fill="${p.shade}" stroke="none"/>`,
    },
  ],
  [
    "pen",
    {
      shadow: 62,
      draw: (p) =>
        `<g transform="rotate(-32 100 100)"><rect x="88" y="12" width="24" height="132" rx="3" fill="${p.body}" stroke="${p.edge}"/><rect x="88" y="12" width="24" height="14" rx="3" fill="#e590b0" stroke="${p.edge}"/><path d="M88 144L100 180L112 144Z" fill="${WOOD}" stroke="${p.edge}"/><path d="M96 168L100 180L104 168Z" fill="${SCREEN}" stroke="none"/></g><g transform="rotate(30 100 100)"><rect x="90" y="18" width="20" height="130" rx="9" fill="${p.shade}" stroke="${p.edge}"/><path d="M106 24V70" stroke="${METAL}" stroke-width="4"/><path d="M92 148L100 176L108 148Z" fill="${METAL}" stroke="${p.edge}"/></g>`,
    },
  ],
  [
    "tape",
    {
      shadow: 70,
      draw: (p) =>
        `<path d="M150 136L180 170L150 176L132 150" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="102" r="68" fill="${p.body}" stroke="${p.edge}"/><circle cx="100" cy="102" r="54" fill="none" stroke="${p.shade}" stroke-width="3"/><circle cx="100" cy="102" r="34" fill="${WOOD}" stroke="${p.edge}"/><circle cx="100" cy="102" r="26" fill="#fff" stroke="${p.edge}" stroke-width="2"/>`,
    },
  ],
  [
    "paper",
    {
      shadow: 80,
      draw: (p) =>
        `<path d="M24 88V140L92 168V116Z" fill="${p.body}" stroke="${p.edge}"/><path d="M92 116V168L176 134V82Z" fill="${p.shade}" stroke="${p.edge}"/><path d="M24 88L108 56L176 82L92 116Z" fill="${PAPER}" stroke="${p.edge}"/><path d="M24 104L92 132V150L24 122Z" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M58 76L142 88" stroke="${METAL}" stroke-width="3"/>`,
    },
  ],
  [
    "tray",
    {
      shadow: 82,
      draw: (p) =>
        `<path d="M42 104V120M158 104V120M42 154V172M158 154V172" stroke="${p.edge}" stroke-width="7"/><rect x="44" y="54" width="112" height="20" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M24 68H176L166 104H34Z" fill="${p.body}" stroke="${p.edge}"/><path d="M24 120H176L166 156H34Z" fill="${p.body}" stroke="${p.edge}"/><path d="M70 86H130M70 138H130" stroke="${p.shade}" stroke-width="5"/>`,
    },
  ],
  [
    "calculator",
    {
      shadow: 52,
      draw: (p) =>
        `<rect x="52" y="16" width="96" height="160" rx="12" fill="${p.body}" stroke="${p.edge}"/><rect x="64" y="28" width="72" height="32" rx="4" fill="#b9c7a5" stroke="${p.edge}" stroke-width="2"/><path d="M66 80H134M66 102H134M66 124H134M66 146H134" stroke="${p.light}" stroke-width="13" stroke-linecap="butt" stroke-dasharray="12 6.7"/><path d="M113 158H134" stroke="#e07b2f" stroke-width="10"/>`,
    },
  ],
  [
    "pencil-box",
    {
      shadow: 82,
      draw: (p) =>
        `<rect x="22" y="62" width="156" height="90" rx="9" fill="${p.body}" stroke="${p.edge}"/><path d="M23 80H177" stroke="${p.shade}" stroke-width="5"/><rect x="38" y="96" width="124" height="20" rx="2" fill="${PAPER}" stroke="${p.edge}" stroke-width="2"/><path d="M50 96V105M62 96V101M74 96V105M86 96V101M98 96V105M110 96V101M122 96V105M134 96V101M146 96V105" stroke="${p.edge}" stroke-width="2"/><path d="M70 142A30 20 0 0 1 130 142Z" fill="none" stroke="${p.light}" stroke-width="4"/>`,
    },
  ],
];
