// Topic suggestions' use cases: suggest the people, organisations and places a draft names, and
// accept one, which makes (or finds) its tag and teaches the registry its spellings. Nothing is
// tagged here: accepting hands the tag back to the editor's Tags field, and the article is tagged
// only when its form is saved.
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { slugify } from '../../platform/render/slug.ts';
import { cleanLabel } from '../../platform/text.ts';
import { can, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { resolveTags } from '../tags/index.ts';
import { findInProcess, startTopicFinder, type FindTopics } from './finder.ts';
import { seedTopics } from './gazetteer.ts';
import { normaliseName } from './normalise.ts';
import {
  countSeedTopics,
  findTagById,
  findTopicByAlias,
  findTopicByKey,
  insertAliases,
  insertTopics,
  listAliases,
  setTopicTag,
  tagExists,
} from './repository.ts';
import { isTitleCase, textOfHtml, textOfMarkdown } from './text.ts';
import type { TopicKind } from './trie.ts';

/** The kinds a topic may have. */
export const TOPIC_KINDS: readonly TopicKind[] = ['person', 'organisation', 'place'];

/** Most suggestions one draft gets. */
export const MAX_SUGGESTIONS = 20;

/** What a draft says, as the editor holds it now (saved or not). */
export interface DraftText {
  title: string;
  standfirst?: string;
  body?: string;
  /** How `body` is written; Markdown when not said. */
  bodyFormat?: 'markdown' | 'html';
  /** The tags the draft carries already (names or slugs): never suggested again. */
  tags?: readonly string[];
}

/** One suggestion for the editor. */
export interface TopicSuggestion {
  name: string;
  kind: TopicKind;
  /** In the registry already (a seeded place, or a topic an editor accepted before). */
  known: boolean;
  /** The tag the topic is linked to, when it is. */
  tagSlug?: string;
  /** How often the draft names it. */
  mentions: number;
  /** Other spellings the draft used ("Cho", "Tae-yul Cho"), offered as aliases. */
  aliases: string[];
}

/** What accepting a suggestion made or found. */
export interface AcceptedTopic {
  tag: { id: number; slug: string; name: string };
  /** The registry's topic; null when a contributor used a tag that exists (only editors teach the registry). */
  topicId: number | null;
  /** The tag was made now. */
  createdTag: boolean;
}

/**
 * Writes the seed topics (countries, capitals, cities of a million) when the registry has none, in
 * one transaction. Called on first use rather than in the migration, so that migrating (every test
 * database, every new install) does not read the city package; idempotent across processes (keys
 * are unique, and inserts skip what is there).
 */
export async function ensureSeeded(db: Db, at: string): Promise<number> {
  if ((await countSeedTopics(db)) > 0) return 0;
  const seeds = seedTopics();
  return transact(db, async (trx) => {
    const rows = seeds.map((s) => ({
      name: s.name,
      kind: s.kind,
      key: `${s.kind}:${normaliseName(s.name)}`,
      source: 'seed' as const,
      at,
    }));
    const ids = await insertTopics(trx, rows);
    const aliases = seeds.flatMap((s, k) => {
      const topicId = ids.get(rows[k]!.key);
      if (topicId === undefined) return [];
      return [s.name, ...s.aliases].map((alias) => ({ topicId, alias, normalised: normaliseName(alias) }));
    });
    await insertAliases(trx, aliases);
    return seeds.length;
  });
}

/** The draft's words in reading order, a blank line between parts. */
function draftText(draft: DraftText): string {
  const body = draft.body
    ? draft.bodyFormat === 'html'
      ? textOfHtml(draft.body)
      : textOfMarkdown(draft.body)
    : '';
  return [isTitleCase(draft.title) ? '' : draft.title, draft.standfirst ?? '', body].join('\n\n');
}

/** Most characters of a draft the finder reads: names are introduced early, and this is 10,000 words. */
export const MAX_DRAFT_CHARS = 60_000;

/**
 * The people, organisations and places a draft names, most mentioned first, leaving out any the
 * draft is tagged with already. English only. Seeds the registry on first use. `find` reads the
 * text: on this thread unless the caller passes the service's thread.
 */
export async function suggestTopics(
  db: Db,
  draft: DraftText,
  options: { at?: string; find?: FindTopics } = {},
): Promise<TopicSuggestion[]> {
  await ensureSeeded(db, options.at ?? new Date().toISOString());
  const aliases = await listAliases(db);
  const found = await (options.find ?? findInProcess)({
    text: draftText(draft).slice(0, MAX_DRAFT_CHARS),
    aliases,
  });
  const tagged = new Set((draft.tags ?? []).map((t) => slugify(t)).filter((t) => t !== ''));
  const suggestions: TopicSuggestion[] = [];
  for (const topic of found) {
    if (tagged.has(slugify(topic.name)) || (topic.tagSlug && tagged.has(topic.tagSlug))) continue;
    const key = normaliseName(topic.name);
    suggestions.push({
      name: topic.name,
      kind: topic.kind,
      known: topic.known,
      ...(topic.tagSlug && { tagSlug: topic.tagSlug }),
      mentions: topic.mentions,
      aliases: topic.surfaces.filter((s) => normaliseName(s) !== key),
    });
    if (suggestions.length === MAX_SUGGESTIONS) break;
  }
  return suggestions;
}

/** What an editor accepts: the name (as the tag will read), its kind, and other spellings. */
export interface Acceptance {
  name: string;
  kind: TopicKind;
  aliases?: readonly string[];
}

function checkAcceptance(input: Acceptance): {
  name: string;
  slug: string;
  kind: TopicKind;
  aliases: string[];
} {
  const name = cleanLabel(input.name);
  if (name === '' || name.length > 80)
    throw new AppError('VALIDATION_FAILED', { fields: { name: 'must be 1 to 80 characters' } });
  const slug = slugify(name);
  if (slug === '' || normaliseName(name) === '')
    throw new AppError('VALIDATION_FAILED', { fields: { name: 'needs a letter or digit' } });
  if (!TOPIC_KINDS.includes(input.kind))
    throw new AppError('VALIDATION_FAILED', { fields: { kind: 'must be person, organisation or place' } });
  const aliases = (input.aliases ?? [])
    .map(cleanLabel)
    .filter((a) => a !== '' && a.length <= 80 && normaliseName(a) !== '');
  return { name, slug, kind: input.kind, aliases };
}

/**
 * Accepts a suggestion for a draft: finds the topic's tag, or a tag by the same name, or makes one
 * (only with 'tag.manage': a contributor who needs a new tag is refused, FORBIDDEN, as in the
 * editor), and for editors records the topic with its spellings, so the next draft that names it
 * finds it known. One transaction; the article itself is not tagged (the editor's form does that).
 */
export async function acceptSuggestion(
  db: Db,
  actor: Actor,
  input: Acceptance,
  at = new Date().toISOString(),
): Promise<AcceptedTopic> {
  const wanted = checkAcceptance(input);
  const key = `${wanted.kind}:${normaliseName(wanted.name)}`;
  const mayTeach = can(actor, 'tag.manage');
  return transact(db, async (trx) => {
    const topic =
      (await findTopicByKey(trx, key)) ??
      (await findTopicByAlias(trx, wanted.kind, normaliseName(wanted.name)));
    let tagId = topic?.tagId ?? null;
    let createdTag = false;
    if (tagId === null) {
      const existed = await tagExists(trx, { name: wanted.name, slug: wanted.slug });
      const {
        ids: [id],
      } = await resolveTags(trx, [{ slug: wanted.slug, name: wanted.name }], { mayCreate: mayTeach });
      if (id === undefined)
        throw new AppError('FORBIDDEN', {
          message: `Only editors can create tags: ask an editor to add "${wanted.name}".`,
        });
      tagId = id;
      createdTag = !existed;
    }
    const tag = await findTagById(trx, tagId);
    if (!tag) throw new Error('an accepted topic’s tag is missing');
    if (!mayTeach) return { tag, topicId: null, createdTag };

    let topicId = topic?.id;
    if (topicId === undefined) {
      const ids = await insertTopics(trx, [
        { name: wanted.name, kind: wanted.kind, key, source: 'editor', tagId, at },
      ]);
      topicId = ids.get(key);
      if (topicId === undefined) throw new Error('an accepted topic was not stored');
    } else if (topic?.tagId !== tagId) await setTopicTag(trx, topicId, tagId);
    const spellings = [wanted.name, ...wanted.aliases];
    await insertAliases(
      trx,
      spellings.map((alias) => ({ topicId: topicId, alias, normalised: normaliseName(alias) })),
    );
    await recordAudit(trx, {
      actor: { id: actor.id, name: actor.name },
      action: 'topic.accept',
      subject: `topic:${topicId}`,
      detail: { name: wanted.name, kind: wanted.kind, tag: tag.slug, createdTag, aliases: wanted.aliases },
      at,
    });
    return { tag, topicId, createdTag };
  });
}

/** Topic suggestions bound to a database, a clock and a thread, as app.tsx builds services. */
export interface TopicService {
  suggest(draft: DraftText): Promise<TopicSuggestion[]>;
  accept(args: { actor: Actor; acceptance: Acceptance }): Promise<AcceptedTopic>;
  /** Stops the reading thread (started on first use). */
  close(): Promise<void>;
}

/** Builds the topic service; drafts are read on a thread of their own, off the event loop. */
export function createTopicService({ db, clock }: { db: Db; clock: Clock }): TopicService {
  const now = () => clock.now().toISOString();
  const finder = startTopicFinder();
  return {
    suggest: (draft) => suggestTopics(db, draft, { at: now(), find: finder.find }),
    accept: ({ actor, acceptance }) => acceptSuggestion(db, actor, acceptance, now()),
    close: () => finder.close(),
  };
}
