// `dateline import wordpress`: the move-in from a WordPress export, with a progress bar on a terminal
// and the report at the end (and in JSON with --report).
import { writeFile } from 'node:fs/promises';
import { UsageError, type Command } from './cli-command.ts';
import { formatReport, type ImportProgress } from './modules/wordpress/index.ts';

/** A one-line bar on stderr, redrawn in place; nothing at all when stderr is not a terminal. */
function progressBar(stream: NodeJS.WriteStream): ((p: ImportProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const width = 30;
    const share = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const filled = Math.round(share * width);
    const label = p.phase === 'scan' ? 'reading ' : 'writing ';
    stream.write(
      `\r${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ${p.items} items`,
    );
  };
}

export const wordpressCommands: Record<string, Command> = {
  'import wordpress': {
    usage:
      'dateline import wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--report FILE.json] [--authors FILE.csv] [--create-accounts]',
    summary:
      'Move a publication in from a WordPress export (WXR 1.0-1.2, plain or .gz): posts, pages, authors, categories as sections, tags, threaded comments, pictures from a copy of wp-content/uploads (--uploads; nothing is downloaded) and every old address as a 301. Prints a report of what came across and what did not; --dry-run writes nothing and prints the same report. Running it again updates rather than duplicates. --authors FILE.csv (slug,bio,website) fills in profiles; --create-accounts makes an author account for each person with an email and prints invitation links (no mail is sent).',
    options: {
      uploads: { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      authors: { type: 'string' },
      'create-accounts': { type: 'boolean' },
    },
    allowPositionals: true,
    async run(values, positionals, ctx) {
      if (positionals.length !== 1) throw new UsageError('give exactly one WordPress export file');
      const file = positionals[0] as string;
      const onProgress = progressBar(process.stderr);
      const result = await ctx.withServices((s) =>
        s.wordpress.importFile({
          file,
          ...(typeof values.uploads === 'string' && { uploadsDir: values.uploads }),
          ...(typeof values.authors === 'string' && { authorsCsv: values.authors }),
          dryRun: values['dry-run'] === true,
          createAccounts: values['create-accounts'] === true,
          ...(onProgress && { onProgress }),
        }),
      );
      if (onProgress) process.stderr.write('\n');
      for (const line of formatReport(result.report)) ctx.out(line);
      if (typeof values.report === 'string') {
        await writeFile(values.report, `${JSON.stringify(result.report, null, 2)}\n`);
        ctx.out(`Report written to ${values.report}`);
      }
      for (const invitation of result.invitations)
        ctx.out(
          `Invitation for ${invitation.name} <${invitation.email}>: ${new URL(invitation.path, ctx.config.publicUrl).href}`,
        );
    },
  },
};
