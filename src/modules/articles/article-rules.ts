import { cleanLabel } from '../../platform/text.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { slugify } from '../../platform/render/slug.ts';
import { findAuthorIds } from '../authors/index.ts';

// The rules every way of writing an article shares: the command line and seeder (keyed by slug)
// and the newsroom's editor (keyed by id).

// First path segments the site's own routes use: an article there could never be reached.
const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'comments',
  'feed',
  'healthz',
  'page',
  'search',
  'sitemaps',
  'tag',
  'uploads',
]);

/** Why a slug cannot be an article's, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  if (slug === '') return 'cannot be made from this title; give one';
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is used by the site itself; choose another`;
  return undefined;
}

/** Tag names → one { slug, name } per distinct slug, the first spelling kept. */
export function dedupeTags(names: readonly string[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = cleanLabel(raw);
    const slug = slugify(name);
    if (!seen.has(slug)) seen.set(slug, name);
  }
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

/** The first tag that has no letters or digits (so no slug), if any. */
export function tagProblem(tags: readonly { slug: string; name: string }[]): string | undefined {
  const bad = tags.find((t) => t.slug === '');
  return bad ? `"${bad.name}" has no letters or digits` : undefined;
}

/**
 * Author slugs → ids in byline order, duplicates dropped. Throws VALIDATION_FAILED on `field`
 * naming every unknown slug; `hint` tells the person how to add one.
 */
export async function resolveAuthors(
  db: Db,
  slugs: readonly string[],
  options: { field: string; hint: string },
): Promise<number[]> {
  const rows = await findAuthorIds(db, slugs);
  const ids = slugs.map((s) => rows.find((a) => a.slug === s)?.id);
  const missing = slugs.filter((_, i) => ids[i] === undefined);
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: {
        [options.field]: `unknown author ${missing.map((m) => `"${m}"`).join(', ')}; ${options.hint}`,
      },
    });
  }
  return [...new Set(ids as number[])];
}
