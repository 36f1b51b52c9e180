import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { parsePageNumber } from '../../platform/render/pagination.tsx';
import { emptyCommentForm } from '../comments/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import type { ArticlePages } from './pages.tsx';
import type { ArticleService } from './service.ts';
import { FrontPage } from './views/front-page.tsx';

/** What the reader-facing article routes need. */
export interface ArticleRoutesOptions {
  articles: ArticleService;
  settings: SettingsService;
  pages: ArticlePages;
}

const isPublic = { config: { permission: 'public' } } as const;

/** The front page, its later pages and the article pages. */
export const articleRoutes: FastifyPluginAsync<ArticleRoutesOptions> = async (
  app,
  { articles, settings, pages },
) => {
  async function front(page: number) {
    const all = await settings.all();
    const list = await articles.listPublished({ page, perPage: all['site.posts_per_page'] });
    if (!list) throw notFound();
    return renderDocument(<FrontPage site={toSiteInfo(all)} list={list} />);
  }

  app.get('/', isPublic, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(await front(1)),
  );

  app.get<{ Params: { n: string } }>('/page/:n/', isPublic, async (request, reply) => {
    const page = parsePageNumber(request.params.n);
    if (page === undefined) throw notFound();
    if (page === 1) return reply.redirect('/', 301);
    return reply.type('text/html; charset=utf-8').send(await front(page));
  });

  app.get<{ Params: { slug: string }; Querystring: { comment?: string } }>(
    '/:slug/',
    isPublic,
    async (request, reply) => {
      const notice =
        request.query.comment === 'pending' ? 'Thank you. Your comment is awaiting moderation.' : undefined;
      const html = await pages.render(
        request.params.slug,
        notice ? { ...emptyCommentForm, notice } : undefined,
      );
      if (html === undefined) throw notFound();
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // Canonical URLs end with a slash, as WordPress's and Ghost's do.
  for (const path of ['/:slug', '/page/:n']) {
    app.get<{ Params: Record<string, string> }>(path, isPublic, async (request, reply) => {
      const url = new URL(request.url, 'http://x');
      return reply.redirect(`${url.pathname}/${url.search}`, 301);
    });
  }
};
