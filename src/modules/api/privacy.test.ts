// Never a draft, never an email: walks every endpoint over a publication full of private things and
// checks that none of them appears in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor, buildComment } from '../../../test/factories.ts';

/** The parts of any API answer the walk follows links in; an answer may have none of them. */
interface Linked {
  next?: string | null;
  articles?: ArticleLinks[];
  results?: ArticleLinks[];
  authors?: { slug: string; bio?: string }[];
  tags?: { slug: string; article_count?: number }[];
}
type ArticleLinks = { slug?: string; authors?: { slug: string }[] };

describe.each(DIALECTS)('Content API privacy on %s', (dialect) => {
  let t: TestApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const reporter = await buildAuthor(t.services, {
      slug: 'open-reporter',
      email: 'open.reporter@example.com',
    });
    // An author whose only article is a draft.
    const ghost = await buildAuthor(t.services, { slug: 'ghost-writer', email: 'ghost.writer@example.com' });
    const story = await buildArticle(t.services, {
      slug: 'public-story',
      title: 'Harbour festival returns',
      authors: [reporter.slug],
      tags: ['Harbour'],
    });
    const draft = await buildArticle(t.services, {
      slug: 'zeppelin-merger-draft',
      title: 'Zeppelin merger talks collapse',
      standfirst: 'Embargoed until Friday.',
      body: 'The zeppelin deal is off.',
      authors: [ghost.slug, reporter.slug],
      tags: ['Embargoed Zeppelin'],
      status: 'draft',
    });
    const future = await buildArticle(t.services, {
      slug: 'quokka-election-result',
      title: 'Quokka wins the election',
      body: 'A quokka harbour victory.',
      authors: [reporter.slug],
      tags: ['Harbour', 'Quokka Results'],
      published_at: '2026-12-24T00:00:00.000Z',
    });
    const approved = await buildComment(t.services, story.id, {
      author_email: 'approved.reader@example.org',
    });
    const pending = await buildComment(t.services, story.id, {
      author_email: 'pending.reader@example.org',
      status: 'pending',
    });
    await buildComment(t.services, draft.id, { author_email: 'draft.reader@example.org' });
    // A comment posted as a reader would, so that its row carries an ip_hash and a user agent.
    await t.services.comments.postComment({
      slug: story.slug,
      form: {
        comment: 'Lovely festival.',
        author: 'Walk-in Reader',
        email: 'walk.in@example.org',
        url: '',
        comment_parent: '',
        consent: false,
        honeypot: '',
      },
      origin: { ip: '203.0.113.9', userAgent: 'PrivacyProbe/1.0' },
    });
    secrets.push(
      reporter.email,
      ghost.email,
      approved.author_email,
      pending.author_email,
      'draft.reader@example.org',
      'walk.in@example.org',
      draft.slug,
      draft.title,
      'Embargoed',
      'zeppelin',
      future.slug,
      future.title,
      'Quokka',
      'quokka',
      'ip_hash',
      'user_agent',
      'PrivacyProbe',
      '203.0.113.9',
      'author_email',
    );
  });
  afterAll(async () => t?.close());

  it('shows no email, draft, scheduled article or private column on any endpoint', async () => {
    const visited = new Set<string>();
    const queue = [
      '/api/v1/articles',
      `/api/v1/articles?fields=slug,title,standfirst,url,published_at,updated_at,authors,tags,source,body_html`,
      '/api/v1/articles?limit=1&fields=slug,body_html',
      '/api/v1/articles?author=ghost-writer',
      '/api/v1/articles?tag=embargoed-zeppelin',
      '/api/v1/articles?tag=quokka-results',
      '/api/v1/articles?since=2026-12-01T00:00:00Z',
      '/api/v1/articles/zeppelin-merger-draft',
      '/api/v1/articles/quokka-election-result',
      '/api/v1/authors',
      '/api/v1/tags',
      '/api/v1/search?q=zeppelin',
      '/api/v1/search?q=quokka',
      '/api/v1/search?q=harbour',
      '/api/v1/search?q=merger%20talks',
      '/api/v1/search?q=example.org',
      '/api/v1/openapi.json',
    ];
    const toPath = (url: string) => {
      const parsed = new URL(url, 'http://x');
      return parsed.pathname + parsed.search;
    };
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (visited.has(url)) continue;
      visited.add(url);
      const response = await t.app.inject({ method: 'GET', url });
      expect([200, 404], url).toContain(response.statusCode);
      // A search answer repeats the query it was asked; everything else in it must be clean.
      const shown = url.includes('/search?')
        ? JSON.stringify({ ...response.json(), query: undefined, next: undefined })
        : response.body;
      for (const secret of secrets) expect(shown, `${url} shows ${secret}`).not.toContain(secret);
      expect(shown, url).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
      if (response.statusCode !== 200 || url.endsWith('openapi.json')) continue;
      // Follow every link the API gives: next pages, each article, each author.
      const body = response.json<Linked>();
      if (typeof body.next === 'string') queue.push(toPath(body.next));
      for (const article of body.articles ?? body.results ?? []) {
        if (article.slug) queue.push(`/api/v1/articles/${article.slug}`);
        for (const author of article.authors ?? []) queue.push(`/api/v1/authors/${author.slug}`);
      }
      for (const author of body.authors ?? []) {
        if (author.bio !== undefined) queue.push(`/api/v1/authors/${author.slug}`);
      }
      for (const tag of body.tags ?? []) {
        if (tag.article_count !== undefined) queue.push(`/api/v1/articles?tag=${tag.slug}`);
      }
    }
    // The walk reached the public story, its author and its tag.
    expect(visited).toContain('/api/v1/articles/public-story');
    expect(visited).toContain('/api/v1/authors/open-reporter');
    expect(visited).toContain('/api/v1/articles?tag=harbour');
  });

  it('answers the draft and the scheduled article with 404 on every way in', async () => {
    for (const slug of ['zeppelin-merger-draft', 'quokka-election-result']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${slug}` })).statusCode).toBe(404);
    }
    const drafts = await t.app.inject({ method: 'GET', url: '/api/v1/articles?author=ghost-writer' });
    expect(drafts.json()).toEqual({ articles: [], next: null });
    for (const q of ['zeppelin', 'quokka']) {
      const found = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${q}` });
      expect(found.json()).toMatchObject({ total: 0, results: [], next: null });
    }
  });
});
