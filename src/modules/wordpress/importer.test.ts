// The move-in from WordPress, end to end on both databases: an export written for these tests is
// imported, and the site is then read as a reader would (pages, feeds, sitemap, search, API) and as
// the newsroom would (the tables).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildWxr, SITE, type ExportSpec, type PostSpec } from '../../../test/build-wxr.ts';
import { WxrError } from './index.ts';

const CATEGORIES = [
  { id: 2, slug: 'news', name: 'News', description: 'What happened' },
  { id: 3, slug: 'harbour', name: 'Harbour', parent: 'news' },
  { id: 4, slug: 'ferries', name: 'Ferries', parent: 'harbour' },
  { id: 5, slug: 'sport', name: 'Sport' },
];
const TAGS = [{ id: 20, slug: 'weather', name: 'Weather' }];

/** One post of each status the importer must treat differently. */
function statusPosts(): PostSpec[] {
  return [
    {
      id: 101,
      title: 'Published story',
      slug: 'published-story',
      categories: ['harbour'],
      content: '<p>Open for all.</p>',
    },
    {
      id: 102,
      title: 'Future but past',
      slug: 'future-past',
      status: 'future',
      date: '2026-01-05 10:00:00',
      content: 'Ran already.',
    },
    {
      id: 103,
      title: 'Embargoed budget leak',
      slug: 'embargoed-budget',
      status: 'future',
      date: '2027-06-01 10:00:00',
      content: 'EMBARGO-TEXT',
    },
    { id: 104, title: 'Draft on moorings', slug: 'draft-moorings', status: 'draft', content: 'DRAFT-TEXT' },
    { id: 105, title: 'Pending piece', slug: 'pending-piece', status: 'pending', content: 'PENDING-TEXT' },
    { id: 106, title: 'Private memo', slug: 'private-memo', status: 'private', content: 'PRIVATE-TEXT' },
    { id: 107, title: 'Locked story', slug: 'locked-story', password: 'enter', content: 'PASSWORD-TEXT' },
    { id: 108, title: 'Binned piece', slug: 'binned-piece', status: 'trash', content: 'TRASH-TEXT' },
    { id: 109, title: 'Auto draft', slug: '', status: 'auto-draft', content: '' },
  ];
}

describe.each(DIALECTS)('dateline import wordpress on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-'));
    return () => fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (spec: ExportSpec, name = 'export.xml') => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, buildWxr(spec));
    return file;
  };
  const importSpec = (spec: ExportSpec, options: { uploadsDir?: string; dryRun?: boolean } = {}) =>
    t.services.wordpress.importFile({ file: write(spec), ...options });
  const db = () => t.database.db;
  const article = (slug: string) =>
    db().selectFrom('articles').where('slug', '=', slug).selectAll().executeTakeFirst();

  it('maps every status, never making a private, password, draft or trashed post public', async () => {
    const { report } = await importSpec({ categories: CATEGORIES, tags: TAGS, items: statusPosts() });
    const rows = await db()
      .selectFrom('articles')
      .select(['slug', 'status', 'published_at', 'review_requested_at'])
      .orderBy('slug')
      .execute();
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(bySlug['published-story']).toMatchObject({
      status: 'published',
      published_at: '2026-03-01T08:00:00.000Z',
    });
    expect(bySlug['future-past']).toMatchObject({
      status: 'published',
      published_at: '2026-01-05T10:00:00.000Z',
    });
    expect(bySlug['embargoed-budget']).toMatchObject({
      status: 'scheduled',
      published_at: '2027-06-01T10:00:00.000Z',
    });
    expect(bySlug['draft-moorings']).toMatchObject({
      status: 'draft',
      published_at: null,
      review_requested_at: null,
    });
    expect(bySlug['pending-piece']?.status).toBe('draft');
    expect(bySlug['pending-piece']?.review_requested_at).not.toBeNull();
    expect(bySlug['private-memo']?.status).toBe('draft');
    expect(bySlug['locked-story']?.status).toBe('draft');
    expect(bySlug['binned-piece']).toBeUndefined();
    expect(rows).toHaveLength(7);
    expect(report.written.skipped).toBe(2);
    expect(report.counts.posts).toEqual({
      publish: 1,
      future: 2,
      draft: 1,
      pending: 1,
      private: 1,
      password: 1,
      trash: 1,
      'auto-draft': 1,
    });
    expect(report.warnings.join('\n')).toMatch(/Post 107 "Locked story" is password-protected/);
    expect(report.warnings.join('\n')).toMatch(/Post 106 "Private memo" is private/);

    // Nothing private anywhere a reader, a feed reader, a crawler or the API can look.
    const secrets = [
      'EMBARGO-TEXT',
      'DRAFT-TEXT',
      'PENDING-TEXT',
      'PRIVATE-TEXT',
      'PASSWORD-TEXT',
      'TRASH-TEXT',
    ];
    const secretSlugs = [
      'embargoed-budget',
      'draft-moorings',
      'pending-piece',
      'private-memo',
      'locked-story',
      'binned-piece',
    ];
    const titles = [
      'Embargoed budget leak',
      'Draft on moorings',
      'Pending piece',
      'Private memo',
      'Locked story',
      'Binned piece',
    ];
    const sitemap = await t.app.inject('/sitemap.xml');
    const sitemapParts = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] as string).pathname,
    );
    const pages = [
      '/',
      '/feed/',
      '/feed/atom/',
      '/feed.json',
      '/section/harbour/',
      '/section/news/',
      '/author/mbrennan/',
      '/search?q=piece',
      '/search?q=memo',
      '/search?q=story',
      '/api/v1/articles',
      ...sitemapParts,
    ];
    for (const page of pages) {
      const res = await t.app.inject(page);
      for (const text of [...secrets, ...secretSlugs, ...titles])
        expect(res.body, `${page} shows ${text}`).not.toContain(text);
    }
    for (const slug of secretSlugs) {
      expect((await t.app.inject(`/${slug}/`)).statusCode, slug).toBe(404);
      // No old address leads to them either: a Location header would name them.
      expect((await t.app.inject(`/2026/03/${slug}/`)).statusCode, slug).toBe(404);
    }
    const published = await t.app.inject('/published-story/');
    expect(published.statusCode).toBe(200);
  });

  it('threads comments whatever order their ids are in, keeps pingbacks apart, and reduces comment HTML to text', async () => {
    await importSpec({
      categories: CATEGORIES,
      items: [
        {
          id: 201,
          title: 'Ferry timetable changes',
          slug: 'ferry-timetable',
          categories: ['ferries'],
          comments: [
            // The reply has a lower id than its parent, and comes first.
            {
              id: 5,
              parent: 9,
              author: 'Second reader',
              content: 'I agree with you.',
              date: '2026-03-02 10:00:00',
            },
            {
              id: 9,
              author: 'First reader',
              content: 'The 7:15 is gone?',
              email: 'first@mail.example',
              ip: '198.51.100.7',
            },
            {
              id: 11,
              parent: 5,
              author: 'Third reader',
              content: '<script>alert(1)</script><b>Bold</b> words',
            },
            { id: 12, author: 'Held reader', approved: '0', content: 'Waiting' },
            { id: 13, author: 'Binned reader', approved: 'trash', content: 'Gone' },
            { id: 14, author: 'Spammer', approved: 'spam', content: 'Buy' },
            {
              id: 15,
              author: 'Maeve Brennan',
              userId: 3,
              email: 'maeve@harbourgazette.example',
              parent: 9,
              content: 'It moves to 7:30.',
            },
            {
              id: 16,
              author: 'Other blog',
              type: 'pingback',
              url: 'https://other.example/post',
              content: 'Linked here',
            },
          ],
        },
      ],
    });
    const post = await article('ferry-timetable');
    const comments = await db()
      .selectFrom('comments')
      .where('article_id', '=', post!.id)
      .selectAll()
      .orderBy('id')
      .execute();
    const byName = Object.fromEntries(comments.map((c) => [c.author_name, c]));
    expect(comments).toHaveLength(7);
    expect(byName['Second reader']?.parent_id).toBe(byName['First reader']?.id);
    expect(byName['Third reader']?.parent_id).toBe(byName['Second reader']?.id);
    expect(byName['First reader']?.parent_id).toBeNull();
    expect(byName['Held reader']?.status).toBe('pending');
    expect(byName['Binned reader']?.status).toBe('trash');
    expect(byName['Spammer']?.status).toBe('spam');
    expect(byName['Maeve Brennan']).toMatchObject({ author_email: '', status: 'approved' });
    expect(byName['Maeve Brennan']?.author_id).not.toBeNull();
    expect(byName['Third reader']?.body).toBe('<script>alert(1)</script>Bold words');
    // IPs are stored as Dateline stores them: a salted hash, never the address.
    expect(byName['First reader']?.ip_hash).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(JSON.stringify(comments)).not.toContain('198.51.100.7');
    expect(comments.some((c) => c.author_name === 'Other blog')).toBe(false);

    const page = await t.app.inject('/ferry-timetable/');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('first@mail.example');
    expect(page.body).not.toContain('Linked here');
    expect(page.body).toContain('It moves to 7:30.');
  });

  it('converts classic and block bodies, with pictures from the uploads folder and a report of what it could not', async () => {
    const uploads = path.join(dir, 'uploads');
    fs.mkdirSync(path.join(uploads, '2026/03'), { recursive: true });
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    fs.writeFileSync(path.join(uploads, '2026/03/crane.jpg'), png);
    const { report } = await importSpec(
      {
        categories: CATEGORIES,
        items: [
          {
            id: 300,
            type: 'attachment',
            title: 'The new crane',
            slug: 'crane',
            parent: 301,
            attachmentUrl: `${SITE}/wp-content/uploads/2026/03/crane.jpg`,
            excerpt: 'The crane at dawn',
            meta: {
              _wp_attached_file: '2026/03/crane.jpg',
              _wp_attachment_image_alt: 'A blue crane over the quay',
            },
          },
          {
            id: 302,
            type: 'attachment',
            title: 'Lost photo',
            slug: 'lost',
            parent: 301,
            attachmentUrl: `${SITE}/wp-content/uploads/2026/03/lost.jpg`,
            meta: { _wp_attached_file: '2026/03/lost.jpg' },
          },
          {
            id: 301,
            title: 'Crane arrives at the quay',
            slug: 'crane-arrives',
            categories: ['harbour'],
            excerpt: 'A crane,  exactly as written.',
            meta: { _thumbnail_id: '300', _wp_old_slug: ['crane-due', 'crane-late'] },
            content: [
              'The crane came in on the morning tide.',
              '',
              '<!--more-->',
              '',
              `[caption id="attachment_300" align="alignnone" width="300"]<img src="${SITE}/wp-content/uploads/2026/03/crane-300x200.jpg" alt="" width="300" height="200" class="size-medium wp-image-300" /> The crane at dawn[/caption]`,
              '',
              '[pullquote]Not handled here[/pullquote]',
              '',
              'https://www.youtube.com/watch?v=abc123DEF45',
              '',
              `<img src="/wp-content/uploads/2026/03/lost.jpg" alt="lost">`,
              '',
              'Original Source: <a href="https://portnews.example/crane">Port News</a>',
            ].join('\n'),
          },
          {
            id: 303,
            title: 'Block story',
            slug: 'block-story',
            categories: ['sport'],
            content: [
              '<!-- wp:paragraph --><p>First block paragraph.</p><!-- /wp:paragraph -->',
              `<!-- wp:image {"id":300,"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="${SITE}/wp-content/uploads/2026/03/crane-1024x683.jpg" alt="" class="wp-image-300"/><figcaption>Block caption</figcaption></figure><!-- /wp:image -->`,
              '<!-- wp:gallery {"ids":[300]} --><figure class="wp-block-gallery"><ul><li><img src="x.jpg" data-id="300"></li></ul></figure><!-- /wp:gallery -->',
              '<!-- wp:harbour/tide-table {"port":"north"} /-->',
              '[gallery ids="300"]',
              '[embed]https://vimeo.com/123456[/embed]',
            ].join('\n\n'),
          },
        ],
      },
      { uploadsDir: uploads },
    );
    const crane = await article('crane-arrives');
    expect(crane?.body_format).toBe('html');
    expect(crane?.standfirst).toBe('A crane,  exactly as written.');
    const craneSources = await t.database.db
      .selectFrom('article_sources')
      .where('article_id', '=', crane!.id)
      .select(['position', 'name', 'url'])
      .execute();
    expect(craneSources).toEqual([{ position: 0, name: 'Port News', url: 'https://portnews.example/crane' }]);
    expect(crane?.body_html).not.toContain('Original Source');
    expect(crane?.body_html).toContain('<figure class="figure"');
    expect(crane?.body_html).toMatch(/srcset="\/uploads\/[^"]+ 240w/);
    expect(crane?.body_html).toContain('The crane at dawn');
    expect(crane?.body_html).toContain('[pullquote]Not handled here[/pullquote]');
    expect(crane?.body_html).toContain('data-provider="YouTube"');
    expect(crane?.body_html).not.toContain('wp-content/uploads/2026/03/crane');
    // The raw body is kept beside the converted one, so a later converter can run again.
    const raw = await db()
      .selectFrom('import_items')
      .where('wp_key', '=', 'post:301')
      .select('raw')
      .executeTakeFirst();
    expect(raw?.raw).toContain('[caption id="attachment_300"');
    // The featured image and its texts came across.
    const upload = await db().selectFrom('uploads').selectAll().executeTakeFirstOrThrow();
    expect(crane?.featured_image_id).toBe(upload.id);
    expect(upload).toMatchObject({
      alt: 'A blue crane over the quay',
      caption: 'The crane at dawn',
      title: 'The new crane',
      width: 1200,
    });

    const block = await article('block-story');
    expect(block?.body_html).toContain('First block paragraph.');
    expect(block?.body_html).toContain('<figure class="gallery"');
    expect(block?.body_html).toContain('data-provider="Vimeo"');
    expect(block?.body_html).not.toContain('wp:');

    expect(report.unknownShortcodes).toEqual([{ name: 'pullquote', posts: [301] }]);
    expect(report.unknownBlocks).toEqual([{ name: 'harbour/tide-table', posts: [303] }]);
    expect(report.missingMedia.map((m) => m.file)).toEqual(expect.arrayContaining(['2026/03/lost.jpg']));
    expect(report.missingMedia.find((m) => m.file === '2026/03/lost.jpg')).toMatchObject({
      attachment: 302,
      posts: [301],
    });

    // Every old address answers 301 to the new one.
    const expectMove = async (from: string, to: string) => {
      const res = await t.app.inject(from);
      expect(res.statusCode, from).toBe(301);
      expect(new URL(res.headers.location as string, 'http://x').pathname, from).toBe(to);
    };
    await expectMove('/2026/03/crane-arrives/', '/crane-arrives/');
    await expectMove('/2026/03/crane-arrives/feed/', '/crane-arrives/feed/');
    await expectMove('/2026/03/crane-due/', '/crane-arrives/');
    await expectMove('/2026/03/crane-late/', '/crane-arrives/');
    await expectMove('/category/news/harbour/', '/section/harbour/');
    await expectMove('/category/news/harbour/feed/', '/section/harbour/feed/');
    await expectMove('/category/news/harbour/ferries/', '/section/ferries/');
    const redirects = (await t.services.redirects.list()).map((r) => r.from_path);
    expect(redirects).toContain('/?p=301');
    expect(redirects).toContain('/?cat=3');
    expect(redirects).toContain('/?author=3');

    // Sections keep their hierarchy, one level deep: Ferries (a grandchild) hangs from News.
    const sections = await db()
      .selectFrom('sections')
      .select(['slug', 'parent_id', 'id', 'description'])
      .execute();
    const sectionBy = Object.fromEntries(sections.map((s) => [s.slug, s]));
    expect(sectionBy['harbour']?.parent_id).toBe(sectionBy['news']?.id);
    expect(sectionBy['ferries']?.parent_id).toBe(sectionBy['news']?.id);
    expect(sectionBy['news']).toMatchObject({ parent_id: null, description: 'What happened' });
  });

  it('updates rather than duplicates when run again, and a dry run writes nothing', async () => {
    const spec: ExportSpec = { categories: CATEGORIES, tags: TAGS, items: statusPosts() };
    const dry = await importSpec(spec, { dryRun: true });
    expect(dry.report.dryRun).toBe(true);
    expect(await db().selectFrom('articles').select('id').execute()).toHaveLength(0);
    expect(await db().selectFrom('authors').select('id').execute()).toHaveLength(0);
    expect(await db().selectFrom('import_items').select('wp_key').execute()).toHaveLength(0);

    const first = await importSpec(spec);
    expect(first.report.counts).toEqual(dry.report.counts);
    const count = async (table: 'articles' | 'comments' | 'authors' | 'sections' | 'tags' | 'redirects') =>
      (await db().selectFrom(table).select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await Promise.all(
      (['articles', 'authors', 'sections', 'tags', 'redirects'] as const).map(count),
    );
    // The newsroom edited the story's title in WordPress and exported again.
    const edited = statusPosts().map((p) =>
      p.id === 101 ? { ...p, title: 'Published story, corrected' } : p,
    );
    const second = await importSpec({ ...spec, items: edited });
    expect(second.report.written.created).toBe(0);
    expect(second.report.written.updated).toBe(first.report.written.created);
    expect(
      await Promise.all((['articles', 'authors', 'sections', 'tags', 'redirects'] as const).map(count)),
    ).toEqual(before);
    expect((await article('published-story'))?.title).toBe('Published story, corrected');
  });

  it('finishes a run that was killed halfway when run again, with nothing half-written or doubled', async () => {
    const items: PostSpec[] = Array.from({ length: 60 }, (_, i) => ({
      id: 1000 + i,
      title: `Tide report ${i}`,
      slug: `tide-report-${i}`,
      categories: ['news'],
      comments: [{ id: 5000 + i, content: `Comment ${i}` }],
    }));
    const file = write({ categories: CATEGORIES, items });
    // The process dies after fifty items: the progress callback throws, as a kill would stop it.
    await expect(
      t.services.wordpress.importFile({
        file,
        onProgress: (p) => {
          if (p.phase === 'write' && p.items >= 50) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const halfway = await db().selectFrom('articles').select('id').execute();
    expect(halfway.length).toBeGreaterThan(0);
    expect(halfway.length).toBeLessThan(60);
    // Each item written is whole: its comment came with it.
    const comments = await db().selectFrom('comments').select('id').execute();
    expect(comments).toHaveLength(halfway.length);
    const { report } = await t.services.wordpress.importFile({ file });
    expect(report.written.created).toBe(60 - halfway.length);
    expect(await db().selectFrom('articles').select('id').execute()).toHaveLength(60);
    expect(await db().selectFrom('comments').select('id').execute()).toHaveLength(60);
  });

  it('names the line of a broken export, and an export that stopped halfway writes only whole items', async () => {
    const bad = path.join(dir, 'bad.xml');
    fs.writeFileSync(bad, '<?xml version="1.0"?>\n<html>\n<body>not an export</body></html>\n');
    await expect(t.services.wordpress.importFile({ file: bad })).rejects.toBeInstanceOf(WxrError);
    await expect(t.services.wordpress.importFile({ file: bad })).rejects.toThrow(/line \d+/);
    const whole = buildWxr({ categories: CATEGORIES, items: statusPosts().slice(0, 2) });
    const truncated = path.join(dir, 'truncated.xml');
    fs.writeFileSync(truncated, whole.slice(0, whole.lastIndexOf('<item>') + 200));
    await expect(t.services.wordpress.importFile({ file: truncated })).rejects.toThrow(
      /ends early|truncated/,
    );
    // The scan found the export broken before anything was written.
    expect(await db().selectFrom('articles').select('id').execute()).toHaveLength(0);
  });

  it('reads a gzipped WXR 1.0 export with Latin-1 declared over UTF-8 text', async () => {
    const xml = buildWxr({
      version: '1.0',
      categories: CATEGORIES,
      items: [
        { id: 401, title: 'Café on the quay', slug: 'cafe-quay', content: 'Crème brûlée and ]]> in CDATA.' },
      ],
    }).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const file = path.join(dir, 'export.xml.gz');
    fs.writeFileSync(file, gzipSync(Buffer.from(xml, 'utf8')));
    await t.services.wordpress.importFile({ file });
    const row = await article('cafe-quay');
    expect(row?.title).toBe('Café on the quay');
    expect(row?.body_html).toContain('Crème brûlée and ]]&gt; in CDATA.');
  });
});
