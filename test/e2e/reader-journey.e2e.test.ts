// A reader's journey in a real browser: front page → article → author page → back → post a comment.
// The server runs in this process on a fresh SQLite file with the sample publication written into it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server.tsx';
import { sampleArticles, sampleAuthors } from '../../src/modules/sample/content.ts';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const WAIT = 30_000;

type SampleArticle = (typeof sampleArticles)[number];
type Pick = {
  article: SampleArticle;
  source: NonNullable<SampleArticle['source']>;
  author: (typeof sampleAuthors)[number];
};

/** The first of these slugs (in the front page's order) whose sample article names a source, with its first author. */
function pickArticle(slugsInOrder: readonly string[]): Pick {
  for (const slug of slugsInOrder) {
    const article = sampleArticles.find((a) => a.slug === slug);
    if (!article?.source) continue;
    const author = sampleAuthors.find((a) => a.slug === article.authors[0]);
    if (!author) throw new Error(`sample author ${article.authors[0]} is missing`);
    return { article, source: article.source, author };
  }
  throw new Error(`none of these articles names a source: ${slugsInOrder.join(', ')}`);
}

/** The slugs of the sample articles, newest first, as the front page lists them. */
function sampleSlugsNewestFirst(): string[] {
  return [...sampleArticles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).map((a) => a.slug);
}

/** Waits until the locator's one element is visible; fails with the locator's description. */
async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: WAIT });
  expect(await locator.isVisible()).toBe(true);
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

describeBrowser('reader journey (Chromium)', () => {
  // Chosen from the front page in the first test; the later tests continue from there.
  let article: SampleArticle;
  let source: Pick['source'];
  let author: Pick['author'];
  let articlePath: string;
  const reader = {
    comment: 'Thank you for this report. I had not heard about it anywhere else.',
    name: 'Rosalind Tern',
    email: `rosalind.tern.${process.pid}@example.net`,
    website: 'https://rosalind-tern.example/',
  };

  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('e2e'));
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('opens the article from the front page and shows every part of it', async () => {
    await page.goto('/');
    const headlineLinks = await page.locator('.article-list article :is(h2, h3) a').all();
    const slugs: string[] = [];
    for (const link of headlineLinks)
      slugs.push((await link.getAttribute('href'))?.replace(/^\/|\/$/g, '') ?? '');
    expect(slugs.length).toBeGreaterThan(0);
    ({ article, source, author } = pickArticle(slugs));
    articlePath = `/${article.slug}/`;
    await page.getByRole('link', { name: article.title, exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === articlePath);

    await expectVisible(page.getByRole('heading', { level: 1, name: article.title, exact: true }));
    await expectVisible(page.locator('.standfirst'));
    expect(await page.locator('.standfirst').textContent()).toBe(article.standfirst);

    const time = page.locator('.byline time[datetime]').first();
    await expectVisible(time);
    expect(await time.getAttribute('datetime')).toBe(article.publishedAt);
    await expectVisible(page.locator('.byline').getByRole('link', { name: author.name, exact: true }));

    await expectVisible(page.locator('.article-body p').first());
    expect(await page.locator('.article-body p').count()).toBeGreaterThan(1);

    const sourceLine = page.locator('p', { hasText: 'Original Source:' });
    await expectVisible(sourceLine);
    const sourceLink = sourceLine.getByRole('link', { name: source.name, exact: true });
    await expectVisible(sourceLink);
    expect(await sourceLink.getAttribute('href')).toBe(source.url);

    await expectVisible(page.getByRole('heading', { name: `About ${author.name}`, exact: true }));
    await expectVisible(page.getByRole('link', { name: `View all posts by ${author.name} →`, exact: true }));

    await expectVisible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }));
    await expectVisible(page.getByText('Your email address will not be published.'));
    await expectVisible(page.getByText('Required fields are marked'));

    const comment = page.getByLabel(/^Comment/);
    const name = page.getByLabel(/^Name/);
    const email = page.getByLabel(/^Email/);
    const website = page.getByLabel(/^Website/);
    for (const field of [comment, name, email, website]) await expectVisible(field);
    for (const field of [comment, name, email]) expect(await field.getAttribute('required')).not.toBeNull();
    expect(await website.getAttribute('required')).toBeNull();
    await expectVisible(page.getByRole('button', { name: 'Post Comment' }));

    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'article.png'), fullPage: true });
  });

  it('follows "View all posts by" to the author page, which lists the article', async () => {
    await page.getByRole('link', { name: `View all posts by ${author.name} →`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/author/${author.slug}/`);
    expect(pathOf(page)).toBe(`/author/${author.slug}/`);
    await expectVisible(page.getByRole('heading', { level: 1, name: author.name, exact: true }));
    await expectVisible(
      page.locator('.article-list').getByRole('link', { name: article.title, exact: true }),
    );
  });

  it('posts a comment that waits for moderation and keeps the email private', async () => {
    await page.goBack();
    await page.waitForURL((url) => url.pathname === articlePath);

    await page.getByLabel(/^Comment/).fill(reader.comment);
    await page.getByLabel(/^Name/).fill(reader.name);
    await page.getByLabel(/^Email/).fill(reader.email);
    await page.getByLabel(/^Website/).fill(reader.website);
    await page.getByRole('button', { name: 'Post Comment' }).click();

    await page.waitForURL(
      (url) =>
        url.pathname === articlePath &&
        url.searchParams.has('unapproved') &&
        url.searchParams.has('moderation-hash'),
    );
    expect(pathOf(page)).toBe(articlePath);
    // The writer sees their held comment, marked, through the signed link.
    const notice = page.getByRole('status').filter({ hasText: 'Your comment is awaiting moderation.' });
    await expectVisible(notice);
    await expectVisible(page.locator('.comment-pending').getByText(reader.comment));

    if (!server) throw new Error('the server did not start');
    const rows = await server.database.db
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .select([
        'comments.status',
        'comments.author_name',
        'comments.author_url',
        'comments.body',
        'articles.slug',
      ])
      .where('comments.author_email', '=', reader.email)
      .execute();
    expect(rows).toEqual([
      {
        status: 'pending',
        author_name: reader.name,
        author_url: reader.website,
        body: reader.comment,
        slug: article.slug,
      },
    ]);

    // No private address appears on the writer's page, and other readers do not see the held comment.
    const html = await page.content();
    expect(html).not.toContain(reader.email);
    expect(html).not.toContain(author.email);
    const other = await page.context().browser()!.newPage();
    await other.goto(new URL(articlePath, server.url).href);
    expect(await other.content()).not.toContain(reader.comment);
    await other.close();
    await page.screenshot({ path: path.join('test-results', 'article-after-comment.png'), fullPage: false });
  });
});

// Keeps vitest from reporting "no test" when the browser suite is skipped on a machine without Chromium.
describe('browser test helpers', () => {
  it('picks a sample article with a source', () => {
    const { article, source, author } = pickArticle(sampleSlugsNewestFirst());
    expect(article.source).toBe(source);
    expect(source.url).toMatch(/^https:\/\//);
    expect(article.authors[0]).toBe(author.slug);
  });
});
