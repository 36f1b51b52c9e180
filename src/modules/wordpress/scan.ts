// The importer's first pass: reads the whole export once, writing nothing, and keeps only what the
// second pass needs before it meets an item (authors, terms, attachments, counts). Posts' bodies are
// not held: memory grows with the number of attachments and terms, never with the export's size.
import type { ImportProgress, ImportReport, StatusCounts } from './report.ts';
import { metaInt } from './mapping.ts';
import { readWxr } from './wxr.ts';
import type { WxrAuthor, WxrItem, WxrSite, WxrTerm } from './wxr-records.ts';

/** A WordPress attachment, as far as the second pass needs it. */
export interface AttachmentInfo {
  id: number;
  /** `_wp_attached_file`: the path under wp-content/uploads (2025/04/harbour.jpg). */
  file: string;
  url: string;
  /** The attachment's own page on the old site (its `link`). */
  link: string;
  parent: number;
  alt: string;
  caption: string;
  title: string;
}

export interface Scan {
  site: WxrSite;
  authors: WxrAuthor[];
  categories: WxrTerm[];
  tags: WxrTerm[];
  attachments: Map<number, AttachmentInfo>;
  /** Published posts per category slug, tag slug and author login: how many /page/N/ archives there were. */
  archiveSizes: { category: Map<string, number>; tag: Map<string, number>; author: Map<string, number> };
  /** Logins that wrote at least one post or page. */
  writers: Set<string>;
  /** Item counts, for a progress bar's second pass. */
  items: number;
  counts: ImportReport['counts'];
  /** The posts each attachment is the featured image of, for the missing-media lines. */
  featuredBy: Map<number, number[]>;
}

function bump(counts: StatusCounts, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export function emptyCounts(): ImportReport['counts'] {
  return {
    posts: {},
    pages: {},
    attachments: {},
    authors: {},
    categories: {},
    tags: {},
    comments: {},
    pingbacks: {},
    otherTypes: {},
  };
}

/** Comment types that are not a reader's words. */
export function isPingback(type: string): boolean {
  return type === 'pingback' || type === 'trackback';
}

function countItem(scan: Scan, item: WxrItem): void {
  const status = item.password !== '' && item.postType !== 'attachment' ? 'password' : item.status;
  if (item.postType === 'post') bump(scan.counts.posts, status);
  else if (item.postType === 'page') bump(scan.counts.pages, status);
  else if (item.postType === 'attachment') bump(scan.counts.attachments, item.status || 'inherit');
  else bump(scan.counts.otherTypes, item.postType || '(none)');
  if (item.postType !== 'post' && item.postType !== 'page') return;
  for (const comment of item.comments) {
    if (isPingback(comment.type)) bump(scan.counts.pingbacks, comment.type);
    else bump(scan.counts.comments, comment.approved);
  }
}

export async function scanExport(
  file: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<Scan> {
  const scan: Scan = {
    site: { kind: 'site', version: '1.2', title: '', link: '', baseSiteUrl: '', baseBlogUrl: '' },
    authors: [],
    categories: [],
    tags: [],
    attachments: new Map(),
    archiveSizes: { category: new Map(), tag: new Map(), author: new Map() },
    writers: new Set(),
    items: 0,
    counts: emptyCounts(),
    featuredBy: new Map(),
  };
  let bytesRead = 0;
  let totalBytes: number | null = null;
  const records = readWxr(file, {
    onProgress: (read, total) => {
      bytesRead = read;
      totalBytes = total;
    },
  });
  for await (const record of records) {
    if (record.kind === 'site') scan.site = record;
    else if (record.kind === 'author') scan.authors.push(record);
    else if (record.kind === 'category') scan.categories.push(record);
    else if (record.kind === 'tag') scan.tags.push(record);
    else if (record.kind === 'item') {
      scan.items += 1;
      countItem(scan, record);
      if (record.postType === 'attachment') {
        const meta = new Map(record.meta.map((m) => [m.key, m.value]));
        scan.attachments.set(record.postId, {
          id: record.postId,
          file: (meta.get('_wp_attached_file') ?? '').trim(),
          url: record.attachmentUrl || record.guid,
          link: record.link,
          parent: record.postParent,
          alt: meta.get('_wp_attachment_image_alt') ?? '',
          caption: record.excerpt,
          title: record.title,
        });
      } else if (record.postType === 'post' || record.postType === 'page') {
        if (record.status !== 'trash' && record.status !== 'auto-draft') scan.writers.add(record.creator);
        const thumbnail = metaInt(record.meta.find((m) => m.key === '_thumbnail_id')?.value);
        if (thumbnail !== null)
          scan.featuredBy.set(thumbnail, [...(scan.featuredBy.get(thumbnail) ?? []), record.postId]);
        if (record.postType === 'post' && record.status === 'publish' && record.password === '') {
          const sizes = scan.archiveSizes;
          sizes.author.set(record.creator, (sizes.author.get(record.creator) ?? 0) + 1);
          for (const term of record.terms) {
            const map =
              term.domain === 'category' ? sizes.category : term.domain === 'post_tag' ? sizes.tag : null;
            map?.set(term.slug, (map.get(term.slug) ?? 0) + 1);
          }
        }
      }
      if (scan.items % 200 === 0) onProgress?.({ phase: 'scan', bytesRead, totalBytes, items: scan.items });
    }
  }
  onProgress?.({ phase: 'scan', bytesRead, totalBytes, items: scan.items });
  for (const author of scan.authors)
    bump(scan.counts.authors, scan.writers.has(author.login) ? 'with posts' : 'without posts');
  for (const term of scan.categories) bump(scan.counts.categories, term.parentSlug ? 'nested' : 'top level');
  for (const _term of scan.tags) bump(scan.counts.tags, 'tags');
  return scan;
}
