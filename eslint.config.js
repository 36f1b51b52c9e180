// One linter, type-aware, every rule `error` or `off`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint/boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'test-results',
      'bench/results',
      'coverage',
      // The story editor's bundle, built by scripts/editor-bundle.mjs and never committed.
      'src/platform/render/assets/build',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '.dependency-cruiser.cjs',
            'bin/*.js',
            'eslint/*.js',
            'scripts/*.mjs',
            'src/platform/render/assets/*.js',
          ],
          // The plain browser scripts (one per newsroom widget) and the scripts folder outnumber the
          // default of 8 files outside tsconfig.json.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
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
      // Off: a Fastify plugin is an async function by contract (Fastify awaits it, or it must take and
      // call `done`), and fakes in tests implement async interfaces with synchronous bodies. Removing
      // `async` from either changes what they return; a forgotten await is no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
      // The rest of recommendedTypeChecked stays on, the no-unsafe-* family, restrict-template-expressions,
      // no-base-to-string and unbound-method included. In tests a JSON body is typed with
      // `response.json<T>()` (test/json.ts) and a vitest matcher, typed `any`, is cast to what it stands
      // for (`expect.any(String) as string`); a dependency meant to be passed around is declared as a
      // function-typed property, not a method.
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // The browser scripts are plain ES5 served as they are. The project's types have no DOM library,
    // so `document`, `window` and every element they give are `any` here; typing them would take a
    // JSDoc cast at each DOM query. The browser journeys (test/e2e) are what checks them.
    files: ['src/platform/render/assets/*.js'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
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
