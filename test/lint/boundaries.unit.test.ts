// The import rules of eslint/boundaries.js, proved on deliberately wrong imports: each must be reported,
// and the imports the codebase relies on must pass.
import path from 'node:path';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../../eslint/boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The rule reads paths relative to <cwd>/src, as ESLint runs it from the repository root. */
const at = (file: string) => path.join(process.cwd(), file);

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

tester.run('dateline/boundaries', boundaries, {
  valid: [
    // Domain code meets another module through its index.ts.
    {
      filename: at('src/modules/articles/service.ts'),
      code: "import { ensureTags } from '../tags/index.ts';",
    },
    {
      filename: at('src/modules/articles/featured-image.ts'),
      code: "import type { Upload } from '../uploads/index.ts';",
    },
    // Web files may use either face of another module.
    {
      filename: at('src/modules/authors/views/author-page.tsx'),
      code: "import { ArticleList } from '../../articles/http.ts';",
    },
    {
      filename: at('src/modules/comments/routes.admin.tsx'),
      code: "import { chromeFor } from '../accounts/http.ts';\nimport { can } from '../accounts/index.ts';",
    },
    {
      filename: at('src/modules/articles/pages.tsx'),
      code: "import { emptyCommentForm } from '../comments/http.ts';",
    },
    // The composition root registers plugins from http.ts.
    { filename: at('src/app.tsx'), code: "import { articleRoutes } from './modules/articles/http.ts';" },
    { filename: at('src/cli.ts'), code: "import { parseArticleFile } from './modules/articles/index.ts';" },
    // A module's own files: http.ts gathers the web, domain files import each other.
    {
      filename: at('src/modules/articles/http.ts'),
      code: "export { articleRoutes } from './routes.public.tsx';",
    },
    {
      filename: at('src/modules/articles/index.ts'),
      code: "export { createArticleService } from './service.ts';",
    },
    // Tests may build the whole app.
    { filename: at('src/modules/sample/sample.test.ts'), code: "import { createApp } from '../../app.tsx';" },
    // Platform imports platform, aliases that land in it, and packages.
    {
      filename: at('src/platform/http/health.ts'),
      code: "import type { FastifyPluginAsync } from 'fastify';\nimport { AppError } from '../errors.ts';",
    },
    { filename: at('src/platform/render/layout.tsx'), code: "import { jsx } from '#jsx/jsx-runtime';" },
  ],
  invalid: [
    {
      name: 'a domain file importing another module’s routes',
      filename: at('src/modules/articles/service.ts'),
      code: "import { authorRoutes } from '../authors/routes.public.tsx';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      name: 'a domain file importing another module’s http.ts',
      filename: at('src/modules/comments/service.ts'),
      code: "import { ArticleList } from '../articles/http.ts';",
      errors: [{ messageId: 'httpFromDomain' }],
    },
    {
      name: 'a platform file importing a module',
      filename: at('src/platform/http/error-handler.ts'),
      code: "import { cacheTags } from '../../modules/page-cache/index.ts';",
      errors: [{ messageId: 'platformImportsModule' }],
    },
    {
      name: 'a module importing src/config.ts, type-only',
      filename: at('src/modules/api/http.ts'),
      code: "import type { Config } from '../../config.ts';",
      errors: [{ messageId: 'reachesUp' }],
    },
    {
      name: 'a platform file importing src/config.ts',
      filename: at('src/platform/db/database.ts'),
      code: "import type { DatabaseTarget } from '../../config.ts';",
      errors: [{ messageId: 'reachesUp' }],
    },
    {
      name: 'a module reaching app.tsx through an import type',
      filename: at('src/modules/api/routes.public.ts'),
      code: "type Services = import('../../app.tsx').Services;\nexport const x: Services | null = null;",
      errors: [{ messageId: 'reachesUp' }],
    },
    {
      name: 'a module reaching cli.ts through a dynamic import',
      filename: at('src/modules/transfer/files.ts'),
      code: "export const load = () => import('../../cli.ts');",
      errors: [{ messageId: 'reachesUp' }],
    },
    {
      name: 'a view importing another module’s internal view',
      filename: at('src/modules/tags/views/tag-page.tsx'),
      code: "import { ArticleList } from '../../articles/views/article-list.tsx';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      name: 'index.ts re-exporting another module’s web face',
      filename: at('src/modules/articles/index.ts'),
      code: "export * from '../authors/http.ts';",
      errors: [{ messageId: 'httpFromDomain' }],
    },
    {
      name: 'index.ts re-exporting its own routes (the barrel that made the 44-file cycle)',
      filename: at('src/modules/articles/index.ts'),
      code: "export { articleRoutes } from './routes.public.tsx';\nexport { ArticleList } from './views/article-list.tsx';",
      errors: [{ messageId: 'domainImportsWeb' }, { messageId: 'domainImportsWeb' }],
    },
    {
      name: 'a top-level file other than app.tsx importing http.ts',
      filename: at('src/cli.ts'),
      code: "import { articleRoutes } from './modules/articles/http.ts';",
      errors: [{ messageId: 'httpFromDomain' }],
    },
  ],
});

describe('the lint configuration', () => {
  it('turns dateline/boundaries on, as an error, for module and platform files', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    for (const file of ['src/modules/articles/service.ts', 'src/platform/db/database.ts', 'src/app.tsx']) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules: Record<string, unknown>;
      };
      expect(config.rules['dateline/boundaries'], file).toEqual([2]);
    }
  });
});
