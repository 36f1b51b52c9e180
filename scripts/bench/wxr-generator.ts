// A made-up WordPress export (WXR 1.2) of The Harbour Gazette, a fictional paper, for the import benchmark
// (`npm run bench -- --import`) and for tests that need an export of a given size. Everything in it is
// generated here from a seeded PRNG: names, titles, bodies, comments. Nothing is copied from a real site.
//
// What it holds, as a WordPress 6 export would: the channel with its authors, categories (nested, one of
// them two levels deep) and tags; three standing pages; the posts, each followed by its picture (an
// attachment, one per few posts, with a higher id than its post, as WordPress gives it); and the posts'
// comments. Bodies are classic (paragraphs separated by blank lines, `[caption]` shortcodes, links to old
// `/?p=123` addresses) or Gutenberg blocks (paragraphs, headings, lists, quotes, a `wp:image` block, now and
// then a `wp:code` block whose text holds `]]>`, which the CDATA has to split). Comments are threaded: about
// a third are replies, and some replies have a lower id than their parent (comments merged from another
// site), so a reader of the export meets a reply before its parent.
//
// The export is written as it is generated, a quarter of a megabyte at a time, and waits for the disk: the
// whole file is never in memory, whatever its size. What is kept is a few bytes per post (its id and
// comment count) and the slugs already taken.
import fs from 'node:fs';
import { once } from 'node:events';
import { seededRandom as prng } from '../../test/seeded-random.ts';
import { CONTENT_WORDS, FIRST_NAMES, FUNCTION_WORDS, LAST_NAMES } from './words.ts';

/** What to generate. */
export interface WxrExportSpec {
  /** Posts (post_type post), of every status. */
  posts: number;
  /** Reader comments in all, spread unevenly over the published posts. */
  comments: number;
  /** Authors (20). */
  authors?: number;
  /** Tags (600). */
  tags?: number;
  /** One post in this many has a picture: an attachment item, a `[caption]` or `wp:image` in its body (4). */
  pictureEvery?: number;
  /** Mean sentences per post body (12): the full benchmark's export, 40,000 posts and 120,000 comments, is then about 250 MB. */
  sentencesPerPost?: number;
  /** The PRNG's seed (1): the same spec always gives the same bytes. */
  seed?: number;
}

/** What was written: what a reader of the export should find. */
export interface WxrExportSummary {
  bytes: number;
  authors: number;
  categories: number;
  tags: number;
  /** Items by post type. */
  posts: number;
  pages: number;
  attachments: number;
  /** Posts by status (publish, draft, pending, private, future). */
  postStatuses: Record<string, number>;
  /** Posts whose body is Gutenberg blocks; the rest are classic. */
  gutenbergPosts: number;
  comments: number;
  /** Comments by wp:comment_approved ('1', '0', 'trash'). */
  commentStatuses: Record<string, number>;
  /** Comments with a parent. */
  replies: number;
  /** Replies whose id is lower than their parent's, written before it. */
  repliesBeforeParent: number;
  /** Posts with an `_wp_old_slug`: addresses the import must redirect. */
  oldSlugs: number;
}

export const SITE_URL = 'https://harbourgazette.example';

// ---------------------------------------------------------------------------------------------------------
// Random numbers

type Rng = () => number;

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
/** An index in 0..n-1, the low ones far more often: a few authors and tags carry most posts. */
const skewed = (rng: Rng, n: number, power = 2.2) => Math.min(n - 1, Math.floor(n * Math.pow(rng(), power)));

// ---------------------------------------------------------------------------------------------------------
// Text

/** Text inside CDATA, with `]]>` split across two sections as WordPress writes it. */
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Local colour the word lists lack: accents, curly quotes, an ampersand, a dash. */
const PLACES = [
  'Quay Street',
  'Ó Briain’s Yard',
  'the Café Mara',
  'Lighthouse Point',
  'Kelp & Co.',
  'Ardmore',
];

function sentence(rng: Rng): string {
  const length = int(rng, 7, 19);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1)
    words.push(rng() < 0.45 ? pick(rng, FUNCTION_WORDS) : pick(rng, CONTENT_WORDS));
  if (rng() < 0.12) words.splice(int(rng, 1, words.length - 1), 0, 'at', pick(rng, PLACES));
  if (rng() < 0.06) words.push('—', `“${pick(rng, CONTENT_WORDS)} ${pick(rng, CONTENT_WORDS)}”`);
  return `${capital(words.join(' '))}.`;
}

function paragraph(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i += 1) out.push(sentence(rng));
  return out.join(' ');
}

function title(rng: Rng): string {
  const words = [pick(rng, CONTENT_WORDS), pick(rng, CONTENT_WORDS), pick(rng, FUNCTION_WORDS)];
  words.push(pick(rng, CONTENT_WORDS), pick(rng, CONTENT_WORDS));
  if (rng() < 0.3) words.push(pick(rng, CONTENT_WORDS));
  return capital(words.join(' '));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `2019-05-31 19:30:00` */
const wpDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** The paper's local time: an hour ahead of UTC from April to October, as the harbour keeps summer time. */
const localOf = (d: Date) => {
  const month = d.getUTCMonth();
  return new Date(d.getTime() + (month >= 3 && month <= 9 ? 3_600_000 : 0));
};

// ---------------------------------------------------------------------------------------------------------
// The publication's fixed parts

interface Category {
  slug: string;
  name: string;
  parent: string;
  description: string;
}

/** [slug, name, parent slug]: parents first, as WordPress exports them; `council` is two levels deep. */
const CATEGORY_TREE: readonly [string, string, string][] = [
  ['uncategorized', 'Uncategorized', ''],
  ['news', 'News', ''],
  ['harbour', 'Harbour', ''],
  ['sport', 'Sport', ''],
  ['business', 'Business', ''],
  ['culture', 'Culture', ''],
  ['opinion', 'Opinion', ''],
  ['weather', 'Weather', ''],
  ['obituaries', 'Obituaries', ''],
  ['town', 'Town', 'news'],
  ['courts', 'Courts', 'news'],
  ['health', 'Health', 'news'],
  ['schools', 'Schools', 'news'],
  ['council', 'Council & Planning', 'town'],
  ['ferries', 'Ferries', 'harbour'],
  ['fishing', 'Fishing', 'harbour'],
  ['shipping', 'Shipping', 'harbour'],
  ['lifeboat', 'Lifeboat', 'harbour'],
  ['football', 'Football', 'sport'],
  ['sailing', 'Sailing', 'sport'],
  ['rowing', 'Rowing', 'sport'],
  ['markets', 'Markets', 'business'],
  ['tourism', 'Tourism', 'business'],
  ['music', 'Music', 'culture'],
  ['theatre', 'Theatre', 'culture'],
  ['books', 'Books', 'culture'],
  ['festivals', 'Festivals', 'culture'],
  ['letters', 'Letters', 'opinion'],
  ['editorials', 'Editorials', 'opinion'],
];

interface Author {
  id: number;
  login: string;
  first: string;
  last: string;
  email: string;
}

function authorsOf(rng: Rng, count: number): Author[] {
  const out: Author[] = [];
  const logins = new Set<string>();
  for (let i = 0; out.length < count; i += 1) {
    const first = FIRST_NAMES[(i * 7 + int(rng, 0, 3)) % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(i * 11 + int(rng, 0, 3)) % LAST_NAMES.length] as string;
    let login = slugOf(`${first.charAt(0)}${last}`).replaceAll('-', '');
    if (logins.has(login)) login = `${login}${i}`;
    logins.add(login);
    out.push({ id: 2 + i, login, first, last, email: `${login}@harbourgazette.example` });
  }
  return out;
}

function tagsOf(rng: Rng, count: number): { slug: string; name: string }[] {
  const out: { slug: string; name: string }[] = [];
  const taken = new Set<string>();
  for (let guard = 0; out.length < count && guard < count * 100; guard += 1) {
    const name =
      out.length < CONTENT_WORDS.length / 2 && rng() < 0.5
        ? capital(pick(rng, CONTENT_WORDS))
        : `${capital(pick(rng, CONTENT_WORDS))} ${pick(rng, CONTENT_WORDS)}`;
    const slug = slugOf(name);
    if (taken.has(slug)) continue;
    taken.add(slug);
    out.push({ slug, name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The writer

/** Collects text and hands it on a quarter of a megabyte at a time. */
class Chunker {
  private parts: string[] = [];
  private length = 0;
  bytes = 0;
  constructor(private readonly sink: (chunk: string) => Promise<void> | void) {}
  async add(text: string): Promise<void> {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 256 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.bytes += Buffer.byteLength(chunk);
    await this.sink(chunk);
  }
}

const START = Date.UTC(2009, 0, 5, 8, 0, 0);
const END = Date.UTC(2024, 11, 20, 18, 0, 0);

/**
 * Generates the export and hands it to `sink` in chunks of about 256 KB, awaiting each (so a slow disk
 * slows the generator, never fills memory). Returns what it wrote.
 */
export async function streamWxrExport(
  given: WxrExportSpec,
  sink: (chunk: string) => Promise<void> | void,
): Promise<WxrExportSummary> {
  const spec = {
    authors: 20,
    tags: 600,
    pictureEvery: 4,
    sentencesPerPost: 12,
    seed: 1,
    ...given,
  };
  if (!Number.isInteger(spec.posts) || spec.posts < 1) throw new Error('posts must be a whole number from 1');
  if (!Number.isInteger(spec.comments) || spec.comments < 0)
    throw new Error('comments must be a whole number from 0');
  const out = new Chunker(sink);
  const rng = prng(spec.seed);
  const authors = authorsOf(rng, spec.authors);
  const tags = tagsOf(rng, spec.tags);
  const categories: Category[] = CATEGORY_TREE.map(([slug, name, parent]) => ({
    slug,
    name,
    parent,
    description: rng() < 0.4 ? paragraph(rng, 1) : '',
  }));
  const summary: WxrExportSummary = {
    bytes: 0,
    authors: authors.length,
    categories: categories.length,
    tags: tags.length,
    posts: 0,
    pages: 0,
    attachments: 0,
    postStatuses: {},
    gutenbergPosts: 0,
    comments: 0,
    commentStatuses: {},
    replies: 0,
    repliesBeforeParent: 0,
    oldSlugs: 0,
  };

  // Which posts are published decides where comments go: one draw per post, before anything is written.
  const statusRng = prng(spec.seed ^ 0x5bd1e995);
  const statuses = new Uint8Array(spec.posts);
  const STATUS_NAMES = ['publish', 'draft', 'pending', 'private', 'future'] as const;
  for (let i = 0; i < spec.posts; i += 1) {
    const r = statusRng();
    // The newest posts are the ones still scheduled.
    statuses[i] =
      i >= spec.posts - Math.ceil(spec.posts / 500) ? 4 : r < 0.95 ? 0 : r < 0.98 ? 1 : r < 0.99 ? 2 : 3;
  }
  const commentCounts = spreadComments(statusRng, statuses, spec.comments);

  await out.add(channelHead(rng, authors, categories, tags));

  let nextId = 2;
  const pageItems = [
    ['About the Gazette', 'about'],
    ['Contact the newsroom', 'contact'],
    ['Corrections policy', 'corrections'],
  ] as const;
  for (const [pageTitle, slug] of pageItems) {
    await out.add(pageItem(rng, nextId, pageTitle, slug, authors[0] as Author));
    nextId += 1;
    summary.pages += 1;
  }
  nextId = 10;

  const postIds = new Uint32Array(spec.posts);
  const slugsTaken = new Map<string, number>();
  let nextCommentId = 1;
  for (let i = 0; i < spec.posts; i += 1) {
    const id = nextId;
    nextId += 1;
    postIds[i] = id;
    const hasPicture = i % spec.pictureEvery === spec.pictureEvery - 1;
    const pictureId = hasPicture ? nextId : 0;
    if (hasPicture) nextId += 1;
    const status = STATUS_NAMES[statuses[i] as number] as string;
    const post = postItem({
      rng,
      index: i,
      id,
      pictureId,
      status,
      spec,
      authors,
      categories,
      tags,
      postIds,
      slugsTaken,
      comments: commentCounts[i] as number,
      firstCommentId: nextCommentId,
      summary,
    });
    nextCommentId += commentCounts[i] as number;
    await out.add(post.xml);
    summary.posts += 1;
    summary.postStatuses[status] = (summary.postStatuses[status] ?? 0) + 1;
    if (hasPicture) {
      await out.add(attachmentItem(rng, pictureId, id, post.date, post.slug, post.author));
      summary.attachments += 1;
    }
  }
  await out.add('</channel>\n</rss>\n');
  await out.flush();
  summary.bytes = out.bytes;
  return summary;
}

/** Writes the export to `file`, streamed; returns what it wrote. */
export async function writeWxrExport(file: string, spec: WxrExportSpec): Promise<WxrExportSummary> {
  const stream = fs.createWriteStream(file);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  try {
    const summary = await Promise.race([
      streamWxrExport(spec, async (chunk) => {
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
      }),
      failed,
    ]);
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    return summary;
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/** A small export as one string, for tests. */
export async function wxrExportText(
  spec: WxrExportSpec,
): Promise<{ text: string; summary: WxrExportSummary }> {
  const parts: string[] = [];
  const summary = await streamWxrExport(spec, (chunk) => void parts.push(chunk));
  return { text: parts.join(''), summary };
}

/**
 * How many comments each post gets: none on a post that is not published, 0 to many on the others
 * (most have a few, some a long thread), adding up to exactly `total`.
 */
function spreadComments(rng: Rng, statuses: Uint8Array, total: number): Uint32Array {
  const counts = new Uint32Array(statuses.length);
  const open: number[] = [];
  for (let i = 0; i < statuses.length; i += 1) if (statuses[i] === 0) open.push(i);
  if (open.length === 0 || total === 0) return counts;
  const mean = total / open.length;
  let sum = 0;
  for (const i of open) {
    // Exponential: many posts with none or one, a long tail of busy ones.
    const n = Math.min(400, Math.floor(-Math.log(1 - rng()) * mean * 1.1));
    counts[i] = n;
    sum += n;
  }
  while (sum < total) {
    const i = open[Math.floor(rng() * open.length)] as number;
    counts[i] = (counts[i] as number) + 1;
    sum += 1;
  }
  while (sum > total) {
    const i = open[Math.floor(rng() * open.length)] as number;
    if ((counts[i] as number) === 0) continue;
    counts[i] = (counts[i] as number) - 1;
    sum -= 1;
  }
  return counts;
}

function channelHead(
  rng: Rng,
  authors: Author[],
  categories: Category[],
  tags: { slug: string; name: string }[],
) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- This is a WordPress eXtended RSS file generated by Dateline’s benchmark: The Harbour Gazette, a fictional paper. -->',
    '<rss version="2.0"',
    '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
    '\txmlns:wp="http://wordpress.org/export/1.2/"',
    '>',
    '',
    '<channel>',
    '\t<title>The Harbour Gazette</title>',
    `\t<link>${SITE_URL}</link>`,
    '\t<description>News from the quay and the town above it</description>',
    '\t<pubDate>Fri, 20 Dec 2024 18:00:00 +0000</pubDate>',
    '\t<language>en-GB</language>',
    '\t<wp:wxr_version>1.2</wp:wxr_version>',
    `\t<wp:base_site_url>${SITE_URL}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${SITE_URL}</wp:base_blog_url>`,
    '',
  ];
  for (const a of authors)
    lines.push(
      `\t<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(`${a.first} ${a.last}`)}</wp:author_display_name><wp:author_first_name>${cdata(a.first)}</wp:author_first_name><wp:author_last_name>${cdata(a.last)}</wp:author_last_name></wp:author>`,
    );
  lines.push('');
  categories.forEach((c, i) =>
    lines.push(
      '\t<wp:category>',
      `\t\t<wp:term_id>${i + 1}</wp:term_id>`,
      `\t\t<wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>`,
      `\t\t<wp:category_parent>${cdata(c.parent)}</wp:category_parent>`,
      `\t\t<wp:cat_name>${cdata(c.name)}</wp:cat_name>`,
      ...(c.description
        ? [`\t\t<wp:category_description>${cdata(c.description)}</wp:category_description>`]
        : []),
      '\t</wp:category>',
    ),
  );
  tags.forEach((t, i) =>
    lines.push(
      '\t<wp:tag>',
      `\t\t<wp:term_id>${100 + i}</wp:term_id>`,
      `\t\t<wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>`,
      `\t\t<wp:tag_name>${cdata(t.name)}</wp:tag_name>`,
      ...(rng() < 0.1 ? [`\t\t<wp:tag_description>${cdata(sentence(rng))}</wp:tag_description>`] : []),
      '\t</wp:tag>',
    ),
  );
  lines.push('', '\t<generator>https://wordpress.org/?v=6.5</generator>', '');
  return `${lines.join('\n')}\n`;
}

interface ItemFields {
  title: string;
  link: string;
  date: Date;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  id: number;
  commentStatus: string;
  slug: string;
  status: string;
  parent: number;
  type: string;
  password?: string;
  sticky?: boolean;
  attachmentUrl?: string;
  terms?: string[];
  meta?: [string, string][];
  comments?: string;
}

function item(f: ItemFields): string {
  const local = localOf(f.date);
  const modified = new Date(f.date.getTime() + 3_600_000 * 5);
  const lines = [
    '\t<item>',
    `\t\t<title>${cdata(f.title)}</title>`,
    `\t\t<link>${f.link}</link>`,
    `\t\t<pubDate>${f.status === 'publish' || f.type === 'attachment' ? f.date.toUTCString().replace('GMT', '+0000') : ''}</pubDate>`,
    `\t\t<dc:creator>${cdata(f.creator)}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${f.guid}</guid>`,
    '\t\t<description></description>',
    `\t\t<content:encoded>${cdata(f.content)}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(f.excerpt)}</excerpt:encoded>`,
    `\t\t<wp:post_id>${f.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(wpDate(local))}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(f.status === 'draft' || f.status === 'pending' ? '0000-00-00 00:00:00' : wpDate(f.date))}</wp:post_date_gmt>`,
    `\t\t<wp:post_modified>${cdata(wpDate(localOf(modified)))}</wp:post_modified>`,
    `\t\t<wp:post_modified_gmt>${cdata(wpDate(modified))}</wp:post_modified_gmt>`,
    `\t\t<wp:comment_status>${cdata(f.commentStatus)}</wp:comment_status>`,
    `\t\t<wp:ping_status>${cdata('closed')}</wp:ping_status>`,
    `\t\t<wp:post_name>${cdata(f.slug)}</wp:post_name>`,
    `\t\t<wp:status>${cdata(f.status)}</wp:status>`,
    `\t\t<wp:post_parent>${f.parent}</wp:post_parent>`,
    '\t\t<wp:menu_order>0</wp:menu_order>',
    `\t\t<wp:post_type>${cdata(f.type)}</wp:post_type>`,
    `\t\t<wp:post_password>${cdata(f.password ?? '')}</wp:post_password>`,
    `\t\t<wp:is_sticky>${f.sticky ? 1 : 0}</wp:is_sticky>`,
  ];
  if (f.attachmentUrl) lines.push(`\t\t<wp:attachment_url>${cdata(f.attachmentUrl)}</wp:attachment_url>`);
  for (const term of f.terms ?? []) lines.push(`\t\t${term}`);
  for (const [key, value] of f.meta ?? [])
    lines.push(
      '\t\t<wp:postmeta>',
      `\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>`,
      `\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>`,
      '\t\t</wp:postmeta>',
    );
  return `${lines.join('\n')}\n${f.comments ?? ''}\t</item>\n`;
}

function pageItem(rng: Rng, id: number, pageTitle: string, slug: string, author: Author): string {
  const body = [1, 2, 3].map(() => paragraph(rng, int(rng, 2, 4))).join('\n\n');
  return item({
    title: pageTitle,
    link: `${SITE_URL}/${slug}/`,
    date: new Date(START - 86_400_000),
    creator: author.login,
    guid: `${SITE_URL}/?page_id=${id}`,
    content: body,
    excerpt: '',
    id,
    commentStatus: 'closed',
    slug,
    status: 'publish',
    parent: 0,
    type: 'page',
  });
}

/** Where a post's picture is stored: `2019/05/quay-1234.jpg`. */
const pictureFile = (date: Date, slug: string, id: number) =>
  `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${slug.split('-').slice(0, 2).join('-')}-${id}.jpg`;

function attachmentItem(
  rng: Rng,
  id: number,
  parent: number,
  date: Date,
  slug: string,
  author: Author,
): string {
  const file = pictureFile(date, slug, id);
  const url = `${SITE_URL}/wp-content/uploads/${file}`;
  const alt = capital(`${pick(rng, CONTENT_WORDS)} ${pick(rng, FUNCTION_WORDS)} ${pick(rng, CONTENT_WORDS)}`);
  const name =
    file
      .split('/')
      .pop()
      ?.replace(/\.jpg$/, '') ?? String(id);
  return item({
    title: name,
    link: `${SITE_URL}/?attachment_id=${id}`,
    date: new Date(date.getTime() + 60_000),
    creator: author.login,
    guid: url,
    content: '',
    excerpt: rng() < 0.5 ? sentence(rng) : '',
    id,
    commentStatus: 'closed',
    slug: name,
    status: 'inherit',
    parent,
    type: 'attachment',
    attachmentUrl: url,
    meta: [
      ['_wp_attached_file', file],
      [
        '_wp_attachment_metadata',
        `a:4:{s:5:"width";i:1600;s:6:"height";i:1067;s:4:"file";s:${file.length}:"${file}";s:8:"filesize";i:${int(rng, 90_000, 400_000)};}`,
      ],
      ['_wp_attachment_image_alt', alt],
    ],
  });
}

interface PostArgs {
  rng: Rng;
  index: number;
  id: number;
  pictureId: number;
  status: string;
  spec: Required<WxrExportSpec>;
  authors: Author[];
  categories: Category[];
  tags: { slug: string; name: string }[];
  postIds: Uint32Array;
  slugsTaken: Map<string, number>;
  comments: number;
  firstCommentId: number;
  summary: WxrExportSummary;
}

function postItem(a: PostArgs): { xml: string; date: Date; slug: string; author: Author } {
  const { rng, spec, index, id } = a;
  const span = END - START;
  // Older posts have lower ids; a scheduled post is dated after the export.
  const date = new Date(
    a.status === 'future'
      ? END + (index + 1) * 7 * 3_600_000
      : START + Math.floor((span * index) / Math.max(1, spec.posts)) + int(rng, 0, 3_000_000),
  );
  date.setUTCMilliseconds(0);
  const postTitle = title(rng);
  // WordPress's own way with a slug that is taken: -2, -3, …
  const base = slugOf(postTitle).slice(0, 60).replace(/-$/, '');
  const taken = (a.slugsTaken.get(base) ?? 0) + 1;
  a.slugsTaken.set(base, taken);
  const slug = taken === 1 ? base : `${base}-${taken}`;
  const author = a.authors[skewed(rng, a.authors.length, 1.6)] as Author;
  const isGutenberg = date.getTime() >= Date.UTC(2019, 0, 1) ? rng() < 0.9 : rng() < 0.1;
  if (isGutenberg) a.summary.gutenbergPosts += 1;
  const earlier = index > 0 ? a.postIds[int(rng, 0, index - 1)] : 0;
  const sentences = Math.max(3, Math.round(spec.sentencesPerPost * (0.4 + rng() * 1.2)));
  const picture = a.pictureId
    ? { id: a.pictureId, url: `${SITE_URL}/wp-content/uploads/${pictureFile(date, slug, a.pictureId)}` }
    : undefined;
  const content = isGutenberg
    ? gutenbergBody(rng, sentences, picture, earlier ?? 0)
    : classicBody(rng, sentences, picture, earlier ?? 0);

  const terms: string[] = [];
  const categoryCount = rng() < 0.8 ? 1 : 2;
  for (let c = 0; c < categoryCount; c += 1) {
    const category = a.categories[1 + skewed(rng, a.categories.length - 1, 1.3)] as Category;
    const term = `<category domain="category" nicename="${category.slug}">${cdata(category.name)}</category>`;
    if (!terms.includes(term)) terms.push(term);
  }
  const tagCount = int(rng, 0, 5);
  for (let t = 0; t < tagCount; t += 1) {
    const tag = a.tags[skewed(rng, a.tags.length)] as { slug: string; name: string };
    const term = `<category domain="post_tag" nicename="${tag.slug}">${cdata(tag.name)}</category>`;
    if (!terms.includes(term)) terms.push(term);
  }
  const meta: [string, string][] = [];
  if (picture) meta.push(['_thumbnail_id', String(picture.id)]);
  if (rng() < 0.03 && a.status === 'publish') {
    meta.push(['_wp_old_slug', `${slug.split('-').slice(0, 3).join('-')}-old`]);
    a.summary.oldSlugs += 1;
  }
  if (rng() < 0.2) meta.push(['_edit_last', String(author.id)]);

  const month = `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}`;
  const xml = item({
    title: postTitle,
    link: a.status === 'publish' ? `${SITE_URL}/${month}/${slug}/` : `${SITE_URL}/?p=${id}`,
    date,
    creator: author.login,
    guid: `${SITE_URL}/?p=${id}`,
    content,
    excerpt: rng() < 0.2 ? sentence(rng) : '',
    id,
    commentStatus: rng() < 0.9 ? 'open' : 'closed',
    slug: a.status === 'draft' || a.status === 'pending' ? '' : slug,
    status: a.status,
    parent: 0,
    type: 'post',
    ...(rng() < 0.005 && { password: `ferry${int(rng, 100, 999)}` }),
    sticky: rng() < 0.0005,
    terms,
    meta,
    comments: commentsOf(a, date),
  });
  return { xml, date, slug, author };
}

function classicBody(
  rng: Rng,
  sentences: number,
  picture: { id: number; url: string } | undefined,
  earlier: number,
): string {
  const paragraphs: string[] = [];
  for (let left = sentences; left > 0;) {
    const n = Math.min(left, int(rng, 2, 5));
    let text = paragraph(rng, n);
    if (rng() < 0.15) text = text.replace(/^(\S+ \S+)/, '<strong>$1</strong>');
    paragraphs.push(text);
    left -= n;
  }
  if (earlier && rng() < 0.3)
    paragraphs.push(`Read more: <a href="${SITE_URL}/?p=${earlier}">our earlier report</a>.`);
  if (picture) {
    const caption = sentence(rng).slice(0, 80);
    paragraphs.splice(
      Math.min(1, paragraphs.length),
      0,
      `[caption id="attachment_${picture.id}" align="aligncenter" width="1024"]<img class="size-large wp-image-${picture.id}" src="${picture.url.replace(/\.jpg$/, '-1024x683.jpg')}" alt="${escapeAttribute(caption)}" width="1024" height="683" /> ${caption}[/caption]`,
    );
  }
  return paragraphs.join('\n\n');
}

function gutenbergBody(
  rng: Rng,
  sentences: number,
  picture: { id: number; url: string } | undefined,
  earlier: number,
): string {
  const blocks: string[] = [];
  const p = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`;
  for (let left = sentences; left > 0;) {
    const n = Math.min(left, int(rng, 2, 5));
    const roll = rng();
    if (roll < 0.06 && blocks.length > 0)
      blocks.push(
        `<!-- wp:heading -->\n<h2 class="wp-block-heading">${title(rng)}</h2>\n<!-- /wp:heading -->`,
      );
    else if (roll < 0.1)
      blocks.push(
        `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>${sentence(rng)}</p>\n<!-- /wp:paragraph --><cite>${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}</cite></blockquote>\n<!-- /wp:quote -->`,
      );
    else if (roll < 0.13)
      blocks.push(
        `<!-- wp:list -->\n<ul class="wp-block-list">${[1, 2, 3].map(() => `<!-- wp:list-item -->\n<li>${sentence(rng)}</li>\n<!-- /wp:list-item -->`).join('')}</ul>\n<!-- /wp:list -->`,
      );
    blocks.push(p(paragraph(rng, n)));
    left -= n;
  }
  if (earlier && rng() < 0.3)
    blocks.push(p(`Read more: <a href="${SITE_URL}/?p=${earlier}">our earlier report</a>.`));
  if (rng() < 0.01)
    blocks.push(
      '<!-- wp:code -->\n<pre class="wp-block-code"><code>if (tides[day[0]]]>high) { close("quay"); }</code></pre>\n<!-- /wp:code -->',
    );
  if (picture) {
    const caption = sentence(rng).slice(0, 80);
    blocks.splice(
      Math.min(1, blocks.length),
      0,
      `<!-- wp:image {"id":${picture.id},"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="${picture.url.replace(/\.jpg$/, '-1024x683.jpg')}" alt="${escapeAttribute(caption)}" class="wp-image-${picture.id}"/><figcaption class="wp-element-caption">${caption}</figcaption></figure>\n<!-- /wp:image -->`,
    );
  }
  return blocks.join('\n\n');
}

const COMMENT_OPENERS = [
  'Thanks for this.',
  'I was there.',
  'Not quite right:',
  'Good to see this covered.',
  'As a ferry regular,',
];

/**
 * A post's comments, in id order as WordPress exports them. About a third reply to an earlier comment of
 * the same post; one reply in eight swaps ids with its parent, so that it is written first.
 */
function commentsOf(a: PostArgs, postDate: Date): string {
  const { rng } = a;
  const n = a.comments;
  if (n === 0) return '';
  const parents = new Int32Array(n).fill(-1);
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    ids[i] = a.firstCommentId + i;
    if (i > 0 && rng() < 0.35) parents[i] = int(rng, Math.max(0, i - 6), i - 1);
  }
  for (let i = 0; i < n; i += 1) {
    const parent = parents[i] as number;
    if (parent >= 0 && rng() < 0.125) {
      const swap = ids[i] as number;
      ids[i] = ids[parent] as number;
      ids[parent] = swap;
    }
  }
  const order = [...ids.keys()].sort((x, y) => (ids[x] as number) - (ids[y] as number));
  const parts: string[] = [];
  let at = postDate.getTime() + int(rng, 600_000, 7_200_000);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    // Dated in thread order: a reply is always later than its parent, whatever its id.
    times[i] = at;
    at += int(rng, 60_000, 36 * 3_600_000);
  }
  for (const i of order) {
    const parent = parents[i] as number;
    const parentId = parent >= 0 ? (ids[parent] as number) : 0;
    if (parent >= 0) {
      a.summary.replies += 1;
      if ((ids[i] as number) < parentId) a.summary.repliesBeforeParent += 1;
    }
    const roll = rng();
    const approved = roll < 0.95 ? '1' : roll < 0.99 ? '0' : 'trash';
    a.summary.comments += 1;
    a.summary.commentStatuses[approved] = (a.summary.commentStatuses[approved] ?? 0) + 1;
    const staff = rng() < 0.03 ? (a.authors[int(rng, 0, a.authors.length - 1)] as Author) : undefined;
    const name = staff
      ? `${staff.first} ${staff.last}`
      : `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES).charAt(0)}.`;
    const email = staff ? staff.email : `reader${int(rng, 1, 50_000)}@mail.example`;
    const url = !staff && rng() < 0.1 ? `https://reader${int(rng, 1, 999)}.example` : '';
    const date = new Date(times[i] as number);
    const paragraphs = rng() < 0.8 ? 1 : 2;
    const body = [
      `${rng() < 0.3 ? `${pick(rng, COMMENT_OPENERS)} ` : ''}${paragraph(rng, int(rng, 1, 2))}`,
      ...Array.from({ length: paragraphs - 1 }, () => paragraph(rng, int(rng, 1, 2))),
    ].join('\n\n');
    parts.push(
      '\t\t<wp:comment>\n',
      `\t\t\t<wp:comment_id>${ids[i]}</wp:comment_id>\n`,
      `\t\t\t<wp:comment_author>${cdata(name)}</wp:comment_author>\n`,
      `\t\t\t<wp:comment_author_email>${cdata(email)}</wp:comment_author_email>\n`,
      `\t\t\t<wp:comment_author_url>${url}</wp:comment_author_url>\n`,
      `\t\t\t<wp:comment_author_IP>${cdata(`${pick(rng, ['192.0.2', '198.51.100', '203.0.113'])}.${int(rng, 1, 254)}`)}</wp:comment_author_IP>\n`,
      `\t\t\t<wp:comment_date>${cdata(wpDate(localOf(date)))}</wp:comment_date>\n`,
      `\t\t\t<wp:comment_date_gmt>${cdata(wpDate(date))}</wp:comment_date_gmt>\n`,
      `\t\t\t<wp:comment_content>${cdata(body)}</wp:comment_content>\n`,
      `\t\t\t<wp:comment_approved>${cdata(approved)}</wp:comment_approved>\n`,
      `\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>\n`,
      `\t\t\t<wp:comment_parent>${parentId}</wp:comment_parent>\n`,
      `\t\t\t<wp:comment_user_id>${staff ? staff.id : 0}</wp:comment_user_id>\n`,
      '\t\t</wp:comment>\n',
    );
  }
  return parts.join('');
}
