// Lighthouse against the reader theme: starts Dateline with the sample publication on a fresh SQLite file,
// audits the front page, a section page and the fullest article page with Debian's Chromium, keeps the JSON reports under
// test-results/lighthouse/ and exits non-zero when a score misses its threshold.
//
//   npx tsx scripts/lighthouse.ts                    both presets (mobile, then desktop)
//   npx tsx scripts/lighthouse.ts --preset=mobile    one preset
//
// Nothing leaves the machine: the pages load only their own stylesheet, script and icon, and Chromium runs
// with its background networking switched off.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.tsx';
import { sampleArticles } from '../src/modules/sample/content.ts';

const CHROME_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUT_DIR = path.join('test-results', 'lighthouse');

/** The least each category must score, out of 100. */
const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;
type Category = keyof typeof THRESHOLDS;
const CATEGORIES = Object.keys(THRESHOLDS) as Category[];

type Preset = 'mobile' | 'desktop';

/** How many times a page whose performance misses is measured in all; the median of them counts. */
const RUNS_ON_A_MISS = 7;

interface LighthouseReport {
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; title: string; displayValue?: string }>;
  runtimeError?: { code: string; message: string };
}

function presetsFromArgs(argv: string[]): Preset[] {
  const arg = argv.find((a) => a.startsWith('--preset='))?.slice('--preset='.length);
  if (arg === undefined) return ['mobile', 'desktop'];
  if (arg === 'mobile' || arg === 'desktop') return [arg];
  throw new Error(`--preset must be mobile or desktop (got "${arg}")`);
}

/** A free loopback port, so that the site's public URL (canonical links, robots.txt) names the real one. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The newest sample article with a source and comments: the fullest article page there is. */
function fullestArticle(): string {
  const article = [...sampleArticles]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .find((a) => a.source && a.comments?.length);
  if (!article) throw new Error('the sample has no article with a source and comments');
  return article.slug;
}

/**
 * One Lighthouse run, tried again (twice at most) when Chromium could not record it: on a shared machine a
 * trace is sometimes lost (NO_NAVSTART, NO_FCP) and the CLI exits non-zero. That says nothing about the
 * page, so only a failure that repeats three times is reported, with its own message.
 */
async function runLighthouse(url: string, preset: Preset, outputPath: string): Promise<LighthouseReport> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      const report = await runLighthouseOnce(url, preset, outputPath);
      if (!report.runtimeError) return report;
      lastProblem = `${report.runtimeError.code} ${report.runtimeError.message}`;
      if (attempt === 3) return report;
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      lastProblem = stderr || (error instanceof Error ? error.message : String(error));
      if (attempt === 3)
        throw new Error(`Lighthouse failed three times on ${url} (${preset}): ${lastProblem}`);
    }
    console.log(`  (${url}, ${preset}: run lost, ${lastProblem.split('\n')[0]}; measuring again)`);
    await waitForQuietMachine();
  }
  throw new Error('unreachable');
}

async function runLighthouseOnce(url: string, preset: Preset, outputPath: string): Promise<LighthouseReport> {
  const cli = path.join(
    path.dirname(createRequire(import.meta.url).resolve('lighthouse/package.json')),
    'cli/index.js',
  );
  const args = [
    cli,
    url,
    `--chrome-path=${CHROME_PATH}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--output=json',
    `--output-path=${outputPath}`,
    '--disable-full-page-screenshot',
    // Unscored and slow: the back/forward-cache audit navigates away and back.
    '--skip-audits=bf-cache',
    '--quiet',
    ...(preset === 'desktop' ? ['--preset=desktop'] : ['--form-factor=mobile']),
  ];
  await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 });
  return JSON.parse(fs.readFileSync(outputPath, 'utf8')) as LighthouseReport;
}

/** The share of the last `ms` milliseconds that every core together spent idle, from 0 to 1. */
async function idleShare(ms: number): Promise<number> {
  const total = () =>
    os.cpus().reduce(
      (sum, cpu) => {
        const t = cpu.times;
        return { idle: sum.idle + t.idle, all: sum.all + t.user + t.nice + t.sys + t.idle + t.irq };
      },
      { idle: 0, all: 0 },
    );
  const before = total();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = total();
  const all = after.all - before.all;
  return all > 0 ? (after.idle - before.idle) / all : 1;
}

/**
 * Waits (up to three minutes) for the machine to settle before anything is timed: in CI, Lighthouse follows
 * half an hour of tests, and the database's own clean-up and the last test processes can still hold the
 * two cores for a while. Performance is scored against a simulated slow phone, so every millisecond of
 * CPU that something else takes is multiplied into the page's blocking time. The load average lags by a
 * minute, so what counts is the CPU itself: idle 90% of the time over two 3-second windows in a row.
 */
async function waitForQuietMachine(): Promise<void> {
  const started = Date.now();
  let quietWindows = 0;
  let idle = 0;
  while (quietWindows < 2 && Date.now() - started < 180_000) {
    idle = await idleShare(3_000);
    quietWindows = idle >= 0.9 ? quietWindows + 1 : 0;
  }
  const waited = Math.round((Date.now() - started) / 1000);
  console.log(
    `CPU ${Math.round(idle * 100)}% idle, load average ${(os.loadavg()[0] ?? 0).toFixed(2)} on ${os.cpus().length} cores (waited ${waited} s)`,
  );
}

/** The middle value: Lighthouse's own advice for a score that varies from run to run. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? -1;
}

function scoreOf(report: LighthouseReport, category: Category): number {
  const score = report.categories[category]?.score;
  return score === null || score === undefined ? -1 : Math.round(score * 100);
}

/** The audits that cost a category points, for the failure message. */
function lostPoints(report: LighthouseReport, category: Category): string[] {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
    .filter(({ audit }) => audit && audit.score !== null && audit.score < 1)
    .map(
      ({ id, audit }) =>
        `${id} (${Math.round((audit?.score ?? 0) * 100)}${audit?.displayValue ? `, ${audit.displayValue}` : ''})`,
    );
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROME_PATH)) {
    console.error(`Lighthouse needs Chromium at ${CHROME_PATH} (apt-get install chromium)`);
    return 2;
  }
  const presets = presetsFromArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-lighthouse-'));
  const port = await freePort();
  const server = await startServer(
    loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'lighthouse.sqlite')}`,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATELINE_DATA_DIR: dir,
    }),
    { seed: true, log: () => {} },
  );
  // A fresh directory: no report from an earlier run may pass for this one.
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  await waitForQuietMachine();
  const pages = { front: '/', section: '/section/news/', article: `/${fullestArticle()}/`, page: '/about/' };
  const failures: string[] = [];
  try {
    console.log(`Lighthouse on ${server.url} (${presets.join(', ')})`);
    console.log(['page', 'preset', ...CATEGORIES].map((h) => h.padEnd(15)).join(''));
    for (const preset of presets) {
      for (const [name, pagePath] of Object.entries(pages)) {
        const url = new URL(pagePath, server.url).href;
        const report = await runLighthouse(url, preset, path.join(OUT_DIR, `${name}-${preset}.report.json`));
        if (report.runtimeError)
          failures.push(`${name} (${preset}): ${report.runtimeError.code} ${report.runtimeError.message}`);
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, scoreOf(report, c)])) as Record<
          Category,
          number
        >;
        // Performance is timed on a shared machine, so one slow run is not a verdict: a miss is measured
        // six more times, each after the machine is quiet again, and the median of the seven counts, as
        // Lighthouse's own guidance on variability advises. The other categories do not vary between runs.
        const performanceRuns = [scores.performance];
        for (let run = 2; scores.performance < THRESHOLDS.performance && run <= RUNS_ON_A_MISS; run += 1) {
          await waitForQuietMachine();
          const again = await runLighthouse(
            url,
            preset,
            path.join(OUT_DIR, `${name}-${preset}.run${run}.report.json`),
          );
          performanceRuns.push(scoreOf(again, 'performance'));
          if (run === RUNS_ON_A_MISS) scores.performance = median(performanceRuns);
        }
        const runs = performanceRuns.length > 1 ? `  (performance runs: ${performanceRuns.join(', ')})` : '';
        console.log(
          `${[name, preset, ...CATEGORIES.map((c) => String(scores[c]))].map((v) => v.padEnd(15)).join('')}${runs}`,
        );
        for (const c of CATEGORIES) {
          if (scores[c] < THRESHOLDS[c])
            failures.push(
              `${name} (${preset}) ${c} ${scores[c]} < ${THRESHOLDS[c]}: ${lostPoints(report, c).join('; ')}`,
            );
        }
      }
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Reports: ${OUT_DIR}/`);
  if (failures.length > 0) {
    console.error(`Lighthouse thresholds missed:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('Every page met its thresholds.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
