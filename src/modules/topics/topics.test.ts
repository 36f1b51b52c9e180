import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { topicSuggestionsScript } from '../../platform/render/assets.ts';
import { ensureSeeded, suggestTopics } from './index.ts';
import type { AcceptedTopic, TopicSuggestion } from './service.ts';

const DRAFT = {
  title: 'Ministers meet over fishing dispute',
  standfirst: 'Talks in Seoul end without a deal.',
  body: [
    'SEOUL (Northgate Wire) — Foreign Minister Cho Tae-yul met his counterpart on Tuesday.',
    '',
    'The Bank of Korea said the dispute had not moved markets. Cho said talks would go on in **Busan**.',
  ].join('\n'),
};

describe.each(DIALECTS)('topic suggestions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  }, 60_000);
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const db = () => t.database.db;
  const count = async (table: 'topics' | 'topic_aliases' | 'tags') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  function postJson(who: SignedIn, url: string, body: unknown, headers: Record<string, string> = {}) {
    return who.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': who.csrfToken,
        ...headers,
      },
      payload: JSON.stringify(body),
    });
  }

  async function suggest(who: SignedIn, body: unknown): Promise<TopicSuggestion[]> {
    const response = await postJson(who, '/admin/topics/suggest', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ suggestions: TopicSuggestion[] }>().suggestions;
  }

  it('seeds the registry once, on first use, with countries, capitals and large cities', async () => {
    expect(await count('topics')).toBe(0);
    const seeded = await ensureSeeded(db(), '2026-11-26T12:00:00.000Z');
    expect(seeded).toBeGreaterThan(500);
    const topics = await count('topics');
    const aliases = await count('topic_aliases');
    expect(topics).toBe(seeded);
    expect(aliases).toBeGreaterThan(topics);
    // Again, and through a suggestion: nothing is added twice.
    expect(await ensureSeeded(db(), '2026-11-26T12:00:00.000Z')).toBe(0);
    await suggestTopics(db(), { title: 'Rain in Hanoi' });
    expect(await count('topics')).toBe(topics);
    expect(await count('topic_aliases')).toBe(aliases);
    const us = await db()
      .selectFrom('topic_aliases')
      .innerJoin('topics', 'topics.id', 'topic_aliases.topic_id')
      .select(['topics.name', 'topics.kind', 'topics.source'])
      .where('topic_aliases.normalised', '=', 'usa')
      .executeTakeFirstOrThrow();
    expect(us).toEqual({ name: 'United States', kind: 'place', source: 'seed' });
  });

  it('suggests the people, organisations and places a draft names, known places marked, without tagging anything', async () => {
    const author = await signedIn(t, 'author');
    const response = await postJson(author, '/admin/topics/suggest', DRAFT);
    expect(response.statusCode, response.body).toBe(200);
    const { suggestions, note } = response.json<{ suggestions: TopicSuggestion[]; note: string }>();
    expect(note).toMatch(/English/);
    expect(suggestions.map((s) => [s.name, s.kind, s.known])).toEqual([
      ['Seoul', 'place', true],
      ['Cho Tae-yul', 'person', false],
      ['Bank of Korea', 'organisation', false],
      ['Busan', 'place', true],
    ]);
    expect(suggestions[1]).toMatchObject({ mentions: 2, aliases: ['Cho'] });
    expect(await count('tags')).toBe(0);
  });

  it('offers "Suggested topics" in the editor, hidden until its script runs, and serves the script', async () => {
    const author = await signedIn(t, 'author');
    const html = (await author.get('/admin/articles/new')).body;
    expect(html).toMatch(/<section[^>]*data-topic-suggestions[^>]*hidden/);
    expect(html).toContain('English text only');
    expect(html).toContain(topicSuggestionsScript.path);
    const script = await author.get(topicSuggestionsScript.path);
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('/admin/topics/accept');
  });

  it('leaves out what the draft is tagged with already, by name or slug', async () => {
    const author = await signedIn(t, 'author');
    const names = (await suggest(author, { ...DRAFT, tags: ['seoul', 'Bank of Korea'] })).map((s) => s.name);
    expect(names).toEqual(['Cho Tae-yul', 'Busan']);
  });

  it('reads an HTML body as text, and an empty draft as nothing', async () => {
    const author = await signedIn(t, 'author');
    const html = '<p>Rain fell on <a href="https://example.com/Tokyo">Jakarta</a>.</p><script>Lagos</script>';
    expect(
      (await suggest(author, { title: '', body: html, body_format: 'html' })).map((s) => s.name),
    ).toEqual(['Jakarta']);
    expect(await suggest(author, { title: '' })).toEqual([]);
  });

  it('refuses a contributor who would need a new tag, and changes nothing', async () => {
    const contributor = await signedIn(t, 'contributor');
    const response = await postJson(contributor, '/admin/topics/accept', {
      name: 'Cho Tae-yul',
      kind: 'person',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    expect(await count('tags')).toBe(0);
    expect(await db().selectFrom('topics').select('id').where('source', '=', 'editor').execute()).toEqual([]);
  });

  it('lets a contributor use a tag that exists, without teaching the registry', async () => {
    await t.services.tags.create({ name: 'Busan', actor: null });
    const contributor = await signedIn(t, 'contributor');
    const response = await postJson(contributor, '/admin/topics/accept', { name: 'Busan', kind: 'place' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<AcceptedTopic>()).toMatchObject({
      tag: { slug: 'busan', name: 'Busan' },
      topicId: null,
      createdTag: false,
    });
    expect(await count('tags')).toBe(1);
  });

  it('makes the tag for an editor, records the topic with its aliases, and finds it known next time', async () => {
    const editor = await signedIn(t, 'editor');
    const response = await postJson(editor, '/admin/topics/accept', {
      name: 'Cho Tae-yul',
      kind: 'person',
      aliases: ['Cho Taeyul', 'Tae-yul Cho', ' '],
    });
    expect(response.statusCode, response.body).toBe(201);
    const accepted = response.json<AcceptedTopic>();
    expect(accepted).toMatchObject({ tag: { slug: 'cho-tae-yul', name: 'Cho Tae-yul' }, createdTag: true });
    const aliases = await db()
      .selectFrom('topic_aliases')
      .select(['alias', 'normalised'])
      .where('topic_id', '=', accepted.topicId ?? 0)
      .orderBy('normalised')
      .execute();
    expect(aliases).toEqual([
      { alias: 'Cho Tae-yul', normalised: 'cho tae yul' },
      { alias: 'Cho Taeyul', normalised: 'cho taeyul' },
      { alias: 'Tae-yul Cho', normalised: 'tae yul cho' },
    ]);
    const audit = await db().selectFrom('audit_log').select(['action', 'subject']).execute();
    expect(audit).toContainEqual({ action: 'topic.accept', subject: `topic:${accepted.topicId}` });

    // A later draft spells him by an alias: the registry knows him, with his tag.
    const later = await suggest(editor, {
      title: 'Talks resume',
      body: 'Officials said Tae-yul Cho would fly to Hanoi.',
    });
    expect(later[0]).toMatchObject({
      name: 'Cho Tae-yul',
      kind: 'person',
      known: true,
      tagSlug: 'cho-tae-yul',
    });
    // Tagged already: not suggested again.
    const tagged = await suggest(editor, {
      title: 'Talks resume',
      body: 'Cho Taeyul flew home.',
      tags: ['cho-tae-yul'],
    });
    expect(tagged.map((s) => s.name)).not.toContain('Cho Tae-yul');

    // Accepting again adds the new spelling and makes no second tag or topic.
    const again = await postJson(editor, '/admin/topics/accept', {
      name: 'Cho Tae-yul',
      kind: 'person',
      aliases: ['Minister Cho'],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<AcceptedTopic>()).toMatchObject({ topicId: accepted.topicId, createdTag: false });
    expect(await count('tags')).toBe(1);
    expect(
      await db()
        .selectFrom('topic_aliases')
        .select('alias')
        .where('topic_id', '=', accepted.topicId ?? 0)
        .execute(),
    ).toHaveLength(4);
  });

  it('links a seeded place to the tag an editor accepts for it', async () => {
    const editor = await signedIn(t, 'editor');
    await suggest(editor, { title: 'x' });
    const response = await postJson(editor, '/admin/topics/accept', { name: 'Seoul', kind: 'place' });
    expect(response.statusCode, response.body).toBe(201);
    const seeded = await db()
      .selectFrom('topics')
      .select(['source', 'tag_id'])
      .where('key', '=', 'place:seoul')
      .executeTakeFirstOrThrow();
    expect(seeded.source).toBe('seed');
    expect(seeded.tag_id).toBe(response.json<AcceptedTopic>().tag.id);
    const [first] = await suggest(editor, { title: '', body: 'Snow fell in Seoul.' });
    expect(first).toMatchObject({ name: 'Seoul', known: true, tagSlug: 'seoul' });
  });

  it('refuses bad input with 400, a post without the CSRF token with 403, and a stranger with 401', async () => {
    const editor = await signedIn(t, 'editor');
    for (const body of [
      { name: 'Cho', kind: 'thing' },
      { name: '', kind: 'person' },
      { name: '!!!', kind: 'person' },
      { name: 'Cho', kind: 'person', aliases: Array.from({ length: 21 }, (_, k) => `Cho ${k}`) },
      { name: 'x'.repeat(201), kind: 'person' },
    ]) {
      const response = await postJson(editor, '/admin/topics/accept', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const tooLong = await postJson(editor, '/admin/topics/suggest', {
      title: 'x',
      body: 'a'.repeat(200_001),
    });
    expect(tooLong.statusCode).toBe(400);
    const noToken = await postJson(
      editor,
      '/admin/topics/accept',
      { name: 'Cho', kind: 'person' },
      { 'x-csrf-token': 'wrong' },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json<{ error: { code: string } }>().error.code).toBe('FORM_EXPIRED');
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/admin/topics/suggest',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify({ title: 'x' }),
    });
    expect(stranger.statusCode).toBe(401);
    expect(await count('tags')).toBe(0);
  });
});
