// better-sqlite3 is a native module: its binary works only on the Node ABI it was built for. Switching Node
// (20 → 24) after `npm install`, or an npm config whose `nodedir` points at another Node's headers, leaves a
// binary that fails with ERR_DLOPEN_FAILED at start. This runs after install and before start and test: when
// the binary does not load under the Node running now, it rebuilds it against this Node's own headers.
// Plain JavaScript, so that it runs before anything is compiled.
//
// Node 24.19 and later also need a workaround: their `node_object_wrap.h` makes every ObjectWrap register an
// environment cleanup hook and remove it in its destructor, but the 24.x runtime cannot remove it when the
// garbage collector finalises an object outside a context (nodejs/node#65446, open). better-sqlite3 wraps
// each statement in an ObjectWrap, so a process aborts at random with "Assertion failed: (env) != nullptr"
// in RemoveEnvironmentCleanupHook. The fix is to build against a copy of this Node's headers whose ObjectWrap
// registers no hook, as before 24.19 (same ABI; statements are freed by the collector as they always were).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MODULE = 'better-sqlite3';
const HOOK_SYMBOL = 'RemoveEnvironmentCleanupHook';
const HOOK_CALLS = /^(\s*)((?:Add|Remove)CleanupHook\(\);)$/gm;

/** The built binary, if there is one. */
function binaryPath() {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve(`${MODULE}/package.json`));
    const file = path.join(root, 'build', 'Release', 'better_sqlite3.node');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this runtime is one whose ObjectWrap cleanup hooks abort (the 24.x line, from 24.19). */
function hooksAbort() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major === 24 && minor >= 19;
}

/** Whether the binary was built with ObjectWrap's cleanup hooks (headers of 24.19 or later). */
function builtWithHooks() {
  const file = binaryPath();
  return file !== undefined && readFileSync(file).includes(HOOK_SYMBOL);
}

/**
 * A copy of `dir`'s headers whose ObjectWrap registers no cleanup hook, or `dir` itself when its
 * ObjectWrap has none. Kept under node_modules/.cache, so it goes with node_modules.
 * @param {string} dir
 */
function headersWithoutHooks(dir) {
  const header = path.join(dir, 'include', 'node', 'node_object_wrap.h');
  const text = readFileSync(header, 'utf8');
  if (text.match(HOOK_CALLS) === null) return dir;
  const copy = path.resolve('node_modules', '.cache', 'dateline-node-headers', process.version);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  cpSync(path.join(dir, 'include'), path.join(copy, 'include'), { recursive: true });
  const patched = text.replace(HOOK_CALLS, '$1// $2 (left out: nodejs/node#65446)');
  writeFileSync(path.join(copy, 'include', 'node', 'node_object_wrap.h'), patched);
  return copy;
}

/** Whether the module loads in a fresh Node process (a failed dlopen is cached in this one). */
function loads() {
  const probe = `new (require(${JSON.stringify(MODULE)}))(':memory:').close()`;
  const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  const error = result.stderr.trim();
  return {
    ok: result.status === 0,
    error,
    summary: error
      .split('\n')
      .filter((line) => /Error|NODE_MODULE_VERSION/.test(line))
      .join('\n'),
  };
}

/**
 * The version a folder's C headers (include/node) are for, if it has them.
 * @param {string} dir
 */
function headersVersion(dir) {
  const file = path.join(dir, 'include', 'node', 'node_version.h');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const part = (name) => new RegExp(`#define NODE_${name}_VERSION (\\d+)`).exec(text)?.[1];
  return `v${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
}

/**
 * A folder with the C headers of exactly the Node running now: the configured nodedir, this Node's own
 * install, or (for npm's `node` package) its platform package. None found means node-gyp must fetch them.
 */
function headersOfThisNode() {
  const root = path.resolve(path.dirname(process.execPath), '..');
  const candidates = [
    process.env.npm_config_nodedir,
    root,
    path.join(root, 'node_modules', `node-${process.platform}-${process.arch}`),
    '/usr/local',
    '/usr',
  ];
  return candidates.find((dir) => dir && headersVersion(dir) === process.version);
}

const first = loads();
const hooked = first.ok && hooksAbort() && builtWithHooks();
if (first.ok && !hooked) process.exit(0);
if (
  !first.ok &&
  !/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|Could not locate the bindings file/.test(first.error)
) {
  console.error(`${MODULE} does not load, and not because of the Node version:\n${first.error}`);
  process.exit(1);
}

console.error(
  hooked
    ? `${MODULE} was built with Node ${process.version}'s ObjectWrap cleanup hooks, which abort on this runtime; rebuilding it without them…`
    : `${MODULE} was built for another Node version; rebuilding it for Node ${process.version}…`,
);
const found = headersOfThisNode();
const nodedir = found && hooksAbort() ? headersWithoutHooks(found) : found;
const npm = process.env.npm_execpath;
const env = {
  ...process.env,
  // node-gyp and prebuild-install run `node` from PATH: make it this one.
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
  // An empty nodedir overrides one set in .npmrc for another Node: node-gyp then fetches the right headers.
  npm_config_nodedir: nodedir ?? '',
};
const command = npm ? [process.execPath, [npm, 'rebuild', MODULE]] : ['npm', ['rebuild', MODULE]];
const rebuilt = spawnSync(command[0], command[1], { stdio: 'inherit', env });
const after = loads();
if (after.ok && hooksAbort() && builtWithHooks())
  console.error(
    `Warning: ${MODULE} is still built with ObjectWrap cleanup hooks (no local headers for Node ${process.version}\n` +
      'were found to patch), so this process may abort at random: see README, "Node versions".',
  );
if (rebuilt.status !== 0 || !after.ok) {
  console.error(
    `Could not rebuild ${MODULE} for Node ${process.version}.\n${after.summary}\n` +
      'Run `npm rebuild better-sqlite3` with this Node first on PATH (README: "Node versions").',
  );
  process.exit(1);
}
console.error(`${MODULE} now loads under Node ${process.version}.`);
