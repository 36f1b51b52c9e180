import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { feedparserMissing, parseFeed } from '../../../test/feedparser.ts';
import type { ErrorBody } from '../../../test/json.ts';

let ipCounter = 0;
/** A new reader address each call, so that the flood rule only bites where a test wants it to. */
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe.each(DIALECTS)('comment rules on %s', (dialect) => {
  let t: TestApp;
  let slug: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const article = await buildArticle(t.services, {
      title: 'Harbour <meeting> tonight',
      published_at: '2026-11-20T08:00:00.000Z',
    });
    slug = article.slug;
    // One reader email posts many times here; the flood test turns the window back on.
    await t.services.settings.update({ 'comments.flood_seconds': 0 });
  });

  interface PostOptions {
    ip?: string;
    headers?: Record<string, string>;
    json?: boolean;
    to?: string;
  }
  const post = (fields: Record<string, string>, options: PostOptions = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/${options.to ?? slug}/comments`,
      remoteAddress: options.ip ?? freshIp(),
      headers: options.json
        ? { accept: 'application/json', 'content-type': 'application/json', ...options.headers }
        : { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      payload: options.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
  const reader = (over: Record<string, string> = {}) => ({
    comment: `Words ${Math.random()}`,
    author: 'Ola',
    email: 'ola@example.net',
    ...over,
  });
  const statusOf = async (id: number) =>
    (
      await t.database.db
        .selectFrom('comments')
        .where('id', '=', id)
        .select('status')
        .executeTakeFirstOrThrow()
    ).status;
  const idFrom = (location: string | undefined) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);
  const settings = (values: Record<string, unknown>) => t.services.settings.update(values);

  describe('the status rules', () => {
    it('holds a first comment, then approves that name and email once one is approved', async () => {
      const first = await post(reader());
      const firstId = idFrom(first.headers.location);
      expect(await statusOf(firstId)).toBe('pending');
      const second = await post(reader());
      expect(await statusOf(idFrom(second.headers.location))).toBe('pending');

      await t.services.comments.moderate([firstId], 'approve');
      const third = await post(reader());
      expect(third.headers.location).toMatch(/^\/[\w-]+\/#comment-\d+$/);
      expect(await statusOf(idFrom(third.headers.location))).toBe('approved');
      // The same email under another name is a new commenter.
      const other = await post(reader({ author: 'Somebody Else' }));
      expect(await statusOf(idFrom(other.headers.location))).toBe('pending');
    });

    it('approves at once when first comments are not held', async () => {
      await settings({ 'comments.first_comment_held': false });
      const response = await post(reader());
      expect(await statusOf(idFrom(response.headers.location))).toBe('approved');
    });

    it('holds a comment with more links than the setting allows', async () => {
      await settings({ 'comments.first_comment_held': false, 'comments.max_links': 2 });
      const two = await post(reader({ comment: 'See https://a.example/ and https://b.example/' }));
      expect(await statusOf(idFrom(two.headers.location))).toBe('approved');
      const three = await post(
        reader({ comment: 'See https://a.example/ https://b.example/ and www.example.com' }),
      );
      expect(await statusOf(idFrom(three.headers.location))).toBe('pending');
    });

    it('holds a comment with a word from the moderation list, in any field, in any case', async () => {
      await settings({ 'comments.first_comment_held': false, 'comments.moderation_words': 'lottery, prize' });
      expect(
        await statusOf(idFrom((await post(reader({ comment: 'You won the LOTTERY' }))).headers.location)),
      ).toBe('pending');
      expect(await statusOf(idFrom((await post(reader({ author: 'Prize Giver' }))).headers.location))).toBe(
        'pending',
      );
      expect(
        await statusOf(idFrom((await post(reader({ comment: 'A calm remark' }))).headers.location)),
      ).toBe('approved');
    });

    it('marks as spam a comment with a blocked word, and the sender cannot tell', async () => {
      await settings({ 'comments.first_comment_held': false, 'comments.block_words': ['casino'] });
      const spam = await post(reader({ comment: 'Best Casino offers' }));
      const held = await post(reader({ comment: 'Fine', author: 'New', email: 'new@example.net' }));
      await settings({ 'comments.first_comment_held': true });
      const pending = await post(
        reader({ comment: 'Also fine', author: 'Newer', email: 'newer@example.net' }),
      );
      expect(spam.statusCode).toBe(303);
      expect(await statusOf(idFrom(spam.headers.location))).toBe('spam');
      expect(await statusOf(idFrom(held.headers.location))).toBe('approved');
      // A spam comment's redirect has the same shape as a held one's.
      const shape = (l: string | undefined) =>
        (l ?? '').replace(/\d+/g, 'N').replace(/hash=[\w-]+/, 'hash=H');
      expect(shape(spam.headers.location)).toBe(shape(pending.headers.location));
    });

    it('marks as spam a comment whose honeypot is filled', async () => {
      await settings({ 'comments.first_comment_held': false });
      const response = await post({ ...reader(), homepage_url: 'http://bot.example/' });
      expect(response.statusCode).toBe(303);
      expect(await statusOf(idFrom(response.headers.location))).toBe('spam');
    });

    it('refuses a duplicate with 409 and a message beside the form, keeping the text', async () => {
      const fields = reader({ comment: 'Exactly this.' });
      await post(fields);
      const again = await post({ ...fields, email: 'OLA@example.net' });
      expect(again.statusCode).toBe(409);
      const $ = load(again.body);
      expect($('.form-error').text()).toContain('Duplicate comment');
      expect($('#comment').text()).toBe('Exactly this.');
      const json = await post(fields, { json: true });
      expect(json.statusCode).toBe(409);
      expect(json.json<ErrorBody>().error.code).toBe('COMMENT_DUPLICATE');
      // The same words on another article are not a duplicate.
      const other = await buildArticle(t.services);
      expect((await post(fields, { to: other.slug })).statusCode).toBe(303);
    });

    it('refuses a second comment from the same IP or email within the flood window with 429', async () => {
      await settings({ 'comments.flood_seconds': 15 });
      const ip = '192.0.2.10';
      expect((await post(reader(), { ip })).statusCode).toBe(303);
      const sameIp = await post(reader({ email: 'other@example.net', author: 'Other' }), { ip });
      expect(sameIp.statusCode).toBe(429);
      expect(load(sameIp.body)('.form-error').text()).toContain('too quickly');
      expect(load(sameIp.body)('#author').val()).toBe('Other');
      const sameEmail = await post(reader(), { ip: '192.0.2.11' });
      expect(sameEmail.statusCode).toBe(429);
      expect((await post(reader(), { ip, json: true })).json<ErrorBody>().error.code).toBe('COMMENT_FLOOD');
      t.clock.advance(16_000);
      expect((await post(reader(), { ip })).statusCode).toBe(303);
      await settings({ 'comments.flood_seconds': 0 });
      expect((await post(reader(), { ip })).statusCode).toBe(303);
    });

    it('stores one of ten identical posts sent at the same moment', async () => {
      await settings({ 'comments.flood_seconds': 15 });
      const fields = reader({ comment: 'Sent twice by a double click.' });
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(fields, { ip: '192.0.2.50' })));
      expect(answers.filter((a) => a.statusCode === 303)).toHaveLength(1);
      expect(answers.every((a) => [303, 409, 429].includes(a.statusCode))).toBe(true);
      const rows = await t.database.db
        .selectFrom('comments')
        .where('body', '=', fields.comment)
        .select('id')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('closes comments N days after publication, site-wide and per article', async () => {
      t.clock.set('2026-11-26T12:00:00.000Z');
      await settings({ 'comments.close_after_days': 5 });
      const closed = await post(reader());
      expect(closed.statusCode).toBe(403);
      expect(load(closed.body)('.form-error').text()).toContain('closed');
      const page = load((await t.app.inject(`/${slug}/`)).body);
      expect(page('form.comment-form').length).toBe(0);
      expect(page('#respond').text()).toContain('Comments are closed.');

      await settings({ 'comments.close_after_days': 7 });
      expect((await post(reader())).statusCode).toBe(303);

      const shortLived = await buildArticle(t.services, {
        published_at: '2026-11-25T12:00:00.000Z',
        comments_close_after_days: 1,
      });
      expect((await post(reader(), { to: shortLived.slug })).statusCode).toBe(403);
      const shut = await buildArticle(t.services, { comments_open: false });
      expect((await post(reader(), { to: shut.slug })).statusCode).toBe(403);
      const json = await post(reader(), { to: shut.slug, json: true });
      expect(json.json<ErrorBody>().error.code).toBe('COMMENT_CLOSED');
    });
  });

  describe('cross-site posts', () => {
    it.each([
      [{ origin: 'https://evil.example' }, 403],
      [{ origin: 'null' }, 403],
      [{ 'sec-fetch-site': 'cross-site' }, 403],
      [{ 'sec-fetch-site': 'same-site' }, 403],
      [{ origin: TEST_PUBLIC_URL, 'sec-fetch-site': 'same-origin' }, 303],
      [{ origin: 'http://localhost:80' }, 303],
      [{}, 303],
    ])('answers %o with %i', async (headers, status) => {
      const response = await post(reader(), { headers });
      expect(response.statusCode).toBe(status);
      if (status === 403) {
        expect(await t.database.db.selectFrom('comments').select('id').execute()).toHaveLength(0);
      }
    });
  });

  describe('after posting', () => {
    it('shows a held comment only through a fresh, untampered signed link', async () => {
      const response = await post(reader({ comment: 'Held words here.' }));
      const location = response.headers.location ?? '';
      const url = new URL(location, 'http://x');
      const view = async (path: string) => load((await t.app.inject(path)).body)('#comments').text();
      expect(await view(url.pathname + url.search)).toContain('Held words here.');
      const tampered = new URL(url);
      tampered.searchParams.set('moderation-hash', 'A'.repeat(43));
      expect(await view(tampered.pathname + tampered.search)).not.toContain('Held words here.');
      const otherId = new URL(url);
      otherId.searchParams.set('unapproved', String(Number(url.searchParams.get('unapproved')) + 1));
      expect(await view(otherId.pathname + otherId.search)).not.toContain('Held words here.');
      t.clock.advance(11 * 60 * 1000);
      expect(await view(url.pathname + url.search)).not.toContain('Held words here.');
    });

    it('sets the form cookies only with consent, and clears them without', async () => {
      const withConsent = await post({
        ...reader({ url: 'https://ola.example/' }),
        'wp-comment-cookies-consent': 'yes',
      });
      const cookies = withConsent.cookies;
      expect(cookies.map((c) => c.name).sort()).toEqual([
        'dateline_comment_author',
        'dateline_comment_author_email',
        'dateline_comment_author_url',
      ]);
      for (const cookie of cookies) {
        expect(cookie.maxAge).toBe(30_000_000);
        expect(cookie.sameSite).toBe('Lax');
        expect(cookie.path).toBe('/');
      }
      expect(cookies.find((c) => c.name === 'dateline_comment_author_email')?.value).toBe('ola@example.net');
      const without = await post(reader());
      expect(without.cookies.length).toBe(3);
      for (const cookie of without.cookies) expect(cookie.value).toBe('');
      for (const cookie of without.cookies) expect(cookie.expires?.getTime()).toBeLessThan(Date.now());
      const failed = await post({ ...reader({ comment: '' }), 'wp-comment-cookies-consent': 'yes' });
      expect(failed.cookies).toHaveLength(0);
      expect(load(failed.body)('#wp-comment-cookies-consent').attr('checked')).toBeDefined();
    });
  });

  describe('display', () => {
    it('threads replies oldest first, to the depth the setting allows, with reply links', async () => {
      await settings({
        'comments.first_comment_held': false,
        'comments.flood_seconds': 0,
        'comments.max_depth': 2,
      });
      const top = idFrom((await post(reader({ comment: 'Level one' }))).headers.location);
      t.clock.advance(1000);
      const second = idFrom(
        (await post(reader({ comment: 'Level two', comment_parent: String(top) }))).headers.location,
      );
      t.clock.advance(1000);
      const third = idFrom(
        (await post(reader({ comment: 'Level three', comment_parent: String(second) }))).headers.location,
      );
      t.clock.advance(1000);
      const later = idFrom((await post(reader({ comment: 'Second top-level' }))).headers.location);
      const $ = load((await t.app.inject(`/${slug}/`)).body);
      expect(
        $('.comment-list > li')
          .map((_i, el) => $(el).attr('id'))
          .get(),
      ).toEqual([`comment-${top}`, `comment-${later}`]);
      expect($(`#comment-${top} > ol > #comment-${second}`).length).toBe(1);
      // Past the deepest level, replies are drawn at that level, and it offers no Reply link.
      expect($(`#comment-${top} > ol > #comment-${third}`).length).toBe(1);
      expect($(`#comment-${top} .reply a`).first().attr('href')).toBe(`/${slug}/?replytocom=${top}#respond`);
      expect($(`#comment-${second} > article .reply`).length).toBe(0);
      expect($('#comments-title').text()).toBe('4 Comments');
    });

    it('offers a reply form without script through ?replytocom', async () => {
      await settings({ 'comments.first_comment_held': false });
      const top = idFrom((await post(reader({ author: 'Greta' }))).headers.location);
      const $ = load((await t.app.inject(`/${slug}/?replytocom=${top}`)).body);
      expect($('#reply-title').text()).toContain('Leave a Reply to Greta');
      expect($('#reply-title a').attr('href')).toBe(`/${slug}/#respond`);
      expect($('input[name="comment_parent"]').val()).toBe(String(top));
      expect(load((await t.app.inject(`/${slug}/?replytocom=999999`)).body)('#reply-title').text()).toBe(
        'Leave a Reply',
      );
    });

    it('makes a reply to a held or foreign comment top-level', async () => {
      await settings({ 'comments.flood_seconds': 0 });
      const held = idFrom(
        (await post(reader({ author: 'First', email: 'first@example.net' }))).headers.location,
      );
      const reply = idFrom((await post(reader({ comment_parent: String(held) }))).headers.location);
      const row = await t.database.db
        .selectFrom('comments')
        .where('id', '=', reply)
        .select('parent_id')
        .executeTakeFirstOrThrow();
      expect(row.parent_id).toBeNull();
    });

    it('marks a reply by one of the article’s authors', async () => {
      const author = await buildAuthor(t.services, { name: 'Kaito Mori', slug: 'kaito-mori' });
      const article = await buildArticle(t.services, { authors: ['kaito-mori'] });
      await settings({ 'comments.first_comment_held': false });
      const top = idFrom((await post(reader(), { to: article.slug })).headers.location);
      const reply = await t.services.comments.replyAsStaff({
        parentId: top,
        author: { slug: author.slug },
        body: 'Thanks, fixed.',
      });
      const $ = load((await t.app.inject(`/${article.slug}/`)).body);
      expect($(`#comment-${reply.id}`).hasClass('comment-by-author')).toBe(true);
      expect($(`#comment-${reply.id} .staff-badge`).text()).toBe('Author');
      expect($(`#comment-${top}`).hasClass('comment-by-author')).toBe(false);
    });

    it('renders text as paragraphs with nofollow ugc autolinks, and counts comments in lists', async () => {
      await settings({ 'comments.first_comment_held': false });
      await post(
        reader({ comment: 'First para https://news.example/x\n\nSecond <b>para</b> javascript:alert(1)' }),
      );
      const $ = load((await t.app.inject(`/${slug}/`)).body);
      const body = $('.comment-body');
      expect(body.find('p').length).toBe(2);
      expect(body.find('a').attr('href')).toBe('https://news.example/x');
      expect(body.find('a').attr('rel')).toBe('nofollow ugc');
      expect(body.find('a').length).toBe(1);
      expect(body.find('b').length).toBe(0);
      expect(body.text()).toContain('<b>para</b>');
      const front = load((await t.app.inject('/')).body);
      expect(front(`a[href="/${slug}/#comments"]`).text()).toBe('1 comment');
    });
  });

  describe('moderation shows at once', () => {
    it('approve, spam, trash and restore change the page immediately', async () => {
      const id = idFrom((await post(reader({ comment: 'Moderate me.' }))).headers.location);
      const visible = async () => (await t.app.inject(`/${slug}/`)).body.includes('Moderate me.');
      expect(await visible()).toBe(false);
      expect(await t.services.comments.moderate([id], 'approve')).toEqual([id]);
      expect(await visible()).toBe(true);
      await t.services.comments.moderate([id], 'spam');
      expect(await visible()).toBe(false);
      // As WordPress does, Restore puts a comment back where it was: this one was approved.
      await t.services.comments.moderate([id], 'restore');
      expect(await statusOf(id)).toBe('approved');
      expect(await visible()).toBe(true);
      await t.services.comments.moderate([id], 'trash');
      expect(await statusOf(id)).toBe('trash');
      expect(await visible()).toBe(false);
    });

    it('erases a person’s personal data from every comment', async () => {
      await settings({ 'comments.first_comment_held': false, 'comments.flood_seconds': 0 });
      await post(reader({ author: 'Erin', email: 'erin@example.net', url: 'https://erin.example/' }));
      await post(reader({ author: 'Erin', email: 'erin@example.net' }));
      await post(reader({ author: 'Kept', email: 'kept@example.net' }));
      expect(await t.services.comments.eraseByEmail('ERIN@example.net')).toBe(2);
      const rows = await t.database.db.selectFrom('comments').selectAll().orderBy('id').execute();
      expect(rows.filter((r) => r.author_name === 'Anonymous')).toHaveLength(2);
      for (const row of rows.filter((r) => r.author_name === 'Anonymous')) {
        expect(row).toMatchObject({ author_email: '', author_url: null, ip_hash: null, user_agent: null });
      }
      expect(JSON.stringify(rows)).not.toContain('erin');
      expect((await t.app.inject(`/${slug}/`)).body).not.toContain('Erin');
    });
  });

  describe.skipIf(feedparserMissing() !== undefined && !process.env.CI)('comment feeds', () => {
    it('lists the newest approved comments, site-wide and per article, and never an email', async () => {
      await settings({ 'comments.first_comment_held': false, 'comments.flood_seconds': 0 });
      await post(reader({ author: 'Pia <b>', email: 'pia@example.net', comment: 'Feed me & <watch> this' }));
      t.clock.advance(1000);
      await post(reader({ author: 'Quinn', email: 'quinn@example.net', comment: 'Second words' }));
      await post(reader({ author: 'Held', email: 'held@example.net', comment: 'Held words' }));
      await settings({ 'comments.first_comment_held': true });
      await post(reader({ author: 'Newcomer', email: 'newcomer@example.net', comment: 'Waiting words' }));

      const site = await t.app.inject('/comments/feed/');
      expect(site.statusCode).toBe(200);
      expect(site.headers['content-type']).toContain('application/rss+xml');
      expect(site.body).not.toMatch(/@example\.net/);
      const parsed = parseFeed(site.body);
      expect(parsed.bozo).toBe(false);
      expect(parsed.version).toBe('rss20');
      expect(parsed.entries.map((e) => e.title)).toEqual([
        'Comment on Harbour <meeting> tonight by Held',
        'Comment on Harbour <meeting> tonight by Quinn',
        'Comment on Harbour <meeting> tonight by Pia <b>',
      ]);
      const pia = parsed.entries[2];
      expect(pia?.link).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/${slug}/#comment-\\d+$`));
      expect(pia?.author).toBe('Pia <b>');
      expect(pia?.content[0]).toContain('Feed me &amp; &lt;watch&gt; this');
      expect(new Date(pia?.published ?? '').toISOString()).toBe('2026-11-26T12:00:00.000Z');

      const one = parseFeed((await t.app.inject(`/${slug}/feed/`)).body);
      expect(one.bozo).toBe(false);
      expect(one.entries.map((e) => e.title)).toEqual(['By: Held', 'By: Quinn', 'By: Pia <b>']);
      expect((await t.app.inject('/no-such-story/feed/')).statusCode).toBe(404);
    });
  });
});
