// Script payloads in every comment field, through the real form in a real browser: a refused post shows
// them back in the form, held comments show them to their writer, and approved comments show them to
// everyone. In each case nothing may run (no dialog, nothing pushed to window.__pwned, no request for an
// injected image) and every payload must read literally as text.
// The server runs in this process on a fresh SQLite file with the sample publication written into it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { runCli } from '../../src/cli.ts';
import { checkCommentForm, readCommentForm } from '../../src/modules/comments/index.ts';
import { sampleArticles } from '../../src/modules/sample/content.ts';
import type { RunningServer } from '../../src/server.tsx';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const WAIT = 30_000;

/** What a reader types into the form. */
interface Typed {
  comment: string;
  name: string;
  email: string;
  website: string;
  consent: boolean;
}

const run = `${process.pid}`;

/** Posts the server must refuse for the website alone; everything typed must come back in the form. */
const refused: Typed[] = [
  {
    comment: `</textarea><script>window.__pwned.push('refused-textarea')</script><img src=x onerror="window.__pwned.push('refused-img')">`,
    name: `"><svg onload=alert('refused-name')>`,
    email: `refused.one.${run}@example.net`,
    website: 'javascript:alert(1)',
    consent: true,
  },
  {
    comment: `Second try <script>alert('refused-2')</script>`,
    name: `' autofocus onfocus='window.__pwned.push("refused-name-2")`,
    email: `refused.two.${run}@example.net`,
    website: `javascript:alert(1)//"><svg onload=alert('refused-url')>`,
    consent: false,
  },
];

/** Posts that are accepted (and held, as a first comment is): a payload in every field but the email. */
const accepted: Typed[] = [
  {
    comment: `<script>window.__pwned.push('comment-script')</script>`,
    name: `<script>window.__pwned.push('name-script')</script>`,
    email: `script.${run}@example.net`,
    website: '',
    consent: false,
  },
  {
    comment: `<img src=x onerror="window.__pwned.push('comment-img')">`,
    name: `"><svg onload=alert('name-svg')>`,
    email: `img.${run}@example.net`,
    website: `https://example.com/"onmouseover="alert(1)`,
    // Kept in cookies, which the form's script reads back into the fields on the next visit.
    consent: true,
  },
  {
    comment: `"><svg onload=alert('comment-svg')></textarea><script>window.__pwned.push('textarea-break')</script>`,
    name: `<img src=x onerror=window.__pwned.push('name-img')>`,
    email: `svg.${run}@example.net`,
    website: `https://example.org/?q=<script>alert(1)</script>&x='onfocus='alert(1)`,
    consent: false,
  },
  {
    comment: `Read https://example.net/a"onclick="alert(1) and <a href="javascript:alert('a')">this</a> or javascript:alert(1)`,
    name: `' onmouseover='window.__pwned.push("name-quote")`,
    email: `link.${run}@example.net`,
    website: 'http://example.net/',
    consent: false,
  },
  {
    comment: `</p></div></li></ol></section><iframe srcdoc="<script>parent.__pwned.push('iframe')</script>"></iframe><style>body{display:none}</style>`,
    name: "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
    email: `iframe.${run}@example.net`,
    website: '',
    consent: false,
  },
];

/** The sample article the comments go on: the newest that already has comments, so payloads sit among them. */
function pickArticle() {
  const now = new Date().toISOString();
  const article = [...sampleArticles]
    .filter((a) => a.publishedAt <= now && (a.comments?.length ?? 0) > 0)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0];
  if (!article) throw new Error('no published sample article has comments');
  return article;
}

/** Waits until the locator's one element is visible; fails with the locator's description. */
async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: WAIT });
  expect(await locator.isVisible()).toBe(true);
}

/** The attributes on anything inside #comments whose names start with "on", as `TAG[attr]`. */
function eventAttributes(page: Page): Promise<string[]> {
  return page
    .locator('#comments *')
    .evaluateAll((elements: { tagName: string; getAttributeNames(): string[] }[]) =>
      elements.flatMap((el) =>
        el
          .getAttributeNames()
          .filter((name) => name.toLowerCase().startsWith('on'))
          .map((name) => `${el.tagName.toLowerCase()}[${name}]`),
      ),
    );
}

interface LinkInfo {
  href: string | null;
  rel: string | null;
  /** True inside a comment's author line or body: a link a reader supplied. */
  isReaders: boolean;
  attributes: string[];
}

function commentLinks(page: Page): Promise<LinkInfo[]> {
  return page.locator('#comments a').evaluateAll(
    (
      links: {
        getAttribute(name: string): string | null;
        getAttributeNames(): string[];
        closest(selector: string): unknown;
      }[],
    ) =>
      links.map((a) => ({
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
        isReaders: a.closest('.comment-author, .comment-body') !== null,
        attributes: a.getAttributeNames(),
      })),
  );
}

describeBrowser('script payloads in comments (Chromium)', () => {
  const article = pickArticle();
  const articlePath = `/${article.slug}/`;
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const injectedRequests: string[] = [];
  /** Scripts on the untouched article page; payloads must add none. */
  let scriptsBefore: string[];
  /** The accepted posts, with the id each was stored under. */
  const posted: (Typed & { id: number })[] = [];

  async function cli(args: string[]): Promise<string> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database: server!.database,
    });
    if (code !== 0) throw new Error(`dateline ${args.join(' ')}: ${err.join('\n')}`);
    return out.join('\n');
  }

  const pwned = () =>
    page.evaluate(() => (globalThis as unknown as { __pwned?: unknown[] }).__pwned ?? 'missing');

  /** Nothing ran: no dialog, nothing pushed, no page error, no request for an injected `src=x`. */
  async function expectNothingRan(): Promise<void> {
    expect(await pwned()).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(injectedRequests).toEqual([]);
  }

  async function scripts(): Promise<string[]> {
    return page
      .locator('script')
      .evaluateAll((list: { getAttribute(name: string): string | null; textContent: string | null }[]) =>
        list.map((s) => s.getAttribute('src') ?? `inline:${s.textContent ?? ''}`),
      );
  }

  async function fillForm(typed: Typed): Promise<void> {
    await page.getByLabel(/^Comment/).fill(typed.comment);
    await page.getByLabel(/^Name/).fill(typed.name);
    await page.getByLabel(/^Email/).fill(typed.email);
    await page.getByLabel(/^Website/).fill(typed.website);
    const consent = page.getByLabel(
      'Save my name, email, and website in this browser for the next time I comment.',
    );
    if (typed.consent) await consent.check();
    else await consent.uncheck();
  }

  /** Clicks "Post Comment" and returns the status the POST was answered with, once the next page has loaded. */
  async function submit(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${articlePath}comments`,
      ),
      page.getByRole('button', { name: 'Post Comment' }).click(),
    ]);
    await page.waitForLoadState('load');
    return response.status();
  }

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('payloads'));
    // Several comments from one browser in a row: the flood rule would refuse all but the first.
    await cli(['settings', 'set', 'comments.flood_seconds', '0']);
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    // Detection goes in before any navigation: payloads call alert() or push to window.__pwned.
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (/\/x$/.test(new URL(request.url()).pathname)) injectedRequests.push(request.url());
    });
    await page.addInitScript(() => {
      (globalThis as unknown as { __pwned: unknown[] }).__pwned = [];
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('refuses a javascript: website, shows everything typed back in the fields, and runs none of it', async () => {
    await page.goto(articlePath);
    await expectVisible(page.getByRole('heading', { level: 1, name: article.title, exact: true }));
    scriptsBefore = await scripts();
    await expectNothingRan();

    for (const typed of refused) {
      await page.goto(articlePath);
      await fillForm(typed);
      expect(await submit()).toBe(400);
      expect(new URL(page.url()).pathname).toBe(`${articlePath}comments`);

      await expectVisible(page.getByRole('alert').filter({ hasText: 'Your comment was not posted.' }));
      const urlError = page.locator('#url-error');
      await expectVisible(urlError);
      expect(await urlError.textContent()).toBe('Your website must be an http:// or https:// address.');
      expect(await page.locator('#url').getAttribute('aria-invalid')).toBe('true');
      // Only the website was wrong.
      expect(await page.locator('.field-error').count()).toBe(1);
      // Everything the reader typed is still there, character for character.
      expect(await page.locator('#comment').inputValue()).toBe(typed.comment);
      expect(await page.locator('#author').inputValue()).toBe(typed.name);
      expect(await page.locator('#email').inputValue()).toBe(typed.email);
      expect(await page.locator('#url').inputValue()).toBe(typed.website);
      expect(await page.locator('#wp-comment-cookies-consent').isChecked()).toBe(typed.consent);

      expect(await eventAttributes(page)).toEqual([]);
      expect(await scripts()).toEqual(scriptsBefore);
      await expectNothingRan();
    }
    const stored = JSON.parse(await cli(['comments', 'list', '--json', '--limit', '10000'])) as {
      email: string;
    }[];
    expect(stored.filter((c) => refused.some((r) => r.email === c.email))).toEqual([]);
  }, 120_000);

  it('posts comments with payloads in every field, and each writer sees theirs held, as text', async () => {
    for (const typed of accepted) {
      await page.goto(articlePath);
      await fillForm(typed);
      expect(await submit()).toBe(303);
      const url = new URL(page.url());
      expect(url.pathname).toBe(articlePath);
      const id = Number(url.searchParams.get('unapproved'));
      expect(id).toBeGreaterThan(0);
      posted.push({ ...typed, id });

      const held = page.locator(`#comment-${id}`);
      await expectVisible(held);
      expect(await held.getAttribute('class')).toContain('comment-pending');
      expect((await held.locator('.comment-body').textContent())?.trim()).toBe(typed.comment);
      expect((await held.locator('.comment-author').textContent())?.trim()).toBe(typed.name);
      expect(await eventAttributes(page)).toEqual([]);
      expect(await scripts()).toEqual(scriptsBefore);
      await expectNothingRan();

      if (typed.consent) {
        // The form's script fills a returning reader's fields from the cookies: still only as values.
        await page.goto(articlePath);
        expect(await page.locator('#author').inputValue()).toBe(typed.name);
        expect(await page.locator('#email').inputValue()).toBe(typed.email);
        expect(await page.locator('#url').inputValue()).toBe(typed.website);
        expect(await page.locator('#wp-comment-cookies-consent').isChecked()).toBe(true);
        await expectNothingRan();
      }
    }

    // Stored exactly as typed (escaping is the page's job, not the database's).
    const pending = JSON.parse(await cli(['comments', 'list', '--status', 'pending', '--json'])) as {
      id: number;
      author: string;
      email: string;
      url: string | null;
      body: string;
    }[];
    for (const p of posted) {
      const row = pending.find((r) => r.id === p.id);
      expect(row).toEqual(
        expect.objectContaining({
          author: p.name,
          email: p.email,
          body: p.comment,
          url: p.website === '' ? null : new URL(p.website).href,
        }),
      );
    }
  }, 120_000);

  it('after approval, shows every payload literally on the article page and runs none of it', async () => {
    expect(posted).toHaveLength(accepted.length);
    await cli(['comments', 'approve', ...posted.map((p) => String(p.id))]);
    // The command is another process as far as the server knows: its change reaches the server's page
    // cache through the invalidation outbox, polled every 250 ms. Reload until it has arrived.
    const deadline = Date.now() + 10_000;
    do {
      await page.goto(articlePath);
      if ((await page.locator(`#comment-${posted[0]?.id}`).count()) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    await expectVisible(page.getByRole('heading', { level: 1, name: article.title, exact: true }));

    for (const p of posted) {
      const item = page.locator(`#comment-${p.id}`);
      await expectVisible(item);
      expect(await item.getAttribute('class')).toBe('comment');
      expect((await item.locator('.comment-body').textContent())?.trim()).toBe(p.comment);
      expect((await item.locator('.comment-author').textContent())?.trim()).toBe(p.name);
      await expectVisible(page.getByText(p.comment, { exact: false }).first());
      const authorLink = item.locator('.comment-author a');
      if (p.website === '') {
        expect(await authorLink.count()).toBe(0);
      } else {
        expect(await authorLink.getAttribute('href')).toBe(new URL(p.website).href);
        expect(
          (await authorLink.evaluate((a: { getAttributeNames(): string[] }) => a.getAttributeNames())).sort(),
        ).toEqual(['href', 'rel']);
        await authorLink.hover();
      }
    }

    // Nothing but the form's own script in the comments, and no script anywhere that was not there before.
    const commentScripts = page.locator('#comments script');
    expect(await commentScripts.count()).toBe(1);
    expect(await page.locator('#comments script[src^="/assets/comment-form."]').count()).toBe(1);
    expect(await scripts()).toEqual(scriptsBefore);
    expect(
      await page
        .locator('#comments :is(img, svg, iframe, object, embed, style, textarea:not(#comment))')
        .count(),
    ).toBe(0);
    expect(
      await page.locator('#comments [onerror], #comments [onload], #comments [onmouseover]').count(),
    ).toBe(0);
    expect(await eventAttributes(page)).toEqual([]);

    const links = await commentLinks(page);
    const readers = links.filter((l) => l.isReaders);
    // The author links of the posts with a website, plus the autolinked address in one comment's body.
    expect(readers.length).toBeGreaterThanOrEqual(posted.filter((p) => p.website !== '').length + 1);
    for (const link of readers) {
      expect(link.href).toMatch(/^https?:\/\//);
      const rel = (link.rel ?? '').split(/\s+/);
      expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc']));
      expect(link.attributes.filter((a) => a !== 'href' && a !== 'rel')).toEqual([]);
    }
    // The site's own links (permalinks, Reply) stay on the page.
    for (const link of links.filter((l) => !l.isReaders)) expect(link.href).toMatch(/^[#/](?!\/)/);

    await page.locator('#comments').scrollIntoViewIfNeeded();
    await expectNothingRan();
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'comment-payloads.png'), fullPage: true });
  }, 120_000);
});

// The payloads are only a test of escaping if the server accepts them: checked without a browser, so that
// this also runs (and vitest finds a test) where Chromium is missing.
describe('comment payload cases', () => {
  it('are valid comments but for the refused websites', () => {
    for (const typed of accepted) {
      const checked = checkCommentForm(
        readCommentForm({
          comment: typed.comment,
          author: typed.name,
          email: typed.email,
          url: typed.website,
        }),
      );
      expect(checked).toMatchObject({ ok: true, input: { body: typed.comment, authorName: typed.name } });
    }
    for (const typed of refused) {
      const checked = checkCommentForm(
        readCommentForm({
          comment: typed.comment,
          author: typed.name,
          email: typed.email,
          url: typed.website,
        }),
      );
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(Object.keys(checked.fields)).toEqual(['url']);
    }
  });
});
