// The WordPress importer. Two passes over the export, each streamed:
// 1. scan.ts reads it once and writes nothing: authors, terms, attachments and counts. Attachments may
//    come after the posts that show them, so images can only be resolved once they are all known.
// 2. Here: authors, sections, tags and pictures first, then every post and page with its comments and
//    old addresses, each item in one transaction and keyed (import_items) by the export's site and
//    WordPress id, so a second run updates what the first wrote and a killed run finishes when run again.
// A dry run makes the second pass too, converting every body for the report, and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { parseCsv } from '../../platform/csv.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { bodyText } from '../../platform/render/body-html.ts';
import { slugify } from '../../platform/render/slug.ts';
import type { Signer } from '../../platform/secrets.ts';
import { cleanLabel } from '../../platform/text.ts';
import type { AccountService } from '../accounts/index.ts';
import { isWebUrl } from '../comments/index.ts';
import { RESERVED_SLUGS } from '../pages/index.ts';
import { redirectInputProblems, redirects } from '../redirects/index.ts';
import { resolveSection, sectionPaths } from '../sections/index.ts';
import type { UploadService } from '../uploads/index.ts';
import { commentText, type ConvertedContent, type ResolvedImage } from './content.ts';
import { startConverter, unconvertedBody, type Converter } from './converter.ts';
import { uploadsKey } from './media.ts';
import { archiveVariants, articleOutcome, metaInt, oldPath, queryPath, slugFrom, wpDate } from './mapping.ts';
import type { ImportProgress, ImportReport } from './report.ts';
import * as repo from './repository.ts';
import { isPingback, scanExport, type AttachmentInfo, type Scan } from './scan.ts';
import { readWxr } from './wxr.ts';
import type { WxrAuthor, WxrComment, WxrItem, WxrTerm } from './wxr-records.ts';

/** One run of the importer, from the command line or the Import screen. */
export interface WordpressImportOptions {
  /** The export: a WXR file, plain or gzipped. */
  file: string;
  /** A copy of wp-content/uploads; without it, images stay where they were and the report says so. */
  uploadsDir?: string;
  /** Writes nothing and returns the same report. */
  dryRun?: boolean;
  /** A CSV of slug,bio,website that fills in the authors' profiles. */
  authorsCsv?: string;
  /** Makes a staff account (role author) for each imported author with an email, and returns invitation links. */
  createAccounts?: boolean;
  /** Called often while the export is read; a terminal draws a progress bar from it. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface WordpressImportResult {
  report: ImportReport;
  /** With createAccounts: one invitation path (/admin/welcome/…) per account made, for its owner (no mail is sent). */
  invitations: { name: string; email: string; path: string }[];
}

export interface WordpressImporter {
  /** Scans, reports and (unless dryRun) writes. Throws WxrError for a file it cannot read. */
  importFile(options: WordpressImportOptions): Promise<WordpressImportResult>;
}

export interface WordpressImporterDeps {
  db: Db;
  clock: Clock;
  /** The comments' IP signer: an imported comment's address is stored as a new comment's is. */
  ipSigner: Signer;
  uploads: Pick<UploadService, 'uploadImage' | 'describe'>;
  accounts: Pick<AccountService, 'addUser'>;
  /** Called once after a run that wrote anything: every cached page may be stale. */
  onImported?: () => void | Promise<void>;
}

/** WordPress's archives list ten posts a page unless the site said otherwise; the export does not say. */
const WP_POSTS_PER_PAGE = 10;

/** At most this many names are listed per report line (the counts are always whole). */
const MAX_LISTED = 200;

/** Thrown for a problem with the options rather than the export. */
export class ImportOptionError extends Error {}

function addTo(map: Map<string, Set<number>>, name: string, postId: number): void {
  const set = map.get(name) ?? new Set<number>();
  if (set.size < MAX_LISTED) set.add(postId);
  map.set(name, set);
}

function plainTitle(title: string): string {
  const text = cleanLabel(title.includes('<') || title.includes('&') ? bodyText(title) : title);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** The key an export's items are filed under: its site's address, without a trailing slash. */
function sourceKey(site: Scan['site'], file: string): string {
  const url = site.baseSiteUrl || site.baseBlogUrl || site.link;
  return url ? url.replace(/\/+$/, '').toLowerCase() : `file:${path.basename(file)}`;
}

/** The path prefix of a blog installed below its site's root (https://example.org/news → /news). */
function blogPrefix(site: Scan['site']): string {
  try {
    return new URL(site.baseBlogUrl || site.link).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Where an image file lies in a copy of wp-content/uploads, or null when the path leaves it. */
function fileIn(dir: string, relative: string): string | null {
  if (relative === '' || relative.includes('\0')) return null;
  const full = path.resolve(dir, relative.replace(/^\/+/, ''));
  const root = path.resolve(dir);
  return full.startsWith(root + path.sep) ? full : null;
}

interface Media {
  byId: Map<number, ResolvedImage & { uploadId: number | null }>;
  byKey: Map<string, number>;
  children: Map<number, number[]>;
}

function statusOfComment(approved: string): { status: CommentStatus; before: CommentStatus | null } {
  if (approved === '1') return { status: 'approved', before: null };
  if (approved === 'spam') return { status: 'spam', before: 'pending' };
  if (approved === 'trash' || approved === 'post-trashed') return { status: 'trash', before: 'pending' };
  return { status: 'pending', before: null };
}

export function createWordpressImporter(deps: WordpressImporterDeps): WordpressImporter {
  return {
    async importFile(options) {
      if (
        options.uploadsDir !== undefined &&
        !fs.statSync(options.uploadsDir, { throwIfNoEntry: false })?.isDirectory()
      )
        throw new ImportOptionError(
          `${options.uploadsDir} is not a folder (give a copy of wp-content/uploads)`,
        );
      const authorProfiles = options.authorsCsv
        ? readAuthorsCsv(options.authorsCsv)
        : new Map<string, AuthorProfile>();
      const scan = await scanExport(options.file, options.onProgress);
      const run = new Run(deps, options, scan, authorProfiles);
      await run.execute();
      const invitations = options.createAccounts && !options.dryRun ? await run.createAccounts() : [];
      if (!options.dryRun) await deps.onImported?.();
      return { report: run.report, invitations };
    },
  };
}

interface AuthorProfile {
  bio: string;
  website: string | null;
}

/** slug,bio,website (a header line naming those columns is optional). */
function readAuthorsCsv(file: string): Map<string, AuthorProfile> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportOptionError(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
  }
  const profiles = new Map<string, AuthorProfile>();
  for (const { line, fields } of parseCsv(text)) {
    const [slug = '', bio = '', website = ''] = fields.map((f) => f.trim());
    if (line === 1 && slug.toLowerCase() === 'slug') continue;
    if (slug === '') continue;
    if (website !== '' && !isWebUrl(website))
      throw new ImportOptionError(`${file}: line ${line}: the website must be an http(s) address`);
    profiles.set(slugify(slug), { bio: bio.slice(0, 2000), website: website || null });
  }
  return profiles;
}

/** One import: the scan's facts, the report being filled, and the ids written so far. */
class Run {
  readonly report: ImportReport;
  private readonly source: string;
  private readonly dry: boolean;
  private readonly now: string;
  private readonly siteUrls: string[];
  private readonly prefix: string;
  /** WordPress login → Dateline author id (-1 on a dry run). */
  private readonly authorIds = new Map<string, number>();
  /** WordPress user id → login. */
  private readonly loginsById = new Map<number, string>();
  /** WordPress category slug → Dateline section id. */
  private readonly sectionIds = new Map<string, number>();
  private readonly tagIds = new Map<string, number>();
  private readonly media: Media = { byId: new Map(), byKey: new Map(), children: new Map() };
  private readonly unknownShortcodes = new Map<string, Set<number>>();
  private readonly unknownBlocks = new Map<string, Set<number>>();
  private readonly missing = new Map<string, { attachment: number | null; posts: Set<number> }>();
  /** Pages whose parent is another page: set once every page has an id. */
  private readonly pageParents: { id: number; parentWpId: number }[] = [];
  private readonly pageIds = new Map<number, number>();
  private readonly pageRedirects: { id: number; from: (string | null)[] }[] = [];
  private unresolvedImages = 0;
  private severalCategories = 0;

  constructor(
    private readonly deps: WordpressImporterDeps,
    private readonly options: WordpressImportOptions,
    private readonly scan: Scan,
    private readonly profiles: Map<string, AuthorProfile>,
  ) {
    this.dry = options.dryRun === true;
    this.now = deps.clock.now().toISOString();
    this.source = sourceKey(scan.site, options.file);
    this.siteUrls = [scan.site.baseSiteUrl, scan.site.baseBlogUrl, scan.site.link].filter((u) => u !== '');
    this.prefix = blogPrefix(scan.site);
    this.report = {
      site: {
        title: scan.site.title,
        url: scan.site.baseSiteUrl || scan.site.link,
        wxrVersion: scan.site.version,
      },
      dryRun: this.dry,
      uploadsGiven: options.uploadsDir !== undefined,
      counts: scan.counts,
      written: { created: 0, updated: 0, skipped: 0, redirects: 0 },
      missingMedia: [],
      unknownShortcodes: [],
      unknownBlocks: [],
      authorsWithoutPosts: scan.authors.filter((a) => !scan.writers.has(a.login)).map((a) => a.login),
      warnings: [],
    };
  }

  async execute(): Promise<void> {
    for (const author of this.scan.authors) await this.importAuthor(author);
    await this.importSections();
    for (const tag of this.scan.tags) await this.importTag(tag);
    for (const attachment of this.scan.attachments.values()) await this.importAttachment(attachment);
    // Bodies are converted on a thread of their own, with the pictures now known.
    const converter = startConverter(
      {
        byId: [...this.media.byId],
        byKey: [...this.media.byKey],
        children: [...this.media.children],
      },
      this.scan.site.baseSiteUrl || this.scan.site.link,
    );
    try {
      await this.importItems(converter);
    } finally {
      await converter.close();
    }
    if (!this.dry) await this.finishPages();
    await this.archiveRedirects();
    this.finishReport();
  }

  private async importItems(converter: Converter): Promise<void> {
    let items = 0;
    let bytesRead = 0;
    let totalBytes: number | null = null;
    const progress = () => this.options.onProgress?.({ phase: 'write', bytesRead, totalBytes, items });
    for await (const record of readWxr(this.options.file, {
      onProgress: (read, total) => {
        bytesRead = read;
        totalBytes = total;
      },
    })) {
      if (record.kind !== 'item') continue;
      items += 1;
      if (record.postType === 'post') await this.importPost(converter, record);
      else if (record.postType === 'page') await this.importPage(converter, record);
      if (items % 50 === 0) progress();
    }
    progress();
  }

  // ---- authors, sections, tags ------------------------------------------------------------------

  private authorSlug(login: string, name: string): string {
    return slugify(login) || slugify(name) || 'author';
  }

  private async importAuthor(author: WxrAuthor): Promise<number> {
    if (author.id !== null) this.loginsById.set(author.id, author.login);
    const name =
      cleanLabel(author.displayName) || cleanLabel(`${author.firstName} ${author.lastName}`) || author.login;
    const slug = this.authorSlug(author.login, name);
    if (this.dry) {
      this.authorIds.set(author.login, -1);
      return -1;
    }
    const email = author.email.trim().toLowerCase() || null;
    const id = await transact(this.deps.db, async (trx) => {
      const key = `author:${author.login}`;
      const known = await repo.findItem(trx, this.source, key);
      const existing = known?.target_id != null ? await repo.authorById(trx, known.target_id) : undefined;
      const authorId =
        existing?.id ?? (await repo.findOrWriteAuthor(trx, { slug, name, email, at: this.now }));
      const profile = this.profiles.get(slug);
      if (profile) await repo.updateAuthorProfile(trx, authorId, { ...profile, at: this.now });
      await repo.saveItem(trx, {
        source: this.source,
        key,
        target: 'author',
        targetId: authorId,
        raw: null,
        at: this.now,
      });
      return authorId;
    });
    this.authorIds.set(author.login, id);
    return id;
  }

  /** A login an item names that the export's author list did not: made an author of its own. */
  private async authorOf(creator: string): Promise<number> {
    const known = this.authorIds.get(creator);
    if (known !== undefined) return known;
    // Hand-edited exports carry stray characters around a login (">editor", "editor>").
    const login = creator.replace(/[<>"'\s]/g, '');
    const cleaned = this.authorIds.get(login);
    if (cleaned !== undefined) return cleaned;
    return this.importAuthor({
      kind: 'author',
      id: null,
      login,
      email: '',
      displayName: login,
      firstName: '',
      lastName: '',
      line: 0,
    });
  }

  private async importSections(): Promise<void> {
    const bySlug = new Map(this.scan.categories.map((c) => [c.slug, c]));
    /** The top-level ancestor of a category: Dateline's sections nest one level. */
    const topOf = (term: WxrTerm): WxrTerm => {
      let current = term;
      for (let hops = 0; current.parentSlug && bySlug.has(current.parentSlug) && hops < 50; hops += 1)
        current = bySlug.get(current.parentSlug) as WxrTerm;
      return current;
    };
    const flattened: string[] = [];
    // Top-level categories first, so that every child finds its parent's id.
    const ordered = [...this.scan.categories].sort(
      (a, b) =>
        Number(a.parentSlug !== '' && bySlug.has(a.parentSlug)) -
        Number(b.parentSlug !== '' && bySlug.has(b.parentSlug)),
    );
    for (const term of ordered) {
      const top = topOf(term);
      const parentSlug = top === term ? null : top.slug;
      if (parentSlug !== null && term.parentSlug !== parentSlug) flattened.push(term.slug);
      await this.importSection(term, parentSlug === null ? null : (this.sectionIds.get(parentSlug) ?? null));
    }
    if (flattened.length > 0)
      this.report.warnings.push(
        `${flattened.length} categories nested more than one level deep became sections under their top-level category: ${flattened.slice(0, 20).join(', ')}`,
      );
  }

  private async importSection(term: WxrTerm, parentId: number | null): Promise<number> {
    const slug = slugFrom(term.slug, term.name, `category-${term.id ?? this.sectionIds.size + 1}`);
    if (this.dry) {
      this.sectionIds.set(term.slug, -1);
      return -1;
    }
    const id = await transact(this.deps.db, async (trx) => {
      const key = `category:${term.slug}`;
      const known = await repo.findItem(trx, this.source, key);
      const existing = await repo.findSectionBySlug(trx, slug);
      const sectionId = await repo.writeSection(trx, known?.target_id ?? existing?.id ?? null, {
        slug,
        name: cleanLabel(term.name).slice(0, 80) || slug,
        description: term.description.slice(0, 300),
        // A section that already existed keeps its place.
        parent_id: existing && !known ? existing.parent_id : parentId,
        at: this.now,
      });
      await repo.saveItem(trx, {
        source: this.source,
        key,
        target: 'section',
        targetId: sectionId,
        raw: null,
        at: this.now,
      });
      return sectionId;
    });
    this.sectionIds.set(term.slug, id);
    return id;
  }

  private async importTag(term: { slug: string; name: string; description: string }): Promise<number> {
    const known = this.tagIds.get(term.slug);
    if (known !== undefined) return known;
    if (this.dry) {
      this.tagIds.set(term.slug, -1);
      return -1;
    }
    const slug = slugFrom(term.slug, term.name, `tag-${this.tagIds.size + 1}`);
    const id = await transact(this.deps.db, async (trx) => {
      const tagId = await repo.findOrWriteTag(trx, {
        slug,
        name: cleanLabel(term.name).slice(0, 80) || slug,
        description: term.description.slice(0, 300),
      });
      await repo.saveItem(trx, {
        source: this.source,
        key: `tag:${term.slug}`,
        target: 'tag',
        targetId: tagId,
        raw: null,
        at: this.now,
      });
      return tagId;
    });
    this.tagIds.set(term.slug, id);
    return id;
  }

  // ---- pictures ----------------------------------------------------------------------------------

  private missingFile(file: string, attachment: number | null, posts: readonly number[]): void {
    const entry = this.missing.get(file) ?? { attachment, posts: new Set<number>() };
    for (const post of posts) if (entry.posts.size < MAX_LISTED) entry.posts.add(post);
    this.missing.set(file, entry);
  }

  private async importAttachment(attachment: AttachmentInfo): Promise<void> {
    const key = uploadsKey(attachment.file || attachment.url);
    if (key !== null) this.media.byKey.set(key, attachment.id);
    if (attachment.parent > 0)
      this.media.children.set(attachment.parent, [
        ...(this.media.children.get(attachment.parent) ?? []),
        attachment.id,
      ]);
    const dir = this.options.uploadsDir;
    if (dir === undefined) return;
    const posts = [
      ...(this.scan.featuredBy.get(attachment.id) ?? []),
      ...(attachment.parent > 0 ? [attachment.parent] : []),
    ];
    const full = fileIn(dir, attachment.file);
    if (full === null || !fs.existsSync(full)) {
      this.missingFile(attachment.file || attachment.url, attachment.id, posts);
      return;
    }
    const texts = {
      alt: cleanLabel(attachment.alt).slice(0, 500),
      caption: bodyText(attachment.caption).trim().slice(0, 1000),
      title: cleanLabel(attachment.title).slice(0, 300),
    };
    if (this.dry) {
      // Known to exist: a body that shows it is not a missing picture.
      this.media.byId.set(attachment.id, {
        uploadId: null,
        src: attachment.url,
        srcset: '',
        width: 0,
        height: 0,
        alt: texts.alt,
        caption: texts.caption,
      });
      return;
    }
    const itemKey = `attachment:${attachment.id}`;
    const known = await repo.findItem(this.deps.db, this.source, itemKey);
    let upload = known?.target_id != null ? await repo.uploadById(this.deps.db, known.target_id) : undefined;
    if (!upload) {
      try {
        const bytes = await fs.promises.readFile(full);
        const made = await this.deps.uploads.uploadImage({
          bytes,
          filename: path.basename(full),
          actor: null,
          texts,
          within: (trx, made) =>
            repo.saveItem(trx, {
              source: this.source,
              key: itemKey,
              target: 'upload',
              targetId: made.id,
              raw: null,
              at: this.now,
            }),
        });
        upload = await repo.uploadById(this.deps.db, made.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        this.report.warnings.push(
          `Attachment ${attachment.id} (${attachment.file}) was not imported: ${error.message}`,
        );
        return;
      }
    } else {
      await this.deps.uploads.describe(upload.id, texts);
    }
    if (!upload) return;
    const variants = JSON.parse(upload.variants) as { width: number; key: string }[];
    const src = [...variants].reverse().find((v) => v.width <= 960) ?? variants[0];
    this.media.byId.set(attachment.id, {
      uploadId: upload.id,
      src: `/uploads/${src?.key ?? upload.storage_key}`,
      srcset: variants.map((v) => `/uploads/${v.key} ${v.width}w`).join(', '),
      width: Number(upload.width),
      height: Number(upload.height),
      alt: texts.alt,
      caption: texts.caption,
    });
  }

  // ---- posts and pages ---------------------------------------------------------------------------

  private async convert(converter: Converter, item: WxrItem): Promise<ConvertedContent> {
    const converted = await converter.convert({ raw: item.content, postId: item.postId });
    if (converted === null) {
      this.report.warnings.push(
        `${item.postType === 'page' ? 'Page' : 'Post'} ${item.postId} "${plainTitle(item.title)}" took too long to convert: its text is kept as written, escaped, and its raw body is kept for a later conversion.`,
      );
      return {
        html: unconvertedBody(item.content),
        teaser: null,
        source: null,
        unknownShortcodes: [],
        unknownBlocks: [],
        missingImages: [],
        nextpage: false,
      };
    }
    for (const name of converted.unknownShortcodes) addTo(this.unknownShortcodes, name, item.postId);
    for (const name of converted.unknownBlocks) addTo(this.unknownBlocks, name, item.postId);
    for (const url of converted.missingImages) {
      if (this.options.uploadsDir === undefined) this.unresolvedImages += 1;
      else this.missingFile(url, null, [item.postId]);
    }
    return converted;
  }

  private async addRedirect(trx: Db, from: string | null, to: string): Promise<void> {
    if (from === null || from === to) return;
    const input = { from, to, status: 301 as const };
    if (Object.keys(redirectInputProblems(input)).length > 0) return;
    try {
      await redirects.add(trx, { ...input, at: this.now });
      this.report.written.redirects += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }

  /** A slug of the item's own, not taken by another article or page, nor by the site's own routes. */
  private async freeSlug(trx: Db, wanted: string, self: { table: 'articles' | 'pages'; id: number } | null) {
    let slug = wanted;
    for (
      let n = 2;
      RESERVED_SLUGS.has(slug) || slug.startsWith('sitemap') || (await repo.slugInUse(trx, slug, self));
      n += 1
    )
      slug = `${wanted.slice(0, 70)}-${n}`;
    return slug;
  }

  private oldSlugPaths(item: WxrItem, link: string | null): string[] {
    const olds = item.meta
      .filter((m) => m.key === '_wp_old_slug')
      .map((m) => m.value.trim())
      .filter(Boolean);
    return olds.map((old) =>
      link !== null && item.postName !== '' && link.includes(`/${item.postName}/`)
        ? link.replace(`/${item.postName}/`, `/${old}/`)
        : `${this.prefix}/${old}/`,
    );
  }

  /**
   * What a post's or page's WordPress status makes of it, with a report line for a private or
   * password-protected one; undefined (counted as skipped) for trash, auto-drafts and revisions.
   */
  private accept(item: WxrItem, publishedAt: string | null) {
    const outcome = articleOutcome(item.status, item.password !== '', publishedAt, this.now);
    if (outcome.status === 'skip') {
      this.report.written.skipped += 1;
      return undefined;
    }
    const title = plainTitle(item.title) || '(untitled)';
    const kind = item.postType === 'page' ? 'Page' : 'Post';
    if (outcome.why === 'password')
      this.report.warnings.push(
        `${kind} ${item.postId} "${title}" is password-protected: imported as a draft, never public.`,
      );
    else if (outcome.why === 'private')
      this.report.warnings.push(
        `${kind} ${item.postId} "${title}" is private: imported as a draft, never public.`,
      );
    return { outcome, title };
  }

  private async importPost(converter: Converter, item: WxrItem): Promise<void> {
    const publishedAt = wpDate(item.postDateGmt, item.postDate);
    const accepted = this.accept(item, publishedAt);
    if (!accepted) return;
    const { outcome, title } = accepted;
    const converted = await this.convert(converter, item);
    if (this.dry) return;

    const categories = item.terms.filter((t) => t.domain === 'category');
    const primarySlug = this.primaryCategory(item, categories) ?? categories[0]?.slug;
    if (categories.length > 1) this.severalCategories += 1;
    for (const term of categories)
      if (!this.sectionIds.has(term.slug))
        await this.importSection(
          {
            kind: 'category',
            id: null,
            taxonomy: 'category',
            slug: term.slug,
            name: term.name,
            parentSlug: '',
            description: '',
            line: 0,
          },
          null,
        );
    const tagIds: number[] = [];
    for (const term of item.terms.filter((t) => t.domain === 'post_tag'))
      tagIds.push(await this.importTag({ slug: term.slug, name: term.name, description: '' }));
    const authorId = await this.authorOf(item.creator);
    const thumbnail = metaInt(item.meta.find((m) => m.key === '_thumbnail_id')?.value);
    const featured = thumbnail === null ? undefined : this.media.byId.get(thumbnail);
    const created = wpDate(item.postDateGmt, item.postDate) ?? this.now;
    const updated = wpDate(item.modifiedGmt, item.modified) ?? created;
    const standfirst =
      item.excerpt.trim() !== ''
        ? item.excerpt.includes('<')
          ? bodyText(item.excerpt).trim()
          : item.excerpt.trim()
        : (converted.teaser ?? '');
    const link = oldPath(item.link, this.siteUrls);

    await transact(this.deps.db, async (trx) => {
      const key = `post:${item.postId}`;
      const known = await repo.findItem(trx, this.source, key);
      const existing = known?.target_id != null ? await repo.articleSlug(trx, known.target_id) : undefined;
      const id = existing ? (known?.target_id as number) : null;
      const slug =
        existing?.slug ??
        (await this.freeSlug(trx, slugFrom(item.postName, title, `post-${item.postId}`), null));
      const sectionId =
        primarySlug !== undefined && this.sectionIds.has(primarySlug)
          ? (this.sectionIds.get(primarySlug) as number)
          : await resolveSection(trx, { slug: undefined, current: null, at: this.now });
      const articleId = await repo.writeArticle(trx, id, {
        slug,
        title,
        standfirst: standfirst.slice(0, 1000),
        status: outcome.status,
        published_at: outcome.status === 'draft' ? null : (publishedAt ?? this.now),
        created_at: created,
        updated_at: updated,
        comments_open: item.commentStatus === 'open' ? 1 : 0,
        featured_image_id: featured?.uploadId ?? null,
        featured_image_alt: featured ? featured.alt : null,
        section_id: sectionId,
        body_markdown: converted.html,
        body_html: converted.html,
        body_text: bodyText(converted.html),
        review_requested_at: outcome.reviewRequested ? updated : null,
      });
      await repo.setBylinesAndTags(trx, articleId, [authorId], [...new Set(tagIds)]);
      await repo.setSource(
        trx,
        articleId,
        converted.source ? { name: converted.source.name.slice(0, 200), url: converted.source.url } : null,
      );
      await this.importComments(trx, item, articleId);
      await repo.saveItem(trx, {
        source: this.source,
        key,
        target: 'article',
        targetId: articleId,
        raw: item.content,
        at: this.now,
      });
      this.report.written[id === null ? 'created' : 'updated'] += 1;
      // Old addresses lead only to what readers may see: a redirect to a draft would name it.
      if (outcome.status !== 'published') return;
      const to = `/${slug}/`;
      for (const from of [link, ...this.oldSlugPaths(item, link)]) {
        if (from === null) continue;
        for (const variant of archiveVariants(from, to).slice(0, 2))
          await this.addRedirect(trx, variant.from, variant.to);
      }
      await this.addRedirect(trx, queryPath('p', item.postId), to);
      // An attachment's own page on the old site showed one picture of this story: the story answers.
      for (const attachmentId of this.media.children.get(item.postId) ?? []) {
        await this.addRedirect(trx, queryPath('attachment_id', attachmentId), to);
        const attachment = this.scan.attachments.get(attachmentId);
        if (attachment) await this.addRedirect(trx, oldPath(attachment.link, this.siteUrls), to);
      }
    });
  }

  /** Yoast SEO's primary category, when the site used it and the post is in it. */
  private primaryCategory(item: WxrItem, categories: readonly { slug: string }[]): string | undefined {
    const id = metaInt(item.meta.find((m) => m.key === '_yoast_wp_primary_category')?.value);
    if (id === null) return undefined;
    const term = this.scan.categories.find((c) => c.id === id);
    return term && categories.some((c) => c.slug === term.slug) ? term.slug : undefined;
  }

  private async importComments(trx: Db, item: WxrItem, articleId: number): Promise<void> {
    const ids = new Map<number, number>();
    const written: { comment: WxrComment; id: number }[] = [];
    for (const comment of item.comments) {
      const key = `comment:${comment.id}`;
      if (isPingback(comment.type)) {
        const raw = JSON.stringify({
          type: comment.type,
          author: comment.author,
          url: comment.url,
          date: comment.dateGmt || comment.date,
          content: comment.content,
          post: item.postId,
        });
        await repo.saveItem(trx, {
          source: this.source,
          key,
          target: 'pingback',
          targetId: null,
          raw,
          at: this.now,
        });
        continue;
      }
      const known = await repo.findItem(trx, this.source, key);
      const { status, before } = statusOfComment(comment.approved);
      const login = comment.userId > 0 ? this.loginsById.get(comment.userId) : undefined;
      const staffId = login === undefined ? null : (this.authorIds.get(login) ?? null);
      const id = await repo.writeComment(trx, known?.target_id ?? null, {
        article_id: articleId,
        status,
        status_before: before,
        author_name: cleanLabel(comment.author).slice(0, 120) || 'Anonymous',
        // A staff reply is the author's own: no reader email to keep.
        author_email: staffId !== null ? '' : comment.email.trim().toLowerCase().slice(0, 254),
        author_url: isWebUrl(comment.url.trim()) ? comment.url.trim().slice(0, 500) : null,
        author_id: staffId,
        ip_hash: comment.ip.trim() ? this.deps.ipSigner.sign(`ip:${comment.ip.trim()}`) : null,
        user_agent: null,
        created_at: wpDate(comment.dateGmt, comment.date) ?? this.now,
        body: commentText(comment.content),
      });
      ids.set(comment.id, id);
      written.push({ comment, id });
      await repo.saveItem(trx, {
        source: this.source,
        key,
        target: 'comment',
        targetId: id,
        raw: null,
        at: this.now,
      });
    }
    // Threads are joined once every comment has its id: a reply may come before its parent.
    for (const { comment, id } of written)
      await repo.setCommentParent(trx, id, comment.parent > 0 ? (ids.get(comment.parent) ?? null) : null);
  }

  private async importPage(converter: Converter, item: WxrItem): Promise<void> {
    const accepted = this.accept(item, null);
    if (!accepted) return;
    const { outcome, title } = accepted;
    const converted = await this.convert(converter, item);
    const readerComments = item.comments.filter((c) => !isPingback(c.type)).length;
    if (readerComments > 0)
      this.report.warnings.push(
        `Page ${item.postId} "${title}" has ${readerComments} comments: Dateline's pages take none, so they were left out.`,
      );
    if (this.dry) return;
    const status = outcome.status === 'published' ? 'published' : 'draft';
    const created = wpDate(item.postDateGmt, item.postDate) ?? this.now;
    const link = oldPath(item.link, this.siteUrls);
    await transact(this.deps.db, async (trx) => {
      const key = `page:${item.postId}`;
      const known = await repo.findItem(trx, this.source, key);
      const existing = known?.target_id != null ? await repo.pageRow(trx, known.target_id) : undefined;
      const id = existing ? (known?.target_id as number) : null;
      const slug =
        existing?.slug ??
        (await this.freeSlug(trx, slugFrom(item.postName, title, `page-${item.postId}`), null));
      const pageId = await repo.writePage(trx, id, {
        slug,
        title,
        status,
        parent_id: existing?.parent_id ?? null,
        body_markdown: converted.html,
        body_html: converted.html,
        body_text: bodyText(converted.html),
        created_at: created,
        updated_at: wpDate(item.modifiedGmt, item.modified) ?? created,
      });
      await repo.saveItem(trx, {
        source: this.source,
        key,
        target: 'page',
        targetId: pageId,
        raw: item.content,
        at: this.now,
      });
      this.report.written[id === null ? 'created' : 'updated'] += 1;
      this.pageIds.set(item.postId, pageId);
      if (item.postParent > 0) this.pageParents.push({ id: pageId, parentWpId: item.postParent });
      if (status === 'published')
        this.pageRedirects.push({ id: pageId, from: [link, queryPath('page_id', item.postId)] });
    });
  }

  /**
   * Joins pages to their parents once every page has an id (a child may come first), one level deep as
   * Dateline's pages are (a grandchild hangs from its top-level ancestor), then writes the published
   * pages' old addresses, which need the parent's slug.
   */
  private async finishPages(): Promise<void> {
    const parentOf = new Map(this.pageParents.map((p) => [p.id, p.parentWpId]));
    const topOf = (id: number): number | null => {
      let parentWp = parentOf.get(id);
      let top: number | null = null;
      for (let hops = 0; parentWp !== undefined && hops < 50; hops += 1) {
        const parentId = this.pageIds.get(parentWp);
        if (parentId === undefined) break;
        top = parentId;
        parentWp = parentOf.get(parentId);
      }
      return top;
    };
    await transact(this.deps.db, async (trx) => {
      for (const { id } of this.pageParents) await repo.setPageParent(trx, id, topOf(id));
      for (const { id, from } of this.pageRedirects) {
        const row = await repo.pageRow(trx, id);
        if (!row) continue;
        const parent = row.parent_id === null ? undefined : await repo.pageRow(trx, row.parent_id);
        const to = parent ? `/${parent.slug}/${row.slug}/` : `/${row.slug}/`;
        for (const path of from) await this.addRedirect(trx, path, to);
      }
    });
  }

  // ---- archives: categories, tags, authors ------------------------------------------------------

  private async archiveRedirects(): Promise<void> {
    if (this.dry) return;
    const bySlug = new Map(this.scan.categories.map((c) => [c.slug, c]));
    const categoryPath = (term: WxrTerm): string => {
      const chain = [term.slug];
      let current = term;
      for (let hops = 0; current.parentSlug && bySlug.has(current.parentSlug) && hops < 50; hops += 1) {
        current = bySlug.get(current.parentSlug) as WxrTerm;
        chain.unshift(current.slug);
      }
      return `${this.prefix}/category/${chain.join('/')}/`;
    };
    const pagesOf = (count: number | undefined) => Math.ceil((count ?? 0) / WP_POSTS_PER_PAGE);
    const paths: { from: string; to: string }[] = [];
    const archive = (from: string, to: string, feeds: { rss: string; atom: string }, pages: number) => {
      paths.push(
        { from, to },
        { from: `${from}feed/`, to: feeds.rss },
        { from: `${from}feed/atom/`, to: feeds.atom },
      );
      for (let n = 2; n <= pages; n += 1) paths.push({ from: `${from}page/${n}/`, to: `${to}page/${n}/` });
    };
    for (const term of this.scan.categories) {
      const id = this.sectionIds.get(term.slug);
      if (id === undefined) continue;
      const slug = slugFrom(term.slug, term.name, '');
      const target = sectionPaths(slug);
      archive(
        categoryPath(term),
        target.page,
        { rss: target.rss, atom: target.atom },
        pagesOf(this.scan.archiveSizes.category.get(term.slug)),
      );
      if (term.id !== null) paths.push({ from: queryPath('cat', term.id), to: target.page });
    }
    for (const term of this.scan.tags) {
      const slug = slugFrom(term.slug, term.name, '');
      if (slug === '') continue;
      const to = `/tag/${slug}/`;
      archive(
        `${this.prefix}/tag/${term.slug}/`,
        to,
        { rss: `${to}feed/`, atom: `${to}feed/` },
        pagesOf(this.scan.archiveSizes.tag.get(term.slug)),
      );
    }
    for (const author of this.scan.authors) {
      if (!this.scan.writers.has(author.login)) continue;
      const slug = this.authorSlug(author.login, author.displayName);
      const to = `/author/${slug}/`;
      // WordPress's author address uses the nicename, which the export does not carry: it is the
      // login made URL-safe (lower case, dots and @ as hyphens), so both spellings are kept.
      const nicename = author.login.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
      for (const name of new Set([author.login, nicename]))
        archive(
          `${this.prefix}/author/${name}/`,
          to,
          { rss: `${to}feed/`, atom: `${to}feed/` },
          pagesOf(this.scan.archiveSizes.author.get(author.login)),
        );
      if (author.id !== null) paths.push({ from: queryPath('author', author.id), to });
    }
    // Many small transactions rather than one long one: readers' requests keep being answered.
    for (let i = 0; i < paths.length; i += 100)
      await transact(this.deps.db, async (trx) => {
        for (const { from, to } of paths.slice(i, i + 100)) await this.addRedirect(trx, from, to);
      });
  }

  // ---- accounts and the report -------------------------------------------------------------------

  async createAccounts(): Promise<WordpressImportResult['invitations']> {
    const invitations: WordpressImportResult['invitations'] = [];
    for (const author of this.scan.authors) {
      const email = author.email.trim().toLowerCase();
      if (email === '') continue;
      const name = cleanLabel(author.displayName) || author.login;
      try {
        const made = await this.deps.accounts.addUser({ email, name: name.slice(0, 120), role: 'author' });
        if (made.invitationPath) invitations.push({ name, email, path: made.invitationPath });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        this.report.warnings.push(`No account was made for ${author.login}: ${error.message}`);
      }
    }
    return invitations;
  }

  private finishReport(): void {
    const listed = (map: Map<string, Set<number>>) =>
      [...map]
        .map(([name, posts]) => ({ name, posts: [...posts].sort((a, b) => a - b) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    this.report.unknownShortcodes = listed(this.unknownShortcodes);
    this.report.unknownBlocks = listed(this.unknownBlocks);
    this.report.missingMedia = [...this.missing]
      .map(([file, { attachment, posts }]) => ({ file, attachment, posts: [...posts].sort((a, b) => a - b) }))
      .sort((a, b) => a.file.localeCompare(b.file));
    if (this.options.uploadsDir === undefined) {
      const images = this.scan.attachments.size;
      this.report.warnings.push(
        `No uploads folder was given (--uploads): ${images} attachments were not imported, and ${this.unresolvedImages} pictures in bodies still point at the old site.`,
      );
    }
    if (this.severalCategories > 0)
      this.report.warnings.push(
        `${this.severalCategories} posts were in several categories: each is filed in one section (Yoast's primary category, else the first).`,
      );
    const other = Object.entries(this.scan.counts.otherTypes);
    if (other.length > 0)
      this.report.warnings.push(
        `Not imported (no Dateline counterpart): ${other.map(([type, n]) => `${n} ${type}`).join(', ')}.`,
      );
  }
}
