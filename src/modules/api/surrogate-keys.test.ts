import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';

describe.each(DIALECTS)('the Content API’s Surrogate-Key on %s', (dialect) => {
  let t: TestApp;
  /** Every tag a change purged, as the page cache and the CDN purge receive them. */
  let purged: string[];
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const cache = t.app.pageCache;
    const invalidate = cache.invalidate.bind(cache);
    cache.invalidate = (tags) => {
      purged.push(...tags);
      return invalidate(tags);
    };
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    purged = [];
  });

  const keysOf = async (url: string) => {
    const response = await t.app.inject(`/api/v1${url}`);
    expect(response.statusCode, url).toBe(200);
    return String(response.headers['surrogate-key'] ?? '')
      .split(' ')
      .filter(Boolean);
  };
  const isPurged = (keys: string[]) => keys.some((key) => purged.includes(key));

  it('names the article, its bylines and tags, and is covered by the purge on unpublish', async () => {
    const author = await buildAuthor(t.services, { name: 'Ines', slug: 'ines' });
    const story = await buildArticle(t.services, {
      slug: 'lifeboat-launch',
      title: 'Lifeboat launch',
      authors: [author.slug],
      tags: ['Harbour'],
    });
    const urls = [
      '/articles/lifeboat-launch',
      '/articles',
      '/articles?tag=harbour',
      '/articles?author=ines&fields=slug,title',
      '/tags',
      '/search?q=lifeboat',
    ];
    const answers = new Map<string, string[]>();
    for (const url of urls) answers.set(url, await keysOf(url));
    expect(answers.get('/articles/lifeboat-launch')).toEqual(
      expect.arrayContaining([`article:${story.id}`, `author:${author.id}`]),
    );

    purged = [];
    await buildArticle(t.services, {
      slug: 'lifeboat-launch',
      title: 'Lifeboat launch',
      authors: [author.slug],
      tags: ['Harbour'],
      status: 'draft',
    });
    expect((await t.app.inject('/api/v1/articles/lifeboat-launch')).statusCode).toBe(404);
    for (const [url, keys] of answers) expect(isPurged(keys), `${url}: ${keys.join(' ')}`).toBe(true);
  });

  it('is covered by the purge when an author or a tag is renamed', async () => {
    const author = await buildAuthor(t.services, { name: 'Ines', slug: 'ines' });
    await buildArticle(t.services, { slug: 'story', authors: [author.slug], tags: ['Harbour'] });
    const article = await keysOf('/articles/story');
    const authors = await keysOf('/authors');
    const one = await keysOf('/authors/ines');
    const tags = await keysOf('/tags');

    purged = [];
    await t.services.authors.saveAuthor({ name: 'Ines Renamed', slug: 'ines', bio: '' });
    for (const keys of [article, authors, one]) expect(isPurged(keys), keys.join(' ')).toBe(true);

    purged = [];
    await t.services.tags.rename({
      id: (await t.services.tags.findBySlug('harbour'))!.id,
      name: 'The Harbour',
      actor: null,
    });
    for (const keys of [article, tags]) expect(isPurged(keys), keys.join(' ')).toBe(true);
  });
});
