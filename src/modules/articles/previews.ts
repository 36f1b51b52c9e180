import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { subjectOf } from './editor-save.ts';
import * as desk from './newsroom-repository.ts';
import * as links from './preview-repository.ts';

/** How long a private preview link may live, in hours: a day, three days, a week, thirty days. */
export const PREVIEW_LINK_HOURS = [24, 72, 168, 720] as const;
/** One of the offered lifetimes. */
export type PreviewLinkHours = (typeof PREVIEW_LINK_HOURS)[number];

/** One private preview link as the newsroom sees it. The token itself is never kept. */
export interface PreviewLink {
  id: number;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** Who made it; null once their account is gone. */
  createdByName: string | null;
  /** Neither revoked nor expired. */
  isActive: boolean;
}

/** An article as its page will show it (`A`: the article service's detail), with where it stands. */
export interface PreviewedArticle<A> {
  article: A;
  status: ArticleStatus;
}

/** Previews of an article before readers may see it: in the newsroom, and through private links. */
export interface PreviewUseCases<A> {
  /** The article as its page will show it, whatever its status. NOT_FOUND, FORBIDDEN ('article.preview'). */
  previewArticle(args: { id: number; actor: Actor }): Promise<PreviewedArticle<A>>;
  /**
   * Makes a private link that shows the article to anyone holding it for `hours`. The token is
   * returned once, here; only its SHA-256 is stored. NOT_FOUND, FORBIDDEN.
   */
  createPreviewLink(args: {
    id: number;
    actor: Actor;
    hours: PreviewLinkHours;
  }): Promise<{ token: string; link: PreviewLink }>;
  /** The article's links, newest first, expired and revoked ones included. NOT_FOUND, FORBIDDEN. */
  listPreviewLinks(args: { id: number; actor: Actor }): Promise<PreviewLink[]>;
  /** Ends a link now. NOT_FOUND (no such link on this article), FORBIDDEN. */
  revokePreviewLink(args: { id: number; linkId: number; actor: Actor }): Promise<void>;
  /**
   * The article a private link shows. NOT_FOUND for a token that was never made (or whose article is
   * gone), PREVIEW_LINK_EXPIRED (410) for one that expired or was revoked.
   */
  openPreviewLink(token: string): Promise<PreviewedArticle<A>>;
}

/** What the preview use cases need. */
export interface PreviewDeps<A> {
  db: Db;
  clock: Clock;
  /** An article of any status as its page shows it (the article service's own reading). */
  detail(id: number): Promise<A | undefined>;
}

// 32 random bytes, base64url: 43 characters, 256 bits no one guesses.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a token. A plain hash is enough: the token carries 256 random bits. */
export function hashPreviewToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Builds the preview use cases. */
export function createPreviews<A>(deps: PreviewDeps<A>): PreviewUseCases<A> {
  const { db, clock } = deps;

  async function loadPreviewable(id: number, actor: Actor) {
    const row = await desk.findArticle(db, id);
    if (!row) throw new AppError('NOT_FOUND');
    const subject = subjectOf(row, await desk.bylineIds(db, id));
    if (!can(actor, 'article.preview', subject)) throw new AppError('FORBIDDEN');
    return row;
  }

  function linkOf(row: Awaited<ReturnType<typeof links.listForArticle>>[number]): PreviewLink {
    const now = clock.now().toISOString();
    return {
      id: row.id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      createdByName: row.created_by_name,
      isActive: row.revoked_at === null && row.expires_at > now,
    };
  }

  async function shown(id: number, status: ArticleStatus): Promise<PreviewedArticle<A>> {
    const article = await deps.detail(id);
    if (!article) throw new AppError('NOT_FOUND');
    return { article, status };
  }

  return {
    async previewArticle({ id, actor }) {
      const row = await loadPreviewable(id, actor);
      return shown(id, row.status);
    },

    async createPreviewLink({ id, actor, hours }) {
      await loadPreviewable(id, actor);
      const token = randomBytes(32).toString('base64url');
      const at = clock.now();
      const createdAt = at.toISOString();
      const expiresAt = new Date(at.getTime() + hours * 3_600_000).toISOString();
      const linkId = await transact(db, async (trx) => {
        const created = await links.insertLink(trx, {
          article_id: id,
          token_hash: hashPreviewToken(token),
          created_by: actor.id,
          created_at: createdAt,
          expires_at: expiresAt,
        });
        await recordAudit(trx, {
          actor: { id: actor.id, name: actor.name },
          action: 'article.preview-link',
          subject: `article:${id}`,
          detail: { link: created, expires_at: expiresAt },
          at: createdAt,
        });
        return created;
      });
      return {
        token,
        link: {
          id: linkId,
          createdAt,
          expiresAt,
          revokedAt: null,
          createdByName: actor.name,
          isActive: true,
        },
      };
    },

    async listPreviewLinks({ id, actor }) {
      await loadPreviewable(id, actor);
      return (await links.listForArticle(db, id)).map(linkOf);
    },

    async revokePreviewLink({ id, linkId, actor }) {
      await loadPreviewable(id, actor);
      const at = clock.now().toISOString();
      await transact(db, async (trx) => {
        const isRevoked = await links.revoke(trx, { articleId: id, linkId, at });
        if (!isRevoked) throw new AppError('NOT_FOUND');
        await recordAudit(trx, {
          actor: { id: actor.id, name: actor.name },
          action: 'article.preview-link-revoke',
          subject: `article:${id}`,
          detail: { link: linkId },
          at,
        });
      });
    },

    async openPreviewLink(token) {
      if (!TOKEN_PATTERN.test(token)) throw new AppError('NOT_FOUND');
      const row = await links.findByHash(db, hashPreviewToken(token));
      if (!row) throw new AppError('NOT_FOUND');
      if (row.revoked_at !== null || row.expires_at <= clock.now().toISOString())
        throw new AppError('PREVIEW_LINK_EXPIRED');
      return shown(row.article_id, row.status);
    },
  };
}
