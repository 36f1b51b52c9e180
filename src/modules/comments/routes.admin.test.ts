import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildComment } from '../../../test/factories.ts';
import { formBody, signedIn, type SignedIn } from '../../../test/staff.ts';
import { MODERATION_PAGE_SIZE } from './routes.admin.tsx';

describe.each(DIALECTS)('comment moderation on %s', (dialect) => {
  let t: TestApp;
  let article: { id: number; slug: string; title: string };
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    article = await buildArticle(t.services);
  });

  const page = async () => (await t.app.inject({ url: `/${article.slug}/` })).body;
  const statusOf = async (id: number) =>
    (
      await t.database.db
        .selectFrom('comments')
        .where('id', '=', id)
        .select('status')
        .executeTakeFirstOrThrow()
    ).status;
  const comment = (overrides: Record<string, unknown> = {}) =>
    buildComment(t.services, article.id, { status: 'pending', ...overrides });

  describe('who may moderate', () => {
    // Each route with what a permitted request sends; the comment id is filled in per test.
    const routes = (id: number): { method: 'GET' | 'POST'; url: string; form?: Record<string, string> }[] => [
      { method: 'GET', url: '/admin/comments' },
      { method: 'GET', url: '/admin/comments?status=spam' },
      { method: 'GET', url: `/admin/comments/${id}/edit` },
      { method: 'POST', url: `/admin/comments/${id}/approve` },
      { method: 'POST', url: `/admin/comments/${id}/spam` },
      { method: 'POST', url: `/admin/comments/${id}/trash` },
      { method: 'POST', url: `/admin/comments/${id}/restore` },
      { method: 'POST', url: '/admin/comments/bulk', form: { action: 'approve', ids: String(id) } },
      {
        method: 'POST',
        url: `/admin/comments/${id}/edit`,
        form: { author: 'Ola', email: 'ola@example.net', url: '', comment: 'Edited.' },
      },
      { method: 'POST', url: `/admin/comments/${id}/reply`, form: { body: 'Thanks.' } },
    ];

    const send = (who: SignedIn, r: ReturnType<typeof routes>[number], csrf = true) =>
      r.method === 'GET'
        ? who.get(r.url)
        : who.post(r.url, { ...(r.form ?? {}), ...(csrf ? {} : { _csrf: 'forged' }) });

    it.each(['editor', 'admin'] as const)('lets an %s use every route', async (role) => {
      const who = await signedIn(t, role);
      const { id } = await comment();
      for (const r of routes(id)) {
        const response = await send(who, r);
        expect(response.statusCode, `${r.method} ${r.url}`).toBe(r.method === 'GET' ? 200 : 303);
        expect(response.headers['cache-control'], r.url).toBe('private, no-store');
      }
    });

    it.each(['contributor', 'author'] as const)('refuses an %s every route with 403', async (role) => {
      const who = await signedIn(t, role);
      const { id } = await comment();
      for (const r of routes(id)) expect((await send(who, r)).statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(await statusOf(id)).toBe('pending');
      // And the navigation does not offer what the role cannot open.
      expect(load((await who.get('/admin/articles')).body)('a[href="/admin/comments"]')).toHaveLength(0);
    });

    it('sends a signed-out browser to sign in, and answers 401 to a signed-out post', async () => {
      const { id } = await comment();
      for (const r of routes(id)) {
        const response = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          ...(r.method === 'POST' && { payload: formBody(r.form ?? {}) }),
        });
        if (r.method === 'GET') {
          expect(response.statusCode, r.url).toBe(303);
          expect(response.headers.location, r.url).toMatch(/^\/admin\/sign-in\?next=/);
        } else expect(response.statusCode, r.url).toBe(401);
      }
      expect(await statusOf(id)).toBe('pending');
    });

    it('refuses a post without the session’s CSRF token with 403', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment();
      for (const r of routes(id).filter((x) => x.method === 'POST')) {
        expect((await send(editor, r, false)).statusCode, r.url).toBe(403);
        const none = await editor.inject({
          method: 'POST',
          url: r.url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody(r.form ?? {}),
        });
        expect(none.statusCode, r.url).toBe(403);
      }
      expect(await statusOf(id)).toBe('pending');
    });
  });

  describe('the queues', () => {
    it('counts each queue, lists the newest first and shows what a moderator needs', async () => {
      const editor = await signedIn(t, 'editor');
      const older = await comment({ body: 'The older held one.', created_at: '2026-11-20T10:00:00.000Z' });
      const newer = await comment({
        body: 'The newer held one.',
        author_name: 'Kari Nordmann',
        author_email: 'kari@example.net',
        author_url: 'https://kari.example/',
        created_at: '2026-11-25T10:00:00.000Z',
      });
      await comment({ status: 'approved' });
      await comment({ status: 'spam' });
      await comment({ status: 'spam' });
      const response = await editor.get('/admin/comments');
      expect(response.statusCode).toBe(200);
      const $ = load(response.body);
      const queues = $('nav[aria-label="Comment queues"] a')
        .map((_, a) => $(a).text().trim())
        .get();
      expect(queues).toEqual(['Pending (2)', 'Approved (1)', 'Spam (2)', 'Trash (0)']);
      expect($('nav[aria-label="Comment queues"] a[aria-current="page"]').text()).toBe('Pending (2)');
      const rows = $('ol.comment-queue > li');
      expect(rows.map((_, r) => $(r).find('.comment-text').text().trim()).get()).toEqual([
        'The newer held one.',
        'The older held one.',
      ]);
      const first = rows.first();
      expect(first.text()).toContain('Kari Nordmann');
      expect(first.find('a.comment-email').text()).toBe('kari@example.net');
      expect(first.find('a.comment-email').attr('href')).toBe('/admin/comments?email=kari%40example.net');
      expect(first.find(`a[href="/${article.slug}/"]`).text()).toBe(article.title);
      expect(first.find('time').attr('datetime')).toBe('2026-11-25T10:00:00.000Z');
      expect(first.find('.status').text()).toBe('Pending');
      expect(
        first
          .find('button')
          .map((_, b) => $(b).text().trim())
          .get(),
      ).toEqual(['Approve', 'Spam', 'Trash']);
      expect(first.find('button:contains("Approve")').attr('formaction')).toBe(
        `/admin/comments/${newer.id}/approve`,
      );
      // Every control sits in a POST form carrying the session's token, and has a visible label.
      const form = first.closest('form');
      expect(form.attr('method')).toBe('post');
      expect(form.find('input[name="_csrf"]').val()).toBe(editor.csrfToken);
      expect(first.find(`label[for="select-${newer.id}"]`).text()).toContain('Select');
      expect($('label[for="bulk-action"]').text()).toBe('Bulk action');
      expect(
        $('#bulk-action option')
          .map((_, o) => $(o).text())
          .get(),
      ).toEqual(['Choose an action', 'Approve', 'Spam', 'Trash', 'Restore']);
      expect($('input[data-select-all="ids"]')).toHaveLength(1);
      expect(older.id).toBeLessThan(newer.id);

      const spam = load((await editor.get('/admin/comments?status=spam')).body);
      expect(spam('ol.comment-queue > li')).toHaveLength(2);
      expect(
        spam('ol.comment-queue > li')
          .first()
          .find('button')
          .map((_, b) => spam(b).text().trim())
          .get(),
      ).toEqual(['Trash', 'Restore']);
    });

    it('pages a long queue and survives nonsense in the address', async () => {
      const editor = await signedIn(t, 'editor');
      for (let i = 0; i < MODERATION_PAGE_SIZE + 3; i += 1)
        await comment({ created_at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() });
      const first = load((await editor.get('/admin/comments?status=pending')).body);
      expect(first('ol.comment-queue > li')).toHaveLength(MODERATION_PAGE_SIZE);
      expect(first('a[rel="next"]').attr('href')).toBe('/admin/comments?status=pending&page=2');
      const second = load((await editor.get('/admin/comments?status=pending&page=2')).body);
      expect(second('ol.comment-queue > li')).toHaveLength(3);
      expect(second('a[rel="prev"]').attr('href')).toBe('/admin/comments?status=pending');
      for (const url of [
        '/admin/comments?status=nonsense',
        '/admin/comments?page=-1',
        '/admin/comments?page=999999',
        '/admin/comments?status[]=spam&email[x]=1',
        '/admin/comments?done=%3Cscript%3E&n=abc',
      ]) {
        const response = await editor.get(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).not.toContain('<script>');
      }
      expect((await editor.get('/admin/comments/abc/edit')).statusCode).toBe(404);
      expect((await editor.get('/admin/comments/99999/edit')).statusCode).toBe(404);
    });

    it('shows every comment from one email, in every queue, and only those', async () => {
      const editor = await signedIn(t, 'editor');
      await comment({ author_email: 'ana@example.org', body: 'Ana held.' });
      await comment({ author_email: 'ana@example.org', body: 'Ana approved.', status: 'approved' });
      await comment({ author_email: 'ana@example.org', body: 'Ana spam.', status: 'spam' });
      await comment({ author_email: 'bo@example.org', body: 'Bo held.' });
      const $ = load((await editor.get('/admin/comments?email=ANA@example.org')).body);
      expect($('h1').text()).toBe('Comments from ana@example.org');
      const texts = $('ol.comment-queue .comment-text')
        .map((_, c) => $(c).text().trim())
        .get();
      expect(texts.sort()).toEqual(['Ana approved.', 'Ana held.', 'Ana spam.']);
      expect($('nav[aria-label="Comment queues"] a[aria-current="page"]').text()).toBe('All (3)');
      expect($('nav[aria-label="Comment queues"] a:contains("Pending")').text()).toBe('Pending (1)');
      const spamOnly = load((await editor.get('/admin/comments?email=ana@example.org&status=spam')).body);
      expect(spamOnly('ol.comment-queue .comment-text').text().trim()).toBe('Ana spam.');
    });
  });

  describe('moderating', () => {
    it('approves one comment, which then shows on the cached article page, and back to its queue', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({
        body: 'Words waiting for approval.',
        author_email: 'secret@example.org',
      });
      expect(await page()).not.toContain('Words waiting for approval.');
      // The page is cached now: approval must drop it.
      expect((await t.app.inject({ url: `/${article.slug}/` })).headers['x-dateline-cache']).toBe('hit');
      const response = await editor.post(`/admin/comments/${id}/approve`, {
        queue: 'pending',
        page: '1',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/comments?status=pending&done=approve&n=1');
      const after = await page();
      expect(after).toContain('Words waiting for approval.');
      expect(after).not.toContain('secret@example.org');
      const notice = load((await editor.get(response.headers.location as string)).body);
      expect(notice('[role="status"]').text().trim()).toBe('1 comment approved.');
    });

    it('hides a comment marked as spam or trashed, and Restore puts it back where it was', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({ status: 'approved', body: 'Shown, then hidden.' });
      expect(await page()).toContain('Shown, then hidden.');
      await editor.post(`/admin/comments/${id}/spam`, { queue: 'approved' });
      expect(await statusOf(id)).toBe('spam');
      expect(await page()).not.toContain('Shown, then hidden.');
      // As WordPress does: an approved comment comes back approved.
      await editor.post(`/admin/comments/${id}/restore`, { queue: 'spam' });
      expect(await statusOf(id)).toBe('approved');
      expect(await page()).toContain('Shown, then hidden.');
      await editor.post(`/admin/comments/${id}/trash`, { queue: 'approved' });
      expect(await page()).not.toContain('Shown, then hidden.');
      await editor.post(`/admin/comments/${id}/restore`, { queue: 'trash' });
      expect(await page()).toContain('Shown, then hidden.');

      // A held comment comes back held.
      const held = await comment();
      await editor.post(`/admin/comments/${held.id}/trash`);
      expect(await statusOf(held.id)).toBe('trash');
      const restored = await editor.post(`/admin/comments/${held.id}/restore`, { queue: 'trash' });
      expect(await statusOf(held.id)).toBe('pending');
      expect(restored.headers.location).toBe('/admin/comments?status=trash&done=restore&n=1');
      // Restore on a comment that is not in spam or trash changes nothing.
      const none = await editor.post(`/admin/comments/${held.id}/restore`);
      expect(none.headers.location).toBe('/admin/comments?status=pending&done=restore&n=0');
      expect(load((await editor.get(none.headers.location as string)).body)('[role="status"]').text()).toBe(
        'No comment changed.',
      );
    });

    it('acts on many at once, keeping the queue, page and email it came from', async () => {
      const editor = await signedIn(t, 'editor');
      const a = await comment({ body: 'First of the batch.', author_email: 'batch@example.org' });
      const b = await comment({ body: 'Second of the batch.', author_email: 'batch@example.org' });
      const c = await comment({ body: 'Left alone.' });
      const response = await editor.post('/admin/comments/bulk', {
        action: 'approve',
        ids: [String(a.id), String(b.id), 'nonsense'],
        queue: '',
        email: 'batch@example.org',
        page: '1',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/comments?email=batch%40example.org&done=approve&n=2');
      expect([await statusOf(a.id), await statusOf(b.id), await statusOf(c.id)]).toEqual([
        'approved',
        'approved',
        'pending',
      ]);
      const shown = await page();
      expect(shown).toContain('First of the batch.');
      expect(shown).toContain('Second of the batch.');
      expect(shown).not.toContain('Left alone.');

      await editor.post('/admin/comments/bulk', { action: 'trash', ids: [String(a.id), String(c.id)] });
      expect([await statusOf(a.id), await statusOf(c.id)]).toEqual(['trash', 'trash']);
      await editor.post('/admin/comments/bulk', { action: 'spam', ids: String(b.id) });
      expect(await statusOf(b.id)).toBe('spam');
      expect(await page()).not.toContain('of the batch.');
      await editor.post('/admin/comments/bulk', { action: 'restore', ids: [String(a.id), String(b.id)] });
      expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['approved', 'approved']);

      // No action or no box ticked: nothing changes, and the screen says why.
      const refusals: Record<string, string>[] = [
        { action: '', ids: String(c.id) },
        { action: 'approve' },
        { action: 'delete', ids: '1' },
      ];
      for (const form of refusals) {
        const refused = await editor.post('/admin/comments/bulk', form);
        expect(refused.statusCode).toBe(303);
        expect(refused.headers.location).toBe('/admin/comments?status=pending&done=unchosen');
      }
      expect(await statusOf(c.id)).toBe('trash');
    });
  });

  describe('replying and editing', () => {
    it('posts a staff reply, approved and marked on the page, approving a held parent too', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({ body: 'A question about the ferry.' });
      await page();
      const response = await editor.post(`/admin/comments/${id}/reply`, {
        body: 'The ferry runs until midnight.',
        queue: 'pending',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/comments?status=pending&done=replied');
      expect(await statusOf(id)).toBe('approved');
      const $ = load(await page());
      const reply = $('li.comment').filter((_, li) =>
        $(li).find('.comment-body').first().text().includes('midnight'),
      );
      expect(reply).toHaveLength(1);
      expect(reply.hasClass('comment-by-staff')).toBe(true);
      expect(reply.find('.staff-badge').first().text()).toBe('Staff');
      expect(reply.find('.comment-author').first().text()).toBe(editor.name);
      expect($.html()).toContain('A question about the ferry.');
      // A staff reply has no email, and can be edited without one.
      const replyId = Number(reply.attr('id')?.replace('comment-', ''));
      const edited = await editor.post(`/admin/comments/${replyId}/edit`, {
        author: editor.name,
        email: '',
        url: '',
        comment: 'The ferry runs until half past midnight.',
      });
      expect(edited.statusCode).toBe(303);
      expect(await page()).toContain('half past midnight');
    });

    it('refuses an empty reply, keeping the page and what else was typed', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment();
      const response = await editor.post(`/admin/comments/${id}/reply`, { body: '   ' });
      expect(response.statusCode).toBe(400);
      expect(load(response.body)('#field-body').length).toBe(1);
      expect(await statusOf(id)).toBe('pending');
      expect((await editor.post('/admin/comments/99999/reply', { body: 'Hello' })).statusCode).toBe(404);
    });

    it('edits a comment: the form shows it, and the cached article page changes', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({
        status: 'approved',
        body: 'Teh ferry is late.',
        author_name: 'Ola',
        author_email: 'ola@example.net',
      });
      expect(await page()).toContain('Teh ferry is late.');
      const form = load((await editor.get(`/admin/comments/${id}/edit`)).body);
      expect(form('label[for="field-author"]').text()).toBe('Name');
      expect(form('#field-author').val()).toBe('Ola');
      expect(form('#field-email').val()).toBe('ola@example.net');
      expect(form('#field-comment').text()).toBe('Teh ferry is late.');
      const response = await editor.post(`/admin/comments/${id}/edit`, {
        author: 'Ola N.',
        email: 'ola.n@example.net',
        url: 'https://ola.example/',
        comment: 'The ferry is late.',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/comments?status=approved&done=edited');
      const after = await page();
      expect(after).toContain('The ferry is late.');
      expect(after).not.toContain('Teh ferry');
      expect(after).toContain('Ola N.');
      expect(after).not.toContain('ola.n@example.net');
      const row = await t.database.db
        .selectFrom('comments')
        .where('id', '=', id)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ author_email: 'ola.n@example.net', author_url: 'https://ola.example/' });
    });

    it('refuses a bad edit with 400, per-field messages and the typed values', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({ body: 'Unchanged.' });
      const response = await editor.post(`/admin/comments/${id}/edit`, {
        author: 'Kept <name>',
        email: 'not-an-email',
        url: 'javascript:alert(1)',
        comment: 'Typed text that must survive.',
      });
      expect(response.statusCode).toBe(400);
      const $ = load(response.body);
      expect($('#field-author').val()).toBe('Kept <name>');
      expect($('#field-email').val()).toBe('not-an-email');
      expect($('#field-comment').text()).toBe('Typed text that must survive.');
      expect($('#error-email').text()).not.toBe('');
      expect($('#error-url').text()).not.toBe('');
      expect($('.form-errors a[href="#field-email"]')).toHaveLength(1);
      expect(response.body).not.toContain('<name>');
      const row = await t.database.db
        .selectFrom('comments')
        .where('id', '=', id)
        .select('body')
        .executeTakeFirstOrThrow();
      expect(row.body).toBe('Unchanged.');
    });

    it('never shows an email on the public page, feed or API, even after moderation', async () => {
      const editor = await signedIn(t, 'editor');
      const { id } = await comment({ author_email: 'hidden.person@example.org', body: 'Visible words.' });
      await editor.post(`/admin/comments/${id}/approve`);
      await editor.post(`/admin/comments/${id}/reply`, { body: 'Staff words.' });
      for (const url of [
        `/${article.slug}/`,
        `/${article.slug}/feed/`,
        '/comments/feed/',
        '/api/v1/articles',
      ]) {
        const body = (await t.app.inject({ url })).body;
        expect(body, url).not.toContain('hidden.person@example.org');
      }
      expect(await page()).toContain('Visible words.');
    });
  });
});
