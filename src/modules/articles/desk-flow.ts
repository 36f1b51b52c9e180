import type { Clock } from '../../platform/clock.ts';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanLabel } from '../../platform/text.ts';
import { can, type Actor } from '../accounts/index.ts';
import type { EditorValues } from './editor-form.ts';
import { loadEditable, storedFields } from './editor-save.ts';
import * as desk from './newsroom-repository.ts';
import {
  diffFields,
  parseSnapshot,
  type FieldDiff,
  type RevisionFields,
  type Snapshot,
} from './revisions.ts';

// The writing desk's workflow around the editor: who else has an article open, editors' notes on a
// draft, and what a refused save (EDIT_CONFLICT) shows. Newsroom only: nothing here is ever read by
// a reader page, a feed or the API.

/** How long a heartbeat says someone is in the editor; the editor's script beats well inside it. */
export const PRESENCE_TTL_MS = 60_000;
/** The longest note. */
export const NOTE_MAX_CHARS = 2000;

/** One editor's note on an article. */
export interface DeskNote {
  id: number;
  body: string;
  userName: string | null;
  createdAt: string;
}

/** What a refused save shows: the stored text against the person's, both kept. */
export interface EditConflict {
  /** The stored (newer) fields, as the colleague saved them. */
  theirs: RevisionFields;
  /** From the stored text to the person's refused text, field by field. */
  diffs: FieldDiff[];
  /** The autosave revision that keeps the refused text on the server too. */
  keptRevisionId: number;
  /** Who saved the newer version, and when; null when the command line did. */
  savedBy: string | null;
  savedAt: string;
}

/** The workflow use cases. Every one checks the policy itself. */
export interface DeskFlowUseCases {
  /**
   * Says this person has the article open now, and returns the names of the others who do
   * (newest heartbeat first). NOT_FOUND, FORBIDDEN.
   */
  heartbeat(args: { id: number; actor: Actor }): Promise<{ editing: string[] }>;
  /** Who (other than `exceptUserId`) has each of these articles open now, by article id. */
  editingNow(args: { articleIds: readonly number[]; exceptUserId: number }): Promise<Map<number, string[]>>;
  /** An article's notes, oldest first, for anyone who may edit it. */
  listNotes(args: { id: number; actor: Actor }): Promise<DeskNote[]>;
  /** Adds an editor's note ('article.edit-any'). VALIDATION_FAILED on `note`, FORBIDDEN, NOT_FOUND. */
  addNote(args: { id: number; actor: Actor; body: string }): Promise<{ id: number }>;
  /**
   * After EDIT_CONFLICT: keeps the person's refused text as their autosave (so it survives even if
   * they close the tab) and returns the stored text with the diff between the two.
   */
  conflictOf(args: { id: number; actor: Actor; values: EditorValues }): Promise<EditConflict>;
}

/** Builds the workflow use cases. */
export function createDeskFlow(deps: { db: Db; clock: Clock }): DeskFlowUseCases {
  const { db, clock } = deps;

  async function editingNow(articleIds: readonly number[], exceptUserId: number, at: Date) {
    const byArticle = new Map<number, string[]>();
    if (articleIds.length === 0) return byArticle;
    const since = new Date(at.getTime() - PRESENCE_TTL_MS).toISOString();
    const rows = await db
      .selectFrom('article_presence')
      .innerJoin('users', 'users.id', 'article_presence.user_id')
      .where('article_presence.article_id', 'in', [...articleIds])
      .where('article_presence.user_id', '!=', exceptUserId)
      .where('article_presence.seen_at', '>', since)
      .select(['article_presence.article_id', 'users.name'])
      .orderBy('article_presence.seen_at', 'desc')
      .orderBy('users.name')
      .execute();
    for (const row of rows)
      byArticle.set(row.article_id, [...(byArticle.get(row.article_id) ?? []), row.name]);
    return byArticle;
  }

  return {
    async heartbeat({ id, actor }) {
      const at = clock.now();
      const seenAt = at.toISOString();
      await transact(db, async (trx) => {
        await loadEditable(trx, id, actor);
        // Stale rows of every article go here, so that the table holds only the last minute.
        await trx
          .deleteFrom('article_presence')
          .where('seen_at', '<=', new Date(at.getTime() - PRESENCE_TTL_MS).toISOString())
          .execute();
        await trx
          .insertInto('article_presence')
          .values({ article_id: id, user_id: actor.id, seen_at: seenAt })
          .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: seenAt }))
          .execute();
      });
      return { editing: (await editingNow([id], actor.id, at)).get(id) ?? [] };
    },

    async editingNow({ articleIds, exceptUserId }) {
      return editingNow(articleIds, exceptUserId, clock.now());
    },

    async listNotes({ id, actor }) {
      await loadEditable(db, id, actor);
      const rows = await db
        .selectFrom('article_notes')
        .leftJoin('users', 'users.id', 'article_notes.user_id')
        .where('article_notes.article_id', '=', id)
        .select([
          'article_notes.id',
          'article_notes.body',
          'article_notes.created_at',
          'users.name as user_name',
        ])
        .orderBy('article_notes.id')
        .execute();
      return rows.map((r) => ({ id: r.id, body: r.body, userName: r.user_name, createdAt: r.created_at }));
    },

    async addNote({ id, actor, body }) {
      const text = body.replace(/\r\n?/g, '\n').trim();
      return transact(db, async (trx) => {
        await loadEditable(trx, id, actor);
        if (!can(actor, 'article.edit-any')) throw new AppError('FORBIDDEN');
        if (cleanLabel(text) === '')
          throw new AppError('VALIDATION_FAILED', { fields: { note: 'is empty: write the note first' } });
        if (text.length > NOTE_MAX_CHARS)
          throw new AppError('VALIDATION_FAILED', {
            fields: { note: `is too long: at most ${NOTE_MAX_CHARS.toLocaleString('en')} characters` },
          });
        const row = await trx
          .insertInto('article_notes')
          .values({ article_id: id, user_id: actor.id, body: text, created_at: clock.now().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { id: row.id };
      });
    },

    async conflictOf({ id, actor, values }) {
      const at = clock.now().toISOString();
      return transact(db, async (trx) => {
        await lockKeys(trx, [`article:${id}`]);
        const { row } = await loadEditable(trx, id, actor);
        const theirs = await storedFields(trx, row);
        const mine = parseSnapshot(JSON.stringify({ fields: values })).fields;
        const snapshot: Snapshot = {
          fields: mine,
          body_format: row.body_format,
          status: row.status,
          published_at: row.published_at,
        };
        // Kept as the person's autosave: newer than the last save, so the editor offers it back.
        const keptRevisionId = await desk.insertRevision(trx, {
          article_id: id,
          user_id: actor.id,
          kind: 'autosave',
          snapshot: JSON.stringify(snapshot),
          created_at: at,
        });
        const last = (await desk.listRevisions(trx, id)).find((r) => r.kind === 'save');
        return {
          theirs,
          diffs: diffFields(theirs, mine),
          keptRevisionId,
          savedBy: last?.user_name ?? null,
          savedAt: last?.created_at ?? row.updated_at,
        };
      });
    },
  };
}
