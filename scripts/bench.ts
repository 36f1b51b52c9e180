// `npm run bench`: Dateline's throughput benchmark, a script and not a timed test.
//
// It builds a publication by bulk insert into a fresh SQLite file in a temporary folder (20,000 articles,
// 200 authors, 500 tags, about 200,000 comments by default), bundles Dateline as `npm run build` does, and
// starts the build's `dateline serve` twice in production mode with logging off (page cache on, and
// DATELINE_PAGE_CACHE=off), starts nginx serving a saved copy of one article page as a
// static file (bench/nginx.conf.template) and bare Fastify serving the same bytes from memory (a reference:
// what Node alone costs on this machine), and measures every target with `wrk -t2 -c32 -d10s --latency` in
// interleaved rounds (the machine is noisy: only ratios within one run mean anything). It also measures
// comment posts per second, the server's memory, the time from start to the first answer, and profiles the
// queries behind each page (EXPLAIN QUERY PLAN). It prints one table and the targets with PASS/MISS, and
// writes everything to bench/results/<ISO time>-<articles>.json.
//
// A page that takes so long that a wrk run would only measure a queue (one request × 32 connections over
// 30 s, as search is today) is not run with wrk; the table says so and the target counts as missed.
//
//   npm run bench                                   default run (about 12 minutes on 2 cores)
//   npm run bench -- --articles 100000              the size several targets name (about 25 minutes)
//   npm run bench -- --articles 2000 --rounds 1 --duration 3     a quick check that everything works
//   npm run bench -- --compare-sizes                also build 1,000 and 100,000 articles and compare them
//   npm run bench -- --import                       the WordPress import instead (below; about 3 s to write the export)
//   npm run bench -- --import --import-posts 2000   a quick import check
//   npm run bench -- --editor                       the newsroom's story editor: its compressed size, and
//                                                   keystroke handling in a 10,000-word story in Chromium
//                                                   (scripts/bench/editor.ts; about a minute)
//
// With --import the benchmark measures the WordPress move-in instead of serving: it writes a made-up WXR 1.2
// export of a fictional paper, The Harbour Gazette (40,000 posts, 120,000 threaded comments, 20 authors,
// categories, tags, classic and Gutenberg bodies with pictures: about 250 MB), streamed to a temporary folder
// (scripts/bench/wxr-generator.ts), then imports it into a fresh SQLite database through the importer's public
// API (Services.wordpress.importFile) in a child process of its own, bundled as `npm run build` bundles
// Dateline (scripts/bench/import-child.ts). It prints the export's size, the generation and import times, items
// and comments per second and the importer's peak RSS (the child's VmHWM), with PASS/FAIL against the targets
// (peak RSS < 300 MB, import < 10 min), and writes bench/results/<ISO time>-import-<posts>.json. It needs
// neither wrk nor nginx. Until createServices builds Services.wordpress, it says so and skips the import.
//
// Options (all optional):
//   --articles N          articles in the publication (20000); comments are about 10 per article
//   --authors N           authors (200)          --tags N     tags (500)
//   --comments-per-article N   mean comments per article (10)
//   --rounds N            interleaved rounds; medians are reported (3)
//   --duration S          seconds per wrk measurement (10)
//   --warmup S            seconds of wrk before each measurement in the first round (3); 1 s in later rounds
//   --threads N, --connections N   wrk's -t and -c (2, 32)
//   --compare-sizes       compare the uncached article page at 1,000 and 100,000 articles
//   --sizes A,B           the two sizes --compare-sizes builds (1000,100000)
//   --fill-cache N        distinct article pages to request before reading the warm-cache memory (2000)
//   --no-comments         skip the comment-post benchmark
//   --startup-tsx         also time the start from source under tsx (as `npm start`); the target is timed on
//                         the production build (`npm run build`, then `node dist/cli.js serve`) either way
//   --startup-dist        accepted for old command lines: the build's start is always timed now
//   --postgres-plans URL  also copy the publication into a new schema on this PostgreSQL server (dropped
//                         afterwards) and profile the same pages there, with PostgreSQL's plans
//   --reuse DIR           keep built publications in DIR and copy them from there next time (development)
//   --keep                keep the temporary folder (database, nginx files, Lua scripts)
//   --seed N              the generator's seed (1)
//   --out DIR             where the JSON goes (bench/results)
//   --import              benchmark the WordPress import instead (above); --seed and --keep apply
//   --import-posts N      posts in the generated export (40000)
//   --import-comments N   comments in it (three per post: 120000 for 40,000 posts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { buildPublication, findSearchWord, type BuiltPublication } from './bench/generate.ts';
import {
  REPO_ROOT,
  memoryOf,
  request,
  FROM_SOURCE,
  runDatelineCommand,
  startDateline,
  startFastifyBytes,
  startNginx,
  type DatelineServer,
  type Nginx,
} from './bench/processes.ts';
import {
  profilePostgresQueries,
  profileQueries,
  type ProfileRequest,
  type ProfiledPage,
} from './bench/profile.ts';
import { buildBundle } from './build.ts';
import { runEditorBenchmark } from './bench/editor.ts';
import { runImportBenchmark } from './bench/import.ts';
import { commentPostScript, runWrk, wrkVersion, type WrkResult } from './bench/wrk.ts';

// ---------------------------------------------------------------------------------------------------------
// Options

const { values: argv } = parseArgs({
  options: {
    articles: { type: 'string', default: '20000' },
    authors: { type: 'string', default: '200' },
    tags: { type: 'string', default: '500' },
    'comments-per-article': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    'compare-sizes': { type: 'boolean', default: false },
    'fill-cache': { type: 'string', default: '2000' },
    'no-comments': { type: 'boolean', default: false },
    'startup-dist': { type: 'boolean', default: false },
    'startup-tsx': { type: 'boolean', default: false },
    'postgres-plans': { type: 'string' },
    sizes: { type: 'string', default: '1000,100000' },
    reuse: { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'results') },
    import: { type: 'boolean', default: false },
    editor: { type: 'boolean', default: false },
    'import-posts': { type: 'string', default: '40000' },
    'import-comments': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (argv.help) {
  const source = fs.readFileSync(new URL(import.meta.url), 'utf8');
  console.log(
    source
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .map((l) => l.replace(/^\/\/ ?/, ''))
      .join('\n'),
  );
  process.exit(0);
}

function whole(name: string, min: number, max: number): number {
  const raw = (argv as Record<string, unknown>)[name];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got "${String(raw)}")`);
    process.exit(2);
  }
  return n;
}

const options = {
  articles: whole('articles', 10, 2_000_000),
  authors: whole('authors', 1, 100_000),
  tags: whole('tags', 1, 100_000),
  commentsPerArticle: whole('comments-per-article', 0, 1000),
  rounds: whole('rounds', 1, 20),
  duration: whole('duration', 1, 600),
  warmup: whole('warmup', 0, 600),
  threads: whole('threads', 1, 64),
  connections: whole('connections', 1, 10_000),
  fillCache: whole('fill-cache', 0, 1_000_000),
  seed: whole('seed', 0, 2 ** 31),
  compareSizes: argv['compare-sizes'] === true,
  comments: argv['no-comments'] !== true,
  startupTsx: argv['startup-tsx'] === true,
  postgresPlans: argv['postgres-plans'],
  reuse: argv.reuse,
  keep: argv.keep === true,
  out: path.resolve(argv.out ?? path.join(REPO_ROOT, 'bench', 'results')),
  import: argv.import === true,
  editor: argv.editor === true,
  importPosts: whole('import-posts', 1, 10_000_000),
  importComments:
    argv['import-comments'] === undefined ? undefined : whole('import-comments', 0, 100_000_000),
};

const COMPARE_SIZES = ((): [number, number] => {
  const sizes = (argv.sizes ?? '1000,100000').split(',').map(Number);
  if (sizes.length !== 2 || !sizes.every((n) => Number.isInteger(n) && n >= 10) || sizes[0]! >= sizes[1]!) {
    console.error(
      `--sizes must be two article counts, smaller first, e.g. 1000,100000 (got "${argv.sizes}")`,
    );
    process.exit(2);
  }
  return sizes as [number, number];
})();

// ---------------------------------------------------------------------------------------------------------
// Small helpers

const started = performance.now();
function log(line: string) {
  const s = ((performance.now() - started) / 1000).toFixed(0).padStart(5);
  console.log(`[${s}s] ${line}`);
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmtInt = (n: number) =>
  !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en');
const fmtMs = (n: number) =>
  !Number.isFinite(n)
    ? '–'
    : n < 10
      ? `${n.toFixed(2)} ms`
      : n < 100
        ? `${n.toFixed(1)} ms`
        : `${Math.round(n)} ms`;
const fmtRatio = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '–');
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** A tool's version line, from stdout or stderr (`nginx -v` writes to stderr and exits 0). */
function versionOf(command: string, args: string[]): string {
  try {
    const run = spawnSync(command, args, { encoding: 'utf8' });
    return `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() || 'unknown';
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    return (e.stderr ?? e.stdout ?? 'unknown').toString().trim();
  }
}

function gitInfo(): { commit: string; changedFiles: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
    return { commit, changedFiles: changed };
  } catch {
    return { commit: 'unknown', changedFiles: -1 };
  }
}

/** How to run `dateline` (node's arguments before the command): the production build, once it is made. */
let datelineCli: string[] = FROM_SOURCE;
/** How to run `dateline serve`. */
let serve: string[] = [...FROM_SOURCE, 'serve'];

// ---------------------------------------------------------------------------------------------------------
// Cleanup: every child is stopped by its own id, also on Ctrl-C.

const children: { stop(): Promise<void> }[] = [];
let tmp = '';
async function cleanup() {
  for (const child of children.splice(0).reverse()) await child.stop().catch(() => {});
  if (tmp && !options.keep) fs.rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Building (or reusing) a publication

interface Publication {
  built: BuiltPublication;
  file: string;
  search: { word: string; matches: number };
  searchCommon: { word: string; matches: number };
}

async function preparePublication(articles: number, dir: string): Promise<Publication> {
  const spec = {
    articles,
    authors: options.authors,
    tags: options.tags,
    commentsPerArticle: options.commentsPerArticle,
    seed: options.seed,
  };
  const file = path.join(dir, 'dateline.sqlite');
  fs.mkdirSync(dir, { recursive: true });
  const key = `${articles}-${spec.authors}-${spec.tags}-${spec.commentsPerArticle}-${spec.seed}`;
  const cached = options.reuse ? path.join(path.resolve(options.reuse), `${key}.sqlite`) : undefined;
  let built: BuiltPublication;
  if (cached && fs.existsSync(cached) && fs.existsSync(`${cached}.json`)) {
    log(`Copying the ${articles.toLocaleString('en')}-article publication from ${cached}`);
    fs.copyFileSync(cached, file);
    built = { ...(JSON.parse(fs.readFileSync(`${cached}.json`, 'utf8')) as BuiltPublication), file };
  } else {
    log(`Building a publication of ${articles.toLocaleString('en')} articles in ${file}`);
    built = await buildPublication({ ...spec, file, now: new Date(), fts: 'rebuild', log });
    log(
      `Built: ${built.counts.articles.toLocaleString('en')} articles, ${built.counts.authors} authors, ` +
        `${built.counts.tags} tags, ${built.counts.comments.toLocaleString('en')} comments, ` +
        `${(built.bytes / 1048576).toFixed(0)} MB, in ${Object.values(built.timings)
          .filter((_, i) => Object.keys(built.timings)[i] !== 'renderMarkdown')
          .reduce((a, b) => a + b, 0)
          .toFixed(1)} s (${JSON.stringify(built.timings)})`,
    );
    if (cached) {
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      fs.copyFileSync(file, cached);
      fs.writeFileSync(`${cached}.json`, JSON.stringify(built));
    }
  }
  // Comment posts come from one address: without this, the flood rule refuses all but one per 15 s.
  log(
    `dateline settings set comments.flood_seconds 0: ${await runDatelineCommand(file, ['settings', 'set', 'comments.flood_seconds', '0'], datelineCli)}`,
  );
  const search = findSearchWord(file, articles, 0.01);
  const searchCommon = findSearchWord(file, articles, 0.25);
  return { built, file, search, searchCommon };
}

function pagePaths(p: Publication) {
  return {
    front: '/',
    article: `/${p.built.article.slug}/`,
    author: `/author/${p.built.author.slug}/`,
    tag: `/tag/${p.built.tag.slug}/`,
    feed: '/feed/',
    search: `/search?q=${encodeURIComponent(p.search.word)}`,
  } as const;
}
type PageName = keyof ReturnType<typeof pagePaths>;

/** What the query profile requests: the measured pages, the worst-case lists, the common search and a comment post. */
function profileRequests(p: Publication): Record<string, ProfileRequest> {
  return {
    ...pagePaths(p),
    'author (fewest articles)': `/author/${p.built.smallAuthor.slug}/`,
    'tag (fewest articles)': `/tag/${p.built.smallTag.slug}/`,
    'front page 50': '/page/50/',
    // A word in a quarter of the articles: FTS5 scores every match, so this is search's worst case.
    'search (~25 %)': `/search?q=${encodeURIComponent(p.searchCommon.word)}`,
    'comment post': {
      method: 'POST',
      path: `/${p.built.article.slug}/comments`,
      form: (n) =>
        `comment=Profiled+comment+${n}+${Date.now()}&author=Profile+Reader+${n}&email=profile-${n}-${Date.now()}%40example.org`,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

interface Target {
  key: string;
  label: string;
  url: string;
  /** wrk's -t and -c, when not the run's. */
  threads?: number;
  connections?: number;
  /**
   * A Dateline server keeps working on the requests wrk had in flight when it stopped: before the next
   * measurement, wait until this URL (its /healthz) answers, so that no backlog spills into it.
   */
  drain?: string;
  /** The Dateline server's process: its CPU time per request is read around each measurement. */
  pid?: number;
}

/** One wrk run, with the server's CPU time per answered request when the server is ours. */
type Run = WrkResult & { serverCpuUsPerRequest?: number };

interface Measured {
  target: Target;
  runs: Run[];
}

const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * A process's CPU time so far (user and system), in microseconds, from /proc. Unlike requests a second,
 * it does not move when wrk, which shares the cores, gets more or less of them.
 */
function cpuTimeUs(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat; after the ") " that ends the name, 12 and 13.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function drain(target: Target) {
  if (target.drain) await request(target.drain, { timeoutMs: 120_000 }).catch(() => {});
}

async function measure(target: Target, warmup: number): Promise<Run> {
  const wrk = {
    threads: target.threads ?? options.threads,
    connections: target.connections ?? options.connections,
  };
  if (warmup > 0) {
    await runWrk({ ...wrk, url: target.url, durationSec: warmup });
    await drain(target);
  }
  const cpuBefore = target.pid === undefined ? undefined : cpuTimeUs(target.pid);
  const measured = await runWrk({ ...wrk, url: target.url, durationSec: options.duration });
  await drain(target);
  const cpuAfter = target.pid === undefined ? undefined : cpuTimeUs(target.pid);
  const result: Run =
    cpuBefore !== undefined && cpuAfter !== undefined && measured.requests > 0
      ? { ...measured, serverCpuUsPerRequest: (cpuAfter - cpuBefore) / measured.requests }
      : measured;
  const cpu = result.serverCpuUsPerRequest;
  const errors = result.non2xx3xx + Object.values(result.socketErrors).reduce((a, b) => a + b, 0);
  log(
    `  ${target.label.padEnd(34)} ${fmtInt(result.requestsPerSec).padStart(8)} req/s  p50 ${fmtMs(result.p50Ms).padStart(9)}  p99 ${fmtMs(result.p99Ms).padStart(9)}${cpu === undefined ? '' : `  server CPU ${fmtInt(cpu)} µs/req`}${errors ? `  (${result.non2xx3xx} non-2xx/3xx, socket errors ${JSON.stringify(result.socketErrors)})` : ''}`,
  );
  return result;
}

/** Runs every target once per round, in an order that rotates from round to round. */
async function interleave(targets: Target[], rounds: number): Promise<Map<string, Measured>> {
  const results = new Map<string, Measured>(targets.map((t) => [t.key, { target: t, runs: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    log(
      `Round ${round + 1} of ${rounds} (load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    const order = targets.map((_, i) => targets[(i + round * 3) % targets.length] as Target);
    for (const target of order) {
      // A longer warm-up in the first round, when nothing has run yet.
      // The first round warms the JIT and the caches; later rounds only need fresh connections.
      const warmup = round === 0 ? options.warmup : Math.min(1, options.warmup);
      results.get(target.key)?.runs.push(await measure(target, warmup));
    }
  }
  return results;
}

interface Row {
  key: string;
  label: string;
  url: string;
  rounds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of (this target's req/s ÷ nginx's req/s in the same round). */
  ratioToNginx: number;
  /** Median over rounds of (this target's p99 ÷ nginx's p99 in the same round). */
  p99ToNginx: number;
  /** Median over rounds of the Dateline server's CPU time per answered request (NaN for others). */
  serverCpuUsPerRequest: number;
  errors: number;
  runs: Run[];
}

function summarise(results: Map<string, Measured>, baselineKey: string | undefined): Row[] {
  const baseline = baselineKey ? results.get(baselineKey)?.runs : undefined;
  return [...results.values()].map(({ target, runs }) => {
    const ratios = runs.map((r, i) => (baseline?.[i] ? r.requestsPerSec / baseline[i].requestsPerSec : NaN));
    const p99s = runs.map((r, i) => (baseline?.[i] ? r.p99Ms / baseline[i].p99Ms : NaN));
    return {
      key: target.key,
      label: target.label,
      url: target.url,
      rounds: runs.length,
      requestsPerSec: median(runs.map((r) => r.requestsPerSec)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      ratioToNginx: median(ratios),
      p99ToNginx: median(p99s),
      serverCpuUsPerRequest: median(runs.map((r) => r.serverCpuUsPerRequest ?? NaN)),
      errors: runs.reduce(
        (sum, r) => sum + r.non2xx3xx + Object.values(r.socketErrors).reduce((a, b) => a + b, 0),
        0,
      ),
      runs,
    };
  });
}

function printTable(title: string, rows: Row[], withNginx: boolean) {
  console.log(`\n${title}`);
  const header = [
    'target',
    'req/s',
    'p50',
    'p99',
    ...(withNginx ? ['req/s ÷ nginx', 'p99 ÷ nginx'] : []),
    'server CPU/req',
    'errors',
  ];
  const lines = rows.map((r) => [
    r.label,
    fmtInt(r.requestsPerSec),
    fmtMs(r.p50Ms),
    fmtMs(r.p99Ms),
    ...(withNginx ? [fmtRatio(r.ratioToNginx), fmtRatio(r.p99ToNginx)] : []),
    Number.isNaN(r.serverCpuUsPerRequest) ? '' : `${fmtInt(r.serverCpuUsPerRequest)} µs`,
    r.errors ? String(r.errors) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

// ---------------------------------------------------------------------------------------------------------
// Targets from the issue

interface Verdict {
  target: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'n/a';
  note?: string;
}

function verdict(target: string, ok: boolean | undefined, measured: string, note?: string): Verdict {
  return {
    target,
    measured,
    status: ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS',
    ...(note ? { note } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main() {
  for (const tool of ['wrk', 'nginx']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is not installed (apt-get install ${tool})`);
    }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
  // nginx's workers run as an unprivileged user when nginx is started as root: they must reach www/.
  fs.chmodSync(tmp, 0o755);
  const runStarted = new Date();
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    totalMemoryMb: Math.round(os.totalmem() / 1048576),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    wrk: await wrkVersion(),
    nginx: versionOf('nginx', ['-v']),
    loadAverageAtStart: os.loadavg(),
  };
  log(`Dateline benchmark in ${tmp}`);
  log(
    `${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemoryMb} MB, Node ${machine.node}; load average ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')}`,
  );

  // 1. The production build, as `npm run build` makes it, and the publication.
  log('Bundling Dateline as npm run build does');
  const bundle = await buildBundle(path.join(tmp, 'dist'));
  // Packages outside the bundle (native ones) resolve from the build's parent folder, as they would
  // from the repository's dist/.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  datelineCli = [bundle.cli];
  serve = [bundle.cli, 'serve'];
  const pub = await preparePublication(options.articles, path.join(tmp, `publication-${options.articles}`));
  const paths = pagePaths(pub);
  log(
    `Measuring: article ${paths.article} (${pub.built.article.comments} comments, ${pub.built.article.authors} authors), ` +
      `author ${pub.built.author.slug} (${pub.built.author.articles} articles), tag ${pub.built.tag.slug} (${pub.built.tag.articles} articles), ` +
      `search "${pub.search.word}" (${pub.search.matches} matches) and "${pub.searchCommon.word}" (${pub.searchCommon.matches} matches)`,
  );

  // 2. Where each page's time goes, and the query plans.
  log('Profiling the queries behind each page (page cache off, in this process)');
  const profile = await profileQueries(pub.file, profileRequests(pub));
  printProfile(profile, options.articles);
  // The same pages' queries on PostgreSQL, when a server is named: the plans for the same rows.
  let postgresProfile: ProfiledPage[] | undefined;
  if (options.postgresPlans) {
    log(`Copying the publication to PostgreSQL for its query plans`);
    postgresProfile = await profilePostgresQueries(pub.file, options.postgresPlans, profileRequests(pub), {
      log,
    }).catch((error: unknown) => {
      log(`PostgreSQL query plans failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (postgresProfile) printProfile(postgresProfile, options.articles, 'PostgreSQL');
  }

  // 3. Start to first answer from the production build, a few times (the OS file cache is warm: the
  // file was just written).
  const startups: DatelineServer['startup'][] = [];
  for (let i = 0; i < options.rounds; i += 1) {
    const server = await startDateline({
      name: `startup-${i + 1}`,
      file: pub.file,
      pageCache: true,
      nodeArgs: serve,
    });
    startups.push(server.startup);
    await server.stop();
  }
  log(
    `Start to first answer: ${startups.map((s) => `healthz ${s.healthzMs} ms, / ${s.frontMs} ms`).join('; ')}`,
  );
  // The same from source under tsx (`npm start`): how much of the start is tsx and unbundled modules.
  const tsxStartups: DatelineServer['startup'][] = [];
  if (options.startupTsx) {
    for (let i = 0; i < options.rounds; i += 1) {
      const server = await startDateline({
        name: `startup-tsx-${i + 1}`,
        file: pub.file,
        pageCache: true,
        nodeArgs: [...FROM_SOURCE, 'serve'],
      });
      tsxStartups.push(server.startup);
      await server.stop();
    }
    log(
      `Start to first answer from source under tsx: ${tsxStartups.map((s) => `healthz ${s.healthzMs} ms, / ${s.frontMs} ms`).join('; ')}`,
    );
  }

  // 4. The servers and nginx.
  const cached = await startDateline({ name: 'cache on', file: pub.file, pageCache: true, nodeArgs: serve });
  children.push(cached);
  const uncached = await startDateline({
    name: 'cache off',
    file: pub.file,
    pageCache: false,
    nodeArgs: serve,
  });
  children.push(uncached);
  log(
    `Dateline with the page cache on: ${cached.base} (pid ${cached.pid}); off: ${uncached.base} (pid ${uncached.pid})`,
  );

  const saved = await request(`${cached.base}${paths.article}`);
  if (saved.status !== 200) throw new Error(`the article page answered ${saved.status}`);
  const www = path.join(tmp, 'www');
  fs.mkdirSync(path.join(www, pub.built.article.slug), { recursive: true });
  fs.writeFileSync(path.join(www, pub.built.article.slug, 'index.html'), saved.body);
  fs.mkdirSync(path.join(tmp, 'nginx'), { recursive: true });
  const nginx: Nginx = await startNginx({ prefix: path.join(tmp, 'nginx'), root: www });
  children.push(nginx);
  // What Node and Fastify alone do with the same bytes on this machine: the part of the gap to nginx that
  // is not Dateline's.
  const reference = await startFastifyBytes(path.join(www, pub.built.article.slug, 'index.html'));
  children.push(reference);
  const staticCopy = await request(`${nginx.base}${paths.article}`);
  if (staticCopy.status !== 200 || staticCopy.body.length !== saved.body.length)
    throw new Error(`nginx answered ${staticCopy.status} with ${staticCopy.body.length} bytes`);
  log(
    `nginx serves the saved article page (${saved.body.length.toLocaleString('en')} bytes) at ${nginx.base}${paths.article}`,
  );

  // Every page answers 200; the cached server answers from its cache, the other never does.
  const pageBytes: Record<string, number> = {};
  for (const [name, p] of Object.entries(paths)) {
    const slow = { timeoutMs: 600_000 };
    await request(`${cached.base}${p}`, slow);
    const hit = await request(`${cached.base}${p}`, slow);
    // A page that takes many seconds is not measured without the cache (see skipSlowTargets): don't wait for it.
    if ((profile.find((q) => q.name === name)?.requestMs ?? 0) > 10_000) {
      if (hit.status !== 200 || hit.headers['x-dateline-cache'] !== 'hit')
        throw new Error(
          `${p} on the cached server: ${hit.status}, x-dateline-cache ${String(hit.headers['x-dateline-cache'])}`,
        );
      pageBytes[name] = hit.body.length;
      continue;
    }
    const miss = await request(`${uncached.base}${p}`, slow);
    if (hit.status !== 200 || hit.headers['x-dateline-cache'] !== 'hit')
      throw new Error(
        `${p} on the cached server: ${hit.status}, x-dateline-cache ${String(hit.headers['x-dateline-cache'])}`,
      );
    if (miss.status !== 200 || miss.headers['x-dateline-cache'] !== undefined)
      throw new Error(
        `${p} on the uncached server: ${miss.status}, x-dateline-cache ${String(miss.headers['x-dateline-cache'])}`,
      );
    pageBytes[name] = miss.body.length;
  }
  log(
    `Page sizes: ${Object.entries(pageBytes)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')} B`)
      .join(', ')}`,
  );

  // 5. The interleaved rounds.
  const labels: Record<PageName, string> = {
    front: 'front page /',
    article: 'article page',
    author: 'author page',
    tag: 'tag page',
    feed: 'feed /feed/',
    search: `search (~1 % of articles)`,
  };
  const targets: Target[] = [
    { key: 'nginx', label: 'nginx, static article', url: `${nginx.base}${paths.article}` },
    {
      key: 'fastify-bytes',
      label: 'bare Fastify, same bytes (reference)',
      url: `${reference.base}${paths.article}`,
    },
  ];
  for (const name of Object.keys(paths) as PageName[]) {
    targets.push({
      key: `${name}-cached`,
      label: `${labels[name]}, cache on`,
      url: `${cached.base}${paths[name]}`,
      drain: `${cached.base}/healthz`,
      pid: cached.pid,
    });
    targets.push({
      key: `${name}-uncached`,
      label: `${labels[name]}, cache off`,
      url: `${uncached.base}${paths[name]}`,
      drain: `${uncached.base}/healthz`,
      pid: uncached.pid,
    });
  }
  // One connection: the time one search takes, without 31 others queued in front of it.
  targets.push({
    key: 'search-uncached-c1',
    label: `${labels.search}, cache off, -t1 -c1`,
    url: `${uncached.base}${paths.search}`,
    threads: 1,
    connections: 1,
    drain: `${uncached.base}/healthz`,
    pid: uncached.pid,
  });
  // A page that takes seconds per request would leave the server a backlog of minutes behind every run
  // with 32 connections, and measure only the queue: such targets are left out, with the reason.
  const skipped = skipSlowTargets(targets, profile, (key) => key.replace(/-uncached(-c1)?$/, ''));
  const measuredTargets = targets.filter((t) => !skipped.some((s) => s.key === t.key));
  log(
    `Measuring ${measuredTargets.length} targets × ${options.rounds} rounds, wrk -t${options.threads} -c${options.connections} -d${options.duration}s after ${options.warmup} s of warm-up (1 s in later rounds)`,
  );
  const results = summarise(await interleave(measuredTargets, options.rounds), 'nginx');

  // Still cached after the runs?
  const after = await request(`${cached.base}${paths.article}`);
  const stillHit = after.headers['x-dateline-cache'] === 'hit';

  // 6. Memory: after the cached runs, then with a cache filled by many distinct pages.
  const memoryAfterRuns = memoryOf(cached.pid);
  const memoryUncached = memoryOf(uncached.pid);
  let filled = 0;
  if (options.fillCache > 0) {
    const slugs = pub.built.recentSlugs.slice(0, options.fillCache);
    log(`Filling the page cache with ${slugs.length.toLocaleString('en')} distinct article pages`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < slugs.length) {
          const slug = slugs[next++] as string;
          const answer = await request(`${cached.base}/${slug}/`);
          if (answer.status === 200) filled += 1;
        }
      }),
    );
  }
  const memoryWarm = memoryOf(cached.pid);
  log(
    `Memory of the cached server: after the runs ${JSON.stringify(memoryAfterRuns)}, after ${filled} more pages ${JSON.stringify(memoryWarm)}; cache-off server ${JSON.stringify(memoryUncached)}`,
  );

  // 7. Sizes compared.
  let sizes: Awaited<ReturnType<typeof compareSizes>> | undefined;
  // A failure from here on is recorded, not fatal: the measurements above are still written.
  const errors: string[] = [];
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      const message = `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
      log(message);
      errors.push(message);
      return undefined;
    }
  };
  if (options.compareSizes) sizes = await attempt('the size comparison', () => compareSizes(pub, uncached));

  // 8. Comment posts.
  const comments = options.comments
    ? await attempt('the comment-post benchmark', () => benchmarkComments(pub, cached))
    : undefined;

  await cleanup();

  // 9. Report.
  printTable(
    `Pages (${options.articles.toLocaleString('en')} articles; median of ${options.rounds} interleaved rounds; wrk -t${options.threads} -c${options.connections} -d${options.duration}s)`,
    results,
    true,
  );
  for (const s of skipped) console.log(`${s.label}: not measured, ${s.reason}`);
  if (sizes) printTable('Size comparison (page cache off)', sizes.rows, false);
  if (comments?.skipped) {
    console.log(
      `\nComment posts: ${comments.skipped} (one at a time: ${comments.probeMs.map((t) => fmtMs(t)).join(', ')}; ${comments.accepted} accepted, ${comments.rows} rows written, ${comments.lost} lost)`,
    );
  } else if (comments) {
    console.log(
      `\nComment posts: ${fmtInt(comments.acceptedPerSec)} accepted (303) per second (median of ${comments.runs.length}); ` +
        `p50 ${fmtMs(comments.p50Ms)}, p99 ${fmtMs(comments.p99Ms)}; ${comments.accepted} accepted, ${comments.rows} rows written, ${comments.lost} lost; other statuses ${JSON.stringify(comments.otherStatuses)}`,
    );
  }
  const startup = {
    healthzMs: median(startups.map((s) => s.healthzMs)),
    frontMs: median(startups.map((s) => s.frontMs)),
    servingMs: median(startups.map((s) => s.servingMs ?? NaN)),
  };
  console.log(
    `Start to first answer (median of ${startups.length}): "Dateline is serving" ${fmtMs(startup.servingMs)}, first 200 on /healthz ${fmtMs(startup.healthzMs)}, first 200 on / ${fmtMs(startup.frontMs)}`,
  );
  const tsxStartup =
    tsxStartups.length > 0
      ? {
          healthzMs: median(tsxStartups.map((s) => s.healthzMs)),
          frontMs: median(tsxStartups.map((s) => s.frontMs)),
        }
      : undefined;
  if (tsxStartup)
    console.log(
      `Start to first answer from source under tsx, as npm start (median of ${tsxStartups.length}): /healthz ${fmtMs(tsxStartup.healthzMs)}, / ${fmtMs(tsxStartup.frontMs)}`,
    );
  console.log(
    `Memory (VmRSS / VmHWM): cache on after the runs ${memoryAfterRuns?.rssMb} / ${memoryAfterRuns?.hwmMb} MB; after ${filled} more pages ${memoryWarm?.rssMb} / ${memoryWarm?.hwmMb} MB; cache off ${memoryUncached?.rssMb} / ${memoryUncached?.hwmMb} MB`,
  );
  if (!stillHit) console.log('WARNING: the article page was no longer a cache hit after the runs.');

  const verdicts = judge(results, { comments, startup, memoryWarm, sizes, skipped });
  const bare = results.find((r) => r.key === 'fastify-bytes');
  const cachedArticle = results.find((r) => r.key === 'article-cached');
  if (bare && cachedArticle)
    console.log(
      `\nFor reference: bare Fastify serving the same bytes reaches ${pct(bare.ratioToNginx)} of nginx's req/s on this machine; ` +
        `Dateline's cached article page reaches ${pct(cachedArticle.requestsPerSec / bare.requestsPerSec)} of bare Fastify's.`,
    );
  for (const error of errors) console.log(`\nERROR: ${error}`);
  console.log('\nTargets');
  const w = Math.max(...verdicts.map((v) => v.target.length));
  for (const v of verdicts)
    console.log(
      `  ${v.status.padEnd(4)}  ${v.target.padEnd(w)}  ${v.measured}${v.note ? `  (${v.note})` : ''}`,
    );

  const report = {
    startedAt: runStarted.toISOString(),
    durationSec: Math.round((performance.now() - started) / 1000),
    options: {
      ...options,
      reuse: options.reuse ?? null,
      postgresPlans: options.postgresPlans ? '(a PostgreSQL server)' : null,
    },
    machine: { ...machine, loadAverageAtEnd: os.loadavg() },
    git: gitInfo(),
    publication: {
      counts: pub.built.counts,
      bytes: pub.built.bytes,
      buildTimings: pub.built.timings,
      article: pub.built.article,
      author: pub.built.author,
      tag: pub.built.tag,
      search: pub.search,
      searchCommon: pub.searchCommon,
      pageBytes,
    },
    pages: results,
    skippedTargets: skipped,
    stillCachedAfterRuns: stillHit,
    startup: {
      median: startup,
      runs: startups,
      build: 'node <bundle>/cli.js serve (npm run build)',
      fromSource: tsxStartup ? { median: tsxStartup, runs: tsxStartups } : null,
    },
    memory: {
      afterCachedRuns: memoryAfterRuns,
      afterFillingCache: memoryWarm,
      filledPages: filled,
      cacheOff: memoryUncached,
    },
    comments: comments ?? null,
    sizes: sizes ?? null,
    targets: verdicts,
    errors,
    queryProfilePostgres: postgresProfile ? { [options.articles]: postgresProfile } : null,
    queryProfile: {
      [options.articles]: profile,
      ...(sizes?.profile ? { [COMPARE_SIZES[1]]: sizes.profile } : {}),
    },
  };
  fs.mkdirSync(options.out, { recursive: true });
  const file = path.join(
    options.out,
    `${runStarted
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z')}-${options.articles}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  if (options.keep) console.log(`Kept ${tmp}`);
}

/** The longest a target's backlog may keep the server busy: one request's time × wrk's connections. */
const MAX_BACKLOG_MS = 30_000;

interface Skipped {
  key: string;
  label: string;
  requestMs: number;
  reason: string;
}

/** Targets whose page, as profiled in the app, takes so long that a wrk run would measure only a queue. */
function skipSlowTargets(
  targets: Target[],
  profile: ProfiledPage[],
  pageOf: (key: string) => string,
): Skipped[] {
  const out: Skipped[] = [];
  for (const target of targets) {
    if (!target.key.includes('-uncached')) continue;
    const page = profile.find((p) => p.name === pageOf(target.key));
    if (!page) continue;
    const connections = target.connections ?? options.connections;
    const tooFew = page.requestMs * 3 > options.duration * 1000;
    if (page.requestMs * connections > MAX_BACKLOG_MS || tooFew) {
      const reason = tooFew
        ? `one request takes ${fmtMs(page.requestMs)} in the app: fewer than 3 per connection would finish in ${options.duration} s`
        : `one request takes ${fmtMs(page.requestMs)} in the app: ${connections} connections would queue ${Math.round((page.requestMs * connections) / 1000)} s of work`;
      log(`Skipping "${target.label}": ${reason}`);
      out.push({ key: target.key, label: target.label, requestMs: page.requestMs, reason });
    }
  }
  return out;
}

function printProfile(profile: ProfiledPage[], articles: number, database = 'SQLite') {
  console.log(
    `\nQueries per page at ${articles.toLocaleString('en')} articles on ${database} (page cache off; requests injected into the app in this process; each query timed alone; ! marks a full scan${database === 'SQLite' ? ' or a temporary b-tree' : ''})`,
  );
  for (const page of profile) {
    console.log(
      `  ${page.name}: ${page.method} ${page.path} → ${page.status}, ${fmtMs(page.requestMs)} per request, of which ${page.queries.length} queries ${fmtMs(page.queryMs)}`,
    );
    for (const q of page.queries) {
      const flag = q.isSuspect ? ' !' : '';
      console.log(
        `    ${fmtMs(q.medianMs).padStart(9)} ${String(q.rows).padStart(5)} rows${flag}  ${q.sql.slice(0, 150)}${q.sql.length > 150 ? '…' : ''}`,
      );
      if (q.isSuspect || q.medianMs > 1)
        for (const line of q.plan) console.log(`               plan: ${line}`);
    }
  }
}

async function compareSizes(main: Publication, mainUncached: DatelineServer) {
  log(`Comparing sizes: ${COMPARE_SIZES.map((s) => s.toLocaleString('en')).join(' and ')} articles`);
  const servers: { size: number; server: DatelineServer; pub: Publication }[] = [];
  const own: DatelineServer[] = [];
  let profile: ProfiledPage[] | undefined;
  try {
    for (const size of COMPARE_SIZES) {
      if (size === options.articles) {
        servers.push({ size, server: mainUncached, pub: main });
        continue;
      }
      const pub = await preparePublication(size, path.join(tmp, `publication-${size}`));
      if (size === COMPARE_SIZES[1]) {
        log(`Profiling the queries at ${size.toLocaleString('en')} articles`);
        profile = await profileQueries(pub.file, profileRequests(pub));
        printProfile(profile, size);
      }
      const server = await startDateline({
        name: `cache off, ${size}`,
        file: pub.file,
        pageCache: false,
        nodeArgs: serve,
      });
      own.push(server);
      children.push(server);
      servers.push({ size, server, pub });
    }
    const [small, large] = servers;
    if (!small || !large) throw new Error('two sizes expected');
    if (small.pub.built.article.slug !== large.pub.built.article.slug)
      log(
        `WARNING: the article differs between sizes (${small.pub.built.article.slug} / ${large.pub.built.article.slug})`,
      );
    const targets: Target[] = [];
    for (const { size, server, pub } of servers) {
      const p = pagePaths(pub);
      const n = size.toLocaleString('en');
      const drain = `${server.base}/healthz`;
      targets.push({
        key: `article-${size}`,
        label: `article page, ${n} articles`,
        url: `${server.base}${p.article}`,
        drain,
      });
      targets.push({
        key: `front-${size}`,
        label: `front page, ${n} articles`,
        url: `${server.base}${p.front}`,
        drain,
      });
      targets.push({
        key: `tag-${size}`,
        label: `biggest tag's page, ${n} articles`,
        url: `${server.base}${p.tag}`,
        drain,
      });
    }
    const measured = await interleave(targets, options.rounds);
    const rows = summarise(measured, undefined);
    const drop = (page: string) => {
      const a = measured.get(`${page}-${small.size}`)?.runs ?? [];
      const b = measured.get(`${page}-${large.size}`)?.runs ?? [];
      return median(a.map((r, i) => (b[i] ? 1 - b[i].requestsPerSec / r.requestsPerSec : NaN)));
    };
    return { rows, articleDrop: drop('article'), frontDrop: drop('front'), tagDrop: drop('tag'), profile };
  } finally {
    for (const server of own) {
      await server.stop();
      children.splice(children.indexOf(server), 1);
    }
  }
}

async function benchmarkComments(pub: Publication, server: DatelineServer) {
  // Open comments on many articles, not one: the newest 50.
  const slugs = pub.built.recentSlugs.slice(0, 50);
  const db = new SQLite(pub.file, { readonly: true });
  const count = db.prepare(`select count(*) as n from comments where author_email like ?`);
  // A few posts one at a time first: they check the form works and time one post alone.
  const probeTag = `probe${Date.now().toString(36)}`;
  const probeTimes: number[] = [];
  const probesStarted = performance.now();
  for (let i = 1; i <= 5 && (i <= 2 || performance.now() - probesStarted < 30_000); i += 1) {
    const t = performance.now();
    const probe = await request(`${server.base}/${slugs[i % slugs.length]}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `comment=A+comment+to+check+the+form+${i}.&author=Probe+Reader+${i}&email=post-${probeTag}-${i}%40example.org`,
      timeoutMs: 600_000,
    });
    probeTimes.push(performance.now() - t);
    if (probe.status !== 303) {
      db.close();
      throw new Error(`a comment post answered ${probe.status}: ${probe.body.toString().slice(0, 500)}`);
    }
  }
  const probeMs = median(probeTimes);
  const probeRows = (count.get(`post-${probeTag}-%`) as { n: number }).n;
  log(`  one comment post at a time: ${probeTimes.map((t) => fmtMs(t)).join(', ')}`);
  const runs: { result: WrkResult; accepted: number; rows: number; acceptedPerSec: number }[] = [];
  // As for slow pages: if 32 connections would queue more than MAX_BACKLOG_MS, wrk would measure a queue.
  if (probeMs * options.connections > MAX_BACKLOG_MS || probeMs * 3 > options.duration * 1000) {
    db.close();
    const reason = `one post alone takes ${fmtMs(probeMs)}: not run with wrk`;
    log(`  comment posts: ${reason}`);
    return {
      acceptedPerSec: 1000 / probeMs,
      p50Ms: probeMs,
      p99Ms: NaN,
      accepted: probeTimes.length,
      rows: probeRows,
      lost: Math.max(0, probeTimes.length - probeRows),
      otherStatuses: {},
      probeMs: probeTimes,
      skipped: reason,
      runs,
    };
  }
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const tag = `r${round + 1}x${Date.now().toString(36)}`;
      const script = path.join(tmp, `comments-${tag}.lua`);
      fs.writeFileSync(script, commentPostScript(slugs, tag));
      const result = await runWrk({
        url: server.base,
        threads: options.threads,
        connections: options.connections,
        durationSec: options.duration,
        script,
      });
      // Requests in flight when wrk stopped still finish: wait for them before counting.
      await request(`${server.base}/healthz`, { timeoutMs: 120_000 }).catch(() => {});
      await sleep(200);
      const accepted = result.statuses['303'] ?? 0;
      const rows = (count.get(`post-${tag}-%`) as { n: number }).n;
      const acceptedPerSec = accepted / (result.durationSec || options.duration);
      runs.push({ result, accepted, rows, acceptedPerSec });
      log(
        `  comment posts, round ${round + 1}: ${fmtInt(acceptedPerSec)} accepted/s, p99 ${fmtMs(result.p99Ms)}, statuses ${JSON.stringify(result.statuses)}, ${rows} rows`,
      );
    }
  } finally {
    db.close();
  }
  const otherStatuses: Record<string, number> = {};
  for (const r of runs)
    for (const [status, n] of Object.entries(r.result.statuses))
      if (status !== '303') otherStatuses[status] = (otherStatuses[status] ?? 0) + n;
  const accepted = runs.reduce((s, r) => s + r.accepted, 0);
  const rows = runs.reduce((s, r) => s + r.rows, 0);
  return {
    acceptedPerSec: median(runs.map((r) => r.acceptedPerSec)),
    p50Ms: median(runs.map((r) => r.result.p50Ms)),
    p99Ms: median(runs.map((r) => r.result.p99Ms)),
    accepted,
    rows,
    /** 303 answers without a row: must be 0. Rows can exceed answers by the requests in flight at the end. */
    lost: runs.reduce((s, r) => s + Math.max(0, r.accepted - r.rows), 0),
    otherStatuses,
    probeMs: probeTimes,
    skipped: undefined as string | undefined,
    runs,
  };
}

function judge(
  rows: Row[],
  extra: {
    comments: Awaited<ReturnType<typeof benchmarkComments>> | undefined;
    startup: { healthzMs: number; frontMs: number };
    memoryWarm: { rssMb: number } | undefined;
    sizes: Awaited<ReturnType<typeof compareSizes>> | undefined;
    skipped: Skipped[];
  },
): Verdict[] {
  const row = (key: string) => rows.find((r) => r.key === key);
  const out: Verdict[] = [];
  const at100k = options.articles >= 100_000;
  const sizeNote = at100k
    ? undefined
    : `measured at ${options.articles.toLocaleString('en')} articles; the target names 100,000`;
  for (const [page, name] of [
    ['article', 'article'],
    ['front', 'front page'],
    ['author', 'author page'],
    ['tag', 'tag page'],
  ] as const) {
    const c = row(`${page}-cached`);
    const u = row(`${page}-uncached`);
    if (c) {
      out.push(
        verdict(
          `Cached ${name} ≥ 75 % of nginx req/s`,
          c.ratioToNginx >= 0.75,
          `${pct(c.ratioToNginx)} (${fmtInt(c.requestsPerSec)} req/s)`,
        ),
      );
      out.push(
        verdict(
          `Cached ${name} p99 ≤ 2 × nginx p99`,
          c.p99ToNginx <= 2,
          `${c.p99ToNginx.toFixed(2)} × (${fmtMs(c.p99Ms)})`,
        ),
      );
    }
    if (u)
      out.push(
        verdict(
          `Uncached ${name} ≥ 8 % of nginx req/s`,
          u.ratioToNginx >= 0.08,
          `${pct(u.ratioToNginx)} (${fmtInt(u.requestsPerSec)} req/s)`,
        ),
      );
  }
  // The page cache keeps a results page until an article changes, as it keeps any page: a search many
  // readers make at once (a breaking story's name) is answered from memory.
  const searchCached = row('search-cached');
  if (searchCached)
    out.push(
      verdict(
        'Search p99 < 50 ms at 100k (cache on, one query repeated)',
        searchCached.p99Ms < 50,
        `${fmtMs(searchCached.p99Ms)} with ${options.connections} connections`,
        sizeNote,
      ),
    );
  const search = row('search-uncached');
  const searchAlone = row('search-uncached-c1');
  const searchSkipped = extra.skipped.find((s) => s.key === 'search-uncached');
  if (search)
    out.push(
      verdict(
        'Search p99 < 50 ms at 100k (cache off)',
        search.p99Ms < 50,
        `${fmtMs(search.p99Ms)} with ${options.connections} connections${searchAlone ? `; ${fmtMs(searchAlone.p99Ms)} with 1` : ''}`,
        sizeNote,
      ),
    );
  else if (searchSkipped)
    out.push(
      verdict(
        'Search p99 < 50 ms at 100k (cache off)',
        searchSkipped.requestMs < 50 ? undefined : false,
        `not run with wrk: one search alone takes ${fmtMs(searchSkipped.requestMs)} in the app${searchAlone ? `; p99 ${fmtMs(searchAlone.p99Ms)} with 1 connection` : ''}`,
        sizeNote,
      ),
    );
  if (extra.sizes) {
    out.push(
      verdict(
        `${COMPARE_SIZES[0].toLocaleString('en')} → ${COMPARE_SIZES[1].toLocaleString('en')} articles costs ≤ 10 % of uncached article req/s`,
        extra.sizes.articleDrop <= 0.1,
        `${pct(extra.sizes.articleDrop)} fewer (front page ${pct(extra.sizes.frontDrop)}, tag page ${pct(extra.sizes.tagDrop)})`,
      ),
    );
  } else
    out.push(
      verdict(
        '1k → 100k costs ≤ 10 % of uncached article req/s',
        undefined,
        'not measured',
        'run with --compare-sizes',
      ),
    );
  if (extra.comments) {
    out.push(
      verdict(
        'Comment posts ≥ 1,000 accepted/s',
        extra.comments.acceptedPerSec >= 1000,
        extra.comments.skipped
          ? `≈ ${fmtInt(extra.comments.acceptedPerSec)}/s (${extra.comments.skipped})`
          : `${fmtInt(extra.comments.acceptedPerSec)}/s`,
      ),
    );
    out.push(
      verdict(
        'Comment posts: none lost',
        extra.comments.lost === 0 && extra.comments.accepted > 0,
        `${extra.comments.accepted} accepted, ${extra.comments.rows} rows, ${extra.comments.lost} lost`,
      ),
    );
  }
  if (extra.memoryWarm)
    out.push(
      verdict(
        'RSS ≤ 300 MB at 100k with a warm cache',
        extra.memoryWarm.rssMb <= 300,
        `${extra.memoryWarm.rssMb} MB`,
        sizeNote,
      ),
    );
  out.push(
    verdict(
      'Start to first answer < 2 s at 100k (/healthz)',
      extra.startup.healthzMs < 2000,
      fmtMs(extra.startup.healthzMs),
      sizeNote,
    ),
  );
  out.push(
    verdict(
      'Start to first answer < 2 s at 100k (front page)',
      extra.startup.frontMs < 2000,
      fmtMs(extra.startup.frontMs),
      sizeNote,
    ),
  );
  return out;
}

/** `--import`: the WordPress import benchmark (scripts/bench/import.ts); needs neither wrk nor nginx. */
async function importBenchmark(): Promise<number> {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'));
  try {
    return await runImportBenchmark({
      posts: options.importPosts,
      comments: options.importComments ?? options.importPosts * 3,
      seed: options.seed,
      dir: tmp,
      out: options.out,
      log,
      track: (child) => children.push(child),
    });
  } finally {
    if (options.keep) console.log(`Kept ${tmp}`);
    await cleanup();
  }
}

try {
  if (options.editor)
    process.exitCode = await runEditorBenchmark({ out: options.out, log, seed: options.seed });
  else if (options.import) process.exitCode = await importBenchmark();
  else await main();
} catch (error) {
  console.error(error);
  await cleanup();
  process.exit(1);
}
