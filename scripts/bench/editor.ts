// `npm run bench -- --editor`: the writing desk's story editor (issue #17), measured, not tested.
//
// 1. Weight: the bundle's script and stylesheet (scripts/editor-bundle.mjs, rebuilt first), raw, gzip and
//    brotli. Target: at most 250 KB compressed (gzip, what the server's clients get at least).
// 2. Keystrokes: Chromium opens a page holding only the editor (the site's CSP, the bundle, a Body
//    textarea with a generated 10,000-word article of paragraphs, headings, lists, quotes, links and bold),
//    puts the cursor in the middle and types 300 characters one at a time. For each keystroke it records the
//    handling time, from the page's first keydown listener to the end of the editor's update (document and
//    DOM changed); and, from the key event's creation (its timeStamp: time queued behind other work on a
//    busy machine included), to that update and to the next frame after it. Target: median and p95 of the
//    handling time under 16 ms.
//    It also times one sync of the whole story into the textarea (the serializer, run after a pause).
// Writes bench/results/<ISO time>-editor.json.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from '../../src/platform/http/security-headers.ts';
import { escapeHtml } from '../../src/platform/render/body-html.ts';
import { launchChromium } from '../../test/e2e/browser.ts';
import { seededRandom } from '../../test/seeded-random.ts';
import { bundleEditor, EDITOR_BUNDLE_DIR } from '../editor-bundle.mjs';
import { CONTENT_WORDS, FUNCTION_WORDS } from './words.ts';

export const EDITOR_TARGETS = { compressedKb: 250, keystrokeMs: 16, words: 10_000 } as const;

/** A story of about `words` words in Dateline body HTML, the same for the same seed. */
export function generateStory(words: number, seed: number): string {
  const random = seededRandom(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const word = () => (random() < 0.55 ? pick(FUNCTION_WORDS) : pick(CONTENT_WORDS));
  const sentence = (n: number) => {
    const parts = Array.from({ length: n }, word);
    parts[0] = parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1);
    if (n > 6 && random() < 0.3) parts[3] = `<strong>${parts[3]}</strong>`;
    if (n > 8 && random() < 0.2)
      parts[6] = `<a href="https://harbour.example/${parts[6]}" rel="noopener">${parts[6]}</a>`;
    return `${parts.join(' ')}.`;
  };
  const blocks: string[] = [];
  let count = 0;
  const counted = (n: number) => {
    count += n;
    return sentence(n);
  };
  while (count < words) {
    const roll = random();
    if (roll < 0.06) blocks.push(`<h2>${counted(5).slice(0, -1)}</h2>`);
    else if (roll < 0.1)
      blocks.push(`<ul>${Array.from({ length: 4 }, () => `<li>${counted(8)}</li>`).join('')}</ul>`);
    else if (roll < 0.13) blocks.push(`<blockquote><p>${counted(20)}</p></blockquote>`);
    else {
      const n = 3 + Math.floor(random() * 4);
      blocks.push(
        `<p>${Array.from({ length: n }, () => counted(12 + Math.floor(random() * 12))).join(' ')}</p>`,
      );
    }
  }
  return blocks.join('');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

interface Timings {
  handled: number[];
  latency: number[];
  frame: number[];
  syncMs: number;
  words: number;
}

// Runs in the page: records, per keystroke, key event → editor update, and → the frame after it.
const PROBE = `
  window.__keys = { handled: [], latency: [], frame: [] };
  let pending = [];
  let created = [];
  // Capture, on window: the first listener to see the key, when the page starts handling it.
  window.addEventListener('keydown', (e) => { pending.push(performance.now()); created.push(e.timeStamp); }, true);
  const attach = () => {
    const editor = window.DatelineEditor && window.DatelineEditor.editor;
    if (!editor) return setTimeout(attach, 20);
    editor.on('update', () => {
      const start = pending.shift();
      const at = created.shift();
      pending = [];
      created = [];
      if (start === undefined) return;
      const end = performance.now();
      window.__keys.handled.push(end - start);
      window.__keys.latency.push(end - at);
      requestAnimationFrame(() => setTimeout(() => window.__keys.frame.push(performance.now() - at), 0));
    });
  };
  attach();
`;

async function measureKeystrokes(story: string): Promise<Timings> {
  const script = fs.readFileSync(path.join(EDITOR_BUNDLE_DIR, 'editor.js'));
  const styles = fs.readFileSync(path.join(EDITOR_BUNDLE_DIR, 'editor.css'));
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor benchmark</title>
<link rel="stylesheet" href="/editor.css"><script src="/editor.js" defer></script></head>
<body><form method="post" action="/"><label for="field-body">Body</label>
<textarea id="field-body" name="body">${escapeHtml(story)}</textarea></form></body></html>`;
  const server = http.createServer((request, response) => {
    const [type, body] =
      request.url === '/editor.js'
        ? ['text/javascript', script]
        : request.url === '/editor.css'
          ? ['text/css', styles]
          : ['text/html; charset=utf-8', page];
    response.writeHead(200, { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.addInitScript(PROBE);
    await tab.goto(`http://127.0.0.1:${port}/`);
    const story_ = tab.getByRole('textbox', { name: 'Body', exact: true });
    await story_.waitFor({ timeout: 60_000 });
    const words = await story_.evaluate(
      (el) => (el as HTMLElement).innerText.split(/\s+/).filter(Boolean).length,
    );
    // The cursor in the middle of the story, at the end of a paragraph's text.
    await story_
      .locator('p')
      .nth(Math.floor((await story_.locator('p').count()) / 2))
      .click();
    await tab.keyboard.press('End');
    // Warm up, then measure.
    await tab.keyboard.type(' warm up', { delay: 40 });
    await tab.evaluate('window.__keys = { handled: [], latency: [], frame: [] }');
    const text =
      ' The harbour wall held through the night, the port said on Monday, and crews checked it at first light.';
    for (let i = 0; i < 3; i++) await tab.keyboard.type(text, { delay: 35 });
    await tab.waitForTimeout(300);
    const keys = await tab.evaluate<{ handled: number[]; latency: number[]; frame: number[] }>(
      'window.__keys',
    );
    const syncMs = await tab.evaluate<number>(`(() => {
      const area = document.querySelector('textarea[name="body"]');
      const start = performance.now();
      area.dispatchEvent(new Event('dateline:flush'));
      return performance.now() - start;
    })()`);
    return { ...keys, syncMs, words };
  } finally {
    await browser.close();
    server.close();
  }
}

/** Runs the editor benchmark; returns the exit code (0: every target met). */
export async function runEditorBenchmark(options: {
  out: string;
  log: (line: string) => void;
  seed: number;
}): Promise<number> {
  const { log } = options;
  await bundleEditor({ force: true });
  const files = ['editor.js', 'editor.css'].map((f) => fs.readFileSync(path.join(EDITOR_BUNDLE_DIR, f)));
  const raw = files.reduce((n, f) => n + f.length, 0);
  const gzip = files.reduce((n, f) => n + zlib.gzipSync(f, { level: 9 }).length, 0);
  const brotli = files.reduce((n, f) => n + zlib.brotliCompressSync(f).length, 0);
  log(`Editor bundle: ${kb(raw)} KB raw, ${kb(gzip)} KB gzip, ${kb(brotli)} KB brotli (script + stylesheet)`);

  const story = generateStory(EDITOR_TARGETS.words, options.seed);
  const timings = await measureKeystrokes(story);
  const handled = [...timings.handled].sort((a, b) => a - b);
  const frame = [...timings.frame].sort((a, b) => a - b);
  const latency = [...timings.latency].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const result = {
    at: new Date().toISOString(),
    bundle: { rawKb: kb(raw), gzipKb: kb(gzip), brotliKb: kb(brotli) },
    story: { words: timings.words, htmlKb: kb(Buffer.byteLength(story)) },
    keystrokes: {
      count: handled.length,
      handledMs: {
        median: round(percentile(handled, 50)),
        p95: round(percentile(handled, 95)),
        max: round(handled[handled.length - 1] ?? 0),
      },
      fromKeyEventMs: {
        median: round(percentile(latency, 50)),
        p95: round(percentile(latency, 95)),
        max: round(latency[latency.length - 1] ?? 0),
      },
      toNextFrameMs: {
        median: round(percentile(frame, 50)),
        p95: round(percentile(frame, 95)),
        max: round(frame[frame.length - 1] ?? 0),
      },
    },
    syncMs: round(timings.syncMs),
  };
  log(
    `Story: ${result.story.words} words (${result.story.htmlKb} KB of body HTML); ${result.keystrokes.count} keystrokes`,
  );
  log(
    `Keystroke handled (key event → document and DOM updated): median ${result.keystrokes.handledMs.median} ms, p95 ${result.keystrokes.handledMs.p95} ms, max ${result.keystrokes.handledMs.max} ms`,
  );
  log(
    `Keystroke from the key event's creation (input queueing included) to updated: median ${result.keystrokes.fromKeyEventMs.median} ms, p95 ${result.keystrokes.fromKeyEventMs.p95} ms`,
  );
  log(
    `Keystroke from the key event's creation to the next frame: median ${result.keystrokes.toNextFrameMs.median} ms, p95 ${result.keystrokes.toNextFrameMs.p95} ms`,
  );
  log(`Sync of the whole story into the textarea (after a pause in typing): ${result.syncMs} ms`);
  const verdicts = [
    [
      `Script + styles ≤ ${EDITOR_TARGETS.compressedKb} KB compressed (gzip)`,
      result.bundle.gzipKb <= EDITOR_TARGETS.compressedKb,
      `${result.bundle.gzipKb} KB`,
    ],
    [
      `Keystroke median < ${EDITOR_TARGETS.keystrokeMs} ms`,
      result.keystrokes.handledMs.median < EDITOR_TARGETS.keystrokeMs,
      `${result.keystrokes.handledMs.median} ms`,
    ],
    [
      `Keystroke p95 < ${EDITOR_TARGETS.keystrokeMs} ms`,
      result.keystrokes.handledMs.p95 < EDITOR_TARGETS.keystrokeMs,
      `${result.keystrokes.handledMs.p95} ms`,
    ],
  ] as const;
  for (const [target, ok, measured] of verdicts) log(`${ok ? 'PASS' : 'MISS'}  ${target}: ${measured}`);
  fs.mkdirSync(options.out, { recursive: true });
  const file = path.join(options.out, `${result.at.replace(/[:.]/g, '-')}-editor.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...result, verdicts }, null, 2)}\n`);
  log(`Wrote ${path.relative(process.cwd(), file)}`);
  return verdicts.every(([, ok]) => ok) ? 0 : 1;
}
