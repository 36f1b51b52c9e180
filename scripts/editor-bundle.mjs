// Bundles the newsroom's story editor (src/platform/render/editor/) for the browser: one script and one
// stylesheet in src/platform/render/assets/build/, which is not committed. assets.ts serves them from
// 'self' under hashed names, and `npm run build` copies them into dist/ with the other assets.
//
// Runs after `npm install` and before `npm start` and `npm test` (package.json), from the tests' global
// setup, and from scripts/build.ts. It does nothing when the bundle is newer than its sources, and only
// warns when esbuild or the editor's packages are missing (a production install without devDependencies
// serves a build made where they were installed). Plain JavaScript, so that it runs before anything is compiled.
//
//   node scripts/editor-bundle.mjs           builds if a source changed
//   node scripts/editor-bundle.mjs --force   builds anyway
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'src', 'platform', 'render', 'editor');
/** Where the bundle goes: beside the other assets, so that every asset path works in src/ and dist/. */
export const EDITOR_BUNDLE_DIR = path.join(ROOT, 'src', 'platform', 'render', 'assets', 'build');
const OUTPUTS = ['editor.js', 'editor.css'].map((f) => path.join(EDITOR_BUNDLE_DIR, f));

function newestSource() {
  const files = readdirSync(SOURCE)
    .filter((f) => !f.includes('.test.'))
    .map((f) => path.join(SOURCE, f));
  files.push(
    path.join(ROOT, 'src', 'platform', 'render', 'body-urls.ts'),
    path.join(ROOT, 'package-lock.json'),
  );
  return Math.max(...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

function isUpToDate() {
  if (!OUTPUTS.every(existsSync)) return false;
  const built = Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs));
  return built >= newestSource();
}

/** Builds the editor bundle. Returns false (with a warning) when the build tools are not installed. */
export async function bundleEditor({ force = false } = {}) {
  if (!force && isUpToDate()) return true;
  let esbuild;
  try {
    createRequire(import.meta.url).resolve('@tiptap/core');
    esbuild = await import('esbuild');
  } catch {
    console.warn(
      'dateline: the story editor was not bundled (esbuild or @tiptap/* missing: devDependencies not installed). The newsroom falls back to the plain Body text area.',
    );
    return false;
  }
  mkdirSync(EDITOR_BUNDLE_DIR, { recursive: true });
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    logLevel: 'warning',
    legalComments: 'eof',
  };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(SOURCE, 'main.ts')],
    outfile: OUTPUTS[0],
    format: 'iife',
    platform: 'browser',
    // The browsers the newsroom supports: evergreen ones with <dialog> and ES2022.
    target: ['chrome111', 'firefox113', 'safari16.4'],
  });
  await esbuild.build({ ...common, entryPoints: [path.join(SOURCE, 'editor.css')], outfile: OUTPUTS[1] });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const force = process.argv.includes('--force');
  const wasUpToDate = !force && isUpToDate();
  if ((await bundleEditor({ force })) && !wasUpToDate)
    console.log(`dateline: bundled the story editor in ${Math.round(performance.now() - started)} ms`);
}
