import type { FieldErrors } from '../../platform/errors.ts';
import { BODY_FORMATS, type BodyFormat } from '../../platform/render/markdown-renderer.ts';
import { isSlug } from '../../platform/render/slug.ts';
import { cleanLabel } from '../../platform/text.ts';

/** Where a standing page stands: only 'published' pages reach readers. */
export const PAGE_STATUSES = ['draft', 'published'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** The one rule for which pages readers may see. */
export const VISIBLE_PAGE_STATUS: PageStatus = 'published';

/**
 * The slug of the corrections policy page: the sample publication writes it, and an article's
 * update note links to it (`correctionsPolicyPath`).
 */
export const CORRECTIONS_POLICY_SLUG = 'corrections-policy';

/** The address of the corrections policy page. */
export const correctionsPolicyPath = `/${CORRECTIONS_POLICY_SLUG}/`;

/**
 * First path segments the site already answers (routes in app.tsx's plugins), and a few that
 * software and readers expect to mean something else. A page slug is refused when it is one of
 * these, at either level: `/about/feed/` would be an article's comment feed, `/about/comments` the
 * comment form's address.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'authors',
  'comments',
  'feed',
  'healthz',
  'page',
  'pages',
  'preview',
  'search',
  'section',
  'sections',
  'sitemap',
  'sitemaps',
  'tag',
  'tags',
  'uploads',
  'wp-admin',
  'wp-content',
  'wp-includes',
  'wp-json',
  'wp-login',
]);

/** A page's address: `/about/`, or `/about/contact/` under its parent. */
export function pagePath(slug: string, parentSlug: string | null | undefined): string {
  return parentSlug ? `/${parentSlug}/${slug}/` : `/${slug}/`;
}

export const PAGE_LIMITS = { title: 200, slug: 80, description: 300, body: 200_000 } as const;

/** What `save` takes: the newsroom form, `dateline page add`, the sample publication, tests. */
export interface PageInput {
  title: string;
  slug: string;
  /** The parent page's slug; '' or absent makes it top-level. */
  parent?: string | undefined;
  body: string;
  /**
   * How `body` is written: 'markdown' (when absent: a file's body, the sample's) or 'html' (the Pages
   * form's). Either way it is stored as Dateline body HTML, converted and sanitised at save time.
   */
  bodyFormat?: BodyFormat | undefined;
  /** What search engines show; the body's opening when empty. */
  description?: string | undefined;
  status: PageStatus;
}

/** The field problems the input has on its own, before the database is asked. */
export function pageInputProblems(input: PageInput): FieldErrors {
  const fields: FieldErrors = {};
  const title = cleanLabel(input.title);
  if (title === '' || title.length > PAGE_LIMITS.title)
    fields.title = `must be 1 to ${PAGE_LIMITS.title} characters`;
  if (!isSlug(input.slug) || input.slug.length > PAGE_LIMITS.slug)
    fields.slug = `must be lowercase letters, digits and single hyphens, at most ${PAGE_LIMITS.slug} characters (e.g. about-us)`;
  else if (RESERVED_SLUGS.has(input.slug) || input.slug.startsWith('sitemap'))
    fields.slug = `"${input.slug}" is an address the site already uses (${input.slug === 'feed' ? 'feeds' : 'its own pages'}); choose another`;
  const parent = input.parent ?? '';
  if (parent !== '' && !isSlug(parent)) fields.parent = 'must be the slug of an existing top-level page';
  else if (parent !== '' && parent === input.slug) fields.parent = 'a page cannot be its own parent';
  if ((input.description ?? '').length > PAGE_LIMITS.description)
    fields.description = `is too long: at most ${PAGE_LIMITS.description} characters`;
  if (input.body.length > PAGE_LIMITS.body)
    fields.body = `is too long: at most ${PAGE_LIMITS.body.toLocaleString('en')} characters`;
  if (input.status === 'published' && input.body.trim() === '')
    fields.body ??= 'is required before the page is published';
  if (input.bodyFormat !== undefined && !BODY_FORMATS.includes(input.bodyFormat))
    fields.body_format = 'must be markdown or html';
  if (!(PAGE_STATUSES as readonly string[]).includes(input.status))
    fields.status = 'must be draft or published';
  return fields;
}
