// Builds a benchmark publication straight into a fresh SQLite file: the migrations first (the real schema,
// triggers included), then bulk inserts with better-sqlite3 prepared statements, one transaction per batch.
// Nothing goes through the services: a 100,000-article publication takes minutes this way, not hours.
//
// Everything is generated from a seeded PRNG, and each article from its own seed (seed, index), so article
// number i is the same article whatever the publication's size. The size comparison relies on that: it
// measures the same page in a 1,000- and a 100,000-article publication.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { renderMarkdown } from '../../src/platform/render/markdown.ts';
import { slugify } from '../../src/platform/render/slug.ts';
import { seededRandom as prng } from '../../test/seeded-random.ts';
import { CONTENT_WORDS, FIRST_NAMES, FUNCTION_WORDS, LAST_NAMES, OUTLETS } from './words.ts';

/** What to build. */
export interface PublicationSpec {
  file: string;
  articles: number;
  authors: number;
  tags: number;
  /** The mean number of comments per article; each article gets 0 to twice this many. */
  commentsPerArticle: number;
  seed: number;
  /** "Now": every date written is before it. */
  now: Date;
  /** How the FTS index is filled: by the migration's triggers while inserting, or rebuilt once at the end. */
  fts: 'trigger' | 'rebuild';
  log?: (line: string) => void;
}

/** What was built, and the rows the benchmark measures. */
export interface BuiltPublication {
  file: string;
  counts: {
    articles: number;
    authors: number;
    tags: number;
    comments: number;
    articleAuthors: number;
    articleTags: number;
  };
  /** Seconds per phase. */
  timings: Record<string, number>;
  bytes: number;
  /** A typical article (two authors, ten comments), the same one at every size. */
  article: { id: number; slug: string; comments: number; authors: number; tags: number; htmlBytes: number };
  /** The author and the tag with the most articles. */
  author: { id: number; slug: string; articles: number };
  tag: { id: number; slug: string; articles: number };
  /** The author and the tag with the fewest articles (at least one): lists that must skip the most rows. */
  smallAuthor: { id: number; slug: string; articles: number };
  smallTag: { id: number; slug: string; articles: number };
  /** Other article slugs for comment posts and cache filling, newest first. */
  recentSlugs: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Random numbers

/** splitmix32: turns (seed, index) into an independent 32-bit seed. */
function mix(a: number, b: number): number {
  let z = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

type Rng = () => number;

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Samples ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, in constant time (Vose's alias method). */
class Zipf {
  private readonly probability: Float64Array;
  private readonly alias: Uint32Array;
  constructor(n: number, s: number) {
    const weights = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i += 1) {
      weights[i] = 1 / Math.pow(i + 1, s);
      sum += weights[i] as number;
    }
    this.probability = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = weights.map((w) => (w * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const l = small.pop() as number;
      const g = large.pop() as number;
      this.probability[l] = scaled[l] as number;
      this.alias[l] = g;
      scaled[g] = (scaled[g] as number) + (scaled[l] as number) - 1;
      (scaled[g] < 1 ? small : large).push(g);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }
  sample(rng: Rng): number {
    const x = rng() * this.probability.length;
    const i = Math.floor(x);
    return x - i < (this.probability[i] as number) ? i : (this.alias[i] as number);
  }
  /** `count` distinct ranks. */
  distinct(rng: Rng, count: number): number[] {
    const out = new Set<number>();
    for (let guard = 0; out.size < count && guard < count * 50; guard += 1) out.add(this.sample(rng));
    return [...out];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Text

const SYLLABLES =
  `ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni
no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo bran dor fen gar hal kin
lor mar nor pel quin ros sel tor val wen yor zan ash ber cal dun eth fal gor hin ith jor kel lan mor nal
orn pra ril sten tal ulm ven wyn`
    .split(/\s+/)
    .filter(Boolean);

/**
 * The vocabulary in frequency order: function words first, then the content words spread out among a long
 * tail of made-up words (one content word every 15 ranks), so that real words exist at every frequency,
 * from a third of all articles down to under one in a hundred.
 */
function buildVocabulary(seed: number, tailSize: number): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  const add = (w: string) => {
    if (seen.has(w)) return false;
    seen.add(w);
    words.push(w);
    return true;
  };
  FUNCTION_WORDS.forEach(add);
  const rng = prng(mix(seed, 0x7a11));
  const madeUp = () => {
    for (let guard = 0; guard < 1000; guard += 1) {
      let w = '';
      const n = int(rng, 2, 4);
      for (let i = 0; i < n; i += 1) w += pick(rng, SYLLABLES);
      if (add(w)) return;
    }
    add(`${pick(rng, SYLLABLES)}${words.length}`);
  };
  const content = CONTENT_WORDS.filter((w) => !seen.has(w));
  for (const word of content) {
    if (!add(word)) continue;
    for (let i = 0; i < CONTENT_SPACING - 1; i += 1) madeUp();
  }
  const target = words.length + Math.max(0, tailSize - content.length * CONTENT_SPACING);
  while (words.length < target) madeUp();
  return words;
}

const CONTENT_SPACING = 15;

class TextMaker {
  private readonly zipf: Zipf;
  /** Content words only, for titles. */
  private readonly titleZipf: Zipf;
  private readonly firstContent: number;
  constructor(private readonly vocabulary: string[]) {
    this.zipf = new Zipf(vocabulary.length, 1.0);
    this.firstContent = new Set(FUNCTION_WORDS).size;
    this.titleZipf = new Zipf(vocabulary.length - this.firstContent, 0.9);
  }
  word(rng: Rng): string {
    return this.vocabulary[this.zipf.sample(rng)] as string;
  }
  contentWord(rng: Rng): string {
    return this.vocabulary[this.firstContent + this.titleZipf.sample(rng)] as string;
  }
  name(rng: Rng): string {
    return `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
  }
  sentence(rng: Rng, min = 8, max = 26): string {
    const n = int(rng, min, max);
    const words: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const r = rng();
      if (r < 0.03) words.push(this.name(rng));
      else if (r < 0.06) words.push(String(int(rng, 2, 2000)));
      else words.push(this.word(rng));
      if (i > 2 && i < n - 2 && rng() < 0.07) words[words.length - 1] += ',';
    }
    const text = words.join(' ');
    const ending = rng() < 0.08 ? `, ${this.name(rng)} said.` : '.';
    return text.charAt(0).toUpperCase() + text.slice(1) + ending;
  }
  title(rng: Rng): string {
    const n = int(rng, 5, 11);
    const words: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const r = rng();
      words.push(r < 0.3 ? this.word(rng) : r < 0.8 ? pick(rng, CONTENT_WORDS) : this.contentWord(rng));
    }
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  /** Markdown of `words` words or a few more: paragraphs, the odd heading, list, quote, link and emphasis. */
  body(rng: Rng, words: number): string {
    const blocks: string[] = [];
    let count = 0;
    let paragraphs = 0;
    while (count < words) {
      if (paragraphs > 0 && paragraphs % 5 === 0 && rng() < 0.6) {
        blocks.push(`## ${this.title(rng)}`);
      }
      const r = rng();
      if (r < 0.06) {
        const items: string[] = [];
        for (let i = int(rng, 3, 5); i > 0; i -= 1) {
          const s = this.sentence(rng, 5, 12);
          items.push(`- ${s}`);
          count += s.split(' ').length;
        }
        blocks.push(items.join('\n'));
      } else if (r < 0.1) {
        const s = this.sentence(rng, 12, 30);
        blocks.push(`> ${s}`);
        count += s.split(' ').length;
      } else {
        const sentences: string[] = [];
        for (let i = int(rng, 2, 5); i > 0; i -= 1) {
          let s = this.sentence(rng);
          const e = rng();
          if (e < 0.05) s = s.replace(/^(\S+ \S+)/, '**$1**');
          else if (e < 0.09)
            s = s.replace(
              / (\S+) (\S+)\.$/,
              ` [$1 $2](https://example.org/${this.word(rng)}/${int(rng, 1, 9999)}).`,
            );
          else if (e < 0.12) s = s.replace(/^(\S+)/, '*$1*');
          sentences.push(s);
          count += s.split(' ').length;
        }
        blocks.push(sentences.join(' '));
      }
      paragraphs += 1;
    }
    return blocks.join('\n\n');
  }
}

// ---------------------------------------------------------------------------------------------------------
// The publication

const DAY = 86_400_000;
const SPAN = 6 * 365 * DAY;

interface ArticlePlan {
  authors: number[];
  tags: number[];
  comments: number;
}

/** The per-article choices that do not need text, from the article's own seed. */
function planArticle(
  seed: number,
  index: number,
  spec: Pick<PublicationSpec, 'authors' | 'tags' | 'commentsPerArticle'>,
  authorZipf: Zipf,
  tagZipf: Zipf,
) {
  const rng = prng(mix(seed, index + 1));
  const r = rng();
  const authorCount = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
  const plan: ArticlePlan = {
    authors: authorZipf.distinct(rng, Math.min(authorCount, spec.authors)),
    tags: tagZipf.distinct(rng, Math.min(int(rng, 1, 4), spec.tags)),
    comments: int(rng, 0, Math.max(0, Math.round(spec.commentsPerArticle * 2))),
  };
  return { rng, plan };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Builds the publication. The file must not exist. */
export async function buildPublication(spec: PublicationSpec): Promise<BuiltPublication> {
  const log = spec.log ?? (() => {});
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0) / 1000;
    t0 = t;
  };

  if (fs.existsSync(spec.file)) throw new Error(`${spec.file} exists already`);
  fs.mkdirSync(path.dirname(spec.file), { recursive: true });
  const handle = await openDatabase({ dialect: 'sqlite', file: spec.file });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  lap('migrate');

  const db = new SQLite(spec.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');

  const vocabulary = buildVocabulary(spec.seed, 20_000);
  const text = new TextMaker(vocabulary);
  const nowMs = spec.now.getTime();
  const start = nowMs - SPAN;
  const end = nowMs - 2 * 3600_000;
  const step = (end - start) / spec.articles;

  // Authors and tags: a few prolific authors and a few big tags, as on a real site.
  const authorZipf = new Zipf(spec.authors, 0.6);
  const tagZipf = new Zipf(spec.tags, 0.9);
  const metaRng = prng(mix(spec.seed, 0xa07));
  const authorSlugs: string[] = [];
  const insertAuthor = db.prepare(
    `insert into authors (id, slug, name, bio, avatar_url, website, email, created_at, updated_at)
     values (?, ?, ?, ?, null, ?, ?, ?, ?)`,
  );
  const tagSlugs: string[] = [];
  const insertTag = db.prepare(`insert into tags (id, slug, name, description) values (?, ?, ?, ?)`);
  db.transaction(() => {
    const usedAuthors = new Set<string>();
    for (let i = 0; i < spec.authors; i += 1) {
      let name = text.name(metaRng);
      let slug = slugify(name);
      for (let n = 2; usedAuthors.has(slug); n += 1) slug = `${slugify(name)}-${n}`;
      if (slug !== slugify(name)) name = `${name} ${slug.split('-').at(-1) ?? ''}`;
      usedAuthors.add(slug);
      authorSlugs.push(slug);
      const created = iso(start - int(metaRng, 1, 400) * DAY);
      insertAuthor.run(
        i + 1,
        slug,
        name,
        `${text.sentence(metaRng, 10, 20)} ${text.sentence(metaRng, 8, 16)}`,
        metaRng() < 0.3 ? `https://${slug}.example.org/` : null,
        `${slug}@newsroom.example.org`,
        created,
        created,
      );
    }
    const usedTags = new Set<string>();
    for (let i = 0; i < spec.tags; i += 1) {
      let name = '';
      let slug = '';
      for (let guard = 0; guard < 1000 && (slug === '' || usedTags.has(slug)); guard += 1) {
        const word =
          i < CONTENT_WORDS.length && guard === 0 ? (CONTENT_WORDS[i] as string) : text.contentWord(metaRng);
        const words = guard < 3 ? [word] : [word, text.contentWord(metaRng)];
        name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
        slug = slugify(name);
      }
      usedTags.add(slug);
      tagSlugs.push(slug);
      insertTag.run(i + 1, slug, name, metaRng() < 0.2 ? text.sentence(metaRng, 8, 20) : '');
    }
  })();
  lap('authors+tags');

  let savedTrigger: string | undefined;
  if (spec.fts === 'rebuild') {
    const row = db
      .prepare(`select sql from sqlite_master where type = 'trigger' and name = 'articles_fts_after_insert'`)
      .get() as { sql: string } | undefined;
    if (!row) throw new Error('the FTS insert trigger is missing: has migration 0003 changed?');
    savedTrigger = row.sql;
    db.exec('drop trigger articles_fts_after_insert');
  }

  const insertArticle = db.prepare(
    `insert into articles (id, slug, title, standfirst, body_markdown, body_html, status, published_at,
       updated_at, created_at, comments_open, comments_close_after_days)
     values (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, 1, null)`,
  );
  const insertSource = db.prepare(
    `insert into article_sources (article_id, position, name, url) values (?, 0, ?, ?)`,
  );
  const insertByline = db.prepare(
    `insert into article_authors (article_id, author_id, position) values (?, ?, ?)`,
  );
  const insertArticleTag = db.prepare(
    `insert into article_tags (article_id, tag_id, position) values (?, ?, ?)`,
  );
  const insertComment = db.prepare(
    `insert into comments (article_id, parent_id, author_name, author_email, author_url, body, status,
       ip_hash, user_agent, created_at, author_id)
     values (?, null, ?, ?, ?, ?, 'approved', null, null, ?, null)`,
  );

  const counts = {
    articles: 0,
    authors: spec.authors,
    tags: spec.tags,
    comments: 0,
    articleAuthors: 0,
    articleTags: 0,
  };
  const authorArticles = new Array<number>(spec.authors).fill(0);
  const tagArticles = new Array<number>(spec.tags).fill(0);
  let typical: BuiltPublication['article'] | undefined;
  const slugs: string[] = [];
  let renderMs = 0;
  const BATCH = 1000;
  let lastLog = performance.now();

  for (let batchStart = 0; batchStart < spec.articles; batchStart += BATCH) {
    const batchEnd = Math.min(spec.articles, batchStart + BATCH);
    db.transaction(() => {
      for (let i = batchStart; i < batchEnd; i += 1) {
        const { rng, plan } = planArticle(spec.seed, i, spec, authorZipf, tagZipf);
        const id = i + 1;
        const title = text.title(rng);
        const slug = `${slugify(title, 60)}-${id}`;
        const standfirst = text.sentence(rng, 18, 34);
        const markdown = text.body(rng, int(rng, 600, 900));
        const r0 = performance.now();
        const html = renderMarkdown(markdown);
        renderMs += performance.now() - r0;
        const published = Math.floor(start + (i + rng() * 0.9) * step);
        const created = published - int(rng, 0, 48 * 3600) * 1000;
        const hasSource = rng() < 0.2;
        const outlet = pick(rng, OUTLETS);
        insertArticle.run(
          id,
          slug,
          title,
          standfirst,
          markdown,
          html,
          iso(published),
          iso(published),
          iso(created),
        );
        if (hasSource) insertSource.run(id, outlet, `https://${slugify(outlet)}.example/news/${slug}`);
        plan.authors.forEach((a, position) => {
          insertByline.run(id, a + 1, position);
          authorArticles[a] = (authorArticles[a] ?? 0) + 1;
        });
        plan.tags.forEach((t, position) => {
          insertArticleTag.run(id, t + 1, position);
          tagArticles[t] = (tagArticles[t] ?? 0) + 1;
        });
        counts.articleAuthors += plan.authors.length;
        counts.articleTags += plan.tags.length;
        // Comments arrive over the next two weeks, never after now.
        const window = Math.max(60_000, Math.min(14 * DAY, nowMs - published - 60_000));
        const times: number[] = [];
        for (let c = 0; c < plan.comments; c += 1)
          times.push(published + 60_000 + Math.floor(rng() * window));
        times.sort((a, b) => a - b);
        for (const time of times) {
          const name = text.name(rng);
          const paragraphs: string[] = [];
          for (let p = int(rng, 1, 3); p > 0; p -= 1) {
            const sentences: string[] = [];
            for (let s = int(rng, 1, 4); s > 0; s -= 1) sentences.push(text.sentence(rng, 5, 20));
            paragraphs.push(sentences.join(' '));
          }
          insertComment.run(
            id,
            name,
            `${slugify(name, 40).replace(/-/g, '.')}${int(rng, 1, 999)}@example.org`,
            rng() < 0.1 ? `https://${slugify(name, 40)}.example.org/` : null,
            paragraphs.join('\n\n'),
            iso(Math.min(time, nowMs - 1000)),
          );
        }
        counts.comments += plan.comments;
        counts.articles += 1;
        if (
          !typical &&
          i >= 100 &&
          plan.authors.length === 2 &&
          plan.comments === 10 &&
          plan.tags.length >= 2
        ) {
          typical = {
            id,
            slug,
            comments: plan.comments,
            authors: plan.authors.length,
            tags: plan.tags.length,
            htmlBytes: Buffer.byteLength(html),
          };
        }
        slugs.push(slug);
      }
    })();
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  … ${batchEnd.toLocaleString('en')} of ${spec.articles.toLocaleString('en')} articles`);
    }
  }
  timings.renderMarkdown = Math.round(renderMs) / 1000;
  lap('articles+comments');

  if (savedTrigger !== undefined) {
    db.exec(`insert into articles_fts (articles_fts) values ('rebuild')`);
    db.exec(savedTrigger);
    lap('fts rebuild');
  }

  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  lap('checkpoint');

  if (!typical) {
    // Tiny publications: take the first article with any comments.
    const fallback = new SQLite(spec.file, { readonly: true });
    const row = fallback
      .prepare(
        `select a.id, a.slug, length(a.body_html) as bytes,
           (select count(*) from comments c where c.article_id = a.id) as comments,
           (select count(*) from article_authors x where x.article_id = a.id) as authors,
           (select count(*) from article_tags x where x.article_id = a.id) as tags
         from articles a order by comments desc limit 1`,
      )
      .get() as { id: number; slug: string; bytes: number; comments: number; authors: number; tags: number };
    fallback.close();
    typical = {
      id: row.id,
      slug: row.slug,
      comments: row.comments,
      authors: row.authors,
      tags: row.tags,
      htmlBytes: row.bytes,
    };
  }
  const topAuthor = authorArticles.indexOf(Math.max(...authorArticles));
  const topTag = tagArticles.indexOf(Math.max(...tagArticles));
  const fewest = (counts: number[]) => {
    let best = 0;
    counts.forEach((n, i) => {
      if (n > 0 && (counts[best] === 0 || n < (counts[best] as number))) best = i;
    });
    return best;
  };
  const smallAuthor = fewest(authorArticles);
  const smallTag = fewest(tagArticles);
  return {
    file: spec.file,
    counts,
    timings,
    bytes: fs.statSync(spec.file).size,
    article: typical,
    author: {
      id: topAuthor + 1,
      slug: authorSlugs[topAuthor] as string,
      articles: authorArticles[topAuthor] ?? 0,
    },
    tag: { id: topTag + 1, slug: tagSlugs[topTag] as string, articles: tagArticles[topTag] ?? 0 },
    smallAuthor: {
      id: smallAuthor + 1,
      slug: authorSlugs[smallAuthor] as string,
      articles: authorArticles[smallAuthor] ?? 0,
    },
    smallTag: { id: smallTag + 1, slug: tagSlugs[smallTag] as string, articles: tagArticles[smallTag] ?? 0 },
    recentSlugs: slugs.slice(-5000).reverse(),
  };
}

/** Words to search for: one in about `share` of the articles, found in the FTS index itself. */
export function findSearchWord(
  file: string,
  articles: number,
  share: number,
): { word: string; matches: number } {
  const db = new SQLite(file, { readonly: true });
  try {
    const count = db.prepare(`select count(*) as n from articles_fts where articles_fts match ?`);
    const vocabulary = [...CONTENT_WORDS];
    let best = { word: vocabulary[0] as string, matches: 0, distance: Infinity };
    const target = articles * share;
    // Content words fall off in frequency with rank: a binary search over rank finds the right one fast.
    let lo = 0;
    let hi = vocabulary.length - 1;
    for (let guard = 0; guard < 20 && lo <= hi; guard += 1) {
      const mid = (lo + hi) >> 1;
      const word = vocabulary[mid] as string;
      const matches = (count.get(`"${word}"`) as { n: number }).n;
      const distance = Math.abs(Math.log((matches + 1) / (target + 1)));
      if (distance < best.distance) best = { word, matches, distance };
      if (matches > target) lo = mid + 1;
      else hi = mid - 1;
    }
    return { word: best.word, matches: best.matches };
  } finally {
    db.close();
  }
}
