// Kysely queries for export and import. This module reads and writes every table directly, the way a
// dump does: an export must hold rows exactly as stored, which no other module's service returns.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import type { Database } from '../../platform/db/schema.ts';

/**
 * The columns carried for each table, in the record's order. Listed rather than `select *`, so that
 * PostgreSQL's generated search column stays behind, and so that a test can tell when a migration adds
 * a column that export does not know about yet.
 */
export const CARRIED_COLUMNS = {
  authors: [
    'id',
    'slug',
    'name',
    'bio',
    'avatar_url',
    'website',
    'email',
    'is_public',
    'created_at',
    'updated_at',
  ],
  users: [
    'id',
    'email',
    'name',
    'role',
    'password_hash',
    'author_id',
    'disabled_at',
    'created_at',
    'updated_at',
  ],
  uploads: [
    'id',
    'storage_key',
    'mime_type',
    'width',
    'height',
    'variants',
    'user_id',
    'created_at',
    'alt',
    'caption',
    'title',
    'filename',
  ],
  tags: ['id', 'slug', 'name', 'description'],
  sections: ['id', 'slug', 'name', 'description', 'parent_id', 'created_at', 'updated_at'],
  articles: [
    'id',
    'slug',
    'title',
    'standfirst',
    'status',
    'published_at',
    'created_at',
    'updated_at',
    'comments_open',
    'comments_close_after_days',
    'created_by',
    'update_note',
    'update_noted_at',
    'featured_image_id',
    'featured_image_alt',
    'section_id',
    'review_requested_at',
    'body_format',
    'body_markdown',
    'body_html',
  ],
  article_authors: ['article_id', 'author_id', 'position'],
  article_tags: ['article_id', 'tag_id', 'position'],
  // Not `wire_item_id`: it names a row of the old installation's wire desk (see README).
  article_sources: ['article_id', 'position', 'name', 'url'],
  comments: [
    'id',
    'article_id',
    'parent_id',
    'status',
    'status_before',
    'author_name',
    'author_email',
    'author_url',
    'author_id',
    'ip_hash',
    'user_agent',
    'created_at',
    'body',
  ],
  article_revisions: ['id', 'article_id', 'user_id', 'kind', 'created_at', 'snapshot'],
  audit_log: ['id', 'user_id', 'user_name', 'action', 'subject', 'detail', 'created_at'],
  article_tag_suggestions: ['article_id', 'slug', 'name', 'suggested_by', 'created_at'],
  redirects: ['id', 'from_path', 'to_path', 'status', 'is_external', 'created_at'],
  settings: ['key', 'value'],
  secrets: ['name', 'value'],
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T] & string)[] };

/**
 * Tables an export leaves behind on purpose: sign-ins and one-time links belong to the old installation
 * (people sign in again), and the other two are bookkeeping that a new installation starts afresh.
 * Menus are not carried yet: the imported publication shows the default menus (its sections in the
 * header) until the newsroom edits them again. Carrying them needs the sections' and tags' new ids.
 * The front page's curation is not carried yet: an imported publication's front page is newest first
 * until the newsroom curates it again (a later list, as redirects were, can carry it).
 * Standing pages are not carried yet either: `dateline export` says so when the publication has any, and
 * they are moved with `dateline page list --json` and `dateline page add FILE.md` until a later list
 * carries them with their revisions.
 * The WordPress importer's bookkeeping stays behind too: `import_items` keys what an import wrote by
 * the old installation's ids (and keeps each post's raw export), and `import_runs` holds the old
 * Import screen's runs and their files. Those ids do not survive a move, so the rows would point at
 * nothing; the moved articles, uploads and redirects are what the import made, and they travel.
 * The writing desk's live state stays behind as well: who has an article open (`article_presence`, a
 * minute's worth) and private preview links (`article_preview_links`: shared secrets of the old
 * installation, like sign-in links). Editors' notes on drafts are not carried yet (`article_notes`):
 * they are the newsroom's conversation, not the publication, and carrying them needs the people's new ids.
 * The wire desk stays behind too (`wire_*`): what other outlets published is the newsroom's reading,
 * not the publication; a new installation adds its sources again and fetches their items afresh.
 * The topic registry (`topics`, `topic_aliases`) is not carried yet: its seed half is written again
 * from the offline packages on first use, and the half editors grew points at tags by their old ids;
 * the tags themselves travel, so a moved newsroom loses only the extra spellings it taught.
 */
export const SKIPPED_TABLES = [
  'sessions',
  'account_links',
  'sign_in_attempts',
  'cache_invalidations',
  'menus',
  'front_page',
  'front_page_pins',
  'front_page_rows',
  'pages',
  'page_revisions',
  'import_items',
  'import_runs',
  'article_presence',
  'article_preview_links',
  'article_notes',
  'wire_sources',
  'wire_items',
  'wire_stories',
  'wire_item_scores',
  'wire_host_leases',
  'topics',
  'topic_aliases',
] as const;

/** Tables whose `id` comes from an identity sequence on PostgreSQL. */
type IdTable =
  | 'authors'
  | 'users'
  | 'uploads'
  | 'tags'
  | 'sections'
  | 'articles'
  | 'comments'
  | 'article_revisions'
  | 'audit_log'
  | 'redirects';

/** Tables with rows that make a database "not empty" for an import. */
const CONTENT_TABLES = [
  'authors',
  'users',
  'uploads',
  'tags',
  'articles',
  'comments',
  'article_revisions',
  'audit_log',
  'settings',
  // A redirect can be made without any of the above (the redirects screen); suggestions need an article.
  'redirects',
] as const;

/** The content tables that hold at least one row. */
export async function tablesWithRows(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of CONTENT_TABLES) {
    const row = await db
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row) found.push(table);
  }
  return found;
}

/** Rows of one table with ids above `after`, in id order. */
export function readPage<T extends IdTable>(
  db: Db,
  table: T,
  after: number,
  limit: number,
): Promise<Selectable<Database[T]>[]> {
  // Kysely cannot narrow a generic table name, so the query is typed as one table and cast back.
  const columns = CARRIED_COLUMNS[table] as readonly string[] as readonly 'id'[];
  return db
    .selectFrom(table as 'authors')
    .select(columns)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute() as Promise<unknown[]> as Promise<Selectable<Database[T]>[]>;
}

/** The bylines, tags and sources of some articles, in order. */
export async function readArticleLinks(db: Db, articleIds: readonly number[]) {
  if (articleIds.length === 0) return { authors: [], tags: [], sources: [] };
  const [authors, tags, sources] = [
    await db
      .selectFrom('article_authors')
      .select(['article_id', 'author_id as id'])
      .where('article_id', 'in', articleIds)
      .orderBy('article_id')
      .orderBy('position')
      .orderBy('author_id')
      .execute(),
    await db
      .selectFrom('article_tags')
      .select(['article_id', 'tag_id as id'])
      .where('article_id', 'in', articleIds)
      .orderBy('article_id')
      .orderBy('position')
      .orderBy('tag_id')
      .execute(),
    await db
      .selectFrom('article_sources')
      .select(['article_id', 'name', 'url'])
      .where('article_id', 'in', articleIds)
      .orderBy('article_id')
      .orderBy('position')
      .execute(),
  ];
  return { authors, tags, sources };
}

/**
 * Pending tag suggestions after `after` in (article, slug) order, the table's key. Slugs compare byte by
 * byte in both databases (PostgreSQL's "C" collation), so that the copy exports them in the same order.
 */
export function readSuggestionPage(
  db: Db,
  after: { article_id: number; slug: string } | undefined,
  limit: number,
) {
  const slug = dialectOf(db) === 'postgres' ? sql<string>`slug collate "C"` : sql<string>`slug`;
  let query = db
    .selectFrom('article_tag_suggestions')
    .select(CARRIED_COLUMNS.article_tag_suggestions)
    .orderBy('article_id')
    .orderBy(slug)
    .limit(limit);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('article_id', '>', after.article_id),
        eb.and([eb('article_id', '=', after.article_id), eb(slug, '>', after.slug)]),
      ]),
    );
  return query.execute();
}

/** Every stored setting, key → JSON text, in key order. */
export function readSettings(db: Db) {
  return db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
}

/** Every secret, in name order. */
export function readSecrets(db: Db) {
  return db.selectFrom('secrets').select(['name', 'value']).orderBy('name').execute();
}

/** Writes the installation's keys, replacing those a fresh database made at its first start. */
export async function writeSecrets(db: Db, secrets: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(secrets)) {
    await db
      .insertInto('secrets')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }
}

/** Rows ready for insertion into one table. */
export type InsertRows<T extends keyof Database> = Insertable<Database[T]>[];

/** Inserts rows, ids included. */
export async function insertRows<T extends keyof Database>(db: Db, table: T, rows: InsertRows<T>) {
  if (rows.length === 0) return;
  await db
    .insertInto(table as 'authors')
    .values(rows as unknown as InsertRows<'authors'>)
    .execute();
}

/**
 * Clears the sections a fresh database starts with (migration 0016's News), before a file's own
 * sections are written with their ids. The database holds no article yet (refuseIfNotEmpty).
 */
export async function deleteAllSections(db: Db): Promise<void> {
  await db.updateTable('sections').set({ parent_id: null }).execute();
  await db.deleteFrom('sections').execute();
}

/** Sets a section's parent once both exist (sections are written without parents first). */
export async function setSectionParent(db: Db, id: number, parentId: number): Promise<void> {
  await db.updateTable('sections').set({ parent_id: parentId }).where('id', '=', id).execute();
}

/**
 * Files every article without a section (a file written before sections existed) in the oldest
 * top-level section, so that every article has one, as the article service keeps it.
 */
export async function fileUnsectionedArticles(db: Db): Promise<void> {
  const first = await db
    .selectFrom('sections')
    .where('parent_id', 'is', null)
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (first)
    await db.updateTable('articles').set({ section_id: first.id }).where('section_id', 'is', null).execute();
}

/** Sets a comment's parent once both exist (a reply listed before its parent). */
export async function setCommentParent(db: Db, id: number, parentId: number): Promise<void> {
  await db.updateTable('comments').set({ parent_id: parentId }).where('id', '=', id).execute();
}

/** Unused owner sign-up links: the imported publication has its owner already. */
export async function deleteOwnerLinks(db: Db): Promise<void> {
  await db.deleteFrom('account_links').where('purpose', '=', 'owner').execute();
}

/**
 * Moves PostgreSQL's identity sequences past the imported ids, so that the next insert does not collide.
 * SQLite needs nothing: AUTOINCREMENT takes the largest id ever inserted, explicit ones included.
 */
export async function advanceIdSequences(db: Db): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  const tables: IdTable[] = [
    'authors',
    'users',
    'uploads',
    'tags',
    'sections',
    'articles',
    'comments',
    'article_revisions',
    'audit_log',
    'redirects',
  ];
  for (const table of tables) {
    // setval's third argument says whether the value was used: false for an empty table, so that the
    // first id is 1; true otherwise, so that the next is max + 1.
    await sql`
      select setval(
        pg_get_serial_sequence(${table}, 'id'),
        coalesce(max(id), 1),
        max(id) is not null
      ) from ${sql.table(table)}
    `.execute(db);
  }
}
