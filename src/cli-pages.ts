// `dateline page …`: standing pages (About, Contact) from Markdown files, through the page service's
// rules, one transaction per file, with an audit line naming "dateline command" as the actor.
import { readFile } from 'node:fs/promises';
import { UsageError, type Command } from './cli-command.ts';
import { ArticleFileError, parseArticleFile } from './modules/articles/index.ts';
import { PAGE_STATUSES, type PageInput, type PageStatus } from './modules/pages/index.ts';
import { AppError, type FieldErrors } from './platform/errors.ts';

const KEYS = new Set(['title', 'slug', 'parent', 'description', 'status', 'body']);

/** A page file's front matter and body as the service's input; each problem names its field. */
function pageInputOf(data: Record<string, unknown>): PageInput {
  const fields: FieldErrors = {};
  for (const key of Object.keys(data))
    if (!KEYS.has(key)) fields[key] = 'is not a page field (title, slug, parent, description, status)';
  const text = (key: string, required: boolean): string => {
    const value = data[key];
    if (value === undefined || value === null) {
      if (required) fields[key] = 'is required';
      return '';
    }
    if (typeof value !== 'string') {
      fields[key] = 'must be text';
      return '';
    }
    return value;
  };
  const status = text('status', false) || 'draft';
  if (!(PAGE_STATUSES as readonly string[]).includes(status)) fields.status = 'must be draft or published';
  const input: PageInput = {
    title: text('title', true),
    slug: text('slug', true),
    parent: text('parent', false),
    description: text('description', false),
    body: text('body', false),
    // A file's body is Markdown, whatever the page it updates was written in.
    bodyFormat: 'markdown',
    status: status as PageStatus,
  };
  if (Object.keys(fields).length > 0) throw new ArticleFileError(fields);
  return input;
}

export const pageCommands: Record<string, Command> = {
  'page add': {
    usage: 'dateline page add FILE.md',
    summary:
      'Add a standing page (About, Contact) from Markdown with YAML front matter (title, slug, parent, description, status: draft or published; draft when absent), or update the page with that slug. parent is a top-level page’s slug: pages nest one level (/about/contact/). A slug an article, another page or the site itself uses is refused. A published page whose parent changes leaves a redirect from its old address.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const [file] = positionals;
      if (positionals.length !== 1 || file === undefined)
        throw new UsageError('give exactly one Markdown file');
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      });
      try {
        const input = pageInputOf(parseArticleFile(text));
        const { page, created } = await ctx.withServices((s) => s.pages.save(input, { actor: null }));
        ctx.out(`${created ? 'Added' : 'Updated'} page ${page.slug} (${page.status}): ${page.path}`);
      } catch (error) {
        if (error instanceof ArticleFileError || (error instanceof AppError && error.fields)) {
          const fields = error instanceof ArticleFileError ? error.fields : (error.fields ?? {});
          throw new Error(
            Object.entries(fields)
              .map(([field, reason]) => `${file}: ${field}: ${reason}`)
              .join('\n'),
          );
        }
        throw error;
      }
    },
  },
  'page list': {
    usage: 'dateline page list [--json]',
    summary: 'List every standing page, drafts included, each top-level page followed by the pages under it.',
    options: { json: { type: 'boolean' } },
    async run(values, _positionals, ctx) {
      const pages = await ctx.withServices((s) => s.pages.list());
      if (values.json) {
        ctx.out(
          JSON.stringify(
            pages.map((p) => ({
              slug: p.slug,
              title: p.title,
              parent: p.parent?.slug ?? null,
              path: p.path,
              status: p.status,
              updated_at: p.updatedAt,
            })),
            null,
            2,
          ),
        );
        return;
      }
      for (const p of pages) ctx.out(`${p.status.padEnd(10)} ${p.path.padEnd(40)} ${p.title}`);
    },
  },
};
