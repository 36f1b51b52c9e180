import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001-initial.ts';
import * as commentRules from './migrations/0002-comment-rules.ts';
import * as search from './migrations/0003-search.ts';
import * as cacheInvalidations from './migrations/0004-cache-invalidations.ts';
import * as newsroom from './migrations/0005-newsroom.ts';
import * as commentRestore from './migrations/0007-comment-restore.ts';
import * as commentLookups from './migrations/0010-comment-lookups.ts';
import * as searchVisibility from './migrations/0011-search-visibility.ts';
import * as listingOrder from './migrations/0012-listing-order.ts';
import * as accountsSecurity from './migrations/0013-accounts-security.ts';
import * as tagsAuthorsRedirects from './migrations/0014-tags-authors-redirects.ts';
import * as redirectKinds from './migrations/0015-redirect-kinds.ts';
import * as sections from './migrations/0016-sections.ts';
import * as pages from './migrations/0017-pages.ts';
import * as menus from './migrations/0018-menus.ts';
import * as frontPage from './migrations/0019-front-page.ts';
import * as wordpressImport from './migrations/0020-wordpress-import.ts';
import * as bodyHtml from './migrations/0021-body-html.ts';
import * as mediaLibrary from './migrations/0022-media-library.ts';
import * as deskFlow from './migrations/0023-desk-flow.ts';
import * as previewLinks from './migrations/0024-preview-links.ts';
import * as wire from './migrations/0025-wire.ts';
import * as topics from './migrations/0026-topics.ts';
import * as articleSources from './migrations/0027-article-sources.ts';
import * as wireStoryScore from './migrations/0028-wire-story-score.ts';

// Migrations are imported, not read from a folder, so that they work the same from src/ under tsx,
// from dist/ after a build, and inside a bundled test run.
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-comment-rules': commentRules,
  '0003-search': search,
  '0004-cache-invalidations': cacheInvalidations,
  '0005-newsroom': newsroom,
  '0007-comment-restore': commentRestore,
  '0010-comment-lookups': commentLookups,
  '0011-search-visibility': searchVisibility,
  '0012-listing-order': listingOrder,
  '0013-accounts-security': accountsSecurity,
  '0014-tags-authors-redirects': tagsAuthorsRedirects,
  '0015-redirect-kinds': redirectKinds,
  '0016-sections': sections,
  '0017-pages': pages,
  '0018-menus': menus,
  '0019-front-page': frontPage,
  '0020-wordpress-import': wordpressImport,
  '0021-body-html': bodyHtml,
  '0022-media-library': mediaLibrary,
  '0023-desk-flow': deskFlow,
  '0024-preview-links': previewLinks,
  '0025-wire': wire,
  '0026-topics': topics,
  '0027-article-sources': articleSources,
  '0028-wire-story-score': wireStoryScore,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. Throws with the failing migration's name and cause. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<string[]> {
  // With several schemas in one PostgreSQL database (tests), the migrator must look for its own
  // bookkeeping tables in this schema, not find another schema's and skip creating them.
  const migrator = new Migrator({
    db,
    provider,
    ...(options.schema && { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
