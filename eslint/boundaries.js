// dateline/boundaries: which file under src/ may import which, checked import by import. Cycles, which
// no single import shows, are `npm run lint:cycles` (.dependency-cruiser.cjs).
import fs from 'node:fs';
import path from 'node:path';

/**
 * Terms, for files under src/ (paths relative to it):
 * - A top-level file is one directly in src/: app.tsx, config.ts, cli.ts, main.ts, server.tsx, cluster.ts.
 * - A module is a folder modules/<name>/. Its faces are index.ts (the domain: services, types, pure
 *   rules) and http.ts (the web: Fastify plugins and the views other modules embed).
 * - A module's web files are http.ts, routes.*.ts(x), pages.tsx, everything under views/, and any other
 *   .tsx file (JSX renders HTML). Every other file of a module is a domain file.
 * - Tests (*.test.ts(x), *.test-support.ts) are neither: they may use either face, and may build the
 *   whole app through app.tsx or cli.ts, since that is what an integration test is for.
 */
const TEST_FILE = /\.test(-support)?\.tsx?$/;
const ROUTES_FILE = /^routes\.[\w-]+\.tsx?$/;

/**
 * Where a path under src/ sits: its layer, and for a module file its module, face and role.
 * @param {string[]} segments
 */
function place(segments) {
  const name = segments[segments.length - 1];
  const isTest = TEST_FILE.test(name);
  if (segments.length === 1) return { layer: 'top', isTest, name };
  if (segments[0] === 'platform') return { layer: 'platform', isTest };
  if (segments[0] !== 'modules' || segments.length < 3) return { layer: 'other', isTest };
  const inner = segments.slice(2);
  const face =
    inner.length === 1 && name === 'index.ts'
      ? 'index'
      : inner.length === 1 && name === 'http.ts'
        ? 'http'
        : null;
  const isWeb =
    !isTest &&
    (face === 'http' ||
      inner[0] === 'views' ||
      ROUTES_FILE.test(name) ||
      name === 'pages.tsx' ||
      name.endsWith('.tsx'));
  return { layer: 'module', isTest, module: segments[1], face, isWeb };
}

/**
 * package.json "imports" (`#jsx/*`), so that an alias cannot hide an import from the rule.
 * @param {string} cwd
 * @returns {Record<string, unknown>}
 */
function readSubpathImports(cwd) {
  try {
    /** @type {unknown} */
    const pkg = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'));
    const imports = pkg && typeof pkg === 'object' && 'imports' in pkg ? pkg.imports : undefined;
    return imports && typeof imports === 'object' ? /** @type {Record<string, unknown>} */ (imports) : {};
  } catch {
    return {};
  }
}

/**
 * @param {string} spec
 * @param {Record<string, unknown>} imports
 * @returns {string | null}
 */
function resolveSubpath(spec, imports) {
  for (const [key, value] of Object.entries(imports)) {
    if (typeof value !== 'string') continue;
    if (key === spec) return value;
    const star = key.indexOf('*');
    if (star >= 0 && spec.startsWith(key.slice(0, star)) && spec.endsWith(key.slice(star + 1))) {
      return value.replace('*', spec.slice(star, spec.length - (key.length - star - 1)));
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules meet through index.ts (domain) or http.ts (web); nothing reaches up.' },
    schema: [],
    messages: {
      platformImportsModule: 'platform/ must not import from modules/: the platform knows no domain.',
      reachesUp:
        '{{from}} must not import the top-level src/{{target}}: only the entry points and tests sit above the modules.',
      deepImport:
        'Import modules/{{module}} only through its faces: index.ts (domain) or http.ts (web), not {{target}}.',
      httpFromDomain:
        'Only app.tsx and web files (routes.*, http.ts, pages.tsx, views/, .tsx) import modules/{{module}}/http.ts; a domain file uses its index.ts.',
      domainImportsWeb:
        'A domain file must not import its module’s web file {{target}}: the domain never depends on routes or views.',
    },
  },
  create(context) {
    const src = path.join(context.cwd, 'src');
    const file = context.filename;
    const fromRel = path.relative(src, file);
    if (fromRel.startsWith('..') || path.isAbsolute(fromRel)) return {};
    const from = place(fromRel.split(path.sep));
    const imports = readSubpathImports(context.cwd);

    /**
     * @param {import('estree').Node} node
     * @param {unknown} spec
     */
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      let target;
      if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
      else if (spec.startsWith('#')) {
        const mapped = resolveSubpath(spec, imports);
        if (!mapped) return;
        target = path.resolve(context.cwd, mapped);
      } else return;
      const targetRel = path.relative(src, target);
      if (targetRel.startsWith('..') || path.isAbsolute(targetRel)) return;
      const segments = targetRel.split(path.sep);
      const to = place(segments);
      const shown = targetRel.split(path.sep).join('/');

      if (from.layer === 'platform' && to.layer === 'module') {
        context.report({ node, messageId: 'platformImportsModule' });
        return;
      }
      if ((from.layer === 'platform' || from.layer === 'module') && to.layer === 'top' && !from.isTest) {
        context.report({
          node,
          messageId: 'reachesUp',
          data: { from: from.layer === 'platform' ? 'platform/' : 'A module', target: to.name },
        });
        return;
      }
      if (to.layer !== 'module') return;
      const isSameModule = from.layer === 'module' && from.module === to.module;
      if (isSameModule) {
        if (!from.isTest && !from.isWeb && to.isWeb) {
          context.report({ node, messageId: 'domainImportsWeb', data: { target: shown } });
        }
        return;
      }
      if (!to.face) {
        context.report({ node, messageId: 'deepImport', data: { module: to.module, target: shown } });
        return;
      }
      if (to.face === 'http') {
        const mayUseWeb = from.isTest || (from.layer === 'top' && from.name === 'app.tsx') || from.isWeb;
        if (!mayUseWeb) context.report({ node, messageId: 'httpFromDomain', data: { module: to.module } });
      }
    }

    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const fromSource = (node) => check(node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      /**
       * TypeScript's `import('…')` type, which estree does not describe: newer parsers give the
       * specifier as `source`, older ones as `argument.literal`.
       * @param {import('estree').Node & { source?: { value?: unknown }; argument?: { literal?: { value?: unknown } } }} node
       */
      TSImportType(node) {
        check(node, node.source?.value ?? node.argument?.literal?.value);
      },
    };
  },
};
