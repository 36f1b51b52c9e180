// "Start a draft": a wire item (or a story) becomes a draft article through the articles module's own
// save path (app.ts passes it in as `saveDraft`), with credit. What the draft may carry follows the
// source's terms: for `link`, a summary and a link back; for `republish`, the item's sanitised text.
// The item(s) then point at the draft, and a second click finds that draft instead of making another.
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { escapeHtml } from '../../platform/render/body-html.ts';
import { slugify } from '../../platform/render/slug.ts';
import { recordAudit } from '../audit/index.ts';
import type { DeskActor } from './desk.ts';

/** What the wire desk hands the articles module: a draft to create. */
export interface DraftInput {
  title: string;
  slug: string;
  standfirst: string;
  /** Body HTML (the articles module sanitises it again on save). */
  body: string;
  authors: string[];
  /** Every outlet the draft credits, the lead first, each with the wire item it was drafted from. */
  sources: (Credit & { wireItemId: number })[];
}

/** Creates a draft article and returns its id and slug (the articles service's saveArticle). */
export type SaveDraft = (input: DraftInput) => Promise<{ id: number; slug: string }>;

/** One credit line: an outlet and the address of its report. */
export interface Credit {
  name: string;
  url: string;
}

/** An item as crediting reads it. */
export interface CreditedItem {
  sourceName: string;
  url: string | null;
  duplicateOf?: number | null;
  publishedAt?: string;
}

/**
 * Every outlet a story draws on, once each, in the order they reported (earliest first): the list a
 * multi-source article (article_sources) takes. Items without an address cannot be linked and are
 * left out; an outlet that ran two reports is credited for its first.
 */
export function creditsOf(story: { items: readonly CreditedItem[] }): Credit[] {
  const ordered = [...story.items].sort((a, b) =>
    (a.publishedAt ?? '') < (b.publishedAt ?? '')
      ? -1
      : (a.publishedAt ?? '') > (b.publishedAt ?? '')
        ? 1
        : 0,
  );
  const seen = new Set<string>();
  const credits: Credit[] = [];
  for (const item of ordered) {
    if (!item.url || !/^https?:\/\//i.test(item.url) || seen.has(item.sourceName)) continue;
    seen.add(item.sourceName);
    credits.push({ name: item.sourceName, url: item.url });
  }
  return credits;
}

/** A standfirst from a summary: its first sentence or two, at most about 300 characters. */
export function standfirstOf(summary: string): string {
  const text = summary.replace(/\s+/g, ' ').trim();
  if (text.length <= 300) return text;
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let out = '';
  for (const sentence of sentences) {
    if ((out + sentence).length > 300) break;
    out += sentence;
  }
  return out.trim() || `${text.slice(0, 297).replace(/\s+\S*$/, '')}…`;
}

export interface DraftUseCases {
  /**
   * Starts a draft from an item, or from a story (its earliest report that is no copy leads, and every
   * outlet in it is credited). Returns the draft; `created` is false when the item (or story) already
   * had one, which is returned instead. `author` is an author slug; without it, the actor's own
   * profile, and for the command line the first author.
   */
  startDraft(args: {
    itemId?: number;
    storyId?: number;
    author?: string;
    actor: (NonNullable<DeskActor> & { authorId: number | null }) | null;
  }): Promise<{ id: number; slug: string; created: boolean }>;
}

export function createDraftUseCases(deps: { db: Db; clock: Clock; saveDraft?: SaveDraft }): DraftUseCases {
  const { db, clock } = deps;
  // One draft at a time per item in this process: a double click waits for the first, then finds it.
  let queue: Promise<unknown> = Promise.resolve();

  async function rowsFor(args: { itemId?: number; storyId?: number }) {
    const base = db
      .selectFrom('wire_items as i')
      .innerJoin('wire_sources as s', 's.id', 'i.source_id')
      .select([
        'i.id',
        'i.title',
        'i.summary',
        'i.url',
        'i.content_html',
        'i.published_at',
        'i.duplicate_of',
        'i.story_id',
        'i.draft_article_id',
        's.name as source_name',
        's.terms',
      ]);
    if (args.itemId !== undefined) {
      const rows = await base.where('i.id', '=', args.itemId).execute();
      if (rows.length === 0)
        throw new AppError('NOT_FOUND', { message: `No wire item has id ${args.itemId}.` });
      return rows;
    }
    const rows = await base
      .where('i.story_id', '=', args.storyId!)
      .orderBy('i.published_at')
      .orderBy('i.id')
      .execute();
    if (rows.length === 0)
      throw new AppError('NOT_FOUND', { message: `No wire story has id ${args.storyId}.` });
    return rows;
  }

  async function authorSlug(author: string | undefined, authorId: number | null | undefined) {
    if (author !== undefined) {
      const row = await db.selectFrom('authors').select('slug').where('slug', '=', author).executeTakeFirst();
      if (!row)
        throw new AppError('VALIDATION_FAILED', {
          fields: { author: `no author has the slug "${author}" (dateline author list)` },
        });
      return row.slug;
    }
    const row =
      authorId !== undefined
        ? authorId === null
          ? undefined
          : await db.selectFrom('authors').select('slug').where('id', '=', authorId).executeTakeFirst()
        : await db.selectFrom('authors').select('slug').orderBy('id').limit(1).executeTakeFirst();
    if (!row)
      throw new AppError('VALIDATION_FAILED', {
        fields: {
          author:
            authorId === undefined
              ? 'there is no author to byline the draft to: add one with dateline author add'
              : 'your account has no author profile to byline the draft to: ask an admin to link one',
        },
      });
    return row.slug;
  }

  async function freeSlug(title: string, itemId: number): Promise<string> {
    const wanted = slugify(title) || `wire-${itemId}`;
    const taken = await db.selectFrom('articles').select('id').where('slug', '=', wanted).executeTakeFirst();
    return taken ? `${wanted.slice(0, 70)}-wire-${itemId}` : wanted;
  }

  async function start(args: Parameters<DraftUseCases['startDraft']>[0]) {
    if (!deps.saveDraft) throw new Error('the wire desk was built without a way to save drafts');
    const rows = await rowsFor(args);
    const existing = rows.find((r) => r.draft_article_id !== null);
    if (existing) {
      const article = await db
        .selectFrom('articles')
        .select(['id', 'slug'])
        .where('id', '=', existing.draft_article_id!)
        .executeTakeFirst();
      if (article) return { ...article, created: false };
    }
    const lead = rows.find((r) => r.duplicate_of === null) ?? rows[0]!;
    const credits = creditsOf({
      items: rows.map((r) => ({ sourceName: r.source_name, url: r.url, publishedAt: r.published_at })),
    });
    const leadCredit =
      lead.url && /^https?:\/\//i.test(lead.url) ? { name: lead.source_name, url: lead.url } : credits[0];
    // The lead's outlet first, then every other outlet of the story once, each tied to its item.
    const ordered = leadCredit ? [leadCredit, ...credits.filter((c) => c.name !== leadCredit.name)] : credits;
    const sources = ordered.flatMap((credit) => {
      const item = rows.find((r) => r.source_name === credit.name && r.url === credit.url);
      return item ? [{ ...credit, wireItemId: item.id }] : [];
    });
    const summary = lead.summary.trim();
    // The outlet's own text only where its terms allow it; otherwise our summary and a link back.
    const body =
      lead.terms === 'republish' && lead.content_html
        ? lead.content_html
        : [
            summary ? `<p>${escapeHtml(summary)}</p>` : '',
            ...credits.map(
              (c) => `<p>Read the original at <a href="${escapeHtml(c.url)}">${escapeHtml(c.name)}</a>.</p>`,
            ),
          ].join('');
    const saved = await deps.saveDraft({
      title: lead.title.slice(0, 300),
      slug: await freeSlug(lead.title, lead.id),
      standfirst: standfirstOf(summary).slice(0, 1000),
      body,
      authors: [await authorSlug(args.author, args.actor ? args.actor.authorId : undefined)],
      sources,
    });
    const at = clock.now().toISOString();
    await transact(db, async (trx) => {
      await trx
        .updateTable('wire_items')
        .set({ draft_article_id: saved.id })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .where('draft_article_id', 'is', null)
        .execute();
      await recordAudit(trx, {
        actor: args.actor ? { id: args.actor.id, name: args.actor.name } : null,
        action: 'wire.draft',
        subject: `article:${saved.id}`,
        detail: { items: rows.map((r) => r.id) },
        at,
      });
    });
    return { ...saved, created: true };
  }

  return {
    startDraft(args) {
      if ((args.itemId === undefined) === (args.storyId === undefined))
        throw new AppError('VALIDATION_FAILED', { fields: { item: 'give an item or a story' } });
      const run = queue.then(() => start(args));
      queue = run.catch(() => {});
      return run;
    },
  };
}
