import type { ImportReport, StatusCounts } from '../report.ts';

/** WordPress's statuses, in the newsroom's words where they are codes. */
const STATUS_WORDS: Record<string, Record<string, string>> = {
  comments: { '1': 'approved', '0': 'pending' },
};

const KINDS: { key: keyof ImportReport['counts']; label: string; note?: string }[] = [
  { key: 'posts', label: 'Posts' },
  { key: 'pages', label: 'Pages' },
  { key: 'attachments', label: 'Attachments (pictures and files)' },
  { key: 'authors', label: 'Authors' },
  { key: 'categories', label: 'Categories (become sections)' },
  { key: 'tags', label: 'Tags' },
  { key: 'comments', label: 'Comments' },
  { key: 'pingbacks', label: 'Pingbacks and trackbacks', note: 'kept apart, never shown as comments' },
  { key: 'otherTypes', label: 'Other kinds of item', note: 'listed, not imported' },
];

/** The most names listed under one heading; the count is always whole. */
const MAX_SHOWN = 100;

function total(counts: StatusCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function byStatus(kind: string, counts: StatusCounts): string {
  const words = STATUS_WORDS[kind] ?? {};
  const entries = Object.entries(counts);
  // Tags have no status: their one count says nothing more.
  if (entries.length === 1 && entries[0]?.[0] === kind) return '';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${words[status] ?? status} ${n}`)
    .join(', ');
}

function posts(ids: readonly number[]): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, 20).join(', ');
  return ` — in post${ids.length === 1 ? '' : 's'} ${shown}${ids.length > 20 ? ', …' : ''}`;
}

function More({ count }: { count: number }) {
  return count > MAX_SHOWN ? <li>… and {String(count - MAX_SHOWN)} more</li> : null;
}

/**
 * An import's report as the Import screen shows it: counts by kind and status, what was written (after
 * the import), then everything that needs a person's eyes. Every name in it comes from the export, a
 * file from outside: it is text here, never markup.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { counts } = report;
  const attention =
    report.missingMedia.length +
    report.unknownShortcodes.length +
    report.unknownBlocks.length +
    report.authorsWithoutPosts.length +
    report.warnings.length;
  return (
    <section aria-labelledby="import-report" class="import-report">
      <h2 id="import-report">{report.dryRun ? 'What the import will bring across' : 'What was imported'}</h2>
      <p>
        {report.site.title || report.site.url || 'The export'}
        {report.site.title && report.site.url ? ` (${report.site.url})` : ''}, WordPress export format{' '}
        {report.site.wxrVersion}.{' '}
        {report.uploadsGiven
          ? 'Pictures come from the zip of wp-content/uploads you gave.'
          : 'No zip of wp-content/uploads was given: pictures stay at their old addresses.'}
      </p>
      <table class="import-counts">
        <caption>In the export</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Count</th>
            <th scope="col">By status</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.filter((k) => k.key !== 'otherTypes' || total(counts.otherTypes) > 0).map((kind) => (
            <tr>
              <th scope="row">{kind.label}</th>
              <td>{String(total(counts[kind.key]))}</td>
              <td>
                {byStatus(kind.key, counts[kind.key])}
                {kind.note && total(counts[kind.key]) > 0 ? ` (${kind.note})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {!report.dryRun && (
        <table class="import-written">
          <caption>Written</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
              <th scope="col">Skipped (trash, auto-drafts)</th>
              <th scope="col">Redirects from old addresses</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{String(report.written.created)}</td>
              <td>{String(report.written.updated)}</td>
              <td>{String(report.written.skipped)}</td>
              <td>{String(report.written.redirects)}</td>
            </tr>
          </tbody>
        </table>
      )}

      {attention === 0 && <p>Nothing in the export needs your attention.</p>}

      {report.missingMedia.length > 0 && (
        <>
          <h3>Pictures the uploads do not have ({String(report.missingMedia.length)})</h3>
          <p class="hint">
            The export names these files, but {report.uploadsGiven ? 'the zip' : 'no zip'} holds them. They
            stay at their old addresses.
          </p>
          <ul class="import-list">
            {report.missingMedia.slice(0, MAX_SHOWN).map((m) => (
              <li>
                <code>{m.file}</code>
                {m.attachment !== null ? ` (attachment ${m.attachment})` : ''}
                {posts(m.posts)}
              </li>
            ))}
            <More count={report.missingMedia.length} />
          </ul>
        </>
      )}

      {report.unknownShortcodes.length > 0 && (
        <>
          <h3>Shortcodes not understood ({String(report.unknownShortcodes.length)})</h3>
          <p class="hint">They stay visible in the text, as written, for an editor to tidy.</p>
          <ul class="import-list">
            {report.unknownShortcodes.slice(0, MAX_SHOWN).map((s) => (
              <li>
                <code>[{s.name}]</code>
                {posts(s.posts)}
              </li>
            ))}
            <More count={report.unknownShortcodes.length} />
          </ul>
        </>
      )}

      {report.unknownBlocks.length > 0 && (
        <>
          <h3>Blocks not understood ({String(report.unknownBlocks.length)})</h3>
          <p class="hint">Their HTML is kept, cleaned as every body is.</p>
          <ul class="import-list">
            {report.unknownBlocks.slice(0, MAX_SHOWN).map((b) => (
              <li>
                <code>{b.name}</code>
                {posts(b.posts)}
              </li>
            ))}
            <More count={report.unknownBlocks.length} />
          </ul>
        </>
      )}

      {report.authorsWithoutPosts.length > 0 && (
        <>
          <h3>Authors without posts ({String(report.authorsWithoutPosts.length)})</h3>
          <p class="hint">They come across as authors all the same.</p>
          <ul class="import-list">
            {report.authorsWithoutPosts.slice(0, MAX_SHOWN).map((login) => (
              <li>{login}</li>
            ))}
            <More count={report.authorsWithoutPosts.length} />
          </ul>
        </>
      )}

      {report.warnings.length > 0 && (
        <>
          <h3>Warnings ({String(report.warnings.length)})</h3>
          <ul class="import-list">
            {report.warnings.slice(0, MAX_SHOWN).map((warning) => (
              <li>{warning}</li>
            ))}
            <More count={report.warnings.length} />
          </ul>
        </>
      )}
    </section>
  );
}
