import type { Role } from '../../platform/db/schema.ts';

/** Who is acting: a signed-in staff account. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
  /** The public author profile this account writes as, if any. */
  authorId: number | null;
}

/** An article as the policy sees it: who owns it and how far it has gone. */
export interface ArticleSubject {
  createdBy: number | null;
  /** Author ids on the byline. */
  authorIds: readonly number[];
  status: 'draft' | 'scheduled' | 'published' | 'unpublished';
}

/** Every action the newsroom can take, with the subject the policy needs to decide it. */
export interface Actions {
  /** See the admin at all: articles list, own profile, own password. */
  'admin.enter': undefined;
  'article.create': undefined;
  'article.edit': ArticleSubject;
  /** Publish, schedule or unpublish. */
  'article.publish': ArticleSubject;
  'article.delete': ArticleSubject;
  /** See an unpublished article as readers will, and share it through a private preview link. */
  'article.preview': ArticleSubject;
  /** Edit every article, set any byline and see every draft. */
  'article.edit-any': undefined;
  /** Upload images and open the media library: everyone, contributors too, for their own stories. */
  'upload.create': undefined;
  /** Delete an upload from the library (refused while anything uses it). */
  'upload.delete': undefined;
  'tag.manage': undefined;
  /** Add, delete, import and export redirects (the Redirects screen). */
  'redirect.manage': undefined;
  /** Add, update and delete sections (the Sections screen). */
  'section.manage': undefined;
  /** Edit the header and footer menus (the Menus screen). */
  'menu.manage': undefined;
  /** Add, edit, publish and unpublish standing pages (the Pages screen). */
  'page.manage': undefined;
  /** Choose the front page's lead, pinned stories and section rows (the Front page screen). */
  'frontpage.manage': undefined;
  'comment.moderate': undefined;
  /** Edit an author profile: `authorId` is the profile's. */
  'author.edit': { authorId: number };
  'user.manage': undefined;
  'setting.manage': undefined;
  'audit.read': undefined;
  /** Move a publication in from a WordPress export (the Import screen): it writes everywhere at once. */
  'import.run': undefined;
  /** Open the wire desk: stories from the outlets the newsroom follows, and their feeds' health. */
  'wire.read': undefined;
  /** Start a draft from a wire item or story (a draft of one's own, as 'article.create'). */
  'wire.draft': undefined;
  /** Add sources, fetch now, and merge, split or detach the desk's groupings. */
  'wire.manage': undefined;
}

/** An action's name. */
export type Action = keyof Actions;

const rank: Record<Role, number> = { contributor: 1, author: 2, editor: 3, admin: 4 };

/** Whether the role is at least `role`: each role includes everything the one before it may do. */
export function atLeast(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return rank[actor.role] >= rank[role];
}

function owns(actor: Actor, article: ArticleSubject): boolean {
  return (
    article.createdBy === actor.id || (actor.authorId !== null && article.authorIds.includes(actor.authorId))
  );
}

/**
 * The one place that decides what each role may do, as WordPress's roles do:
 * - contributor: writes and edits their own drafts, uploads images for them, reads the wire desk and
 *   starts drafts from it, and cannot publish;
 * - author: also publishes, and edits their own articles whatever their status;
 * - editor: every article, deleting uploads, tags, sections, standing pages, menus, the front page, redirects,
 *   comments, and the wire desk's sources and groupings;
 * - admin: also users, settings, the audit log and the WordPress import.
 */
export function can<A extends Action>(
  actor: Actor,
  action: A,
  ...subject: Actions[A] extends undefined ? [] : [Actions[A]]
): boolean {
  const [s] = subject as [unknown];
  switch (action) {
    case 'admin.enter':
    case 'article.create':
    case 'upload.create':
    case 'wire.read':
    case 'wire.draft':
      return true;
    case 'article.edit': {
      const article = s as ArticleSubject;
      if (atLeast(actor, 'editor')) return true;
      if (!owns(actor, article)) return false;
      // A contributor's work is theirs only until it is published or scheduled.
      return atLeast(actor, 'author') || article.status === 'draft';
    }
    case 'article.publish':
      return atLeast(actor, 'editor') || (atLeast(actor, 'author') && owns(actor, s as ArticleSubject));
    case 'article.delete': {
      const article = s as ArticleSubject;
      if (atLeast(actor, 'editor')) return true;
      if (!owns(actor, article)) return false;
      return atLeast(actor, 'author') || article.status === 'draft';
    }
    case 'article.preview':
      // The article's own people, whatever its status (a contributor's scheduled story included), and editors.
      return atLeast(actor, 'editor') || owns(actor, s as ArticleSubject);
    case 'article.edit-any':
    case 'tag.manage':
    case 'redirect.manage':
    case 'section.manage':
    case 'menu.manage':
    case 'page.manage':
    case 'frontpage.manage':
    case 'comment.moderate':
    case 'upload.delete':
    case 'wire.manage':
      return atLeast(actor, 'editor');
    case 'author.edit':
      return atLeast(actor, 'admin') || (s as { authorId: number }).authorId === actor.authorId;
    case 'user.manage':
    case 'setting.manage':
    case 'audit.read':
    case 'import.run':
      return atLeast(actor, 'admin');
    default:
      return false;
  }
}

/** The route-level part of each action: what a role needs before any subject is looked at. */
export function mayAttempt(actor: Actor, action: Action): boolean {
  switch (action) {
    case 'article.edit':
    case 'article.delete':
    case 'article.preview':
    case 'admin.enter':
    case 'article.create':
    case 'author.edit':
      return true;
    case 'article.publish':
      return atLeast(actor, 'author');
    default:
      return can(actor, action as 'tag.manage');
  }
}
