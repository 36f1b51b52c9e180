import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../../app.tsx';
import { fixedClock } from '../../platform/clock.ts';
import { seedIfEmpty } from '../../server.tsx';
import { openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { sampleArticles } from './content.ts';

// The same publication must come out byte for byte the same on SQLite and on PostgreSQL.
describe('the sample publication on both databases', () => {
  const databases: TestDatabase[] = [];
  const pages = new Map<string, string[]>();
  const withSource = sampleArticles.find((a) => a.source)?.slug ?? '';
  const withComments = sampleArticles.find((a) => a.comments?.length)?.slug ?? '';
  const urls = [
    '/',
    '/page/2/',
    `/${withSource}/`,
    `/${withComments}/`,
    '/author/mara-lindqvist/',
    '/tag/harbour/',
    '/section/news/',
    '/no-such-page/',
  ];

  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const database = await openTestDatabase(dialect);
      databases.push(database);
      expect(await seedIfEmpty(database)).toMatchObject({ articles: sampleArticles.length });
      expect(await seedIfEmpty(database)).toBeUndefined();
      const services = await createServices({ database, clock: fixedClock('2026-11-26T12:00:00.000Z') });
      const app = await createApp({
        config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1:3000' },
        database,
        services,
      });
      const bodies: string[] = [];
      for (const url of urls) bodies.push((await app.inject(url)).body);
      pages.set(dialect, bodies);
      await app.close();
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
  });

  it('has at least 3 authors, 30 articles, 6 tags, sources and approved comments', async () => {
    const db = databases[0]?.db;
    if (!db) throw new Error('no database');
    const count = async (table: 'authors' | 'articles' | 'tags') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('authors')).toBeGreaterThanOrEqual(3);
    expect(await count('articles')).toBeGreaterThanOrEqual(30);
    expect(await count('tags')).toBeGreaterThanOrEqual(6);
    const sourced = await db
      .selectFrom('articles')
      .where('source_name', 'is not', null)
      .select('id')
      .execute();
    expect(sourced.length).toBeGreaterThan(0);
    const approved = await db.selectFrom('comments').where('status', '=', 'approved').select('id').execute();
    expect(approved.length).toBeGreaterThan(0);
  });

  it('files every article in one of its sections, each with an article', async () => {
    const db = databases[0]?.db;
    if (!db) throw new Error('no database');
    const rows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('sections as parent', 'parent.id', 'sections.parent_id')
      .select(['sections.slug', 'parent.slug as parent'])
      .execute();
    expect(rows.filter((r) => r.slug === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.slug))).toEqual(
      new Set(['politics', 'local', 'business', 'sport', 'culture', 'opinion']),
    );
    expect(new Set(rows.filter((r) => r.parent !== null).map((r) => r.parent))).toEqual(new Set(['news']));
  });

  it('renders every page type identically on SQLite and PostgreSQL', () => {
    const sqlite = pages.get('sqlite') ?? [];
    const postgres = pages.get('postgres') ?? [];
    expect(sqlite).toHaveLength(urls.length);
    urls.forEach((url, i) => {
      expect(postgres[i], url).toBe(sqlite[i]);
      expect(sqlite[i]?.length, url).toBeGreaterThan(500);
    });
  });
});
