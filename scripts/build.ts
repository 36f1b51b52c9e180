// `npm run build`: the production build, bundled. Run with tsx; also imported by the benchmark.
//
// tsc's per-file output made a server load some 1,200 ES modules at start (typebox alone is 679 files,
// Kysely 263), which cost more than a second before any of Dateline's own code ran. esbuild bundles
// the two entry points, `dateline` (src/cli.ts) and `npm start` (src/main.ts), and the Markdown thread
// (src/platform/render/markdown-worker.ts) into a few files with their shared code in one chunk, so
// that `node dist/cli.js serve` starts in a fraction of the time.
// Types are not checked here: `npm run typecheck` does that.
//
//   npm run build                   writes dist/
//   tsx scripts/build.ts --out DIR  writes DIR instead
//
// What stays outside the bundle: packages with native code (better-sqlite3, sharp) and pg's optional
// native driver, loaded from node_modules as before. The page assets (CSS, JS, images) are copied to
// <out>/assets, where src/platform/render/assets.ts looks for them next to the bundled code.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleEditor } from './editor-bundle.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** Packages loaded from node_modules at run time, not bundled. */
const EXTERNAL = ['better-sqlite3', 'sharp', 'pg-native'];

/**
 * Bundles Dateline into `outDir` (emptied first). Returns the entry files' paths. `extraEntries` (name →
 * source file) are bundled with the same settings and code: the benchmark runs its import child that way.
 */
export async function buildBundle(
  outDir: string,
  extraEntries: Record<string, string> = {},
): Promise<{ cli: string; main: string }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  // The newsroom's story editor is bundled for the browser into the assets folder first, so that the copy below takes it.
  await bundleEditor();
  await build({
    absWorkingDir: REPO_ROOT,
    // The Markdown thread is an entry of its own: markdown-renderer.ts starts ./markdown-worker.js
    // from the bundled code's folder.
    entryPoints: {
      cli: 'src/cli.ts',
      main: 'src/main.ts',
      'markdown-worker': 'src/platform/render/markdown-worker.ts',
      // Likewise the WordPress importer's conversion thread (modules/wordpress/converter.ts).
      'wordpress-convert-worker': 'src/modules/wordpress/convert-worker.ts',
      // And the wire desk's feed reader (modules/wire/reader.ts).
      'wire-parse-worker': 'src/modules/wire/parse-worker.ts',
      // And topic suggestions' thread (modules/topics/finder.ts).
      'topics-find-worker': 'src/modules/topics/find-worker.ts',
      ...extraEntries,
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    external: EXTERNAL,
    sourcemap: 'linked',
    // Some bundled CommonJS packages call require() for Node's own modules: give them one.
    banner: {
      js: "import { createRequire as __datelineRequire } from 'node:module'; const require = __datelineRequire(import.meta.url);",
    },
    // Chunks beside the entries, so that every bundled file finds the assets at ./assets.
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
  fs.cpSync(path.join(REPO_ROOT, 'src', 'platform', 'render', 'assets'), path.join(outDir, 'assets'), {
    recursive: true,
  });
  return { cli: path.join(outDir, 'cli.js'), main: path.join(outDir, 'main.js') };
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, 'dist'));
  const started = performance.now();
  const { cli } = await buildBundle(outDir);
  console.log(
    `Built ${path.relative(process.cwd(), cli)} in ${Math.round(performance.now() - started)} ms: run \`node ${path.relative(process.cwd(), cli)} serve\``,
  );
}
