// The writing desk's story editor in Chromium, on every database: an editor writes a heading, bold text,
// a link and a quote with the toolbar and the keyboard alone (no Markdown typed), publishes, and the
// public page shows each of them. A hostile paste (script, event handlers, javascript: links) never
// runs in the newsroom nor reaches the page. While writing, the page's CSP reports no violation: the
// editor injects no inline script or style.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const person = { name: 'Edda Editor', email: 'edda@example.com', password: 'edda edits every day' };

/** Collects the page's CSP violations and anything hostile code would set, before any script runs. */
const WATCH = `
  window.__violations = [];
  window.__ran = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

for (const dialect of DIALECTS) {
  describeBrowser(`the story editor on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let base: string;
    let browser: Browser;

    let newsroom: BrowserNewsroom | undefined;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [{ ...person, role: 'editor' }]);
      ({ database, base, browser } = newsroom);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => newsroom?.close());

    async function signedInPage(): Promise<Page> {
      const context = await browser.newContext();
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      await page.addInitScript(WATCH);
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
      return page;
    }

    /** A draft whose body is Dateline body HTML, as every body is once stories are HTML; its editor page open. */
    async function openHtmlDraft(
      page: Page,
      title: string,
      body: string,
    ): Promise<{ id: number; slug: string }> {
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Body', { exact: true }).fill('Draft.');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=draft$/);
      const id = Number(/articles\/(\d+)\//.exec(page.url())?.[1]);
      const row = await database.db
        .updateTable('articles')
        .set({ body_format: 'html', body_markdown: body })
        .where('id', '=', id)
        .returning('slug')
        .executeTakeFirstOrThrow();
      await page.goto(`${base}/admin/articles/${id}/edit`);
      await page.getByRole('textbox', { name: 'Body', exact: true }).waitFor();
      return { id, slug: row.slug };
    }

    async function storedBody(id: number): Promise<string> {
      const row = await database.db
        .selectFrom('articles')
        .select('body_markdown')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return row.body_markdown;
    }

    it('writes a heading, bold text, a link and a quote with the toolbar and keyboard, and publishes them', async () => {
      const page = await signedInPage();
      const { id, slug } = await openHtmlDraft(page, 'Harbour wall holds', '<p>Draft.</p>');
      // The plain text area is hidden; the story is a text box named "Body".
      expect(await page.locator('textarea[name="body"]').isHidden()).toBe(true);
      const story = page.getByRole('textbox', { name: 'Body', exact: true });
      expect(await story.getAttribute('contenteditable')).toBe('true');

      await story.focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('The night the wall held');
      await page.getByRole('button', { name: 'Heading', exact: true }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('The harbour wall ');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type('held');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type(' through the storm. Read the report');
      for (let i = 0; i < 'report'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('ControlOrMeta+K');
      const address = page.getByRole('dialog').getByLabel('Address', { exact: true });
      // A link that is not http(s) is refused, with the reason.
      await address.fill('javascript:alert(1)');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'https://' }).waitFor();
      await address.fill('https://port.example/report');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.keyboard.press('End');
      await page.keyboard.type('.');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Quote', exact: true }).click();
      await page.keyboard.type('It held, and it will hold again.');
      expect(
        await page.getByRole('button', { name: 'Quote', exact: true }).getAttribute('aria-pressed'),
      ).toBe('true');

      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      expect(await storedBody(id)).toBe(
        '<h2>The night the wall held</h2><p>The harbour wall <strong>held</strong> through the storm. Read the ' +
          '<a href="https://port.example/report" rel="noopener">report</a>.</p>' +
          '<blockquote><p>It held, and it will hold again.</p></blockquote>',
      );
      // Reopened, the story is the same, and the textarea is left as stored until it is edited.
      await page.getByRole('textbox', { name: 'Body', exact: true }).waitFor();
      expect(await page.locator('textarea[name="body"]').inputValue()).toBe(await storedBody(id));
      expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);

      const reader = await page.context().newPage();
      await reader.addInitScript(WATCH);
      await reader.goto(`${base}/${slug}/`);
      const body = reader.locator('.article-body');
      expect(await body.locator('h2').textContent()).toBe('The night the wall held');
      expect(await body.locator('strong').textContent()).toBe('held');
      expect(await body.locator('a[href="https://port.example/report"]').textContent()).toBe('report');
      expect(await body.locator('blockquote').textContent()).toBe('It held, and it will hold again.');
      // The editor is a newsroom script: the reader's page never loads it.
      expect(
        await reader.locator('script[src*="/assets/editor."], link[href*="/assets/editor."]').count(),
      ).toBe(0);
      expect(await reader.evaluate<string[]>('window.__violations')).toEqual([]);
      await page.context().close();
    });

    it('keeps a hostile paste from running in the newsroom or reaching the page', async () => {
      const page = await signedInPage();
      const { id, slug } = await openHtmlDraft(page, 'Pasted from elsewhere', '<p>Intro.</p>');
      const story = page.getByRole('textbox', { name: 'Body', exact: true });
      await story.focus();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');
      const hostile =
        '<meta charset="utf-8"><p>Calm <img src="/nowhere.png" onerror="window.__ran.push(\'onerror\')"> words' +
        '<script>window.__ran.push("script")</script></p>' +
        '<p onmouseover="window.__ran.push(\'onmouseover\')">Hover <a href="javascript:window.__ran.push(\'link\')">here</a>' +
        ' and <a href=" JaVaScRiPt:window.__ran.push(\'link2\')">there</a></p>' +
        '<svg onload="window.__ran.push(\'svg\')"></svg><iframe src="javascript:window.__ran.push(\'iframe\')"></iframe>' +
        '<style>body { display: none }</style><p style="color: red">Styled</p>';
      await page.evaluate(
        `(() => {
          const data = new DataTransfer();
          data.setData('text/html', ${JSON.stringify(hostile)});
          data.setData('text/plain', 'Calm words Hover here and there Styled');
          document.querySelector('.rich-editor-content[role="textbox"]').dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
          );
        })()`,
      );
      await story.getByText('Styled').waitFor();
      // Hovering and clicking the pasted text runs nothing.
      const pasted = story.getByText(/^Hover here/);
      await pasted.hover();
      await pasted.click();
      const html = await story.innerHTML();
      expect(html).not.toMatch(
        /<img|<script|<svg|<iframe|<style|onerror|onmouseover|onload|javascript:|style=/i,
      );
      expect(await page.evaluate<string[]>('window.__ran')).toEqual([]);
      // Chromium checks even an inert parse of the paste against the CSP: the handlers, the <style> and the
      // style attribute are reported as blocked there. That is all it reports: nothing tried to load or run.
      const reported = await page.evaluate<string[]>('window.__violations');
      expect(
        reported.filter((v) => !/^(script-src-attr|style-src-attr|style-src-elem) inline$/.test(v)),
      ).toEqual([]);

      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      const stored = await storedBody(id);
      expect(stored).toBe('<p>Intro.</p><p>Calm words</p><p>Hover here and there</p><p>Styled</p>');

      const reader = await page.context().newPage();
      await reader.addInitScript(WATCH);
      await reader.goto(`${base}/${slug}/`);
      const body = await reader.locator('.article-body').innerHTML();
      expect(body).toContain('Hover here and there');
      expect(body).not.toMatch(
        /<img|<script|<svg|<iframe|<style|onerror|onmouseover|onload|javascript:|style=/i,
      );
      expect(await reader.evaluate<string[]>('window.__violations')).toEqual([]);
      await page.context().close();
    });

    /** Uploads a generated picture through the open media picker and describes it. */
    async function uploadThroughPicker(page: Page, name: string, alt: string, colour: number): Promise<void> {
      const library = page.getByRole('dialog', { name: 'Choose an image' });
      await library.waitFor();
      const png = await sharp({
        create: { width: 800, height: 600, channels: 3, background: { r: colour, g: 90, b: 120 } },
      })
        .png()
        .toBuffer();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        library.getByRole('button', { name: 'Upload image', exact: true }).click(),
      ]);
      await chooser.setFiles({ name, mimeType: 'image/png', buffer: png });
      const describe = page.getByRole('dialog', { name: 'Describe the image' });
      await describe.getByRole('textbox', { name: 'Alt text', exact: true }).fill(alt);
      await describe.getByRole('button', { name: 'Use this image', exact: true }).click();
    }

    it('builds a gallery and edits a table’s rows and columns from the toolbar', async () => {
      const page = await signedInPage();
      const { id } = await openHtmlDraft(page, 'Regatta day', '<p>Intro.</p>');
      const story = page.getByRole('textbox', { name: 'Body', exact: true });
      await story.focus();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');

      // Gallery: the first picture starts one, with the caption; selected, it takes a second.
      await page.getByRole('button', { name: 'Gallery', exact: true }).click();
      await uploadThroughPicker(page, 'start-line.png', 'Boats at the start line', 40);
      const form = page.getByRole('dialog', { name: 'Image' });
      await form.getByLabel('Caption', { exact: true }).fill('The regatta from the pier.');
      await page.keyboard.press('Enter');
      await form.waitFor({ state: 'hidden' });
      await story.locator('figure.gallery').click();
      await page.getByRole('button', { name: 'Gallery', exact: true }).click();
      await uploadThroughPicker(page, 'finish-line.png', 'The winner crossing the line', 200);
      expect(await form.getByLabel('Caption', { exact: true }).inputValue()).toBe(
        'The regatta from the pier.',
      );
      await page.keyboard.press('Enter');
      await form.waitFor({ state: 'hidden' });
      expect(await story.locator('figure.gallery img').count()).toBe(2);

      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      expect(await storedBody(id)).toMatch(
        /^<p>Intro\.<\/p><figure class="gallery"><ul><li><img src="\/uploads\/[^"]+\/original\.png" srcset="[^"]+" sizes="[^"]+" width="800" height="600" alt="Boats at the start line" loading="lazy" decoding="async" \/><\/li><li><img [^>]*alt="The winner crossing the line"[^>]*\/><\/li><\/ul><figcaption>The regatta from the pier\.<\/figcaption><\/figure>$/,
      );

      // Table: inserted with the cursor in its first heading, then a column and rows added and one deleted.
      const tides = await openHtmlDraft(page, 'Tide times', '<p>Intro.</p>');
      await story.focus();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      await page.keyboard.type('Boat');
      const tools = page.getByRole('dialog', { name: 'Table' });
      async function tool(action: string) {
        await page.getByRole('button', { name: 'Table', exact: true }).click();
        await tools.getByRole('button', { name: action, exact: true }).click();
        await tools.waitFor({ state: 'hidden' });
      }
      await tool('Add column');
      // The arrow keys and Tab move from cell to cell.
      await page.keyboard.press('Tab');
      await page.keyboard.type('Time');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('Gull');
      await tool('Add row');
      await tool('Add row');
      await page.keyboard.press('ArrowDown');
      await tool('Delete row');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      const table = await storedBody(tides.id);
      // Three columns (one added); a head row, and three body rows (two added, one deleted).
      expect(table.match(/<tr>/g)).toHaveLength(4);
      expect(table.match(/<th /g)).toHaveLength(3);
      expect(table).toContain(
        '<thead><tr><th scope="col">Boat</th><th scope="col">Time</th><th scope="col"></th></tr></thead>',
      );
      expect(table).toContain('<tbody><tr><td>Gull</td><td></td><td></td></tr>');
      expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    });
  });
}
