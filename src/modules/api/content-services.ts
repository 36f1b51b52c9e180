import type { Clock } from '../../platform/clock.ts';
import type { AuthorService } from '../authors/index.ts';
import type { SearchService } from '../search/index.ts';

/**
 * The services the Content API reads through, and nothing more. Declared here rather than taken from
 * app.tsx's `Services`, so that the API depends on the modules it uses and not on the composition root.
 */
export interface ContentApiServices {
  authors: Pick<AuthorService, 'listPublic' | 'findPublicBySlug'>;
  search: Pick<SearchService, 'search'>;
  clock: Clock;
}
