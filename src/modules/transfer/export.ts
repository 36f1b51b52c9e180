import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import { readArticleLinks, readPage, readSecrets, readSettings, readSuggestionPage } from './repository.ts';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  type ArticleRecord,
  type AuditRecord,
  type AuthorRecord,
  type CommentRecord,
  type RedirectRecord,
  type RevisionRecord,
  type SectionName,
  type TagRecord,
  type TagSuggestionRecord,
  type SectionRecord,
  type UploadRecord,
  type UserRecord,
} from './schemas.ts';

/** How many rows of each kind an export wrote or an import read. */
export type TransferCounts = Record<SectionName | 'settings', number>;

/** Said in the file itself, for whoever opens it. */
export const ABOUT =
  'A Dateline publication, for `dateline import`. It holds password hashes, private emails and the ' +
  'installation secrets: keep it as safe as the database. Uploaded files are not in it: copy the ' +
  'uploads folder alongside.';

/** Rows read per query: large enough to be quick, small enough that a page of articles stays small. */
const PAGE_ROWS = { articles: 200, other: 2000 } as const;

/** What export needs. `write` takes one line of the document at a time, without its newline. */
export interface ExportDeps {
  db: Db;
  clock: Clock;
  write(line: string): void | Promise<void>;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${where} holds text that is not JSON; fix that row before exporting`);
  }
}

/** A redirect's status as the format has it; one it does not know stops the export rather than change. */
function redirectStatus(status: number, id: number): RedirectRecord['status'] {
  if (status === 301 || status === 302 || status === 410) return status;
  throw new Error(`redirects ${id} has status ${status}, which this export format does not carry yet`);
}

/** Reads a whole table in id order, a page at a time. */
async function* pages<R extends { id: number }>(load: (after: number) => Promise<R[]>): AsyncGenerator<R[]> {
  let after = 0;
  for (;;) {
    const rows = await load(after);
    if (rows.length === 0) return;
    yield rows;
    after = (rows.at(-1) as R).id;
  }
}

function records(db: Db) {
  const page = PAGE_ROWS.other;
  return {
    async *authors(): AsyncGenerator<AuthorRecord> {
      for await (const rows of pages((after) => readPage(db, 'authors', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            slug: r.slug,
            name: r.name,
            bio: r.bio,
            avatar_url: r.avatar_url,
            website: r.website,
            email: r.email,
            is_public: r.is_public === 1,
            created_at: r.created_at,
            updated_at: r.updated_at,
          };
    },
    async *users(): AsyncGenerator<UserRecord> {
      for await (const rows of pages((after) => readPage(db, 'users', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            email: r.email,
            name: r.name,
            role: r.role,
            password_hash: r.password_hash,
            author_id: r.author_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
          };
    },
    async *uploads(): AsyncGenerator<UploadRecord> {
      for await (const rows of pages((after) => readPage(db, 'uploads', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            storage_key: r.storage_key,
            mime_type: r.mime_type,
            width: r.width,
            height: r.height,
            variants: parseJson(r.variants, `uploads ${r.id} variants`) as unknown[],
            user_id: r.user_id,
            created_at: r.created_at,
            alt: r.alt,
            caption: r.caption,
            title: r.title,
            filename: r.filename,
          };
    },
    async *tags(): AsyncGenerator<TagRecord> {
      for await (const rows of pages((after) => readPage(db, 'tags', after, page)))
        for (const r of rows) yield { id: r.id, slug: r.slug, name: r.name, description: r.description };
    },
    async *sections(): AsyncGenerator<SectionRecord> {
      for await (const rows of pages((after) => readPage(db, 'sections', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            parent_id: r.parent_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
          };
    },
    async *articles(): AsyncGenerator<ArticleRecord> {
      for await (const rows of pages((after) => readPage(db, 'articles', after, PAGE_ROWS.articles))) {
        const links = await readArticleLinks(
          db,
          rows.map((r) => r.id),
        );
        const group = (list: { article_id: number; id: number }[]) => {
          const byArticle = new Map<number, number[]>();
          for (const l of list) {
            const ids = byArticle.get(l.article_id) ?? [];
            ids.push(l.id);
            byArticle.set(l.article_id, ids);
          }
          return byArticle;
        };
        const authors = group(links.authors);
        const tags = group(links.tags);
        const sources = new Map<number, { name: string; url: string | null }[]>();
        for (const s of links.sources)
          sources.set(s.article_id, [...(sources.get(s.article_id) ?? []), { name: s.name, url: s.url }]);
        for (const r of rows)
          yield {
            id: r.id,
            slug: r.slug,
            title: r.title,
            standfirst: r.standfirst,
            status: r.status,
            published_at: r.published_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            authors: authors.get(r.id) ?? [],
            tags: tags.get(r.id) ?? [],
            sources: sources.get(r.id) ?? [],
            comments_open: Number(r.comments_open) !== 0,
            comments_close_after_days: r.comments_close_after_days,
            created_by: r.created_by,
            update_note: r.update_note,
            update_noted_at: r.update_noted_at,
            featured_image_id: r.featured_image_id,
            featured_image_alt: r.featured_image_alt,
            section_id: r.section_id,
            review_requested_at: r.review_requested_at,
            body_format: r.body_format,
            body_markdown: r.body_markdown,
            body_html: r.body_html,
          };
      }
    },
    async *comments(): AsyncGenerator<CommentRecord> {
      for await (const rows of pages((after) => readPage(db, 'comments', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            article_id: r.article_id,
            parent_id: r.parent_id,
            status: r.status,
            status_before: r.status_before,
            author_name: r.author_name,
            author_email: r.author_email,
            author_url: r.author_url,
            author_id: r.author_id,
            ip_hash: r.ip_hash,
            user_agent: r.user_agent,
            created_at: r.created_at,
            body: r.body,
          };
    },
    async *revisions(): AsyncGenerator<RevisionRecord> {
      for await (const rows of pages((after) => readPage(db, 'article_revisions', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            article_id: r.article_id,
            user_id: r.user_id,
            kind: r.kind,
            created_at: r.created_at,
            snapshot: parseJson(r.snapshot, `article_revisions ${r.id} snapshot`),
          };
    },
    async *audit_log(): AsyncGenerator<AuditRecord> {
      for await (const rows of pages((after) => readPage(db, 'audit_log', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            user_id: r.user_id,
            user_name: r.user_name,
            action: r.action,
            subject: r.subject,
            detail: parseJson(r.detail, `audit_log ${r.id} detail`),
            created_at: r.created_at,
          };
    },
    async *tag_suggestions(): AsyncGenerator<TagSuggestionRecord> {
      // The table's key is (article, slug), not an id: each page starts after the last one's key.
      let after: { article_id: number; slug: string } | undefined;
      for (;;) {
        const rows = await readSuggestionPage(db, after, page);
        if (rows.length === 0) return;
        for (const r of rows)
          yield {
            article_id: r.article_id,
            slug: r.slug,
            name: r.name,
            suggested_by: r.suggested_by,
            created_at: r.created_at,
          };
        after = rows.at(-1);
      }
    },
    async *redirects(): AsyncGenerator<RedirectRecord> {
      for await (const rows of pages((after) => readPage(db, 'redirects', after, page)))
        for (const r of rows)
          yield {
            id: r.id,
            from_path: r.from_path,
            to_path: r.to_path,
            status: redirectStatus(r.status, r.id),
            is_external: r.is_external === 1,
            created_at: r.created_at,
          };
    },
  } satisfies Record<SectionName, () => AsyncGenerator<unknown>>;
}

/** The order the arrays are written in, each after those its records point to. */
const ORDER: readonly SectionName[] = [
  'authors',
  'users',
  'uploads',
  'tags',
  'sections',
  'articles',
  'comments',
  'revisions',
  'audit_log',
  'tag_suggestions',
  'redirects',
];

/**
 * Writes the whole publication as one JSON document, one line per record, reading a page of rows at a
 * time. It reads inside one transaction (on PostgreSQL, a repeatable-read snapshot), so that a
 * publication that changes while it is exported is written as it was when the export began.
 */
export async function exportPublication(deps: ExportDeps): Promise<TransferCounts> {
  const run = <T>(fn: (trx: Db) => Promise<T>): Promise<T> => {
    if (deps.db.isTransaction) return fn(deps.db);
    const builder = deps.db.transaction();
    return dialectOf(deps.db) === 'postgres'
      ? builder.setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn)
      : builder.execute(fn);
  };
  return run(async (trx) => {
    const header = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      exported_at: deps.clock.now().toISOString(),
      about: ABOUT,
    };
    await deps.write(`${JSON.stringify(header).slice(0, -1)},`);
    const settingRows = await readSettings(trx);
    const settings = Object.fromEntries(
      settingRows.map((r) => [r.key, parseJson(r.value, `settings ${r.key}`)]),
    );
    await deps.write(`"settings":${JSON.stringify(settings)},`);
    const secrets = Object.fromEntries((await readSecrets(trx)).map((r) => [r.name, r.value]));
    await deps.write(`"secrets":${JSON.stringify(secrets)},`);

    const all = records(trx);
    const counts = { settings: settingRows.length } as TransferCounts;
    for (const [index, name] of ORDER.entries()) {
      await deps.write(`${JSON.stringify(name)}:[`);
      // Each record is written once the next is known, so that only the last goes without a comma.
      let held: string | undefined;
      let count = 0;
      for await (const record of all[name]()) {
        if (held !== undefined) await deps.write(`${held},`);
        held = JSON.stringify(record);
        count += 1;
      }
      if (held !== undefined) await deps.write(held);
      await deps.write(index === ORDER.length - 1 ? ']}' : '],');
      counts[name] = count;
    }
    return counts;
  });
}
