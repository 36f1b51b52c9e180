import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import {
  isVisibleRow,
  type ArticlePage,
  type ArticleService,
  type ArticleSummary,
} from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Section, SectionRef, SectionService } from '../sections/index.ts';
import * as repo from './repository.ts';

/** The front page's limits: six pins at most, 1 to 12 stories a section row, eight rows. */
export const FRONT_PAGE_LIMITS = { pins: 6, rows: 8, rowStories: { min: 1, max: 12 } } as const;

/** A story the newsroom chose, whatever its status: readers see it only while `isVisible`. */
export interface ChosenArticle {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  isVisible: boolean;
}

/** The curation as the newsroom screen shows it. */
export interface Curation {
  lead: ChosenArticle | null;
  /** In order; an expired pin has dropped off the public page and goes when the screen is saved. */
  pins: (ChosenArticle & { expiresAt: string | null; isExpired: boolean })[];
  rows: { section: SectionRef; count: number }[];
  /** When it was last saved; null when the front page was never curated (newest first). */
  updatedAt: string | null;
}

/** What the newsroom saves. Article references are ids or slugs; '' leaves the lead empty. */
export interface CurationInput {
  lead: string;
  /** `expiresAt`: ISO 8601, in the future, or null for a pin that stays. */
  pins: { article: string; expiresAt: string | null }[];
  /** Section slugs, each with how many stories its row shows. */
  rows: { section: string; count: number }[];
  actor: { id: number; name: string } | null;
}

/** What the curated first page shows; every story is one readers may see now. */
export interface ComposedFrontPage {
  lead: ArticleSummary | null;
  pins: ArticleSummary[];
  /** The newest-first first page, less the lead and the pins. */
  latest: ArticlePage;
  rows: { section: Section; items: ArticleSummary[] }[];
}

/** The curated front page's use cases. */
export interface FrontPageService {
  /** The curation with each chosen story's status, for the newsroom screen. */
  get(): Promise<Curation>;
  /**
   * Replaces the curation in one transaction, or refuses with VALIDATION_FAILED naming the field
   * (`lead`, `pins`, `pin-N-article`, `pin-N-expires`, `row-N-section`, `row-N-count`, N from 1).
   * A draft, scheduled or unpublished story may be chosen: it shows once readers may see it.
   * Saving nothing at all returns the front page to newest first.
   */
  save(input: CurationInput): Promise<void>;
  /** The curated first page for readers, or undefined when nothing is curated. */
  compose(args: { perPage: number }): Promise<ComposedFrontPage | undefined>;
  /**
   * Tells the caches when a pin expired in (after, now], so that it drops off the cached page with
   * no request. Returns the moment it checked up to, for the next call (as articles' announceDue).
   */
  announceExpired(after: string): Promise<string>;
}

/** Builds the front page service on the article and section services. */
export function createFrontPageService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  articles: Pick<ArticleService, 'listPublished' | 'listPublishedByIds'>;
  sections: Pick<SectionService, 'list'>;
}): FrontPageService {
  const { db, clock, events, articles, sections } = deps;

  const chosen = (row: repo.ArticleRow, now: string): ChosenArticle => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    isVisible: isVisibleRow(row, now),
  });

  return {
    async get() {
      const now = clock.now().toISOString();
      const stored = await repo.readCuration(db);
      const ids = [...(stored.leadArticleId === null ? [] : [stored.leadArticleId])];
      ids.push(...stored.pins.map((p) => p.articleId));
      const [rows, every] = await Promise.all([repo.articlesByIds(db, ids), sections.list()]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const leadRow = stored.leadArticleId === null ? undefined : byId.get(stored.leadArticleId);
      return {
        lead: leadRow ? chosen(leadRow, now) : null,
        pins: stored.pins.flatMap((p) => {
          const row = byId.get(p.articleId);
          if (!row) return [];
          const isExpired = p.expiresAt !== null && p.expiresAt <= now;
          return [{ ...chosen(row, now), expiresAt: p.expiresAt, isExpired }];
        }),
        rows: stored.rows.flatMap((r) => {
          const section = every.find((s) => s.id === r.sectionId);
          return section
            ? [{ section: { id: section.id, slug: section.slug, name: section.name }, count: r.count }]
            : [];
        }),
        updatedAt: stored.updatedAt,
      };
    },

    async save(input) {
      const now = clock.now().toISOString();
      const fields: FieldErrors = {};
      if (input.pins.length > FRONT_PAGE_LIMITS.pins)
        fields.pins = `at most ${FRONT_PAGE_LIMITS.pins} pinned stories: remove ${input.pins.length - FRONT_PAGE_LIMITS.pins}`;
      if (input.rows.length > FRONT_PAGE_LIMITS.rows)
        fields.rows = `at most ${FRONT_PAGE_LIMITS.rows} section rows: remove ${input.rows.length - FRONT_PAGE_LIMITS.rows}`;
      const { min, max } = FRONT_PAGE_LIMITS.rowStories;
      input.rows.forEach((r, i) => {
        if (!Number.isInteger(r.count) || r.count < min || r.count > max)
          fields[`row-${i + 1}-count`] = `must be a whole number from ${min} to ${max}`;
      });
      input.pins.forEach((p, i) => {
        if (p.expiresAt !== null && p.expiresAt <= now)
          fields[`pin-${i + 1}-expires`] = 'must be in the future (leave it empty for a pin that stays)';
      });
      const at = now;
      // Read before the transaction: the section service reads on its own connection, which on
      // SQLite would wait for this transaction's.
      const every = await sections.list();
      await transact(db, async (trx) => {
        const lead = input.lead.trim() === '' ? null : await repo.findArticle(trx, input.lead.trim());
        if (input.lead.trim() !== '' && !lead)
          fields.lead = `no article has the id or slug "${input.lead.trim()}"`;
        const seen = new Set<number>(lead ? [lead.id] : []);
        const pins: { articleId: number; expiresAt: string | null }[] = [];
        for (const [i, p] of input.pins.entries()) {
          const field = `pin-${i + 1}-article`;
          const ref = p.article.trim();
          const row = ref === '' ? undefined : await repo.findArticle(trx, ref);
          if (ref === '') fields[field] = 'choose a story for this pin, or clear its expiry';
          else if (!row) fields[field] = `no article has the id or slug "${ref}"`;
          else if (seen.has(row.id))
            fields[field] = `“${row.title}” is already ${lead?.id === row.id ? 'the lead' : 'pinned'}`;
          else {
            seen.add(row.id);
            pins.push({ articleId: row.id, expiresAt: p.expiresAt });
          }
        }
        const rows: { sectionId: number; count: number }[] = [];
        const seenSections = new Set<number>();
        for (const [i, r] of input.rows.entries()) {
          const field = `row-${i + 1}-section`;
          const section = every.find((s) => s.slug === r.section);
          if (!section) fields[field] = `no section has the slug "${r.section}"`;
          else if (seenSections.has(section.id)) fields[field] = `${section.name} already has a row`;
          else {
            seenSections.add(section.id);
            rows.push({ sectionId: section.id, count: r.count });
          }
        }
        if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
        await repo.writeCuration(trx, { leadArticleId: lead?.id ?? null, pins, rows, at });
        await recordAudit(trx, {
          actor: input.actor,
          action: 'frontpage.update',
          subject: 'front-page',
          detail: {
            lead: lead?.slug ?? null,
            pins: pins.map((p) => ({ id: p.articleId, expires: p.expiresAt })),
            rows: rows.map((r) => ({ section: r.sectionId, count: r.count })),
          },
          at,
        });
      });
      events.emit('frontPageChanged', { reason: 'saved' });
    },

    async compose({ perPage }) {
      if (!(await repo.isCurated(db))) return undefined;
      const now = clock.now().toISOString();
      const stored = await repo.readCuration(db);
      const pinIds = stored.pins
        .filter((p) => p.expiresAt === null || p.expiresAt > now)
        .map((p) => p.articleId);
      const leadId = stored.leadArticleId;
      const [picked, first, every] = await Promise.all([
        articles.listPublishedByIds(leadId === null ? pinIds : [leadId, ...pinIds]),
        articles.listPublished({ page: 1, perPage }),
        sections.list(),
      ]);
      // The one visibility rule chose `picked`: a draft, scheduled or unpublished story is not there.
      const lead = picked.find((a) => a.id === leadId) ?? null;
      const pins = picked.filter((a) => a.id !== leadId);
      const shown = new Set(picked.map((a) => a.id));
      const fresh = (items: readonly ArticleSummary[]) => items.filter((a) => !shown.has(a.id));
      const rows = await Promise.all(
        stored.rows.flatMap((r) => {
          const section = every.find((s) => s.id === r.sectionId);
          if (!section) return [];
          // A section's row lists its own articles and its child sections', as its page does.
          const sectionIds = [
            section.id,
            ...every.filter((s) => s.parent?.id === section.id).map((s) => s.id),
          ];
          return [
            articles
              .listPublished({ page: 1, perPage: r.count + shown.size, sectionIds })
              .then((list) => ({ section, items: fresh(list?.items ?? []).slice(0, r.count) })),
          ];
        }),
      );
      const latest = first ?? { items: [], page: 1, hasNext: false };
      return { lead, pins, latest: { ...latest, items: fresh(latest.items) }, rows };
    },

    async announceExpired(after) {
      const upTo = clock.now().toISOString();
      if (upTo <= after) return after;
      if (await repo.hasPinExpiring(db, { after, upTo }))
        events.emit('frontPageChanged', { reason: 'expired' });
      return upTo;
    },
  };
}
