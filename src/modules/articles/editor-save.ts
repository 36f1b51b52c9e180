import type { Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { bodyText } from '../../platform/render/body-html.ts';
import { slugify } from '../../platform/render/slug.ts';
import { can, type Actor, type ArticleSubject } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { isTopLevelPageSlug } from '../pages/index.ts';
import { redirects } from '../redirects/index.ts';
import { resolveSection, sectionsOf } from '../sections/index.ts';
import { listAuthors } from '../authors/index.ts';
import { replaceSuggestions, resolveTags, suggestionsFor, tagNamesWithCommas } from '../tags/index.ts';
import { dedupeTags, slugProblem, tagProblem } from './article-rules.ts';
import type { CheckedEditor } from './editor-form.ts';
import * as desk from './newsroom-repository.ts';
import { bylineKeys, labelKey, matchBylines, splitLabels } from './people-fields.ts';
import * as repo from './repository.ts';
import { altProblem, imagesWithoutAlt } from '../uploads/index.ts';
import { fieldsOf, type Snapshot } from './revisions.ts';
import { setSources, sourcesFor } from './sources.ts';

// The editor's write path, shared by saves and restores (newsroom.ts holds the use cases).

/** How the save moves the status: the editor's buttons, and 'keep' for a restore. */
export type Intent = 'save' | 'submit' | 'publish' | 'schedule' | 'unpublish' | 'keep';

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof desk.findArticle>>>;

/** An article as the policy sees it. */
export function subjectOf(
  row: Pick<ArticleRow, 'created_by' | 'status'>,
  authorIds: readonly number[],
): ArticleSubject {
  return { createdBy: row.created_by, authorIds, status: row.status };
}

/** An article this person may edit, with its bylines; NOT_FOUND or FORBIDDEN otherwise. */
export async function loadEditable(trx: Db, id: number, actor: Actor) {
  const row = await desk.findArticle(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  const authorIds = await desk.bylineIds(trx, id);
  const subject = subjectOf(row, authorIds);
  if (!can(actor, 'article.edit', subject)) throw new AppError('FORBIDDEN');
  return { row, authorIds, subject };
}

// A slug made from the title gets -2, -3… when taken; a slug the person typed must be free.
async function freeSlugFrom(trx: Db, base: string, selfId: number | null): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base.slice(0, 76)}-${n}`;
    const owner = await desk.findSlugOwner(trx, candidate);
    if ((!owner || owner.id === selfId) && !(await isTopLevelPageSlug(trx, candidate))) return candidate;
  }
  throw new AppError('SLUG_TAKEN', { fields: { slug: 'give a slug of your own' } });
}

/** A body rendered before the transaction began: a render may take seconds, a transaction must not. */
export interface RenderedBody {
  /** What was rendered: the body as the form (or the revision) gave it. */
  source: string;
  /**
   * Dateline body HTML (sanitizeBody's, which it leaves unchanged): stored as the body the editor
   * shows (`body_markdown`) and as `body_html`, so opening and saving changes nothing.
   */
  html: string;
}

/**
 * The one write path of the editor and of restores, at the moment `at`. Runs inside the caller's
 * transaction: checks the byline rule and the policy for the status move, validates against the
 * database, writes, keeps a revision and audits. Throws VALIDATION_FAILED, SLUG_TAKEN or FORBIDDEN.
 * `rendered` is the HTML of `input.body`, made by the caller outside the transaction (read as HTML
 * for a save, in the revision's own format for a restore).
 */
export async function applyEdit(
  trx: Db,
  args: {
    existing: { row: ArticleRow; authorIds: number[]; subject: ArticleSubject } | null;
    input: CheckedEditor;
    intent: Intent;
    actor: Actor;
    restoredFrom?: number;
    at: string;
    rendered: RenderedBody;
  },
) {
  const { existing, input, actor, at, rendered } = args;
  if (rendered.source !== input.body) throw new Error('the body was rendered from other text');
  const fields: FieldErrors = {};
  const current = existing?.row.status ?? null;
  // Saving a live article keeps it live: "Save draft" is not how an article leaves the site.
  const intent: Intent = args.intent === 'save' && current === 'published' ? 'publish' : args.intent;

  // Bylines, chosen by name: the person's own profile when none is given. Editors and admins may put
  // any names on an article. Others may share their byline (a co-author beside their own name, as a
  // story written together has), and keep or drop the names an editor put there, but never put other
  // people's names on an article without their own: no one publishes or submits under a colleague's name alone.
  const roster = await listAuthors(trx);
  const bylines = matchBylines(splitLabels(input.authorsText, bylineKeys(roster)), roster);
  let authorIds = bylines.slugs.flatMap((slug) => roster.filter((a) => a.slug === slug).map((a) => a.id));
  if (bylines.unknown.length > 0)
    fields.authors = `no author is called ${quoted(bylines.unknown)}; choose from the list (each author needs a profile first)`;
  else if (bylines.ambiguous.length > 0)
    fields.authors = `several authors are called ${quoted(bylines.ambiguous)}; choose one from the list`;
  else if (authorIds.length === 0 && actor.authorId !== null && roster.some((a) => a.id === actor.authorId))
    authorIds = [actor.authorId];
  if (authorIds.length === 0) fields.authors ??= 'is required: choose at least one author';
  if (!can(actor, 'article.edit-any')) {
    const isOwnKept = actor.authorId !== null && authorIds.includes(actor.authorId);
    const allowed = new Set([
      ...(existing?.authorIds ?? []),
      ...(actor.authorId !== null ? [actor.authorId] : []),
    ]);
    if (!isOwnKept && authorIds.some((a) => !allowed.has(a)))
      fields.authors ??=
        "a colleague's byline can be added only beside your own; only editors can put other people's bylines on an article alone";
  }

  const subject: ArticleSubject = existing?.subject ?? { createdBy: actor.id, authorIds, status: 'draft' };
  if (
    intent !== 'save' &&
    intent !== 'submit' &&
    intent !== 'keep' &&
    !can(actor, 'article.publish', subject)
  )
    throw new AppError('FORBIDDEN');

  // Where the article goes, and when it is (or was) published.
  let status: ArticleStatus = current ?? 'draft';
  let publishedAt: string | null = existing?.row.published_at ?? null;
  const wasPublished = current === 'published' || current === 'unpublished';
  switch (intent) {
    case 'save':
      status = 'draft';
      publishedAt = input.publishAt ?? null;
      break;
    case 'submit':
      // A draft handed to the editors: it stays a draft, marked ready for review.
      if (current !== null && current !== 'draft') fields.action = 'only a draft can be submitted for review';
      status = 'draft';
      publishedAt = input.publishAt ?? null;
      break;
    case 'publish':
      status = 'published';
      // Publish means now. A live or once-live article keeps its date, or takes a corrected past one.
      if (wasPublished && publishedAt !== null) {
        if (input.publishAt !== undefined && input.publishAt <= at) publishedAt = input.publishAt;
      } else publishedAt = at;
      break;
    case 'schedule':
      status = 'scheduled';
      if (input.publishAt === undefined)
        fields.publish_at ??= 'is required to schedule: when should it go live?';
      else if (input.publishAt <= at)
        fields.publish_at ??= 'must be in the future to schedule; use Publish to publish now';
      else publishedAt = input.publishAt;
      break;
    case 'unpublish':
      if (current !== 'published' && current !== 'scheduled')
        fields.action = 'only a published or scheduled article can be unpublished';
      status = 'unpublished';
      break;
    case 'keep':
      break;
  }
  if ((status === 'published' || status === 'scheduled') && rendered.html === '')
    fields.body ??= 'is required before the article goes live';
  // Every picture in a live story is described (issue #17): the refusal names the images.
  let isAltMissing = false;
  if ((status === 'published' || status === 'scheduled') && fields.body === undefined) {
    const undescribed = await imagesWithoutAlt(trx, rendered.html);
    if (undescribed.length > 0) {
      fields.body = altProblem(undescribed);
      isAltMissing = true;
    }
  }

  // Tags: chosen from those that exist. A new one is made only on purpose, by someone who may
  // (New tags, or "Create tag" in the combobox); anyone else's new names become suggestions.
  const commaKeys = new Set((await tagNamesWithCommas(trx)).map(labelKey));
  const newTagRefs = dedupeTags(splitLabels(input.newTagsText, commaKeys));
  const tagRefs = dedupeTags([...splitLabels(input.tagsText, commaKeys), ...newTagRefs.map((t) => t.name)]);
  const tagIssue = tagProblem(tagRefs);
  const mayCreateTags = can(actor, 'tag.manage');
  if (tagIssue) fields.tags ??= tagIssue;
  else if (mayCreateTags && args.restoredFrom === undefined) {
    // (A restore brings back the tags the revision had, as they were chosen then.)
    // A contributor's pending suggestion, still in the field, stays one: the editor creates it on
    // purpose (the chip's "Create tag", New tags, or Approve on the Tags screen).
    const pending = existing ? await suggestionsFor(trx, [existing.row.id]) : [];
    const wanted = new Set([...newTagRefs, ...pending].map((t) => t.slug));
    const { unknown } = await resolveTags(trx, tagRefs, { mayCreate: false });
    const unchosen = unknown.filter((t) => !wanted.has(t.slug));
    if (unchosen.length > 0)
      fields.tags ??= `${quoted(unchosen.map((t) => t.name))} ${unchosen.length > 1 ? 'are not tags' : 'is not a tag'} yet: choose from the suggestions, or create ${unchosen.length > 1 ? 'them' : 'it'} on purpose (New tags)`;
  }

  let sectionId: number | null = null;
  try {
    sectionId = await resolveSection(trx, {
      slug: input.sectionSlug,
      current: existing?.row.section_id ?? null,
      at,
    });
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error;
    fields.section ??= 'choose a section from the list';
  }

  if (input.featuredImage && !(await repo.findUpload(trx, input.featuredImage.id)))
    fields.featured_image_id ??= 'that image is no longer in the library: choose another';

  let slug = input.slug ?? slugify(input.title);
  const slugIssue = slugProblem(slug);
  let isSlugTaken = false;
  if (slugIssue) fields.slug ??= slugIssue;
  else if (input.slug === undefined) slug = await freeSlugFrom(trx, slug, existing?.row.id ?? null);
  else {
    const owner = await desk.findSlugOwner(trx, slug);
    if (owner && owner.id !== existing?.row.id) {
      isSlugTaken = true;
      fields.slug ??= 'is already used by another article; choose another';
    } else if (await isTopLevelPageSlug(trx, slug)) {
      isSlugTaken = true;
      fields.slug ??= `/${slug}/ is a standing page's address (Pages); choose another`;
    }
  }
  if (Object.keys(fields).length > 0 || sectionId === null) {
    const isOnly = Object.keys(fields).length === 1;
    throw new AppError(
      isSlugTaken && isOnly
        ? 'SLUG_TAKEN'
        : isAltMissing && isOnly
          ? 'IMAGE_ALT_MISSING'
          : 'VALIDATION_FAILED',
      { fields },
    );
  }

  const before = existing ? await repo.listingOf(trx, existing.row.id, at) : null;
  const noteChanged = (existing?.row.update_note ?? null) !== input.updateNote;
  const values: desk.EditorWrite = {
    slug,
    title: input.title,
    standfirst: input.standfirst,
    body_markdown: rendered.html,
    body_format: 'html',
    body_html: rendered.html,
    body_text: bodyText(rendered.html),
    status,
    // A draft stays marked ready for review until it goes live (or is scheduled to).
    review_requested_at:
      status !== 'draft' ? null : intent === 'submit' ? at : (existing?.row.review_requested_at ?? null),
    published_at: publishedAt,
    updated_at: at,
    comments_open: existing?.row.comments_open ?? 1,
    comments_close_after_days: existing?.row.comments_close_after_days ?? null,
    update_note: input.updateNote,
    update_noted_at: noteChanged
      ? input.updateNote === null
        ? null
        : at
      : (existing?.row.update_noted_at ?? null),
    featured_image_id: input.featuredImage?.id ?? null,
    featured_image_alt: input.featuredImage?.alt ?? null,
    section_id: sectionId,
  };
  let id: number;
  if (existing) {
    id = existing.row.id;
    await desk.updateEditorArticle(trx, id, values);
  } else {
    id = await desk.insertEditorArticle(trx, { ...values, created_at: at, created_by: actor.id });
  }
  await repo.setBylines(trx, id, authorIds);
  await setSources(trx, id, input.sources);
  // Only tag.manage makes new tag names; anyone else's unknown names are kept on the article as
  // suggestions for an editor, never shown to readers, and never lost.
  const creating = new Set(newTagRefs.map((t) => t.slug));
  const tags = await resolveTags(
    trx,
    tagRefs,
    // Only the names asked for are made; a restore makes the revision's again.
    { mayCreate: mayCreateTags, ...(args.restoredFrom === undefined && { only: creating }) },
  );
  await repo.setTags(trx, id, tags.ids);
  await replaceSuggestions(trx, { articleId: id, tags: tags.unknown, userId: actor.id, at });

  await keepSaveRevision(trx, {
    articleId: id,
    userId: actor.id,
    at,
    ...(args.restoredFrom !== undefined && { restoredFrom: args.restoredFrom }),
  });

  const audit =
    intent === 'submit'
      ? 'article.submit'
      : auditAction(current, status, existing?.row.published_at ?? null, publishedAt);
  if (audit)
    await recordAudit(trx, {
      actor: { id: actor.id, name: actor.name },
      action: audit,
      subject: `article:${id}`,
      detail: { slug, title: input.title, ...(publishedAt && { published_at: publishedAt }) },
      at,
    });
  const after = await repo.listingOf(trx, id, at);
  if (after?.isVisible) {
    // A live article's addresses are its own: any redirect from them goes (a slug changed back must
    // not loop). One that moved while live leaves its old page and comment feed redirecting.
    const moved = existing && before?.isVisible && existing.row.slug !== slug;
    const paths = articlePaths(slug);
    const old = moved ? articlePaths(existing.row.slug) : undefined;
    for (const key of ['page', 'feed'] as const) {
      if (old) await redirects.movedPath(trx, { from: old[key], to: paths[key], at });
      else await redirects.remove(trx, paths[key]);
    }
  }
  return { id, slug, status, before, after };
}

/** “A”, “B” for a message. */
function quoted(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join(', ');
}

/** An article's addresses: its page and its comment feed (comments' `/:slug/feed/`). */
function articlePaths(slug: string): { page: string; feed: string } {
  return { page: `/${slug}/`, feed: `/${slug}/feed/` };
}

/**
 * A stored article's editable fields, as the editor shows them. The tags field holds the article's
 * tags, then its pending suggestions: what the person typed stays in the field.
 */
export async function storedFields(trx: Db, row: ArticleRow) {
  const [bylines, tags, suggested, sections, sources] = await Promise.all([
    repo.bylinesFor(trx, [row.id]),
    repo.tagsFor(trx, [row.id]),
    suggestionsFor(trx, [row.id]),
    sectionsOf(trx, [row.section_id]),
    sourcesFor(trx, [row.id]),
  ]);
  const section = row.section_id === null ? undefined : sections.get(row.section_id);
  return fieldsOf(row, bylines, [...tags, ...suggested], section ?? null, sources.get(row.id) ?? []);
}

/**
 * Keeps a 'save' revision of an article as it is now stored. Every write calls it inside its own
 * transaction: the editor, restores, and the command line's saveArticle (with no user).
 */
export async function keepSaveRevision(
  trx: Db,
  args: { articleId: number; userId: number | null; at: string; restoredFrom?: number },
): Promise<void> {
  const stored = await desk.findArticle(trx, args.articleId);
  if (!stored) throw new Error('the article just written is missing');
  const snapshot: Snapshot = {
    fields: await storedFields(trx, stored),
    body_format: stored.body_format,
    status: stored.status,
    published_at: stored.published_at,
    ...(args.restoredFrom !== undefined && { restored_from: args.restoredFrom }),
  };
  await desk.insertRevision(trx, {
    article_id: args.articleId,
    user_id: args.userId,
    kind: 'save',
    snapshot: JSON.stringify(snapshot),
    created_at: args.at,
  });
}

/** Which audit line a status change writes, if any. */
function auditAction(
  from: ArticleStatus | null,
  to: ArticleStatus,
  fromTime: string | null,
  toTime: string | null,
): string | undefined {
  if (to === 'published' && from !== 'published') return 'article.publish';
  if (to === 'scheduled' && (from !== 'scheduled' || fromTime !== toTime)) return 'article.schedule';
  if (to === 'unpublished' && from !== 'unpublished') return 'article.unpublish';
  return undefined;
}
