// better-sqlite3 is a native module: its binary works only on the Node ABI it was built for. Switching Node
// (20 → 24) after `npm install`, or an npm config whose `nodedir` points at another Node's headers, leaves a
// binary that fails with ERR_DLOPEN_FAILED at start. This runs after install and before start and test: when
// the binary does not load under the Node running now, it rebuilds it against this Node's own headers.
// Plain JavaScript, so that it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MODULE = 'better-sqlite3';

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
if (first.ok) process.exit(0);
if (!/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|Could not locate the bindings file/.test(first.error)) {
  console.error(`${MODULE} does not load, and not because of the Node version:\n${first.error}`);
  process.exit(1);
}

console.error(`${MODULE} was built for another Node version; rebuilding it for Node ${process.version}…`);
const nodedir = headersOfThisNode();
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
if (rebuilt.status !== 0 || !after.ok) {
  console.error(
    `Could not rebuild ${MODULE} for Node ${process.version}.\n${after.summary}\n` +
      'Run `npm rebuild better-sqlite3` with this Node first on PATH (README: "Node versions").',
  );
  process.exit(1);
}
console.error(`${MODULE} now loads under Node ${process.version}.`);
