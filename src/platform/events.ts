import { EventEmitter } from 'node:events';

/** What happened, named in the past tense; listeners do the side effects (cache purge, search index, feeds). */
export interface DomainEvents {
  /** An article was written; `before` is null for a new one. Lists change only when visibility, date, bylines or tags do. */
  articleSaved: { articleId: number; slug: string; before: ArticleListing | null; after: ArticleListing };
  /** A published article's time came, so it now shows in lists (scheduled publishing). */
  articleBecameVisible: { articleId: number; slug: string; after: ArticleListing };
  articleDeleted: { articleId: number; slug: string };
  /** `slugChanged`: the author's page moved, so lists of authors (sitemaps) change too. */
  authorSaved: {
    authorId: number;
    slug: string;
    created: boolean;
    slugChanged?: boolean;
    /** An admin made the profile public or private. */
    listChanged?: boolean;
  };
  tagSaved: { tagId: number; slug: string };
  /**
   * The newsroom renamed, merged, deleted or approved tags: these tags' names and lists change, and
   * these articles' tags; `listChanged` when which tags exist, or their addresses, changed.
   */
  tagsChanged: { tagIds: number[]; articleIds: number[]; listChanged: boolean };
  /**
   * A section was added or changed: its name shows on its articles' pages, and `listIds` (itself,
   * its parent before and after) are the section pages whose lists it may have joined or left.
   */
  sectionSaved: { sectionId: number; listIds: number[] };
  /**
   * A standing page was saved. `pageIds` are the pages whose own HTML changed (itself, and its
   * children when its title or address moved: their breadcrumbs and addresses follow it);
   * `wasVisible`/`isVisible` say whether readers could see it before and after.
   */
  pageSaved: { pageId: number; pageIds: number[]; wasVisible: boolean; isVisible: boolean };
  /**
   * The curated front page changed: the newsroom saved it, or a pinned story's expiry came (found
   * by the periodic job, so that no request is needed for the pin to drop off).
   */
  frontPageChanged: { reason: 'saved' | 'expired' };
  commentCreated: { commentId: number; articleId: number; status: string };
  commentStatusChanged: { commentId: number; articleId: number; status: string; previousStatus: string };
  /** A moderator rewrote a comment's name, website or text; `status` is its (unchanged) status. */
  commentEdited: { commentId: number; articleId: number; status: string };
  settingsChanged: { keys: string[] };
  /** The newsroom changed the header or footer menu, or reset it to its default. */
  menusChanged: { menus: string[] };
}

/** Where an article appears in lists: whether readers see it, when, under which bylines, tags and sections. */
export interface ArticleListing {
  isVisible: boolean;
  publishedAt: string | null;
  authorIds: number[];
  tagIds: number[];
  /** The article's section and that section's parent: both sections' pages list it. */
  sectionIds: number[];
}

/** A typed, synchronous event bus. Listeners must not throw; a failing listener is reported, not rethrown. */
export interface Events {
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void;
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void;
}

/** Builds one bus for one app; there is no global bus. */
export function createEvents(onListenerError: (error: unknown) => void = () => {}): Events {
  const emitter = new EventEmitter();
  return {
    emit(name, payload) {
      for (const listener of emitter.listeners(name)) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
  };
}
