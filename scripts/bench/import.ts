// `npm run bench -- --import`: the WordPress import benchmark (issue #16). Writes a made-up export of The
// Harbour Gazette (scripts/bench/wxr-generator.ts) to a temporary folder, streamed, then imports it into a
// fresh SQLite database in a child process of its own (scripts/bench/import-child.ts, bundled as
// `npm run build` bundles Dateline and run with plain node, as `node dist/cli.js` runs in production), so
// that the peak memory measured is the importer's alone. Prints the export's size, the generation and
// import times, items per second and the importer's peak RSS, with PASS/FAIL against the targets.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build.ts';
import type { ImportChildResult } from './import-child.ts';
import { memoryOf, REPO_ROOT } from './processes.ts';
import { writeWxrExport, type WxrExportSummary } from './wxr-generator.ts';

/** The targets from the issue. */
export const IMPORT_TARGETS = { peakRssMb: 300, seconds: 600, posts: 40_000 } as const;

export interface ImportBenchOptions {
  posts: number;
  comments: number;
  seed: number;
  /** Where the export, the bundle and the database go; emptied by the caller unless kept. */
  dir: string;
  /** Where the JSON result goes. */
  out: string;
  log: (line: string) => void;
  /** Registers a child so that Ctrl-C stops it. */
  track: (child: { stop(): Promise<void> }) => void;
}

interface Verdict {
  target: string;
  measured: string;
  status: 'PASS' | 'FAIL' | 'n/a';
  note?: string;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const whole = (n: number) => Math.round(n).toLocaleString('en');

/** Runs the import child, sampling its memory from /proc while it runs. */
function runChild(
  args: string[],
  options: Pick<ImportBenchOptions, 'log' | 'track'>,
): Promise<{
  result: ImportChildResult | undefined;
  code: number | null;
  sampledHwmMb: number;
  output: string;
  wallMs: number;
}> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) {
      reject(new Error('could not start the import child'));
      return;
    }
    const pid = child.pid;
    options.track({
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
      },
    });
    let sampledHwmMb = 0;
    const sampler = setInterval(() => {
      const memory = memoryOf(pid);
      if (memory && Number.isFinite(memory.hwmMb)) sampledHwmMb = Math.max(sampledHwmMb, memory.hwmMb);
    }, 250);
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        output += `${line}\n`;
        options.log(`  importer: ${line}`);
      }
    });
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(sampler);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      let result: ImportChildResult | undefined;
      try {
        result = line ? (JSON.parse(line.slice('RESULT '.length)) as ImportChildResult) : undefined;
      } catch {
        result = undefined;
      }
      resolve({
        result,
        code,
        sampledHwmMb,
        output: output + partial + stdout,
        wallMs: performance.now() - started,
      });
    });
  });
}

/** The import benchmark; resolves to the process's exit code. */
export async function runImportBenchmark(options: ImportBenchOptions): Promise<number> {
  const { log } = options;
  const runStarted = new Date();
  const atTargetSize = options.posts >= IMPORT_TARGETS.posts;
  const sizeNote = atTargetSize
    ? undefined
    : `measured at ${whole(options.posts)} posts; the target names ${whole(IMPORT_TARGETS.posts)}`;
  log(`WordPress import benchmark in ${options.dir}`);
  log(
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, ${whole(os.totalmem() / 1048576)} MB, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // 1. The export, streamed to disk.
  const exportFile = path.join(options.dir, 'harbour-gazette.wordpress.xml');
  log(`Writing a WXR 1.2 export of ${whole(options.posts)} posts and ${whole(options.comments)} comments`);
  const generationStarted = performance.now();
  const summary: WxrExportSummary = await writeWxrExport(exportFile, {
    posts: options.posts,
    comments: options.comments,
    seed: options.seed,
  });
  const generationMs = performance.now() - generationStarted;
  const items = summary.posts + summary.pages + summary.attachments;
  log(
    `Export: ${mb(summary.bytes)} in ${seconds(generationMs)} (${mb(summary.bytes / (generationMs / 1000))}/s): ` +
      `${whole(summary.posts)} posts, ${summary.pages} pages, ${whole(summary.attachments)} attachments, ` +
      `${whole(summary.comments)} comments (${whole(summary.replies)} replies, ${whole(summary.repliesBeforeParent)} before their parent), ` +
      `${summary.authors} authors, ${summary.categories} categories, ${summary.tags} tags, ${whole(summary.gutenbergPosts)} Gutenberg posts`,
  );

  // 2. The importer, bundled as production runs it.
  log('Bundling Dateline and the import child as npm run build does');
  const dist = path.join(options.dir, 'dist');
  await buildBundle(dist, { 'import-child': 'scripts/bench/import-child.ts' });
  // Packages outside the bundle (native ones) resolve from the bundle's parent folder.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(options.dir, 'node_modules'), 'dir');

  // 3. The import, into a fresh SQLite database, in a process of its own.
  const databaseFile = path.join(options.dir, 'dateline.sqlite');
  log(`Importing into a fresh SQLite database (${databaseFile}) in a child process`);
  const run = await runChild([path.join(dist, 'import-child.js'), exportFile, databaseFile], options);
  const result = run.result;

  const verdicts: Verdict[] = [];
  let peakMb: number | undefined;
  let importMs: number | undefined;
  if (result) {
    const reported = result.memory.vmHwmKb ?? result.memory.maxRssKb;
    peakMb = Math.max(reported / 1024, run.sampledHwmMb);
  }
  let exitCode = 0;
  if (!result || !result.ok) {
    exitCode = 1;
    const why = !result
      ? `the import child exited with code ${run.code} and no result:\n${run.output.slice(-4000)}`
      : result.message + (result.missing ? '' : `\n${result.stack ?? ''}`);
    console.error(`\nThe import was not run to the end: ${why}`);
    if (result?.missing)
      console.error(
        'The export and its timing above still stand; the import is measured once Services.wordpress: WordpressImporter exists.',
      );
    verdicts.push(
      { target: `Importer peak RSS < ${IMPORT_TARGETS.peakRssMb} MB`, measured: 'not run', status: 'n/a' },
      { target: `Import time < ${IMPORT_TARGETS.seconds / 60} min`, measured: 'not run', status: 'n/a' },
    );
  } else {
    importMs = result.importMs;
    const peak = peakMb ?? NaN;
    verdicts.push(
      {
        target: `Importer peak RSS < ${IMPORT_TARGETS.peakRssMb} MB`,
        measured: `${peak.toFixed(1)} MB (VmHWM)`,
        status: peak < IMPORT_TARGETS.peakRssMb ? 'PASS' : 'FAIL',
        ...(sizeNote && { note: sizeNote }),
      },
      {
        target: `Import time < ${IMPORT_TARGETS.seconds / 60} min`,
        measured: seconds(importMs),
        status: importMs < IMPORT_TARGETS.seconds * 1000 ? 'PASS' : 'FAIL',
        ...(sizeNote && { note: sizeNote }),
      },
    );
  }

  console.log('\nWordPress import');
  const rows: [string, string][] = [
    ['export size', `${mb(summary.bytes)} (${whole(summary.bytes)} bytes)`],
    [
      'export contents',
      `${whole(items)} items (${whole(summary.posts)} posts, ${summary.pages} pages, ${whole(summary.attachments)} attachments), ${whole(summary.comments)} comments`,
    ],
    ['generation time', seconds(generationMs)],
  ];
  if (result?.ok && importMs !== undefined) {
    rows.push(
      ['database open and migrate', seconds(result.openMs)],
      ['import time', seconds(importMs)],
      ['items/s', `${whole(items / (importMs / 1000))} (posts, pages, attachments)`],
      ['comments/s', whole(summary.comments / (importMs / 1000))],
      ['export read', `${mb(summary.bytes / (importMs / 1000))}/s`],
      [
        'importer peak RSS',
        `${(peakMb ?? NaN).toFixed(1)} MB (child's VmHWM; maxRSS ${(result.memory.maxRssKb / 1024).toFixed(1)} MB)`,
      ],
      [
        'rows written',
        Object.entries(result.rows)
          .map(([t, n]) => `${t} ${whole(n)}`)
          .join(', '),
      ],
      ['report: written', JSON.stringify(result.report.written)],
      [
        'report: missing media, warnings',
        `${whole(result.report.missingMedia.length)}, ${whole(result.report.warnings.length)}`,
      ],
    );
  } else if (peakMb !== undefined) rows.push(['child peak RSS (no import)', `${peakMb.toFixed(1)} MB`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);

  console.log('\nTargets');
  for (const v of verdicts)
    console.log(`  ${v.status.padEnd(4)}  ${v.target}: ${v.measured}${v.note ? ` (${v.note})` : ''}`);

  const report = {
    kind: 'wordpress-import',
    startedAt: runStarted.toISOString(),
    machine: {
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      cpuCount: os.cpus().length,
      totalMemoryMb: Math.round(os.totalmem() / 1048576),
      node: process.version,
    },
    options: { posts: options.posts, comments: options.comments, seed: options.seed },
    export: { ...summary, generationMs },
    import: result
      ? {
          ...(result.ok
            ? {
                ...result,
                // The full list names every picture the export points at: the first few say enough.
                report: { ...result.report, missingMedia: result.report.missingMedia.slice(0, 20) },
                missingMediaCount: result.report.missingMedia.length,
              }
            : result),
          wallMs: run.wallMs,
          sampledHwmMb: run.sampledHwmMb,
          peakMb,
        }
      : null,
    targets: verdicts,
  };
  fs.mkdirSync(options.out, { recursive: true });
  const file = path.join(
    options.out,
    `${runStarted
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z')}-import-${options.posts}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  return exitCode;
}
