import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync, RouteShorthandOptions } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { registerErrorHandling } from '../../platform/http/error-handler.ts';
import type { ContentApiServices } from './content-services.ts';
import { registerContentRoutes } from './routes.public.ts';
import { ARTICLE_FIELDS } from './schemas.ts';

/** What the Content API is built from. */
export interface ApiRoutesOptions {
  services: ContentApiServices;
  /** The site's absolute address; every link the API gives is under it. */
  publicUrl: string;
  /**
   * The database the API's read queries run on. Optional only until the composition root passes it;
   * without it the data routes answer 503 DATABASE_UNAVAILABLE.
   */
  db?: Db;
}

// A name of our own, so that a site-wide @fastify/swagger (should one come) cannot collide with it.
const DOCUMENT_DECORATOR = 'contentApiDocument';

/** What to send, in words, for a query parameter that fails its pattern. */
const PATTERN_HINTS = {
  fields: `must be a comma-separated list of: ${ARTICLE_FIELDS.join(', ')}`,
  tag: 'must be a tag slug (lowercase letters, digits and hyphens)',
  author: 'must be an author slug (lowercase letters, digits and hyphens)',
  cursor: 'is not a cursor this API gave; copy it from a `next` link',
};

/** How long browsers and shared caches may reuse an answer. */
const CACHE_CONTROL = 'public, max-age=60';

/**
 * @fastify/cors adds its own `OPTIONS *` preflight route, with no config, and the app refuses any route
 * that declares no permission. The preflight is as public as the API it guards, so that one route is
 * declared public here. The override lives only while cors registers, and only on this scope.
 */
async function registerCors(app: FastifyInstance): Promise<void> {
  type Options = (url: string, options: RouteShorthandOptions, handler: unknown) => FastifyInstance;
  const scope = app as unknown as { options?: Options };
  const hadOwn = Object.hasOwn(scope, 'options');
  const inherited = scope.options as Options;
  scope.options = function options(this: FastifyInstance, url, routeOptions, handler) {
    return inherited.call(
      this,
      url,
      { ...routeOptions, config: { ...routeOptions.config, permission: 'public' } },
      handler,
    );
  };
  try {
    await app.register(cors, {
      origin: '*',
      methods: ['GET', 'HEAD', 'OPTIONS'],
      // A preflight without Origin is answered like any other rather than with a text/plain 400.
      strictPreflight: false,
      maxAge: 86_400,
    });
  } finally {
    // A plugin scope inherits `options` from its parent: removing our own copy restores it.
    if (hadOwn) scope.options = inherited;
    else delete scope.options;
  }
}

/**
 * The public, read-only Content API, mounted at /api/v1: JSON for every answer (errors included),
 * open to any origin, and described by an OpenAPI 3.1 document built from the same route schemas that
 * validate the requests. Never a draft, never an email: see repository.ts.
 */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, options) => {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  if (!options.db) app.log.error('Content API: no db given to apiRoutes; its data routes will answer 503');

  // The site's handler again, answering JSON whatever Accept says; the site's pages keep their HTML.
  registerErrorHandling(app, {
    format: 'json',
    notFoundMessage: 'There is no such API resource.',
    patternHints: PATTERN_HINTS,
  });
  await registerCors(app);
  app.addHook('onSend', async (request, reply, payload) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isRead && reply.statusCode === 200 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', CACHE_CONTROL);
    }
    return payload;
  });

  // MUST be registered before the routes: it learns them from this scope's onRoute hook, so it sees
  // the API's routes and nothing else of the site.
  await app.register(swagger, {
    decorator: DOCUMENT_DECORATOR,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dateline Content API',
        version: '1.0.0',
        description:
          'Read-only, public JSON for published articles, authors, tags and search. ' +
          'Every error is `{ "error": { "code", "message", "fields"? } }`.',
      },
      servers: [{ url: `${publicUrl}/api/v1` }],
      tags: [
        { name: 'articles', description: 'Published articles' },
        { name: 'authors', description: 'The publication’s authors' },
        { name: 'tags', description: 'Tags in use' },
        { name: 'search', description: 'Full-text search' },
      ],
    },
  });

  await registerContentRoutes(app, { services: options.services, publicUrl, db: options.db });

  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.getDecorator<() => unknown>(DOCUMENT_DECORATOR)(),
  );
};
