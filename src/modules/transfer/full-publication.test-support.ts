// A publication with a row of every kind the export carries, built through the services where they
// exist and by direct writes where the newsroom's screens are what would write them (statuses past
// published, update notes, uploads, revisions).
import { TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { buildAuthor } from '../../../test/factories.ts';
import { recordAudit } from '../audit/index.ts';
import { redirects } from '../redirects/index.ts';
import { replaceSuggestions } from '../tags/index.ts';

/** What the tests need to find again in the copy. */
export interface FullPublication {
  published: { id: number; slug: string };
  editor: { email: string; password: string };
  authorSlug: string;
  tagSlug: string;
  /** A merged tag's old page, which redirects (301) to the survivor's. */
  redirect: { from: string; to: string };
  /** The draft carrying a contributor's pending tag suggestions: an HTML body, as imported, marked ready for review. */
  suggested: { id: number };
}

/** The HTML draft's source: Dateline's body elements, and a script that must never reach body_html. */
export const HTML_DRAFT_BODY =
  '<p>Notes for <strong>later</strong>.</p>' +
  '<figure class="figure"><img src="https://port.example/wall.jpg" width="800" height="600" alt="The harbour wall" loading="lazy" decoding="async"><figcaption>The wall <cite>Port Bulletin</cite></figcaption></figure>' +
  '<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/wall"><a href="https://youtu.be/wall">YouTube: https://youtu.be/wall</a></figure>' +
  '<blockquote class="pullquote"><p>It held.</p></blockquote><script>alert(1)</script>';

const origin = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };

function form(fields: { comment: string; author: string; email: string; url?: string; parent?: number }) {
  return {
    comment: fields.comment,
    author: fields.author,
    email: fields.email,
    url: fields.url ?? '',
    comment_parent: fields.parent === undefined ? '' : String(fields.parent),
    consent: false,
    honeypot: '',
  };
}

/** Fills an empty test app's database. */
export async function buildFullPublication(t: TestApp): Promise<FullPublication> {
  const { services } = t;
  const db = t.database.db;
  await services.settings.update({
    'site.title': 'The Harbour Gazette',
    'site.timezone': 'Europe/London',
    'comments.moderation_words': ['casino'],
    'comments.first_comment_held': false,
    'comments.flood_seconds': 0,
    'feeds.items': 15,
  });

  const editor = { email: 'noor@example.com', password: 'tide tables at dawn 42' };
  const { id: editorId } = await services.accounts.addUser({
    name: 'Noor Haddad',
    email: editor.email,
    role: 'editor',
    password: editor.password,
  });
  // Invited and not yet signed up: no password, and a one-time link that does not travel.
  const contributor = await services.accounts.addUser({
    name: 'Pim Vos',
    email: 'pim@example.com',
    role: 'contributor',
  });
  const editorAuthor = await db
    .selectFrom('users')
    .innerJoin('authors', 'authors.id', 'users.author_id')
    .where('users.id', '=', editorId)
    .select('authors.slug')
    .executeTakeFirstOrThrow();
  const wren = await buildAuthor(services, {
    name: 'Wren Adeyemi',
    slug: 'wren-adeyemi',
    bio: 'Wren covers the port, the ferries and the people who work there.',
    email: 'wren@example.com',
    website: 'https://wren.example/',
  });

  // A child section listed before its parent (ids are not in tree order), which import must carry.
  await services.sections.save({ name: 'Harbour desk', slug: 'harbour-desk' });
  await services.sections.save({ name: 'Local', slug: 'local', description: 'The town.' });
  await services.sections.save({ name: 'Harbour desk', slug: 'harbour-desk', parent: 'local' });
  const published = await services.articles.saveArticle({
    section: 'harbour-desk',
    title: 'Ferry timetable changes for the winter',
    slug: 'ferry-timetable-changes',
    standfirst: 'Fewer sailings from December, and none on Sunday evenings.',
    body: '## What changes\n\nThe **last sailing** leaves at 21:00.\n\n> "We had no choice," the operator said.\n\n- Monday to Friday\n- Saturday\n\nSee [the notice](https://port.example/notice).',
    authors: [wren.slug, editorAuthor.slug],
    tags: ['Ferries', 'Harbour', 'Winter'],
    // Two sources, the second without an address: a round trip keeps both, in this order.
    sources: [
      { name: 'Port Bulletin', url: 'https://bulletin.example/ferry' },
      { name: 'Harbour Radio', url: null },
    ],
    published_at: '2026-11-20T08:00:00.000Z',
    status: 'published',
    comments_close_after_days: 60,
  });
  // Written as the WordPress importer writes a pending post: HTML, waiting for review.
  const draft = await services.articles.saveArticle({
    title: 'Draft: the harbour wall survey',
    body: HTML_DRAFT_BODY,
    body_format: 'html',
    review_requested: true,
    authors: [editorAuthor.slug],
    tags: ['Harbour'],
    status: 'draft',
  });
  const scheduled = await services.articles.saveArticle({
    title: 'Lighthouse open day',
    body: 'The lighthouse opens to visitors.',
    authors: [wren.slug],
    status: 'draft',
  });
  const unpublished = await services.articles.saveArticle({
    title: 'Withdrawn: wrong ferry fares',
    body: 'The fares were wrong.',
    authors: [wren.slug, editorAuthor.slug],
    tags: ['Ferries'],
    status: 'published',
    published_at: '2026-11-18T08:00:00.000Z',
    comments_open: false,
  });
  await db
    .updateTable('articles')
    .set({ status: 'scheduled', published_at: '2026-12-01T09:00:00.000Z', created_by: editorId })
    .where('id', '=', scheduled.id)
    .execute();
  await db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', unpublished.id).execute();
  await db.updateTable('articles').set({ created_by: editorId }).where('id', '=', draft.id).execute();

  const upload = await db
    .insertInto('uploads')
    .values({
      storage_key: '2026/11/ferry-at-dawn.jpg',
      mime_type: 'image/jpeg',
      width: 1600,
      height: 900,
      variants: JSON.stringify([
        { width: 800, height: 450, key: '2026/11/ferry-at-dawn-800.jpg', mime: 'image/jpeg' },
      ]),
      user_id: editorId,
      created_at: '2026-11-19T10:00:00.000Z',
      alt: 'The ferry leaving the harbour at dawn',
      caption: 'The 06:10 sailing, the first of the day.',
      title: 'ferry-at-dawn',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('articles')
    .set({
      created_by: editorId,
      update_note: 'The Sunday evening sailing is cancelled as well.',
      update_noted_at: '2026-11-21T16:30:00.000Z',
      featured_image_id: upload.id,
      featured_image_alt: 'The ferry leaving the harbour at dawn',
    })
    .where('id', '=', published.id)
    .execute();
  for (const [kind, title] of [
    ['save', 'Ferry timetable changes'],
    ['autosave', 'Ferry timetable changes for the winter'],
  ] as const)
    await db
      .insertInto('article_revisions')
      .values({
        article_id: published.id,
        user_id: editorId,
        kind,
        snapshot: JSON.stringify({ title, body: 'The last sailing leaves at 21:00.', tags: ['Ferries'] }),
        created_at: TEST_NOW,
      })
      .execute();

  // Threaded comments in every status, with emails, websites, IP hashes and user agents.
  const post = (fields: Parameters<typeof form>[0]) =>
    services.comments.postComment({ slug: published.slug, form: form(fields), origin });
  const question = await post({
    comment: 'When does the winter timetable start?',
    author: 'Ola Nordmann',
    email: 'ola@example.net',
    url: 'https://ola.example/',
  });
  const answer = await post({
    comment: 'On the first of December, I think.',
    author: 'Femi',
    email: 'femi@example.org',
    parent: question.id,
  });
  await post({ comment: 'Win big at the casino!', author: 'Promo', email: 'promo@example.com' });
  const spam = await post({ comment: 'Cheap ferry tickets here.', author: 'Ads', email: 'ads@example.com' });
  const trashed = await post({ comment: 'Off topic, sorry.', author: 'Lee', email: 'lee@example.net' });
  await services.comments.moderate([question.id, answer.id], 'approve');
  await services.comments.moderate([spam.id], 'spam');
  await services.comments.moderate([trashed.id], 'trash');
  await services.comments.replyAsStaff({
    parentId: question.id,
    author: { slug: wren.slug },
    body: 'It starts on 1 December.',
  });
  // A reply whose id is lower than its parent's: written with the ids a moved publication could have.
  for (const [id, parent] of [
    [90_000, null],
    [80_000, 90_000],
  ] as const)
    await db
      .insertInto('comments')
      .values({
        id,
        article_id: published.id,
        parent_id: parent,
        author_name: `Reader ${id}`,
        author_email: `reader${id}@example.net`,
        author_url: null,
        body: `Comment ${id}.`,
        status: 'approved',
        ip_hash: null,
        user_agent: null,
        created_at: '2026-11-22T09:00:00.000Z',
        author_id: null,
      })
      .execute();

  // A misspelt tag merged into Ferries: its page and feed redirect (301) to the survivor's. And a
  // temporary (302) redirect, as the redirects screen (issue #14) will make.
  const ferry = await services.tags.create({ name: 'Ferry', actor: null });
  const ferries = await services.tags.findBySlug('ferries');
  await services.tags.merge({ id: ferry.id, intoId: ferries!.id, actor: null });
  await redirects.add(db, { from: '/winter-guide/', to: `/${published.slug}/`, status: 302, at: TEST_NOW });
  // A page taken down for good (410), and one sent to another site on purpose.
  await redirects.add(db, { from: '/old-poll/', to: '', status: 410, at: TEST_NOW });
  await redirects.add(db, {
    from: '/timetables/',
    to: 'https://ferries.example/timetables',
    external: true,
    at: TEST_NOW,
  });
  // Tag names a contributor typed that no tag has yet, waiting for an editor: two on the draft, and
  // one whose suggester's account is gone.
  await replaceSuggestions(db, {
    articleId: draft.id,
    tags: [
      { slug: 'sea-wall', name: 'Sea wall' },
      { slug: 'harbour-survey', name: 'Harbour survey' },
    ],
    userId: contributor.id,
    at: '2026-11-23T10:00:00.000Z',
  });
  await replaceSuggestions(db, {
    articleId: scheduled.id,
    tags: [{ slug: 'open-days', name: 'Open days' }],
    userId: null,
    at: '2026-11-23T11:00:00.000Z',
  });

  await recordAudit(db, {
    actor: { id: editorId, name: 'Noor Haddad' },
    action: 'article.publish',
    subject: `article:${published.id}`,
    detail: { slug: published.slug },
    at: TEST_NOW,
  });
  return {
    published,
    editor,
    authorSlug: wren.slug,
    tagSlug: 'ferries',
    redirect: { from: '/tag/ferry/', to: '/tag/ferries/' },
    suggested: { id: draft.id },
  };
}
