// Migration 0021-body-html converts the Markdown articles and pages written before one body format, once,
// and search indexes the bodies' plain text (body_text), not their HTML, on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { down, up } from '../../platform/db/migrations/0021-body-html.ts';
import { bodyText, figureHtml, sanitizeBody } from '../../platform/render/body-html.ts';
import { renderMarkdown } from '../../platform/render/markdown.ts';

const MARKDOWN =
  '## Tide tables\n\nThe **harbourmaster** publishes [them](https://example.com/tides) weekly.';
const HTML_SOURCE =
  '<p>The <span>breakwater</span> survived.</p>' +
  figureHtml({ src: 'https://example.com/wall.jpg', alt: 'The breakwater' }, 'Monday morning') +
  '<blockquote class="pullquote"><p>It held.</p></blockquote>';

describe.each(DIALECTS)('one body format: the migration and search on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const search = async (q: string) => {
    const result = await t.services.search.search({ q, page: 1, perPage: 10 });
    return { articles: result.items.map((i) => i.slug), pages: result.pages.map((p) => p.path) };
  };

  it('converts Markdown articles and pages to HTML once, and their search follows the text', async () => {
    const db = t.database.db;
    const { id: markdownId } = await buildArticle(t.services, { slug: 'tides', status: 'published' });
    const { id: htmlId } = await buildArticle(t.services, { slug: 'breakwater', status: 'published' });
    await t.services.pages.save({ title: 'Tides page', slug: 'tide-page', body: 'x', status: 'published' });
    // Back to before the migration, with bodies as the newsroom and the importer wrote them then.
    await down(db);
    await db
      .updateTable('articles')
      .set({ body_markdown: MARKDOWN, body_format: 'markdown', body_html: renderMarkdown(MARKDOWN) })
      .where('id', '=', markdownId)
      .execute();
    await db
      .updateTable('articles')
      .set({ body_markdown: HTML_SOURCE, body_format: 'html', body_html: sanitizeBody(HTML_SOURCE) })
      .where('id', '=', htmlId)
      .execute();
    await db
      .updateTable('pages')
      .set({ body_markdown: MARKDOWN, body_format: 'markdown', body_html: renderMarkdown(MARKDOWN) })
      .execute();

    await up(db);

    const articles = await db
      .selectFrom('articles')
      .select(['id', 'body_markdown', 'body_html', 'body_format', 'body_text'])
      .orderBy('id')
      .execute();
    const converted = sanitizeBody(renderMarkdown(MARKDOWN));
    expect(converted).toBe(
      '<h2>Tide tables</h2>\n<p>The <strong>harbourmaster</strong> publishes ' +
        '<a href="https://example.com/tides" rel="noopener">them</a> weekly.</p>',
    );
    expect(articles).toEqual([
      {
        id: markdownId,
        body_markdown: converted,
        body_html: converted,
        body_format: 'html',
        body_text: 'Tide tables\nThe harbourmaster publishes them weekly.',
      },
      {
        id: htmlId,
        body_markdown: sanitizeBody(HTML_SOURCE),
        body_html: sanitizeBody(HTML_SOURCE),
        body_format: 'html',
        body_text: bodyText(sanitizeBody(HTML_SOURCE)),
      },
    ]);
    expect(articles[1]?.body_html).toContain(
      '<figure class="figure"><img src="https://example.com/wall.jpg"',
    );
    expect(articles[1]?.body_html).toContain('<blockquote class="pullquote">');
    const page = await db
      .selectFrom('pages')
      .select(['body_markdown', 'body_format'])
      .executeTakeFirstOrThrow();
    expect(page).toEqual({ body_markdown: converted, body_format: 'html' });

    // The index was rebuilt over the converted text: its words are found, HTML's are not.
    expect(await search('harbourmaster')).toEqual({ articles: ['tides'], pages: ['/tide-page/'] });
    expect(await search('breakwater')).toEqual({ articles: ['breakwater'], pages: [] });
    for (const markup of ['strong', 'noopener', 'figure', 'pullquote', 'href'])
      expect(await search(markup), markup).toEqual({ articles: [], pages: [] });
    // And kept in step by later saves.
    await t.services.pages.save({
      title: 'Tides page',
      slug: 'tide-page',
      body: '<p>Now about <em>lifeboats</em>.</p>',
      bodyFormat: 'html',
      status: 'published',
    });
    expect(await search('lifeboats')).toEqual({ articles: [], pages: ['/tide-page/'] });
    expect(await search('harbourmaster')).toEqual({ articles: ['tides'], pages: [] });
  });

  it('indexes an HTML article’s words and leaves its tags and addresses out', async () => {
    await buildArticle(t.services, {
      slug: 'gallery-day',
      status: 'published',
      published_at: TEST_NOW,
      body: '<p>Seals <a href="https://example.com/colony">basking</a> on the sandbar.</p><table><tr><td>Count</td><td>41</td></tr></table>',
      body_format: 'html',
    });
    expect(await search('basking sandbar')).toEqual({ articles: ['gallery-day'], pages: [] });
    expect(await search('colony')).toEqual({ articles: [], pages: [] });
    expect(await search('td')).toEqual({ articles: [], pages: [] });
  });
});
