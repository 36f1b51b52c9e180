// Import cycles among src/ files: `npm run lint:cycles` (part of `npm run lint` and `npm run check`).
// The direction rules (which face of a module a file may import) live in eslint/boundaries.js; this
// file only finds cycles, which a per-import lint rule cannot see.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle ties every file on it to every other: none can be loaded, tested or understood alone. ' +
        'Barrels count (an index.ts that re-exports is on the path), and so do type-only imports.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import the cruiser cannot resolve is an edge it cannot see, so a cycle could hide behind it.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count. They vanish at run time, so they cannot break module loading, but they
    // still tie the two files together: `modules/api` reaching up to app.tsx for a type was exactly the
    // kind of upward edge this check exists to refuse.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Specifiers name the file with its .ts/.tsx extension; `#jsx/*` (package.json's "imports") is
    // resolved by the cruiser itself as a subpath import.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
