// The `dateline` command: thin on purpose. It parses arguments and calls the same services the web app uses.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createServices, type Services } from './app.tsx';
import { AppError } from './platform/errors.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/database.ts';
import { ArticleFileError, parseArticleFile } from './modules/articles/index.ts';
import { closeOnSignals, openMigratedDatabase, startServer } from './server.tsx';

/** A usage mistake: exit code 2 and a pointer to --help. */
class UsageError extends Error {}

interface Context {
  config: Config;
  out(line: string): void;
  /** Opens and migrates the database, builds the services, runs `fn`, and closes. */
  withServices<T>(fn: (services: Services, database: DatabaseHandle) => Promise<T>): Promise<T>;
}

interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  run(
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
    ctx: Context,
  ): Promise<void>;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

const commands: Record<string, Command> = {
  serve: {
    usage: 'dateline serve',
    summary:
      'Serve the publication. PORT (default 3000), HOST (default 127.0.0.1) and DATABASE_URL are read from the environment. Adds no sample content.',
    async run(_values, _positionals, ctx) {
      const server = await startServer(ctx.config, { seed: false, log: ctx.out });
      closeOnSignals(server);
      await new Promise(() => {});
    },
  },
  migrate: {
    usage: 'dateline migrate',
    summary: 'Bring the database schema up to date. The server also does this at start.',
    async run(_values, _positionals, ctx) {
      const database = await openDatabase(ctx.config.database);
      try {
        const applied = await migrateToLatest(database.db);
        ctx.out(applied.length === 0 ? 'The schema is up to date.' : `Applied: ${applied.join(', ')}`);
      } finally {
        await database.close();
      }
    },
  },
  'author add': {
    usage: 'dateline author add --name NAME --slug SLUG --bio BIO [--email EMAIL] [--website URL]',
    summary: 'Add an author, or update the author with that slug. The email is private: it is never shown.',
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      bio: { type: 'string' },
      email: { type: 'string' },
      website: { type: 'string' },
    },
    async run(values, _positionals, ctx) {
      const input = {
        name: required(values, 'name'),
        slug: required(values, 'slug'),
        bio: typeof values.bio === 'string' ? values.bio : required(values, 'bio'),
        ...(typeof values.email === 'string' && { email: values.email }),
        ...(typeof values.website === 'string' && { website: values.website }),
      };
      const result = await ctx.withServices((s) => s.authors.saveAuthor(input));
      ctx.out(`${result.created ? 'Added' : 'Updated'} author ${result.slug}: /author/${result.slug}/`);
    },
  },
  'article add': {
    usage: 'dateline article add FILE.md',
    summary:
      'Add an article from Markdown with YAML front matter (title, slug, standfirst, authors, tags, source {name, url}, published_at, status). Re-adding the same slug updates that article.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      if (positionals.length !== 1) throw new UsageError('give exactly one Markdown file');
      const file = positionals[0] as string;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      try {
        const input = parseArticleFile(text);
        const result = await ctx.withServices((s) => s.articles.saveArticle(input));
        ctx.out(
          `${result.created ? 'Added' : 'Updated'} article ${result.slug} (${result.status}): /${result.slug}/`,
        );
      } catch (error) {
        if (error instanceof ArticleFileError || (error instanceof AppError && error.fields)) {
          const fields = error instanceof ArticleFileError ? error.fields : (error.fields ?? {});
          throw new Error(
            Object.entries(fields)
              .map(([field, reason]) => `${file}: ${field}: ${reason}`)
              .join('\n'),
          );
        }
        throw error;
      }
    },
  },
  'article list': {
    usage: 'dateline article list [--json]',
    summary: 'List every article, drafts included, newest first.',
    options: { json: { type: 'boolean' } },
    async run(values, _positionals, ctx) {
      const rows = await ctx.withServices((s) => s.articles.listAll());
      if (values.json) {
        ctx.out(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows)
        ctx.out(`${r.status.padEnd(11)} ${(r.published_at ?? '-').slice(0, 16).padEnd(16)} ${r.slug}`);
    },
  },
};

function help(): string {
  const lines = ['Usage: dateline <command> [options]', '', 'Commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push(
    '',
    'Each command takes --help. Environment: DATABASE_URL (sqlite:<path>, postgres://…), PORT, HOST.',
  );
  return lines.join('\n');
}

/** Runs the CLI and returns the exit code. Exported for tests. */
export async function runCli(
  argv: string[],
  io: {
    out(line: string): void;
    err(line: string): void;
    env?: NodeJS.ProcessEnv;
    /** Tests pass an open, migrated database; it is left open. */
    database?: DatabaseHandle;
  },
): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(help());
    return first === undefined ? 2 : 0;
  }
  const twoWord = second !== undefined ? `${first} ${second}` : undefined;
  const name = twoWord && commands[twoWord] ? twoWord : first;
  const command = commands[name];
  if (!command) {
    io.err(`dateline: unknown command "${[first, second].filter(Boolean).join(' ')}". Run dateline --help.`);
    return 2;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    const config = loadConfig(io.env ?? process.env);
    const ctx: Context = {
      config,
      out: io.out,
      async withServices(fn) {
        if (io.database) return fn(await createServices({ database: io.database }), io.database);
        const database = await openMigratedDatabase(config);
        try {
          return await fn(await createServices({ database }), database);
        } finally {
          await database.close();
        }
      },
    };
    await command.run(values as Record<string, string | boolean | undefined>, positionals, ctx);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`dateline ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`dateline: configuration error: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      const detail = error.fields
        ? Object.entries(error.fields)
            .map(([f, r]) => `${f}: ${r}`)
            .join('\n')
        : error.message;
      io.err(`dateline ${name}: ${detail}`);
      return 1;
    }
    io.err(`dateline ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// Run when executed, not when imported by a test.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const code = await runCli(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  });
  if (code !== 0) process.exit(code);
}
