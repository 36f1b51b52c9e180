// The import's report: what an export holds and what will and will not come across. The same shape is
// printed on a terminal, written with --report FILE.json, and shown on the newsroom's Import screen.

/** Counts for one kind of thing, by WordPress status (publish, draft, 1, 0, …) or Dateline outcome. */
export type StatusCounts = Record<string, number>;

export interface ImportReport {
  /** The export's site (wp:base_site_url or the channel link) and WXR version. */
  site: { title: string; url: string; wxrVersion: string };
  dryRun: boolean;
  /** Whether a copy of wp-content/uploads was given. */
  uploadsGiven: boolean;
  counts: {
    posts: StatusCounts;
    pages: StatusCounts;
    attachments: StatusCounts;
    /** Keyed 'with posts' and 'without posts'. */
    authors: StatusCounts;
    categories: StatusCounts;
    tags: StatusCounts;
    /** Reader comments by WordPress status: '1' approved, '0' pending, 'trash', 'post-trashed', 'spam'. */
    comments: StatusCounts;
    /** Pingbacks and trackbacks, kept apart and never shown as comments. */
    pingbacks: StatusCounts;
    /** Items of other post types (nav_menu_item, custom types), by type: reported, not imported. */
    otherTypes: StatusCounts;
  };
  /** What happened to the items, once written (zeros on a dry run). */
  written: {
    created: number;
    updated: number;
    skipped: number;
    redirects: number;
  };
  /** Media files that the export names but the uploads folder does not have. */
  missingMedia: { file: string; attachment: number | null; posts: number[] }[];
  /** Shortcodes left visible in the text, with the posts they are in. */
  unknownShortcodes: { name: string; posts: number[] }[];
  /** Gutenberg blocks not understood (their HTML kept), with the posts they are in. */
  unknownBlocks: { name: string; posts: number[] }[];
  /** Authors in the export's author list who wrote no post or page. */
  authorsWithoutPosts: string[];
  /** One line each for what a newsroom must know: password posts, private posts, a missing uploads folder. */
  warnings: string[];
}

/** What a terminal shows while an import runs. */
export interface ImportProgress {
  phase: 'scan' | 'write';
  bytesRead: number;
  /** The export's size in bytes (compressed size for a gzipped export); null when unknown. */
  totalBytes: number | null;
  /** Items (posts, pages, attachments) handled so far in this phase. */
  items: number;
}

function counted(counts: StatusCounts): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '0';
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${total} (${entries.map(([status, n]) => `${status} ${n}`).join(', ')})`;
}

/** WordPress's comment statuses in words. */
const COMMENT_STATUS: Record<string, string> = { '1': 'approved', '0': 'pending' };

/** The report as lines for a terminal: counts by kind and status, then what needs a person's eyes. */
export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  const { counts } = report;
  const comments = Object.fromEntries(
    Object.entries(counts.comments).map(([status, n]) => [COMMENT_STATUS[status] ?? status, n]),
  );
  lines.push(
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.site.title || report.site.url} (WXR ${report.site.wxrVersion})`,
    `  posts        ${counted(counts.posts)}`,
    `  pages        ${counted(counts.pages)}`,
    `  attachments  ${counted(counts.attachments)}`,
    `  authors      ${counted(counts.authors)}`,
    `  categories   ${counted(counts.categories)}`,
    `  tags         ${counted(counts.tags)}`,
    `  comments     ${counted(comments)}`,
    `  pingbacks    ${counted(counts.pingbacks)} (kept apart, never shown as comments)`,
  );
  if (Object.keys(counts.otherTypes).length > 0) lines.push(`  other types  ${counted(counts.otherTypes)}`);
  if (!report.dryRun) {
    const w = report.written;
    lines.push(
      `Written: ${w.created} created, ${w.updated} updated, ${w.skipped} skipped (trash, auto-draft), ${w.redirects} redirects`,
    );
  }
  const posts = (ids: readonly number[]) =>
    ids.length > 0 ? ` (posts ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''})` : '';
  if (report.missingMedia.length > 0) {
    lines.push(`Missing media files: ${report.missingMedia.length}`);
    for (const m of report.missingMedia.slice(0, 50))
      lines.push(
        `  ${m.file}${m.attachment !== null ? ` (attachment ${m.attachment})` : ''}${posts(m.posts)}`,
      );
    if (report.missingMedia.length > 50)
      lines.push(`  … and ${report.missingMedia.length - 50} more (see --report)`);
  }
  if (report.unknownShortcodes.length > 0) {
    lines.push('Shortcodes not understood (left visible in the text):');
    for (const s of report.unknownShortcodes) lines.push(`  [${s.name}]${posts(s.posts)}`);
  }
  if (report.unknownBlocks.length > 0) {
    lines.push('Blocks not understood (their HTML kept):');
    for (const b of report.unknownBlocks) lines.push(`  ${b.name}${posts(b.posts)}`);
  }
  if (report.authorsWithoutPosts.length > 0)
    lines.push(`Authors without posts: ${report.authorsWithoutPosts.join(', ')}`);
  if (report.warnings.length > 0) {
    lines.push('Warnings:');
    for (const warning of report.warnings) lines.push(`  ${warning}`);
  }
  return lines;
}
