// One body format (issue #17): every article is stored as sanitised Dateline body HTML, whichever way it
// came in. The editor shows and takes that HTML, Markdown from files and old revisions is converted at
// save time, and what reaches readers is always sanitised. A draft an import marked ready for review
// says so in the newsroom until it goes live.
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { BODY_HTML_HINT, bodyText, figureHtml, sanitizeBody } from '../../platform/render/body-html.ts';
import { renderMarkdown } from '../../platform/render/markdown.ts';
import { ArticleInputSchema } from './index.ts';
import { parseSnapshot } from './revisions.ts';
import { parseSchema } from '../../platform/validation.ts';

const importedSource =
  '<p>The harbour wall <strong>held</strong>.</p>\n' +
  figureHtml(
    { src: 'https://example.com/wall.jpg', alt: 'The wall at high tide', width: 800, height: 600 },
    'High tide on Monday',
  ) +
  '\n<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/abc">' +
  '<a href="https://youtu.be/abc">YouTube: https://youtu.be/abc</a></figure>\n' +
  '<blockquote class="pullquote"><p>It held.</p></blockquote>';

describe.each(DIALECTS)('one body format and review requests on %s', (dialect) => {
  let t: TestApp;
  let editor: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    editor = await signedIn(t, 'editor');
  });

  const row = (id: number) =>
    t.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const revisions = async (id: number) =>
    (
      await t.database.db
        .selectFrom('article_revisions')
        .select(['snapshot', 'kind'])
        .where('article_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((r) => ({ kind: r.kind, ...parseSnapshot(r.snapshot) }));

  /** A draft as the WordPress importer leaves one: HTML source, its sanitised HTML, waiting for review. */
  async function importedDraft(): Promise<number> {
    const { id } = await buildArticle(t.services, { status: 'draft', authors: [editor.authorSlug] });
    await t.database.db
      .updateTable('articles')
      .set({
        body_format: 'html',
        body_markdown: importedSource,
        body_html: sanitizeBody(importedSource),
        review_requested_at: TEST_NOW,
      })
      .where('id', '=', id)
      .execute();
    return id;
  }

  async function versionOf(id: number): Promise<string> {
    return load((await editor.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val() as string;
  }

  it('shows the body’s HTML in the Body field with a note, and the review badge in the editor and the list', async () => {
    const id = await importedDraft();
    const page = await editor.get(`/admin/articles/${id}/edit`);
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect($('#field-body').val()).toBe(importedSource);
    expect($('label[for=field-body]').text()).toBe('Body');
    expect($('#hint-body').text()).toBe(BODY_HTML_HINT);
    expect($('form.editor').attr('data-preview-url')).toBe('/admin/articles/preview');
    expect($('.editor-side .status.review').text()).toBe('Ready for review');

    const list = load((await editor.get('/admin/articles')).body);
    expect(list(`tr[data-article-id=${id}] .status.review`).text()).toBe('Ready for review');
    // An article written from a file is HTML in the editor too, and not waiting for review.
    const plain = await buildArticle(t.services, { status: 'draft', authors: [editor.authorSlug] });
    const $plain = load((await editor.get(`/admin/articles/${plain.id}/edit`)).body);
    expect($plain('#field-body').val()).toMatch(
      /^<p>The body of story \d+\.<\/p>\n<p>A second paragraph\.<\/p>$/,
    );
    expect($plain('.status.review')).toHaveLength(0);
    expect(list(`tr[data-article-id=${plain.id}] .status.review`)).toHaveLength(0);
  });

  it('stores what the Body field sends sanitised, shows it so, and never lets a script reach body_html', async () => {
    const id = await importedDraft();
    const edited = `${importedSource}\n<p onclick="steal()">Updated at noon.</p><script>alert(1)</script><iframe src="https://evil.example/"></iframe>`;
    const saved = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { title: 'The harbour wall held', body: edited, version: await versionOf(id) }),
    );
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    const stored = await row(id);
    expect(stored.body_format).toBe('html');
    // The body is stored once, sanitised: the editor shows what readers get.
    expect(stored.body_html).toBe(sanitizeBody(edited));
    expect(stored.body_markdown).toBe(stored.body_html);
    expect(stored.body_text).toBe(bodyText(stored.body_html));
    expect(stored.body_text).toContain('Updated at noon.');
    expect(stored.body_text).not.toMatch(/<|figure|noopener/);
    expect(stored.body_html).not.toMatch(/<script|alert\(1\)|<iframe|onclick|steal/);
    expect(stored.body_html).toContain('<p>Updated at noon.</p>');
    expect(stored.body_html).toContain('<figure class="figure"><img src="https://example.com/wall.jpg"');
    expect(stored.body_html).toContain('<blockquote class="pullquote">');
    // Saved as a draft, it still waits for review.
    expect(stored.review_requested_at).toBe(TEST_NOW);

    // The revision keeps it, and the editor shows the sanitised HTML; saving that again changes nothing.
    const [save] = (await revisions(id)).filter((r) => r.kind === 'save').slice(-1);
    expect(save).toMatchObject({ body_format: 'html', fields: { body: stored.body_html } });
    const shown = load((await editor.get(`/admin/articles/${id}/edit`)).body)('#field-body').val() as string;
    expect(shown).toBe(stored.body_html);
    // A browser sends a text area's line ends as CRLF.
    const again = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'The harbour wall held',
        body: shown.replace(/\n/g, '\r\n'),
        version: await versionOf(id),
      }),
    );
    expect(again.statusCode).toBe(303);
    expect((await row(id)).body_markdown).toBe(stored.body_markdown);

    // The preview reads the body as the article does: HTML, or Markdown when the address says so.
    const preview = await editor.post('/admin/articles/preview', { body: edited });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toBe(sanitizeBody(edited));
    const asMarkdown = await editor.post('/admin/articles/preview?format=markdown', {
      body: '<script>x</script>*hi*',
    });
    expect(asMarkdown.body).toBe('<p>&lt;script&gt;x&lt;/script&gt;<em>hi</em></p>');
    const noScriptPreview = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: edited, action: 'preview', version: await versionOf(id) }),
    );
    expect(noScriptPreview.statusCode).toBe(200);
    expect(noScriptPreview.body).toContain(sanitizeBody(edited));
    expect(load(noScriptPreview.body)('[data-preview-body] script, [data-preview-body] iframe')).toHaveLength(
      0,
    );
  });

  it('clears the review request when the draft is published, and readers get the sanitised HTML', async () => {
    const id = await importedDraft();
    const published = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'The harbour wall held',
        body: `${importedSource}<script>alert(1)</script>`,
        action: 'publish',
        version: await versionOf(id),
      }),
    );
    expect(published.statusCode, published.body.slice(0, 500)).toBe(303);
    const stored = await row(id);
    expect(stored).toMatchObject({ status: 'published', body_format: 'html', review_requested_at: null });
    const list = load((await editor.get('/admin/articles')).body);
    expect(list(`tr[data-article-id=${id}] .status.review`)).toHaveLength(0);
    expect(load((await editor.get(`/admin/articles/${id}/edit`)).body)('.status.review')).toHaveLength(0);

    const reader = await t.app.inject({ method: 'GET', url: `/${stored.slug}/` });
    expect(reader.statusCode).toBe(200);
    const $ = load(reader.body);
    expect($('.article-body figure.figure img').attr('alt')).toBe('The wall at high tide');
    expect($('.article-body figure.embed').attr('data-provider')).toBe('YouTube');
    expect($('.article-body blockquote.pullquote').text()).toBe('It held.');
    expect($('.article-body script')).toHaveLength(0);
    expect(reader.body).not.toContain('alert(1)');
    expect((await t.services.articles.getPublished(stored.slug))?.bodyFormat).toBe('html');
  });

  it('restores a Markdown revision from before one format as HTML', async () => {
    const { id } = await buildArticle(t.services, { status: 'draft', authors: [editor.authorSlug] });
    // A revision kept while bodies were Markdown: revisions keep the format they were written in.
    const first = await t.database.db
      .selectFrom('article_revisions')
      .select(['id', 'snapshot'])
      .where('article_id', '=', id)
      .executeTakeFirstOrThrow();
    const markdown = 'The *old* body, with a [link](https://example.com/).\n\n## Then a heading';
    const old = JSON.parse(first.snapshot) as { fields: Record<string, string> };
    await t.database.db
      .updateTable('article_revisions')
      .set({
        snapshot: JSON.stringify({
          ...old,
          fields: { ...old.fields, body: markdown },
          body_format: 'markdown',
        }),
      })
      .where('id', '=', first.id)
      .execute();
    const markdownRevision = first.id;
    const shown = load((await editor.get(`/admin/articles/${id}/revisions/${markdownRevision}`)).body);
    expect(shown('.hint').first().text()).toContain('Markdown');
    // An import replaces it with HTML, keeping a revision as the importer's saves do.
    await t.services.articles.saveArticle(
      parseSchema(ArticleInputSchema, {
        title: 'The harbour wall held',
        slug: (await row(id)).slug,
        body: importedSource,
        body_format: 'html',
        authors: [editor.authorSlug],
        status: 'draft',
        review_requested: true,
      }),
    );
    expect(await row(id)).toMatchObject({ body_format: 'html', review_requested_at: TEST_NOW });
    const htmlRevision = (await revisions(id)).at(-1);
    expect(htmlRevision?.body_format).toBe('html');

    const restored = await editor.post(`/admin/articles/${id}/revisions/${markdownRevision}/restore`);
    expect(restored.statusCode, restored.body.slice(0, 500)).toBe(303);
    const back = await row(id);
    expect(back.body_format).toBe('html');
    expect(back.body_html).toBe(sanitizeBody(renderMarkdown(markdown)));
    expect(back.body_html).toContain('<h2>Then a heading</h2>');
    expect(back.body_markdown).toBe(back.body_html);
    expect((await revisions(id)).at(-1)).toMatchObject({
      body_format: 'html',
      fields: { body: back.body_html },
    });
  });

  it('writes new articles as HTML, converts a file’s Markdown, and lets saveArticle ask for review', async () => {
    const response = await editor.post('/admin/articles', editorForm(editor, { body: '<b>bold?</b> *yes*' }));
    expect(response.statusCode).toBe(303);
    const fresh = await row(editedId(response.headers.location));
    expect(fresh).toMatchObject({ body_format: 'html', review_requested_at: null });
    expect(fresh.body_html).toBe('<strong>bold?</strong> *yes*');

    const input = {
      title: 'Imported and pending',
      slug: 'imported-and-pending',
      body: '<p>Pending <em>review</em></p><script>x()</script>',
      body_format: 'html',
      authors: [editor.authorSlug],
      status: 'draft',
      review_requested: true,
    };
    const { id } = await t.services.articles.saveArticle(parseSchema(ArticleInputSchema, input));
    expect(await row(id)).toMatchObject({
      body_format: 'html',
      body_html: '<p>Pending <em>review</em></p>',
      review_requested_at: TEST_NOW,
    });
    // A file's body is Markdown unless it says otherwise, converted to HTML at save (its raw HTML
    // escaped, as markdown-it always has); publishing clears the request.
    const { body_format: _html, ...asFile } = input;
    await t.services.articles.saveArticle(
      parseSchema(ArticleInputSchema, {
        ...asFile,
        body: '## Pending\n\n*review* <script>x()</script>',
        status: 'published',
      }),
    );
    const converted = '<h2>Pending</h2>\n<p><em>review</em> &lt;script&gt;x()&lt;/script&gt;</p>';
    expect(await row(id)).toMatchObject({
      body_format: 'html',
      body_markdown: converted,
      body_html: converted,
      body_text: 'Pending\nreview <script>x()</script>',
      review_requested_at: null,
    });
  });
});
