// `dateline wire …`: the wire desk on the command line. Sources are added and listed, and fetched
// now by the same service the poller uses, with the same politeness (a feed that asked us to wait
// is skipped, and says until when).
import { UsageError, required, type Command } from './cli-command.ts';
import { readId } from './platform/validation.ts';
import { readRfc3339, type FetchReport } from './modules/wire/index.ts';

function describe(report: FetchReport): string {
  const who = `${report.name} (#${report.sourceId})`;
  switch (report.outcome) {
    case 'fetched':
      return `${who}: ${report.added} new, ${report.updated} updated`;
    case 'not-modified':
      return `${who}: not modified since the last fetch`;
    case 'skipped':
      return `${who}: skipped: ${report.message ?? ''}`;
    case 'gone':
    case 'failed':
      return `${who}: FAILED: ${report.message ?? ''}`;
  }
}

export const wireCommands: Record<string, Command> = {
  'wire source': {
    usage:
      'dateline wire source add --name NAME --url FEED_URL [--terms link|republish] [--home URL] | dateline wire source list [--json]',
    summary:
      "Follow an outlet's feed (RSS, RDF, Atom or JSON Feed) on the wire desk, and print the new source's id; or list the sources with their status, last error and item count. --terms link (the default) lets a draft carry a summary and a link; republish lets it carry the outlet's text.",
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      terms: { type: 'string' },
      home: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    async run(values, positionals, ctx) {
      const [action] = positionals;
      if (positionals.length !== 1 || (action !== 'add' && action !== 'list'))
        throw new UsageError('give add or list');
      if (action === 'add') {
        const terms = typeof values.terms === 'string' ? values.terms : 'link';
        if (terms !== 'link' && terms !== 'republish')
          throw new UsageError('--terms must be link or republish');
        const source = await ctx.withServices((s) =>
          s.wire.addSource({
            name: required(values, 'name'),
            url: required(values, 'url'),
            terms,
            ...(typeof values.home === 'string' && { homeUrl: values.home }),
          }),
        );
        ctx.out(String(source.id));
        return;
      }
      const sources = await ctx.withServices((s) => s.wire.listSources());
      if (values.json) {
        ctx.out(
          JSON.stringify(
            sources.map((s) => ({
              id: s.id,
              name: s.name,
              url: s.url,
              terms: s.terms,
              status: s.status,
              last_error: s.lastError,
              last_fetched_at: s.lastFetchedAt,
              next_fetch_at: s.nextFetchAt,
              item_count: s.itemCount,
            })),
            null,
            2,
          ),
        );
        return;
      }
      for (const s of sources)
        ctx.out(
          `${String(s.id).padStart(4)} ${s.status.padEnd(8)} ${s.name} <${s.url}> ${s.itemCount} items${s.lastError ? ` — ${s.lastError}` : ''}`,
        );
    },
  },
  'wire fetch': {
    usage: 'dateline wire fetch [--source ID]',
    summary:
      'Fetch every source (or one) now, where its feed allows a request now, and print what each brought. Exits 0 when at least one source was fetched, naming each failure; 1 when every source failed.',
    options: { source: { type: 'string' } },
    async run(values, _positionals, ctx) {
      let sourceId: number | undefined;
      if (values.source !== undefined) {
        sourceId = typeof values.source === 'string' ? readId(values.source) : undefined;
        if (sourceId === undefined) throw new UsageError('--source must be a source id');
      }
      const reports = await ctx.withServices((s) =>
        s.wire.fetchNow(sourceId === undefined ? {} : { sourceId }),
      );
      if (reports.length === 0) {
        ctx.out('The wire desk follows no sources yet: add one with dateline wire source add.');
        return;
      }
      for (const report of reports) ctx.out(describe(report));
      const failed = reports.filter((r) => r.outcome === 'failed' || r.outcome === 'gone');
      const fine = reports.filter((r) => r.outcome === 'fetched' || r.outcome === 'not-modified');
      const added = reports.reduce((n, r) => n + r.added, 0);
      ctx.out(
        `Fetched ${fine.length} of ${reports.length} source${reports.length === 1 ? '' : 's'}: ${added} new item${added === 1 ? '' : 's'}${failed.length > 0 ? `, ${failed.length} failed` : ''}.`,
      );
      for (const report of failed)
        ctx.err(`Failed: ${report.name} (#${report.sourceId}): ${report.message ?? ''}`);
      if (failed.length > 0 && fine.length === 0) throw new Error('every source failed');
    },
  },
  'wire list': {
    usage: 'dateline wire list [--json] [--since ISO-TIME] [--source ID]',
    summary:
      'List the wire items, newest first: id, source, title, url, published_at, summary, duplicate_of (the item it copies, or null) and story (an id shared by every item about the same event).',
    options: { json: { type: 'boolean' }, since: { type: 'string' }, source: { type: 'string' } },
    async run(values, _positionals, ctx) {
      let since: string | undefined;
      if (values.since !== undefined) {
        const at = typeof values.since === 'string' ? readRfc3339(values.since) : undefined;
        if (!at)
          throw new UsageError('--since must be an ISO time with a zone, such as 2026-12-04T10:00:00Z');
        since = at.toISOString();
      }
      let sourceId: number | undefined;
      if (values.source !== undefined) {
        sourceId = typeof values.source === 'string' ? readId(values.source) : undefined;
        if (sourceId === undefined) throw new UsageError('--source must be a source id');
      }
      const items = await ctx.withServices((s) =>
        s.wire.listItems({
          ...(since !== undefined && { since }),
          ...(sourceId !== undefined && { sourceId }),
        }),
      );
      if (values.json) {
        ctx.out(JSON.stringify(items, null, 2));
        return;
      }
      for (const i of items) ctx.out(`${i.published_at} #${i.id} [${i.source}] ${i.title}`);
    },
  },
  'wire draft': {
    usage: 'dateline wire draft ITEM_ID [--author SLUG]',
    summary:
      'Start a draft article from a wire item, credited to its outlet, and print {"id": …, "slug": …}. The draft gets the headline and a short summary; the outlet\'s text only when its terms are republish. An item that already has a draft prints that draft. Without --author the draft is bylined to the first author.',
    options: { author: { type: 'string' } },
    allowPositionals: true,
    async run(values, positionals, ctx) {
      const itemId = positionals.length === 1 ? readId(positionals[0]!) : undefined;
      if (itemId === undefined) throw new UsageError('give one wire item id (dateline wire list)');
      if (values.author !== undefined && typeof values.author !== 'string')
        throw new UsageError('--author must be an author slug');
      const drafted = await ctx.withServices((s) =>
        s.wire.startDraft({
          itemId,
          actor: null,
          ...(typeof values.author === 'string' && { author: values.author }),
        }),
      );
      ctx.out(JSON.stringify({ id: drafted.id, slug: drafted.slug }));
    },
  },
};
