import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { SlugParamsSchema } from '../../platform/http/schemas.ts';
import type { ArticleService } from '../articles/index.ts';
import type { AuthorService } from '../authors/index.ts';
import type { SettingsService } from '../settings/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import { sectionPaths, type SectionService } from '../sections/index.ts';
import type { TagService } from '../tags/index.ts';
import {
  buildAtom,
  buildJsonFeed,
  buildRss,
  lastModifiedOf,
  type FeedInput,
  type FeedScope,
} from './build.ts';

/** What the feed routes need. */
export interface FeedRoutesOptions {
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  sections: SectionService;
  settings: SettingsService;
  publicUrl: string;
}

const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

const isPublic = { config: { permission: 'public' } } as const;

/** The site's and each section's feeds (RSS, Atom, JSON Feed), and each author's and tag's RSS feed. */
export const feedRoutes: FastifyPluginAsync<FeedRoutesOptions> = async (app, options) => {
  const { articles, settings, publicUrl } = options;

  async function send(
    _request: FastifyRequest,
    reply: FastifyReply,
    format: keyof typeof TYPES,
    scope: FeedScope,
    filter: { authorId?: number; tagId?: number; sectionIds?: readonly number[] },
    scopeTags: string[],
  ) {
    const all = await settings.all();
    const list = await articles.listForFeed({ limit: all['feeds.items'], ...filter });
    const input: FeedInput = {
      publicUrl,
      siteTitle: all['site.title'],
      language: all['site.language'],
      scope,
      articles: list,
      isFullContent: all['feeds.full_content'],
    };
    const body =
      format === 'rss' ? buildRss(input) : format === 'atom' ? buildAtom(input) : buildJsonFeed(input);
    return reply
      .cacheable({
        tags: [cacheTags.settings, ...scopeTags, ...tagsForArticles(list, { withComments: false })],
        lastModified: list.length ? lastModifiedOf(list) : undefined,
      })
      .type(TYPES[format])
      .send(body);
  }

  async function siteScope(): Promise<FeedScope> {
    const all = await settings.all();
    return {
      title: all['site.title'],
      description: all['site.description'],
      homePath: '/',
      feedPaths: { rss: '/feed/', atom: '/feed/atom/', json: '/feed.json' },
    };
  }

  const bySlug = { ...isPublic, schema: { params: SlugParamsSchema } };
  app.get('/feed/', isPublic, async (request, reply) =>
    send(request, reply, 'rss', await siteScope(), {}, [cacheTags.frontList]),
  );
  app.get('/feed/atom/', isPublic, async (request, reply) =>
    send(request, reply, 'atom', await siteScope(), {}, [cacheTags.frontList]),
  );
  app.get('/feed.json', isPublic, async (request, reply) =>
    send(request, reply, 'json', await siteScope(), {}, [cacheTags.frontList]),
  );

  app.get<{ Params: { slug: string } }>('/author/:slug/feed/', bySlug, async (request, reply) => {
    const author = await options.authors.findPublicBySlug(request.params.slug);
    if (!author) throw notFound();
    const all = await settings.all();
    const scope: FeedScope = {
      title: `${author.name} – ${all['site.title']}`,
      description: `Articles by ${author.name}`,
      homePath: `/author/${author.slug}/`,
      feedPaths: { rss: `/author/${author.slug}/feed/` },
    };
    return send(request, reply, 'rss', scope, { authorId: author.id }, [
      cacheTags.author(author.id),
      cacheTags.authorList(author.id),
    ]);
  });

  // A section's feeds list its articles and its child sections', as its page does.
  for (const format of ['rss', 'atom', 'json'] as const) {
    const route = sectionPaths(':slug')[format];
    app.get<{ Params: { slug: string } }>(route, bySlug, async (request, reply) => {
      const section = await options.sections.findBySlug(request.params.slug);
      if (!section) throw notFound();
      const all = await settings.all();
      const paths = sectionPaths(section.slug);
      const scope: FeedScope = {
        title: `${section.name} – ${all['site.title']}`,
        description: section.description || `The latest from ${section.name}`,
        homePath: paths.page,
        feedPaths: { rss: paths.rss, atom: paths.atom, json: paths.json },
      };
      const sectionIds = await options.sections.listedIds(section);
      return send(request, reply, format, scope, { sectionIds }, [
        cacheTags.sections,
        cacheTags.sectionList(section.id),
      ]);
    });
  }

  app.get<{ Params: { slug: string } }>('/tag/:slug/feed/', bySlug, async (request, reply) => {
    const tag = await options.tags.findPublicBySlug(request.params.slug);
    if (!tag) throw notFound();
    const all = await settings.all();
    const scope: FeedScope = {
      title: `${tag.name} – ${all['site.title']}`,
      description: tag.description || `Articles tagged ${tag.name}`,
      homePath: `/tag/${tag.slug}/`,
      feedPaths: { rss: `/tag/${tag.slug}/feed/` },
    };
    return send(request, reply, 'rss', scope, { tagId: tag.id }, [
      cacheTags.tag(tag.id),
      cacheTags.tagList(tag.id),
    ]);
  });
};
