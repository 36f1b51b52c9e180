/**
 * The sample publication's pictures: flat illustrations of Harbourton drawn here as SVG, made for
 * The Dateline Gazette and rendered to raster by sharp when the sample is written (pictures.ts).
 * Nothing is downloaded. Each scene is a function of a few choices, so that one drawing of a harbour
 * serves the dredging story by day and the new ferry at dusk.
 */

/** Width and height of every picture: 16:9, wide enough for the article page's largest size. */
export const PICTURE_WIDTH = 1200;
export const PICTURE_HEIGHT = 675;

const W = PICTURE_WIDTH;
const H = PICTURE_HEIGHT;

/** A time of day or weather: the sky's gradient, the sea, the light and the ink of outlines. */
export interface Mood {
  skyTop: string;
  skyBottom: string;
  sea: string;
  seaDeep: string;
  land: string;
  sun: string | null;
  ink: string;
}

export const MOODS = {
  morning: {
    skyTop: '#8fc3e6',
    skyBottom: '#f4e3c3',
    sea: '#3f7fa6',
    seaDeep: '#27577a',
    land: '#7a9a5b',
    sun: '#ffd479',
    ink: '#24323f',
  },
  noon: {
    skyTop: '#5aa7db',
    skyBottom: '#cfe8f5',
    sea: '#2f86b5',
    seaDeep: '#1d5f86',
    land: '#6f9a4f',
    sun: '#fff0b0',
    ink: '#1f2b36',
  },
  dusk: {
    skyTop: '#3b3f78',
    skyBottom: '#f29e6d',
    sea: '#40507e',
    seaDeep: '#262f55',
    land: '#4f5a45',
    sun: '#ffb56b',
    ink: '#1b1d33',
  },
  storm: {
    skyTop: '#4c5661',
    skyBottom: '#9aa5ad',
    sea: '#4b6470',
    seaDeep: '#2e424c',
    land: '#5b6b4f',
    sun: null,
    ink: '#1d2328',
  },
  night: {
    skyTop: '#0f1733',
    skyBottom: '#2c3e6b',
    sea: '#1d2b4f',
    seaDeep: '#111a33',
    land: '#26351f',
    sun: '#f3f0d8',
    ink: '#0b0f1c',
  },
} satisfies Record<string, Mood>;

export type MoodName = keyof typeof MOODS;

// A small, seeded generator: the same picture comes out every time (the sample is byte-for-byte the
// same on every database), yet windows and waves do not repeat in an obvious pattern.
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function sky(mood: Mood, horizon = H): string {
  return `<rect width="${W}" height="${horizon}" fill="url(#sky)"/>`;
}

function sun(mood: Mood, x: number, y: number, r = 60): string {
  if (!mood.sun) return '';
  return `<circle cx="${x}" cy="${y}" r="${r * 1.8}" fill="${mood.sun}" opacity="0.18"/><circle cx="${x}" cy="${y}" r="${r}" fill="${mood.sun}"/>`;
}

function cloud(x: number, y: number, s: number, fill: string, opacity = 0.9): string {
  return `<g fill="${fill}" opacity="${opacity}"><ellipse cx="${x}" cy="${y}" rx="${90 * s}" ry="${28 * s}"/><ellipse cx="${x - 40 * s}" cy="${y - 18 * s}" rx="${45 * s}" ry="${30 * s}"/><ellipse cx="${x + 25 * s}" cy="${y - 28 * s}" rx="${55 * s}" ry="${38 * s}"/></g>`;
}

function sea(mood: Mood, top: number, rand: () => number): string {
  let waves = '';
  for (let i = 0; i < 26; i += 1) {
    const y = top + 20 + rand() * (H - top - 30);
    const x = rand() * W;
    const w = 30 + rand() * 60;
    waves += `<path d="M${round(x)} ${round(y)} q${round(w / 2)} -8 ${round(w)} 0" stroke="#ffffff" stroke-opacity="0.35" stroke-width="3" fill="none" stroke-linecap="round"/>`;
  }
  return `<rect y="${top}" width="${W}" height="${H - top}" fill="url(#sea)"/>${waves}`;
}

function hills(fill: string, base: number, peaks: number[], opacity = 1): string {
  const step = W / (peaks.length - 1);
  let d = `M0 ${base}`;
  peaks.forEach((p, i) => {
    d += ` Q${round(i * step - step / 2)} ${round(base - p - 30)} ${round(i * step)} ${round(base - p)}`;
  });
  d += ` L${W} ${H} L0 ${H} Z`;
  return `<path d="${d}" fill="${fill}" opacity="${opacity}"/>`;
}

/** A terrace of houses along a line: walls, roofs, lit or unlit windows. */
function houses(
  x0: number,
  baseline: number,
  count: number,
  rand: () => number,
  options: { lit?: boolean; scale?: number } = {},
): string {
  const walls = ['#e8d5b0', '#d98f6f', '#9cc3c9', '#f1efe6', '#c9b2d6', '#e6c26e'];
  const roofs = ['#6b3e35', '#3f4a57', '#7a5a3a'];
  const s = options.scale ?? 1;
  let out = '';
  let x = x0;
  for (let i = 0; i < count; i += 1) {
    const w = (70 + rand() * 40) * s;
    const h = (80 + rand() * 70) * s;
    const wall = walls[Math.floor(rand() * walls.length)]!;
    const roof = roofs[Math.floor(rand() * roofs.length)]!;
    out += `<rect x="${round(x)}" y="${round(baseline - h)}" width="${round(w)}" height="${round(h)}" fill="${wall}"/>`;
    out += `<path d="M${round(x - 4 * s)} ${round(baseline - h)} L${round(x + w / 2)} ${round(baseline - h - 34 * s)} L${round(x + w + 4 * s)} ${round(baseline - h)} Z" fill="${roof}"/>`;
    for (let row = 0; row < Math.floor(h / (38 * s)); row += 1) {
      for (let col = 0; col < 2; col += 1) {
        const lit = options.lit && rand() > 0.4;
        out += `<rect x="${round(x + (14 + col * 30) * s)}" y="${round(baseline - h + (14 + row * 36) * s)}" width="${round(16 * s)}" height="${round(20 * s)}" fill="${lit ? '#ffd77a' : '#3b4a5a'}" opacity="${lit ? 1 : 0.75}"/>`;
      }
    }
    x += w + 6 * s;
  }
  return out;
}

function boat(x: number, y: number, s: number, hull: string, sail: string | null): string {
  let out = `<path d="M${x - 60 * s} ${y} L${x + 60 * s} ${y} L${x + 42 * s} ${y + 26 * s} L${x - 46 * s} ${y + 26 * s} Z" fill="${hull}"/>`;
  if (sail) {
    out += `<rect x="${x - 2 * s}" y="${y - 110 * s}" width="${4 * s}" height="${110 * s}" fill="#3a3a3a"/>`;
    out += `<path d="M${x + 4 * s} ${y - 104 * s} L${x + 4 * s} ${y - 8 * s} L${x + 58 * s} ${y - 8 * s} Z" fill="${sail}"/>`;
  } else {
    out += `<rect x="${x - 24 * s}" y="${y - 30 * s}" width="${40 * s}" height="${30 * s}" fill="#f4f1e8"/><rect x="${x - 16 * s}" y="${y - 24 * s}" width="${10 * s}" height="${10 * s}" fill="#2d4a63"/>`;
  }
  return out;
}

function ferry(x: number, y: number, s: number, mood: Mood): string {
  const lit = mood === MOODS.dusk || mood === MOODS.night;
  let windows = '';
  for (let i = 0; i < 9; i += 1)
    windows += `<rect x="${x - 170 * s + i * 34 * s}" y="${y - 44 * s}" width="${20 * s}" height="${14 * s}" rx="${3 * s}" fill="${lit ? '#ffd77a' : '#2d4a63'}"/>`;
  return `<g><path d="M${x - 230 * s} ${y} L${x + 240 * s} ${y} L${x + 200 * s} ${y + 60 * s} L${x - 200 * s} ${y + 60 * s} Z" fill="#f4f1e8"/><rect x="${x - 230 * s}" y="${y + 30 * s}" width="${470 * s}" height="${14 * s}" fill="#b3262e"/><rect x="${x - 190 * s}" y="${y - 60 * s}" width="${360 * s}" height="${60 * s}" rx="${8 * s}" fill="#e6e2d6"/>${windows}<rect x="${x + 60 * s}" y="${y - 110 * s}" width="${40 * s}" height="${52 * s}" fill="#b3262e"/><rect x="${x + 60 * s}" y="${y - 110 * s}" width="${40 * s}" height="${12 * s}" fill="${mood.ink}"/></g>`;
}

function lighthouse(x: number, base: number, s: number, mood: Mood): string {
  const beam =
    mood === MOODS.night || mood === MOODS.dusk
      ? `<path d="M${x} ${base - 300 * s} L${x - 520 * s} ${base - 380 * s} L${x - 520 * s} ${base - 250 * s} Z" fill="#fff6c8" opacity="0.3"/>`
      : '';
  return `${beam}<path d="M${x - 40 * s} ${base} L${x - 26 * s} ${base - 280 * s} L${x + 26 * s} ${base - 280 * s} L${x + 40 * s} ${base} Z" fill="#f7f4ec"/><path d="M${x - 36 * s} ${base - 70 * s} L${x + 36 * s} ${base - 70 * s} L${x + 34 * s} ${base - 120 * s} L${x - 34 * s} ${base - 120 * s} Z" fill="#c23b3b"/><path d="M${x - 31 * s} ${base - 180 * s} L${x + 31 * s} ${base - 180 * s} L${x + 29 * s} ${base - 228 * s} L${x - 29 * s} ${base - 228 * s} Z" fill="#c23b3b"/><rect x="${x - 34 * s}" y="${base - 290 * s}" width="${68 * s}" height="${12 * s}" fill="${mood.ink}"/><rect x="${x - 20 * s}" y="${base - 330 * s}" width="${40 * s}" height="${40 * s}" fill="#ffe08a"/><path d="M${x - 28 * s} ${base - 330 * s} L${x} ${base - 362 * s} L${x + 28 * s} ${base - 330 * s} Z" fill="${mood.ink}"/>`;
}

function tree(x: number, base: number, s: number, leaf: string): string {
  return `<rect x="${x - 6 * s}" y="${base - 60 * s}" width="${12 * s}" height="${60 * s}" fill="#5b4330"/><circle cx="${x}" cy="${base - 80 * s}" r="${42 * s}" fill="${leaf}"/><circle cx="${x - 26 * s}" cy="${base - 58 * s}" r="${28 * s}" fill="${leaf}"/><circle cx="${x + 28 * s}" cy="${base - 60 * s}" r="${30 * s}" fill="${leaf}"/>`;
}

function rain(rand: () => number, count: number, colour = '#dfe8ef'): string {
  let out = `<g stroke="${colour}" stroke-width="3" stroke-linecap="round" opacity="0.55">`;
  for (let i = 0; i < count; i += 1) {
    const x = rand() * (W + 100);
    const y = rand() * H;
    out += `<line x1="${round(x)}" y1="${round(y)}" x2="${round(x - 14)}" y2="${round(y + 40)}"/>`;
  }
  return `${out}</g>`;
}

function stall(x: number, base: number, s: number, stripe: string, lit: boolean): string {
  let stripes = '';
  for (let i = 0; i < 6; i += 1)
    stripes += `<rect x="${x + i * 30 * s}" y="${base - 170 * s}" width="${15 * s}" height="${40 * s}" fill="${stripe}"/>`;
  const lights = lit
    ? Array.from(
        { length: 7 },
        (_, i) =>
          `<circle cx="${x + 6 * s + i * 28 * s}" cy="${base - 178 * s}" r="${5 * s}" fill="#ffd77a"/>`,
      ).join('')
    : '';
  return `<rect x="${x + 6 * s}" y="${base - 130 * s}" width="${6 * s}" height="${130 * s}" fill="#5b4330"/><rect x="${x + 168 * s}" y="${base - 130 * s}" width="${6 * s}" height="${130 * s}" fill="#5b4330"/><rect x="${x}" y="${base - 170 * s}" width="${180 * s}" height="${40 * s}" fill="#f6f1e4"/>${stripes}<path d="M${x} ${base - 130 * s} q${15 * s} ${14 * s} ${30 * s} 0 q${15 * s} ${14 * s} ${30 * s} 0 q${15 * s} ${14 * s} ${30 * s} 0 q${15 * s} ${14 * s} ${30 * s} 0 q${15 * s} ${14 * s} ${30 * s} 0 q${15 * s} ${14 * s} ${30 * s} 0" fill="${stripe}"/><rect x="${x - 4 * s}" y="${base - 60 * s}" width="${188 * s}" height="${60 * s}" fill="#8a5a3c"/><circle cx="${x + 40 * s}" cy="${base - 66 * s}" r="${12 * s}" fill="#e8833a"/><circle cx="${x + 66 * s}" cy="${base - 66 * s}" r="${12 * s}" fill="#c7352f"/><circle cx="${x + 118 * s}" cy="${base - 66 * s}" r="${12 * s}" fill="#8fb339"/><circle cx="${x + 144 * s}" cy="${base - 66 * s}" r="${12 * s}" fill="#e8c33a"/>${lights}`;
}

/** The scenes the sample draws. */
export type Scene =
  | { kind: 'harbour'; mood: MoodName; ferry?: boolean; crane?: boolean; seed: number }
  | { kind: 'lighthouse'; mood: MoodName; seed: number }
  | { kind: 'town-hall'; mood: MoodName; seed: number }
  | { kind: 'street'; mood: MoodName; bus?: boolean; awning?: string; seed: number }
  | { kind: 'market'; mood: MoodName; seed: number }
  | { kind: 'weather'; mood: MoodName; flood?: boolean; seed: number }
  | { kind: 'bridge'; mood: MoodName; seed: number }
  | { kind: 'pitch'; mood: MoodName; seed: number }
  | { kind: 'park'; mood: MoodName; bandstand?: boolean; garden?: boolean; seed: number }
  | { kind: 'coast'; mood: MoodName; cliffs?: boolean; seed: number }
  | { kind: 'rowing'; mood: MoodName; seed: number }
  | { kind: 'library'; mood: MoodName; chess?: boolean; seed: number };

function harbour(s: Extract<Scene, { kind: 'harbour' }>, mood: Mood, rand: () => number): string {
  let out =
    sky(mood, 420) +
    sun(mood, 930, 170) +
    cloud(260, 120, 1, '#ffffff', 0.7) +
    cloud(760, 90, 0.7, '#ffffff', 0.6);
  out += hills(mood.land, 420, [40, 70, 30, 90, 50, 60], 0.9);
  out += houses(40, 420, 6, rand, { lit: s.mood === 'dusk' || s.mood === 'night', scale: 0.8 });
  out += sea(mood, 420, rand);
  out += `<rect x="0" y="405" width="560" height="26" fill="#8d7f6c"/>`;
  if (s.crane)
    out += `<g fill="#e0a526"><rect x="760" y="230" width="18" height="210"/><rect x="660" y="230" width="260" height="14"/><rect x="688" y="244" width="3" height="120" fill="${mood.ink}"/><rect x="700" y="440" width="200" height="40" fill="#6b6f74"/></g>`;
  out +=
    boat(220, 500, 1, '#c23b3b', '#f6f1e4') +
    boat(420, 560, 0.8, '#2d5d7b', null) +
    boat(1050, 520, 0.9, '#e0a526', '#f6f1e4');
  if (s.ferry) out += ferry(720, 520, 0.95, mood);
  return out;
}

function lighthouseScene(s: Extract<Scene, { kind: 'lighthouse' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 440) + sun(mood, 230, 150, 48);
  if (s.mood === 'night')
    for (let i = 0; i < 40; i += 1)
      out += `<circle cx="${round(rand() * W)}" cy="${round(rand() * 330)}" r="${round(1 + rand() * 2)}" fill="#f3f0d8"/>`;
  out += sea(mood, 440, rand);
  out += `<path d="M640 675 L700 430 Q760 380 860 400 L980 410 Q1100 420 1200 470 L1200 675 Z" fill="${mood.land}"/><path d="M700 430 Q760 380 860 400 L980 410 Q1100 420 1200 470 L1200 500 Q1060 450 920 450 Q800 450 700 470 Z" fill="#ffffff" opacity="0.12"/>`;
  out += lighthouse(900, 420, 1, mood);
  out += `<rect x="960" y="360" width="120" height="60" fill="#f1efe6"/><path d="M952 360 L1020 322 L1088 360 Z" fill="#3f4a57"/>`;
  return out;
}

function townHall(_s: Extract<Scene, { kind: 'town-hall' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 560) + sun(mood, 1040, 140, 50) + cloud(240, 140, 0.9, '#ffffff', 0.75);
  out += houses(-20, 560, 3, rand, { scale: 1.2 }) + houses(900, 560, 3, rand, { scale: 1.2 });
  out += `<rect x="340" y="260" width="520" height="300" fill="#efe6d2"/><path d="M320 260 L600 150 L880 260 Z" fill="#d8cbb0"/><path d="M360 252 L600 164 L840 252 Z" fill="#efe6d2"/>`;
  out += `<rect x="560" y="60" width="80" height="120" fill="#e4d8bd"/><circle cx="600" cy="110" r="28" fill="#f8f4ea" stroke="${mood.ink}" stroke-width="4"/><path d="M600 110 L600 92 M600 110 L614 116" stroke="${mood.ink}" stroke-width="4" stroke-linecap="round"/><path d="M552 60 L600 20 L648 60 Z" fill="#4d6b5c"/>`;
  for (let i = 0; i < 6; i += 1)
    out += `<rect x="${372 + i * 84}" y="290" width="26" height="250" fill="#ffffff"/><rect x="${366 + i * 84}" y="282" width="38" height="12" fill="#d8cbb0"/>`;
  out += `<rect x="560" y="440" width="80" height="120" rx="40" fill="#4d3b2e"/><rect x="300" y="556" width="600" height="24" fill="#c9bfa8"/><rect x="0" y="580" width="${W}" height="95" fill="#8d8a83"/>`;
  return out;
}

function street(s: Extract<Scene, { kind: 'street' }>, mood: Mood, rand: () => number): string {
  const lit = s.mood === 'dusk' || s.mood === 'night';
  let out = sky(mood, 560) + sun(mood, 1000, 120, 44);
  out += houses(-10, 560, 12, rand, { lit, scale: 1.3 });
  out += `<rect y="560" width="${W}" height="40" fill="#b9b2a6"/><rect y="600" width="${W}" height="75" fill="#55585c"/>`;
  for (let i = 0; i < 8; i += 1)
    out += `<rect x="${40 + i * 150}" y="634" width="70" height="8" fill="#f2efe6"/>`;
  if (s.awning) {
    out += `<rect x="420" y="400" width="300" height="160" fill="#f6f1e4"/><rect x="450" y="440" width="150" height="120" fill="#3b4a5a"/><rect x="625" y="440" width="70" height="120" fill="#6b3e35"/>`;
    for (let i = 0; i < 10; i += 1)
      out += `<rect x="${410 + i * 32}" y="380" width="16" height="44" fill="${s.awning}"/>`;
    out += `<rect x="410" y="372" width="320" height="10" fill="${s.awning}"/><g fill="#d9a35b"><ellipse cx="490" cy="520" rx="26" ry="14"/><ellipse cx="550" cy="522" rx="22" ry="12"/><circle cx="520" cy="496" r="14"/></g>`;
  }
  if (s.bus)
    out += `<g><rect x="560" y="470" width="420" height="150" rx="22" fill="#2f7d5b"/><rect x="560" y="590" width="420" height="14" fill="#1f5a41"/>${Array.from({ length: 6 }, (_, i) => `<rect x="${590 + i * 62}" y="490" width="48" height="50" rx="6" fill="${lit ? '#ffe9a8' : '#cfe3ee'}"/>`).join('')}<rect x="940" y="490" width="30" height="70" rx="6" fill="#cfe3ee"/><circle cx="650" cy="622" r="26" fill="${mood.ink}"/><circle cx="900" cy="622" r="26" fill="${mood.ink}"/><circle cx="650" cy="622" r="10" fill="#9aa0a6"/><circle cx="900" cy="622" r="10" fill="#9aa0a6"/><rect x="880" y="478" width="80" height="6" fill="#e0a526"/></g>`;
  return out;
}

function market(s: Extract<Scene, { kind: 'market' }>, mood: Mood, rand: () => number): string {
  const lit = s.mood === 'dusk' || s.mood === 'night';
  let out = sky(mood, 470) + sun(mood, 180, 130, 46) + sea(mood, 440, rand);
  out += boat(980, 470, 0.7, '#2d5d7b', '#f6f1e4') + boat(1120, 480, 0.6, '#c23b3b', null);
  out += `<rect y="500" width="${W}" height="175" fill="#a99b86"/>`;
  const stripes = ['#c23b3b', '#2d6f8f', '#3f8a56', '#e0a526'];
  for (let i = 0; i < 5; i += 1) out += stall(40 + i * 230, 640, 1, stripes[i % stripes.length]!, lit);
  return out;
}

function weather(s: Extract<Scene, { kind: 'weather' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 560);
  out +=
    cloud(240, 120, 1.6, '#6d7780', 0.95) +
    cloud(700, 90, 1.9, '#5d6770', 0.95) +
    cloud(1060, 140, 1.4, '#6d7780', 0.95);
  out += houses(20, 560, 10, rand, { scale: 1.15, lit: true });
  out += `<rect y="560" width="${W}" height="115" fill="#6a6d70"/>`;
  if (s.flood) {
    out += `<rect y="540" width="${W}" height="135" fill="${mood.sea}" opacity="0.85"/>`;
    out += `<g><rect x="180" y="520" width="220" height="40" fill="#d94f3a"/><rect x="180" y="560" width="220" height="10" fill="#f2efe6"/><rect x="760" y="470" width="16" height="120" fill="#e0a526"/><rect x="720" y="470" width="96" height="16" fill="#e0a526"/></g>`;
  } else {
    out += `<g><path d="M760 470 a90 60 0 0 1 180 0 Z" fill="#c23b3b"/><rect x="847" y="470" width="6" height="110" fill="${mood.ink}"/><circle cx="850" cy="600" r="18" fill="#2d4a63"/><rect x="834" y="600" width="32" height="60" fill="#2d4a63"/></g>`;
    out += `<g fill="#8fb4c8" opacity="0.8"><ellipse cx="300" cy="640" rx="120" ry="10"/><ellipse cx="980" cy="620" rx="90" ry="8"/></g>`;
  }
  return out + rain(rand, 160);
}

function bridge(_s: Extract<Scene, { kind: 'bridge' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 430) + sun(mood, 1000, 130, 50) + cloud(300, 110, 0.8, '#ffffff', 0.7);
  out += houses(-10, 430, 4, rand, { scale: 0.9 }) + houses(880, 430, 4, rand, { scale: 0.9 });
  out += sea(mood, 430, rand);
  out += `<rect x="200" y="380" width="800" height="34" fill="#4d6b5c"/><rect x="200" y="414" width="800" height="10" fill="#2e4236"/>`;
  for (let i = 0; i < 17; i += 1)
    out += `<rect x="${210 + i * 48}" y="330" width="6" height="50" fill="#4d6b5c"/>`;
  out += `<rect x="200" y="326" width="800" height="8" fill="#4d6b5c"/><rect x="580" y="414" width="40" height="160" fill="#8d7f6c"/><rect x="200" y="372" width="800" height="8" fill="#3f8a56"/>`;
  out += `<g stroke="${mood.ink}" stroke-width="6" fill="none"><circle cx="440" cy="350" r="22"/><circle cx="510" cy="350" r="22"/><path d="M440 350 L470 322 L510 350 M470 322 L462 306 M470 322 L490 350 L440 350"/></g><circle cx="474" cy="282" r="11" fill="${mood.ink}"/><path d="M474 292 L478 322" stroke="${mood.ink}" stroke-width="8"/>`;
  return out;
}

function pitch(_s: Extract<Scene, { kind: 'pitch' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 400);
  for (let i = 0; i < 30; i += 1)
    out += `<circle cx="${round(rand() * W)}" cy="${round(rand() * 300)}" r="${round(1 + rand() * 1.5)}" fill="#f3f0d8"/>`;
  out += `<path d="M0 400 L${W} 400 L${W} ${H} L0 ${H} Z" fill="#3f8a3f"/>`;
  for (let i = 0; i < 6; i += 1)
    out += `<rect x="${i * 200}" y="400" width="100" height="275" fill="#4a974a"/>`;
  out += `<g stroke="#f2f7ee" stroke-width="5" fill="none"><rect x="120" y="440" width="960" height="210"/><line x1="600" y1="440" x2="600" y2="650"/><circle cx="600" cy="545" r="60"/><rect x="120" y="490" width="90" height="110"/><rect x="990" y="490" width="90" height="110"/></g>`;
  for (const x of [60, 1140]) {
    out += `<rect x="${x - 5}" y="140" width="10" height="270" fill="#9aa0a6"/><rect x="${x - 40}" y="120" width="80" height="34" fill="#dfe3e6"/>`;
    out += `<path d="M${x} 150 L${x < 600 ? x + 520 : x - 520} 560 L${x < 600 ? x + 320 : x - 320} 620 Z" fill="#fffbe0" opacity="0.16"/>`;
  }
  out += `<circle cx="640" cy="580" r="12" fill="#ffffff"/>`;
  return out;
}

function park(s: Extract<Scene, { kind: 'park' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 480) + sun(mood, 960, 140, 52) + cloud(320, 120, 0.8, '#ffffff', 0.7);
  out += hills('#8bb26a', 480, [30, 50, 20, 60, 40], 1);
  out += `<rect y="480" width="${W}" height="195" fill="#7fa85a"/>`;
  const leaves = ['#4f8a3c', '#5e9a44', '#3f7a34'];
  for (let i = 0; i < 5; i += 1)
    out += tree(80 + i * 260 + rand() * 60, 500, 1 + rand() * 0.3, leaves[i % 3]!);
  if (s.bandstand)
    out += `<g><rect x="420" y="520" width="360" height="30" fill="#d8cbb0"/>${Array.from({ length: 6 }, (_, i) => `<rect x="${440 + i * 62}" y="400" width="10" height="120" fill="#f6f1e4"/>`).join('')}<path d="M400 410 L600 320 L800 410 Z" fill="#3f6b5c"/><rect x="400" y="404" width="400" height="14" fill="#f6f1e4"/><circle cx="530" cy="476" r="14" fill="${mood.ink}"/><path d="M560 500 q30 -30 50 -6 l-10 24 Z" fill="#e0a526"/></g><g fill="${mood.ink}"><circle cx="880" cy="330" r="10"/><rect x="888" y="280" width="4" height="50"/><circle cx="930" cy="300" r="10"/><rect x="938" y="250" width="4" height="50"/><rect x="888" y="250" width="54" height="6"/></g>`;
  if (s.garden) {
    for (let row = 0; row < 3; row += 1) {
      out += `<rect x="${180 + row * 30}" y="${540 + row * 45}" width="${840 - row * 60}" height="32" rx="6" fill="#6b4a33"/>`;
      for (let i = 0; i < 14 - row * 2; i += 1)
        out += `<circle cx="${210 + row * 30 + i * 58}" cy="${548 + row * 45}" r="14" fill="${['#4f8a3c', '#8fb339', '#c7352f', '#e8833a'][(i + row) % 4]}"/>`;
    }
  }
  return out;
}

function coast(s: Extract<Scene, { kind: 'coast' }>, mood: Mood, rand: () => number): string {
  let out = sky(mood, 400) + sun(mood, 300, 150, 50) + cloud(800, 110, 1, '#ffffff', 0.6);
  out += sea(mood, 400, rand);
  if (s.cliffs) {
    out += `<path d="M520 675 L600 330 Q700 300 820 310 L1200 290 L1200 675 Z" fill="#b98d5f"/><path d="M600 330 Q700 300 820 310 L1200 290 L1200 320 Q1000 330 820 340 Q700 345 612 370 Z" fill="${mood.land}"/>`;
    out += `<g stroke="#8a6a46" stroke-width="4"><line x1="640" y1="420" x2="700" y2="470"/><line x1="720" y1="380" x2="760" y2="520"/><line x1="860" y1="400" x2="900" y2="600"/></g><g fill="#b98d5f"><circle cx="560" cy="640" r="24"/><circle cx="500" cy="660" r="16"/></g>`;
    out += `<rect x="940" y="250" width="8" height="50" fill="#e0a526"/><path d="M948 250 L980 262 L948 274 Z" fill="#c23b3b"/>`;
  } else {
    out += `<path d="M0 520 Q300 470 600 500 T1200 490 L1200 675 L0 675 Z" fill="#e8d3a5"/><path d="M0 520 Q300 470 600 500 T1200 490" stroke="#ffffff" stroke-width="8" fill="none" opacity="0.7"/>`;
    for (let i = 0; i < 4; i += 1) {
      const x = 200 + i * 240;
      out += `<rect x="${x}" y="560" width="44" height="56" rx="8" fill="${['#3f8a56', '#2d6f8f', '#e0a526', '#c23b3b'][i]}"/><circle cx="${x + 80}" cy="540" r="12" fill="${mood.ink}"/><rect x="${x + 70}" y="552" width="20" height="60" rx="8" fill="${mood.ink}"/>`;
    }
  }
  return out;
}

function rowing(_s: Extract<Scene, { kind: 'rowing' }>, mood: Mood, rand: () => number): string {
  let out =
    sky(mood, 360) +
    sun(mood, 900, 150, 56) +
    hills(mood.land, 360, [20, 40, 30, 50, 25], 0.9) +
    sea(mood, 360, rand);
  const hulls = ['#c23b3b', '#f6f1e4', '#2d6f8f'];
  for (let b = 0; b < 3; b += 1) {
    const y = 440 + b * 80;
    const x = 200 + b * 140;
    out += `<path d="M${x} ${y} L${x + 560} ${y} Q${x + 600} ${y} ${x + 560} ${y + 16} L${x + 20} ${y + 16} Z" fill="${hulls[b]}"/>`;
    for (let r = 0; r < 4; r += 1) {
      const rx = x + 90 + r * 120;
      out += `<circle cx="${rx}" cy="${y - 34}" r="11" fill="${mood.ink}"/><rect x="${rx - 8}" y="${y - 24}" width="16" height="24" fill="${mood.ink}"/><line x1="${rx - 60}" y1="${y + 36}" x2="${rx + 30}" y2="${y - 12}" stroke="#e0a526" stroke-width="5"/>`;
    }
  }
  return out;
}

function library(s: Extract<Scene, { kind: 'library' }>, mood: Mood, rand: () => number): string {
  let out = `<rect width="${W}" height="${H}" fill="#efe4cf"/><rect x="880" y="60" width="260" height="320" fill="url(#sky)"/><rect x="880" y="60" width="260" height="320" fill="none" stroke="#6b4a33" stroke-width="14"/><line x1="1010" y1="60" x2="1010" y2="380" stroke="#6b4a33" stroke-width="8"/>`;
  out += sun(mood, 1060, 140, 24);
  const spines = ['#c23b3b', '#2d6f8f', '#3f8a56', '#e0a526', '#6b3e35', '#4d3b2e', '#9c5fa3'];
  for (let shelf = 0; shelf < 4; shelf += 1) {
    const y = 80 + shelf * 130;
    out += `<rect x="60" y="${y + 110}" width="760" height="14" fill="#6b4a33"/>`;
    let x = 70;
    while (x < 800) {
      const w = 18 + rand() * 22;
      const h = 70 + rand() * 38;
      out += `<rect x="${round(x)}" y="${round(y + 110 - h)}" width="${round(w)}" height="${round(h)}" fill="${spines[Math.floor(rand() * spines.length)]}"/>`;
      x += w + 3;
    }
  }
  out += `<rect y="560" width="${W}" height="115" fill="#a0764e"/>`;
  if (s.chess) {
    let board = '';
    for (let r = 0; r < 4; r += 1)
      for (let c = 0; c < 8; c += 1)
        board += `<path d="M${500 + c * 40 - r * 14} ${610 - r * 0} l40 0 l-6 18 l-40 0 Z" transform="translate(0 ${r * 18 - 60})" fill="${(r + c) % 2 ? '#3b2a1e' : '#f3e6c8'}"/>`;
    out += `<rect x="430" y="520" width="420" height="110" fill="#7a5434"/>${board}<g fill="${mood.ink}"><circle cx="600" cy="520" r="10"/><rect x="592" y="528" width="16" height="20"/><circle cx="700" cy="532" r="8"/><rect x="693" y="538" width="14" height="14"/></g><g fill="#f8f4ea" stroke="${mood.ink}" stroke-width="2"><circle cx="640" cy="514" r="10"/><rect x="632" y="522" width="16" height="22"/></g>`;
  } else {
    out += `<rect x="420" y="500" width="380" height="20" fill="#7a5434"/><path d="M480 500 l60 -30 l60 30 Z" fill="#f8f4ea"/><path d="M540 470 l60 30 l60 -30 Z" fill="#e8dcc3"/>`;
  }
  return out;
}

const draw: { [K in Scene['kind']]: (s: Extract<Scene, { kind: K }>, m: Mood, r: () => number) => string } = {
  harbour,
  lighthouse: lighthouseScene,
  'town-hall': townHall,
  street,
  market,
  weather,
  bridge,
  pitch,
  park,
  coast,
  rowing,
  library,
};

/** The SVG document of a scene, PICTURE_WIDTH × PICTURE_HEIGHT, ready for sharp. */
export function illustration(scene: Scene): string {
  const mood = MOODS[scene.mood];
  const rand = seeded(scene.seed);
  const body = (draw[scene.kind] as (s: Scene, m: Mood, r: () => number) => string)(scene, mood, rand);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${mood.skyTop}"/><stop offset="1" stop-color="${mood.skyBottom}"/></linearGradient><linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${mood.sea}"/><stop offset="1" stop-color="${mood.seaDeep}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="${mood.skyBottom}"/>${body}</svg>`;
}
