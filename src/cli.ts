// The `dateline` command: thin on purpose. It parses arguments and calls the same services the web app uses.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createServices } from './app.tsx';
import { AppError } from './platform/errors.ts';
import { parseSchema, readId } from './platform/validation.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/database.ts';
import { createFileStorage } from './platform/storage.ts';
import { ArticleFileError, ArticleInputSchema, parseArticleFile } from './modules/articles/index.ts';
import { AuthorInputSchema } from './modules/authors/index.ts';
import { NewUserSchema } from './modules/accounts/index.ts';
import { isSettingKey, settingDefinitions } from './modules/settings/index.ts';
import { describeCounts, exportPublication, exportToFile, importFile } from './modules/transfer/index.ts';
import type { CommentStatus } from './platform/db/schema.ts';
import { openMigratedDatabase, openSharedRedis } from './server.tsx';
import { MAX_WORKERS, serve } from './cluster.ts';
import { required, UsageError, type Command, type Context } from './cli-command.ts';
import { userCommands } from './cli-users.ts';
import { pageCommands } from './cli-pages.ts';
import { redirectCommands } from './cli-redirects.ts';
import { wordpressCommands } from './cli-wordpress.ts';
import { wireCommands } from './cli-wire.ts';

const commands: Record<string, Command> = {
  serve: {
    usage: 'dateline serve [--workers N]',
    summary:
      'Serve the publication. PORT (default 3000), HOST (default 127.0.0.1), DATABASE_URL and REDIS_URL are read from the environment. Adds no sample content. --workers N runs N processes on the same port (PostgreSQL only; see docs/deploy.md).',
    options: { workers: { type: 'string' } },
    async run(values, _positionals, ctx) {
      const raw = values.workers ?? '1';
      const workers = Number(raw);
      if (typeof raw !== 'string' || !/^\d+$/.test(raw) || workers < 1 || workers > MAX_WORKERS)
        throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}`);
      await serve(ctx.config, { workers, log: ctx.out });
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
      const input = parseSchema(AuthorInputSchema, {
        name: required(values, 'name'),
        slug: required(values, 'slug'),
        bio: typeof values.bio === 'string' ? values.bio : required(values, 'bio'),
        ...(typeof values.email === 'string' && { email: values.email }),
        ...(typeof values.website === 'string' && { website: values.website }),
      });
      const result = await ctx.withServices((s) => s.authors.saveAuthor(input));
      ctx.out(`${result.created ? 'Added' : 'Updated'} author ${result.slug}: /author/${result.slug}/`);
    },
  },
  'section add': {
    usage: 'dateline section add --name NAME --slug SLUG [--parent SLUG] [--description TEXT]',
    summary:
      "Add a section, or update the one with that slug. --parent files it under a top-level section (News › Politics); sections nest one level only. On an update, a missing --parent or --description keeps the section's own, and --parent '' makes it top-level. Its page is /section/SLUG/.",
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      parent: { type: 'string' },
      description: { type: 'string' },
    },
    async run(values, _positionals, ctx) {
      const input = {
        name: required(values, 'name'),
        slug: required(values, 'slug'),
        ...(typeof values.parent === 'string' && { parent: values.parent.trim() }),
        ...(typeof values.description === 'string' && { description: values.description }),
      };
      const { section, created } = await ctx.withServices((s) => s.sections.save(input));
      const place = section.parent ? ` under ${section.parent.slug}` : '';
      ctx.out(`${created ? 'Added' : 'Updated'} section ${section.slug}${place}: /section/${section.slug}/`);
    },
  },
  'section list': {
    usage: 'dateline section list [--json]',
    summary: 'List every section, each top-level one followed by the sections under it.',
    options: { json: { type: 'boolean' } },
    async run(values, _positionals, ctx) {
      const sections = await ctx.withServices((s) => s.sections.list());
      if (values.json) {
        ctx.out(
          JSON.stringify(
            sections.map((s) => ({
              slug: s.slug,
              name: s.name,
              description: s.description,
              parent: s.parent?.slug ?? null,
            })),
            null,
            2,
          ),
        );
        return;
      }
      for (const s of sections) ctx.out(`${s.parent ? '  ' : ''}${s.slug.padEnd(24)} ${s.name}`);
    },
  },
  'user add': {
    usage:
      'dateline user add --email EMAIL --name NAME --role contributor|author|editor|admin [--password P]',
    summary:
      'Add a member of staff. Prints a one-time invitation link, or sets the password when one is given (at least 12 characters, not a common password).',
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
    async run(values, _positionals, ctx) {
      const input = parseSchema(NewUserSchema, {
        email: required(values, 'email'),
        name: required(values, 'name'),
        role: required(values, 'role'),
        ...(typeof values.password === 'string' && { password: values.password }),
      });
      const added = await ctx.withServices((s) => s.accounts.addUser(input));
      if (added.invitationPath) {
        ctx.out(`Added ${input.email} as ${input.role}. Send them this one-time link to choose a password:`);
        ctx.out(`${ctx.config.publicUrl}${added.invitationPath}`);
      } else {
        ctx.out(
          `Added ${input.email} as ${input.role}. They can sign in at ${ctx.config.publicUrl}/admin/sign-in`,
        );
      }
    },
  },
  ...userCommands,
  'article add': {
    usage: 'dateline article add [--new-tags] FILE.md',
    summary:
      'Add an article from Markdown with YAML front matter (title, slug, standfirst, authors, section, tags, source {name, url}, published_at, status). section is a section slug (dateline section list); without one the article keeps its section, or a new one goes in the first section. Re-adding the same slug updates that article. Tags must exist already (an editor adds them in the newsroom); --new-tags creates the unknown ones.',
    options: { 'new-tags': { type: 'boolean' } },
    allowPositionals: true,
    async run(values, positionals, ctx) {
      if (positionals.length !== 1) throw new UsageError('give exactly one Markdown file');
      const file = positionals[0] as string;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      try {
        const input = parseSchema(ArticleInputSchema, parseArticleFile(text));
        const newTags = values['new-tags'] === true;
        const result = await ctx.withServices((s) => s.articles.saveArticle(input, { newTags }));
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
  ...redirectCommands,
  ...wordpressCommands,
  ...pageCommands,
  ...wireCommands,
  'comments list': {
    usage: 'dateline comments list [--status pending|approved|spam|trash] [--email E] [--limit N] [--json]',
    summary: 'List comments for moderation, newest first. Shows private fields: for the newsroom only.',
    options: {
      status: { type: 'string' },
      email: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(values, _positionals, ctx) {
      const status = values.status;
      if (status !== undefined && !['pending', 'approved', 'spam', 'trash'].includes(String(status))) {
        throw new UsageError('--status must be pending, approved, spam or trash');
      }
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new UsageError('--limit must be from 1 to 10000');
      const rows = await ctx.withServices((s) =>
        s.comments.listForModeration({
          ...(typeof status === 'string' && { status: status as CommentStatus }),
          ...(typeof values.email === 'string' && { email: values.email }),
          limit,
        }),
      );
      if (values.json) {
        ctx.out(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        ctx.out(
          `#${r.id} ${r.status.padEnd(8)} ${r.article} ${r.author} <${r.email}>: ${r.body.replace(/\s+/g, ' ').slice(0, 60)}`,
        );
      }
    },
  },
  ...Object.fromEntries(
    (['approve', 'spam', 'trash', 'restore'] as const).map((action): [string, Command] => [
      `comments ${action}`,
      {
        usage: `dateline comments ${action} ID...`,
        summary:
          action === 'restore'
            ? 'Take comments out of spam or trash: back to approved if they were, otherwise pending.'
            : `Mark comments as ${action === 'approve' ? 'approved: they show on their article at once' : action}.`,
        allowPositionals: true,
        async run(_values, positionals, ctx) {
          const ids = positionals.map(readId);
          if (ids.length === 0 || ids.some((id) => id === undefined)) {
            throw new UsageError('give one or more comment ids');
          }
          const changed = await ctx.withServices((s) => s.comments.moderate(ids as number[], action));
          ctx.out(
            changed.length === 0
              ? 'Nothing changed.'
              : `${action}: ${changed.map((id) => `#${id}`).join(' ')}`,
          );
        },
      },
    ]),
  ),
  'comments reply': {
    usage: 'dateline comments reply ID --author SLUG --body TEXT',
    summary:
      "Reply to a comment as one of the publication's authors, with the newsroom's rules: the reply is approved and marked as the author's, a comment not approved yet is approved with it, and the text has a reader's length limit.",
    allowPositionals: true,
    options: { author: { type: 'string' }, body: { type: 'string' } },
    async run(values, positionals, ctx) {
      const [id] = positionals;
      if (positionals.length !== 1 || !id || readId(id) === undefined)
        throw new UsageError('give one comment id');
      const author = required(values, 'author');
      const body = required(values, 'body');
      const result = await ctx.withServices((s) =>
        s.comments.replyAsStaff({ parentId: Number(id), author: { slug: author }, body }),
      );
      ctx.out(`Replied as ${author}: #${result.id}`);
    },
  },
  'comments erase': {
    usage: 'dateline comments erase --email E',
    summary:
      "Remove a person's personal data (name, email, website, IP hash, user agent) from all their comments.",
    options: { email: { type: 'string' } },
    async run(values, _positionals, ctx) {
      const email = required(values, 'email');
      const count = await ctx.withServices((s) => s.comments.eraseByEmail(email));
      ctx.out(`Erased the personal data of ${count} comment${count === 1 ? '' : 's'}.`);
    },
  },
  export: {
    usage: 'dateline export [--output FILE]',
    summary:
      "Write the whole publication (articles, authors, tags, comments, users with their password hashes, settings, revisions, upload records, the audit log and the installation's secrets) as one JSON document, to FILE or to standard output. Keep the file as safe as the database. Uploaded files are not in it: copy the uploads folder too.",
    options: { output: { type: 'string' } },
    async run(values, _positionals, ctx) {
      const file = typeof values.output === 'string' ? values.output : undefined;
      if (values.output !== undefined && !file?.trim()) throw new UsageError('--output needs a file name');
      const { counts, pages } = await ctx.withServices(async ({ clock, pages }, { db }) => ({
        counts: await (file
          ? exportToFile({ db, clock, file })
          : exportPublication({ db, clock, write: (line) => ctx.out(line) })),
        pages: await pages.list(),
      }));
      // With the document on stdout, the summary goes to stderr so as not to spoil it.
      (file ? ctx.out : ctx.err)(`Exported ${describeCounts(counts)}${file ? ` to ${file}` : ''}.`);
      // The export format does not carry standing pages yet: say so, rather than lose them quietly.
      if (pages.length > 0)
        ctx.err(
          `Not exported: ${pages.length} standing page${pages.length === 1 ? '' : 's'} (${pages
            .map((p) => p.slug)
            .join(
              ', ',
            )}). Move them with dateline page list --json and dateline page add FILE.md on the new installation.`,
        );
    },
  },
  import: {
    usage: 'dateline import FILE',
    summary:
      'Read a file written by dateline export into an empty database (DATABASE_URL), keeping every id, in one transaction. Stop every Dateline process of the publication first, and start them after.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      if (positionals.length !== 1) throw new UsageError('give exactly one file written by dateline export');
      const file = positionals[0] as string;
      const counts = await ctx.withServices(({ markdown }, { db }) => importFile({ db, file, markdown }));
      ctx.out(`Imported ${describeCounts(counts)}.`);
      ctx.out('People sign in with their old passwords. Start the Dateline processes again now.');
    },
  },
  'settings get': {
    usage: 'dateline settings get [KEY]',
    summary: 'Print one setting, or all of them as KEY VALUE lines.',
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      const settings = await ctx.withServices((s) => s.settings.all());
      const [key] = positionals;
      if (key !== undefined) {
        if (!isSettingKey(key))
          throw new UsageError(
            `unknown setting ${key}; known: ${Object.keys(settingDefinitions).join(', ')}`,
          );
        ctx.out(formatSetting(settings[key]));
        return;
      }
      for (const [name, value] of Object.entries(settings)) ctx.out(`${name} ${formatSetting(value)}`);
    },
  },
  'settings set': {
    usage: 'dateline settings set KEY VALUE',
    summary: `Change a setting; it takes effect on the pages at once. Lists are comma- or newline-separated. Keys: ${Object.keys(settingDefinitions).join(', ')}.`,
    allowPositionals: true,
    async run(_values, positionals, ctx) {
      if (positionals.length < 2) throw new UsageError('give a key and a value');
      const [key, ...rest] = positionals as [string, ...string[]];
      if (!isSettingKey(key))
        throw new UsageError(`unknown setting ${key}; known: ${Object.keys(settingDefinitions).join(', ')}`);
      const settings = await ctx.withServices((s) => s.settings.update({ [key]: rest.join(' ') }));
      ctx.out(`${key} ${formatSetting(settings[key])}`);
    },
  },
};

function formatSetting(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function help(): string {
  const lines = ['Usage: dateline <command> [options]', '', 'Commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push(
    '',
    'Each command takes --help. Environment: DATABASE_URL (sqlite:<path>, postgres://…), REDIS_URL, PORT, HOST.',
  );
  return lines.join('\n');
}

/** Runs the CLI and returns the exit code. Exported for tests. */
export async function runCli(
  argv: string[],
  io: {
    out: (line: string) => void;
    err: (line: string) => void;
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
      err: io.err,
      async withServices(fn) {
        // The running servers learn of this command's changes through the invalidation outbox and,
        // with REDIS_URL, at once through Redis: every record must be out before the command exits.
        const run = async (database: DatabaseHandle) => {
          // A command must not fail for want of Redis: the servers read the outbox too, within seconds.
          const redis = await openSharedRedis(config).catch((error: unknown) => {
            io.err(
              `dateline: ${error instanceof Error ? error.message : String(error)}; the servers will pick up this change from the database within seconds`,
            );
            return undefined;
          });
          try {
            const services = await createServices({
              database,
              // Commands that bring pictures (an import) store them where the servers serve them from.
              storage: createFileStorage({ root: config.uploadsDir }),
              publicUrl: config.publicUrl,
              ...(redis && { redis }),
              ...(config.cdnPurge && { cdnPurge: config.cdnPurge }),
            });
            try {
              return await fn(services, database);
            } finally {
              await services.invalidations.flush();
            }
          } finally {
            await redis?.close();
          }
        };
        if (io.database) return run(io.database);
        const database = await openMigratedDatabase(config);
        try {
          return await run(database);
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
