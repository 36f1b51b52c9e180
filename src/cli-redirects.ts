// `dateline redirect …`: the Redirects screen's use cases on the command line, with its rules, one
// transaction per command and an audit line naming "dateline command" as the actor.
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError, type Command } from './cli-command.ts';
import { isRedirectStatus, redirectsFromCsv, redirectsToCsv } from './modules/redirects/index.ts';

function fileError(file: string, error: unknown): Error {
  return new Error(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be used'}`);
}

export const redirectCommands: Record<string, Command> = {
  'redirect add': {
    usage: 'dateline redirect add FROM TO [--status 301|302|410] [--external]',
    summary:
      'Redirect a path of this site (FROM, such as /old-story/, or a WordPress address such as /?p=123) to another path (TO), or with --external to another site’s http(s) address. 301 unless --status says 302, or 410 (gone: give no TO). Replaces any redirect from FROM; chains collapse to one hop and loops are refused. A redirect answers only where the address would be "not found" (a WordPress address: at / and /index.php).',
    options: { status: { type: 'string' }, external: { type: 'boolean' } },
    allowPositionals: true,
    async run(values, positionals, ctx) {
      const raw = typeof values.status === 'string' ? values.status : '301';
      const status = /^\d{3}$/.test(raw) ? Number(raw) : NaN;
      if (!isRedirectStatus(status)) throw new UsageError('--status must be 301, 302 or 410');
      const [from, to = ''] = positionals;
      const wanted = status === 410 ? [1, 2] : [2];
      if (from === undefined || !wanted.includes(positionals.length))
        throw new UsageError(status === 410 ? 'give FROM (a 410 has no TO)' : 'give FROM and TO');
      const added = await ctx.withServices((s) =>
        s.redirects.create({ from, to, status, external: values.external === true, actor: null }),
      );
      ctx.out(
        added.status === 410
          ? `${added.from} now answers 410 Gone.`
          : `${added.from} -> ${added.to} (${added.status}${added.external ? ', external' : ''})`,
      );
    },
  },
  'redirect list': {
    usage: 'dateline redirect list [--json]',
    summary: 'List every redirect by source path. --json for scripts.',
    options: { json: { type: 'boolean' } },
    async run(values, _positionals, ctx) {
      const rows = await ctx.withServices((s) => s.redirects.list());
      if (values.json) {
        ctx.out(
          JSON.stringify(
            rows.map((r) => ({
              from: r.from_path,
              to: r.to_path,
              status: r.status,
              external: r.is_external === 1,
            })),
            null,
            2,
          ),
        );
        return;
      }
      for (const r of rows)
        ctx.out(
          `${r.status} ${r.from_path}${r.status === 410 ? '' : ` -> ${r.to_path}`}${r.is_external === 1 ? ' (external)' : ''}`,
        );
    },
  },
  'redirect delete': {
    usage: 'dateline redirect delete FROM',
    summary: 'Delete the redirect from FROM: the address answers "not found" again.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const [from] = positionals;
      if (positionals.length !== 1 || from === undefined) throw new UsageError('give one FROM path');
      await ctx.withServices((s) => s.redirects.remove({ from, actor: null }));
      ctx.out(`Deleted the redirect from ${from}.`);
    },
  },
  'redirect import': {
    usage: 'dateline redirect import FILE.csv',
    summary:
      'Add the redirects in a CSV file (from,to,status,external; a header line is optional; status 301 when empty, external yes or no), in order, in one transaction: a file with any bad line is refused whole, naming each line.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const [file] = positionals;
      if (positionals.length !== 1 || file === undefined) throw new UsageError('give one CSV file');
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw fileError(file, error);
      });
      const rows = redirectsFromCsv(text);
      const count = await ctx.withServices((s) => s.redirects.importRows({ rows, actor: null }));
      ctx.out(`Imported ${count} redirect${count === 1 ? '' : 's'} from ${file}.`);
    },
  },
  'redirect export': {
    usage: 'dateline redirect export FILE.csv',
    summary:
      'Write every redirect to a CSV file that redirect import reads back (from,to,status,external). Cells a spreadsheet would run as formulas are written with a leading apostrophe.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const [file] = positionals;
      if (positionals.length !== 1 || file === undefined) throw new UsageError('give one CSV file');
      const rows = await ctx.withServices((s) => s.redirects.list());
      await writeFile(file, redirectsToCsv(rows), 'utf8').catch((error: unknown) => {
        throw fileError(file, error);
      });
      ctx.out(`Exported ${rows.length} redirect${rows.length === 1 ? '' : 's'} to ${file}.`);
    },
  },
};
