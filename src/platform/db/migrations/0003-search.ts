import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Full-text search over articles, one index per dialect. Both index every article whatever its status:
// the search query applies the "published and not in the future" rule, so publishing, editing,
// unpublishing and scheduled times need no index work beyond keeping the text in step.
//
// SQLite: an FTS5 external-content table over articles.title, standfirst and body_markdown, kept in step
// by triggers, so that an article's index entry changes inside the transaction that writes the article.
// The unicode61 tokenizer splits on punctuation and folds case and diacritics.
//
// PostgreSQL: a stored generated tsvector column (title A, standfirst B, body C) with a GIN index. The
// text is first passed through translate() so that PostgreSQL tokenises it as FTS5 does: ASCII
// punctuation becomes a space (the default parser would otherwise keep "covid-19" as "covid" and "-19",
// or "1.5" and e-mail addresses whole) and common Latin letters lose their diacritics ("Café" → "Cafe").
// The search module folds a reader's query with the same table (SEARCH_FOLD), which is why it lives here:
// changing it means a new migration that rebuilds the column.

/** ASCII punctuation and symbols: each becomes a space before PostgreSQL tokenises article text. */
const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The Unicode blocks whose precomposed letters are folded: Latin-1, Latin Extended-A and -B, Extended Additional. */
const FOLDED_RANGES: readonly (readonly [number, number])[] = [
  [0x00c0, 0x024f],
  [0x1e00, 0x1eff],
];

function buildFold(): { from: string; to: string; marks: string } {
  let from = '';
  let to = '';
  // Canonical decompositions never change (Unicode's normalization stability policy), so this table
  // is the same on every Node version that will ever run it.
  for (const [first, last] of FOLDED_RANGES) {
    for (let code = first; code <= last; code += 1) {
      const letter = String.fromCodePoint(code);
      const decomposed = letter.normalize('NFD');
      if (/^[A-Za-z][\u0300-\u036f]+$/.test(decomposed)) {
        from += letter;
        to += decomposed[0];
      }
    }
  }
  let marks = '';
  for (let code = 0x0300; code <= 0x036f; code += 1) marks += String.fromCodePoint(code);
  return { from, to, marks };
}

/**
 * How article text and queries are folded before PostgreSQL tokenises them: each character of `from`
 * becomes the character of `to` at the same place, ASCII punctuation becomes a space, and combining
 * diacritical marks (U+0300–U+036F) are dropped.
 */
export const SEARCH_FOLD: { readonly from: string; readonly to: string; readonly marks: string } =
  Object.freeze(buildFold());

/** translate()'s arguments: the characters to replace or drop, and their replacements (shorter: the rest drop). */
export function translateArguments(): [string, string] {
  return [
    ASCII_PUNCTUATION + SEARCH_FOLD.from + SEARCH_FOLD.marks,
    ' '.repeat(ASCII_PUNCTUATION.length) + SEARCH_FOLD.to,
  ];
}

// PostgreSQL refuses a tsvector over 1 MB, and an article body may be 1,000,000 characters. The first
// 100,000 characters cannot reach that limit whatever they hold, and positions past 16,383 are not
// kept anyway, so longer bodies are indexed up to there.
const POSTGRES_BODY_LIMIT = 100_000;

async function upPostgres(db: Kysely<any>): Promise<void> {
  const [from, to] = translateArguments();
  const folded = (column: string) => sql`translate(${sql.ref(column)}, ${sql.lit(from)}, ${sql.lit(to)})`;
  await sql`
    alter table articles add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, ${folded('title')}), 'A') ||
      setweight(to_tsvector('simple'::regconfig, ${folded('standfirst')}), 'B') ||
      setweight(
        to_tsvector(
          'simple'::regconfig,
          translate(left(body_markdown, ${sql.lit(POSTGRES_BODY_LIMIT)}), ${sql.lit(from)}, ${sql.lit(to)})
        ),
        'C'
      )
    ) stored
  `.execute(db);
  // Adding a stored generated column computes it for every existing row: old articles are indexed now.
  await sql`create index articles_search_vector on articles using gin (search_vector)`.execute(db);
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`
    create virtual table articles_fts using fts5(
      title, standfirst, body_markdown,
      content = 'articles', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    )
  `.execute(db);
  // An external-content index must be told the old text to remove it, so the delete and update
  // triggers pass the row's previous values.
  await sql`
    create trigger articles_fts_after_insert after insert on articles begin
      insert into articles_fts (rowid, title, standfirst, body_markdown)
        values (new.id, new.title, new.standfirst, new.body_markdown);
    end
  `.execute(db);
  await sql`
    create trigger articles_fts_after_delete after delete on articles begin
      insert into articles_fts (articles_fts, rowid, title, standfirst, body_markdown)
        values ('delete', old.id, old.title, old.standfirst, old.body_markdown);
    end
  `.execute(db);
  await sql`
    create trigger articles_fts_after_update after update of title, standfirst, body_markdown on articles begin
      insert into articles_fts (articles_fts, rowid, title, standfirst, body_markdown)
        values ('delete', old.id, old.title, old.standfirst, old.body_markdown);
      insert into articles_fts (rowid, title, standfirst, body_markdown)
        values (new.id, new.title, new.standfirst, new.body_markdown);
    end
  `.execute(db);
  // Articles written before this migration.
  await sql`insert into articles_fts (articles_fts) values ('rebuild')`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop index if exists articles_search_vector`.execute(db);
    await sql`alter table articles drop column if exists search_vector`.execute(db);
    return;
  }
  for (const trigger of [
    'articles_fts_after_update',
    'articles_fts_after_delete',
    'articles_fts_after_insert',
  ]) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table if exists articles_fts`.execute(db);
}
