// One linter, type-aware, every rule `error` or `off`.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Keeps the architecture honest: modules meet only through index.ts, and platform knows no module. */
const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const src = path.join(context.cwd, 'src');
    const rel = path.relative(src, file).split(path.sep);
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        const target = path.relative(src, path.resolve(path.dirname(file), spec)).split(path.sep);
        if (rel[0] === 'platform' && target[0] === 'modules') {
          context.report({ node, message: 'platform/ must not import from modules/.' });
        }
        if (
          rel[0] === 'modules' &&
          target[0] === 'modules' &&
          rel[1] !== target[1] &&
          !(target.length === 3 && target[2] === 'index.ts')
        ) {
          context.report({
            node,
            message: `Import another module only through its index.ts (${target.slice(0, 2).join('/')}/index.ts).`,
          });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs', 'src/platform/render/assets/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { dateline: { rules: { boundaries } } },
    rules: {
      'dateline/boundaries': 'error',
      // TypeScript checks names; no-undef does not know Node's globals in plain .js files.
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
