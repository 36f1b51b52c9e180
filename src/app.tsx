import { parse as parseQuery } from 'node:querystring';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { DatabaseHandle, Db } from './platform/db/database.ts';
import { createEvents, type Events } from './platform/events.ts';
import { assetRoutes } from './platform/http/assets.ts';
import { refuseCrossSiteWrites } from './platform/http/cross-site.ts';
import { registerPageCache, type PageCache } from './platform/http/page-cache.ts';
import type { DomainEvents } from './platform/events.ts';
import {
  createInvalidationOutbox,
  type InvalidationChannel,
  type InvalidationOutbox,
} from './platform/invalidations.ts';
import { commentFormScript } from './platform/render/assets.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.ts';
import { requireRoutePermissions } from './platform/http/permissions.ts';
import { addSecurityHeaders } from './platform/http/security-headers.ts';
import { ErrorPage } from './platform/render/error-page.tsx';
import { renderDocument } from './platform/render/html.ts';
import { loadSigner } from './platform/secrets.ts';
import {
  counterWithFallback,
  createMemoryWindowCounter,
  createRedisWindowClaims,
  createRedisWindowCounter,
} from './platform/counters.ts';
import { createMarkdownRenderer, type MarkdownRenderer } from './platform/render/markdown-renderer.ts';
import type { RedisConnection } from './platform/redis.ts';
import { createCdnPurge, type CdnPurgeTarget } from './platform/cdn-purge.ts';
import {
  createArticleService,
  createNewsroomBudget,
  isVisibleArticle,
  NEWSROOM_WINDOW_MS,
  type ArticleService,
} from './modules/articles/index.ts';
import {
  articleAdminRoutes,
  articleRoutes,
  createArticlePages,
  previewAdminRoutes,
  previewRoutes,
} from './modules/articles/http.ts';
import { createAuthorService, type AuthorService } from './modules/authors/index.ts';
import { authorAdminRoutes, authorRoutes } from './modules/authors/http.ts';
import { createCommentService, sharedFloodGuard, type CommentService } from './modules/comments/index.ts';
import { commentAdminRoutes, commentRoutes } from './modules/comments/http.ts';
import { createSettingsService, toSiteInfo, type SettingsService } from './modules/settings/index.ts';
import { settingsAdminRoutes } from './modules/settings/http.ts';
import { cacheTags, invalidationFor } from './modules/page-cache/index.ts';
import { createTagService, type TagService } from './modules/tags/index.ts';
import { tagAdminRoutes, tagRoutes } from './modules/tags/http.ts';
import { createRedirectService, type RedirectService } from './modules/redirects/index.ts';
import {
  oldAddressRoutes,
  oldQueryAddresses,
  redirectAdminRoutes,
  redirectLookup,
} from './modules/redirects/http.ts';
import { createSectionService, type SectionService } from './modules/sections/index.ts';
import { sectionAdminRoutes, sectionRoutes } from './modules/sections/http.ts';
import { createMenuService, type MenuService } from './modules/menus/index.ts';
import { menuAdminRoutes } from './modules/menus/http.ts';
import { createPageService, type PageService } from './modules/pages/index.ts';
import { createStandingPages, pageAdminRoutes, pageRoutes } from './modules/pages/http.ts';
import { createFrontPageService, type FrontPageService } from './modules/front-page/index.ts';
import { createCuratedFront, frontPageAdminRoutes } from './modules/front-page/http.ts';
import { createSearchService, type SearchService } from './modules/search/index.ts';
import { searchRoutes } from './modules/search/http.ts';
import { apiRoutes } from './modules/api/http.ts';
import {
  createAccountService,
  databaseThrottle,
  SIGN_IN_LIMITS,
  sharedThrottle,
  type AccountService,
  type PasswordCost,
} from './modules/accounts/index.ts';
import { accountAdminRoutes, adminSurface, staffPermissionCheck } from './modules/accounts/http.ts';
import { feedRoutes } from './modules/feeds/http.ts';
import { sitemapRoutes } from './modules/sitemaps/http.ts';
import { auditAdminRoutes } from './modules/audit/http.ts';
import { createUploadService, type UploadService } from './modules/uploads/index.ts';
import {
  createImportRunService,
  createWordpressImporter,
  type ImportRunService,
  type WordpressImporter,
} from './modules/wordpress/index.ts';
import { importAdminRoutes } from './modules/wordpress/http.ts';
import { uploadAdminRoutes, uploadFileRoutes } from './modules/uploads/http.ts';
import {
  createFeedReader,
  createWireGrouper,
  createWireService,
  type WireService,
} from './modules/wire/index.ts';
import { wireAdminRoutes } from './modules/wire/http.ts';
import packageJson from '../package.json' with { type: 'json' };
import { createTopicService, type TopicService } from './modules/topics/index.ts';
import { topicAdminRoutes } from './modules/topics/http.ts';
import { noFileStorage, type FileStorage } from './platform/storage.ts';

/** Every service, built once. The CLI uses these without HTTP. */
export interface Services {
  events: Events;
  clock: Clock;
  settings: SettingsService;
  authors: AuthorService;
  tags: TagService;
  /** The redirects table by hand: the Redirects screen and `dateline redirect`. */
  redirects: RedirectService;
  sections: SectionService;
  /** The header and footer menus: every reader page draws them. */
  menus: MenuService;
  /** Standing pages: About, Contact, the corrections policy. */
  pages: PageService;
  articles: ArticleService;
  /** The newsroom's curated front page: lead, pins and section rows. */
  frontPage: FrontPageService;
  comments: CommentService;
  search: SearchService;
  accounts: AccountService;
  uploads: UploadService;
  /** Where uploaded files live: a folder every process of the publication shares. */
  storage: FileStorage;
  /** Carries cache invalidations to the publication's other processes. */
  invalidations: InvalidationOutbox;
  /** The threads that render article bodies; createApp stops them when the app closes. */
  markdown: MarkdownRenderer;
  /** The move-in from a WordPress export: `dateline import wordpress` and the Import screen. */
  wordpress: WordpressImporter;
  /** The Import screen's runs: uploaded exports checked, then imported, in the background. */
  imports: ImportRunService;
  /** The wire desk: the outlets the newsroom follows, fetched politely, and their items. */
  wire: WireService;
  /** Topic suggestions for the editor, and the registry they grow. */
  topics: TopicService;
}

/** How Dateline names itself to the feeds it fetches: its version and the site's address, for contact. */
export function wireUserAgent(publicUrl: string | undefined): string {
  return `Dateline/${packageJson.version}${publicUrl ? ` (+${publicUrl})` : ''}`;
}

/** Builds every service on one database. This and createApp are the only places that construct things. */
export async function createServices(deps: {
  database: DatabaseHandle;
  clock?: Clock;
  events?: Events;
  /** Tests lower scrypt's cost; production keeps the default. */
  passwordCost?: PasswordCost;
  /** The publication's Redis (REDIS_URL): shared counters and immediate cache invalidations. */
  redis?: RedisConnection;
  /** CDN_PURGE_URL: the CDN this process purges by Surrogate-Key when its changes make pages stale. */
  cdnPurge?: CdnPurgeTarget;
  /** The upload folder's storage; without it, uploads are refused (the `dateline` command needs none). */
  storage?: FileStorage;
  /** Tests shorten the render time limit; production keeps the default. */
  markdown?: MarkdownRenderer;
  /**
   * The private folder the Import screen keeps uploaded exports in (config.importsDir); without it the
   * screen takes no uploads and points to `dateline import wordpress`.
   */
  importsDir?: string;
  /** The site's address (config.publicUrl): the wire desk names it in its User-Agent. */
  publicUrl?: string;
  /** config.wireAllowPrivateHosts: the desk's form may follow feeds on private networks. */
  wireAllowPrivateHosts?: boolean;
}): Promise<Services> {
  const { db } = deps.database;
  const clock = deps.clock ?? systemClock;
  const events = deps.events ?? createEvents((error) => console.error('event listener failed', error));
  const [ipSigner, previewSigner] = [
    await loadSigner(db, 'ip-hash'),
    await loadSigner(db, 'comment-preview'),
  ];
  const shared = deps.redis && (await sharedState({ db, clock, redis: deps.redis }));
  const settings = createSettingsService({ db, events, clock });
  const markdown = deps.markdown ?? createMarkdownRenderer();
  const localNewsroomCounter = createMemoryWindowCounter({ clock, keepMs: NEWSROOM_WINDOW_MS });
  const accounts = createAccountService({
    db,
    clock,
    ipSigner,
    sessionIdleHours: async () => (await settings.all())['staff.session_idle_hours'],
    ...(deps.passwordCost && { passwordCost: deps.passwordCost }),
    ...(shared && { throttle: shared.throttle }),
  });
  const invalidations = createInvalidationOutbox({
    db,
    clock,
    onError: (error) => console.error('cache invalidation failed', error),
    ...(shared && { channel: shared.invalidationChannel }),
    ...(deps.cdnPurge && {
      purge: createCdnPurge({
        target: deps.cdnPurge,
        onError: (error) => console.error('CDN purge failed', error),
      }),
    }),
  });
  const authors = createAuthorService({ db, clock, events, isVisible: isVisibleArticle });
  const tags = createTagService({ db, clock, events, isVisible: isVisibleArticle });
  const sections = createSectionService({ db, clock, events });
  const menus = createMenuService({ db, clock, events, sections, tags });
  forEachInvalidation(events, menus, (tags) => void invalidations.record(tags));
  // Another process changed the settings: forget whatever this one remembers of them.
  invalidations.subscribe((tags) => {
    if (tags.includes(cacheTags.settings)) settings.invalidate();
  });
  const comments = createCommentService({
    db,
    clock,
    events,
    settings,
    ipSigner,
    previewSigner,
    findAuthor: (slug) => authors.findBySlug(slug),
    ...(shared && { floodGuard: shared.floodGuard }),
  });
  const articles = createArticleService({
    db,
    clock,
    events,
    countComments: (ids) => comments.countApproved(ids),
    markdown,
    budget: createNewsroomBudget({
      counter: shared
        ? counterWithFallback({
            shared: shared.newsroomCounter,
            fallback: localNewsroomCounter,
            onError: shared.onError,
          })
        : localNewsroomCounter,
    }),
  });
  const uploads = createUploadService({ db, clock, storage: deps.storage ?? noFileStorage });
  const wordpress = createWordpressImporter({
    db,
    clock,
    ipSigner,
    uploads,
    accounts,
    // An import touches every list, the menus' default sections and the redirects: drop every page.
    onImported: () => invalidations.record([cacheTags.settings, cacheTags.frontList]),
  });
  return {
    events,
    clock,
    settings,
    comments,
    authors,
    tags,
    redirects: createRedirectService({ db, clock }),
    topics: createTopicService({ db, clock }),
    sections,
    menus,
    pages: createPageService({ db, clock, events, markdown }),
    search: createSearchService({ db, clock }),
    accounts,
    uploads,
    storage: deps.storage ?? noFileStorage,
    invalidations,
    markdown,
    articles,
    frontPage: createFrontPageService({ db, clock, events, articles, sections }),
    wordpress,
    imports: createImportRunService({
      db,
      clock,
      importer: wordpress,
      ...(deps.importsDir !== undefined && { dir: deps.importsDir }),
      onError: (error) => console.error('WordPress import on the Import screen', error),
    }),
    wire: createWireService({
      db,
      clock,
      reader: createFeedReader(),
      userAgent: wireUserAgent(deps.publicUrl),
      grouper: createWireGrouper(),
      allowPrivateHosts: deps.wireAllowPrivateHosts ?? false,
      // "Start a draft" saves through the articles module's own path, as the command line does.
      saveDraft: (draft) =>
        articles.saveArticle(
          {
            title: draft.title,
            slug: draft.slug,
            standfirst: draft.standfirst,
            body: draft.body,
            body_format: 'html',
            authors: draft.authors,
            status: 'draft',
            sources: draft.sources.map(({ name, url }) => ({ name, url })),
          },
          { newTags: false, sourceWireItems: draft.sources.map((s) => s.wireItemId) },
        ),
    }),
  };
}

/**
 * What the processes of a publication share through Redis: the sign-in throttle, the comment flood
 * rule and the invalidation channel. Keys and the channel start with a prefix made from a secret in
 * this publication's database, so that publications sharing one Redis never meet, and keys are
 * keyed hashes, so that Redis holds no email or IP. When Redis fails, the database decides.
 */
async function sharedState(deps: { db: Db; clock: Clock; redis: RedisConnection }) {
  const { db, clock, redis } = deps;
  const signer = await loadSigner(db, 'redis-namespace');
  const prefix = `dateline:${signer.sign('publication').slice(0, 16)}:`;
  const counters = { redis: redis.commands, prefix, hashKey: (key: string) => signer.sign(key) };
  let lastReported = 0;
  const onError = (error: unknown) => {
    // Once a minute at most: during an outage every request would otherwise say the same.
    if (Date.now() - lastReported < 60_000) return;
    lastReported = Date.now();
    console.error('Redis failed; the database counts instead', error);
  };
  const channel = `${prefix}invalidations`;
  const invalidationChannel: InvalidationChannel = {
    publish: (message) => redis.publish(channel, message),
    listen: (handlers) => redis.subscribe(channel, handlers),
  };
  return {
    throttle: sharedThrottle({
      counter: createRedisWindowCounter({
        ...counters,
        clock,
        keepMs: SIGN_IN_LIMITS.windowMinutes * 60_000,
      }),
      fallback: databaseThrottle(db, clock),
      onError,
    }),
    floodGuard: sharedFloodGuard({ claims: createRedisWindowClaims(counters), onError }),
    invalidationChannel,
    newsroomCounter: createRedisWindowCounter({ ...counters, clock, keepMs: NEWSROOM_WINDOW_MS }),
    onError,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The page cache, for tests and operations. */
    pageCache: PageCache;
  }
}

const cachedEvents: (keyof DomainEvents)[] = [
  'articleSaved',
  'articleBecameVisible',
  'articleDeleted',
  'authorSaved',
  'tagSaved',
  'tagsChanged',
  'sectionSaved',
  'pageSaved',
  'frontPageChanged',
  'commentCreated',
  'commentStatusChanged',
  'commentEdited',
  'settingsChanged',
  'menusChanged',
];

/**
 * Calls `handle` with the cache tags each change invalidates: exactly the pages that show it, and
 * every page when the change reaches the menus (a tag the header links to was renamed or lost its
 * last visible article).
 */
function forEachInvalidation(
  events: Events,
  menus: Pick<MenuService, 'touches'>,
  handle: (tags: string[]) => void,
): void {
  for (const name of cachedEvents) {
    events.on(name, (payload) => {
      const tags = withMenus(menus, invalidationFor(name, payload));
      if (tags.length > 0) handle(tags);
    });
  }
}

/** The tags, with `settings` (every page) added when they change what the menus show. */
function withMenus(menus: Pick<MenuService, 'touches'>, tags: string[]): string[] {
  return menus.touches(tags) && !tags.includes(cacheTags.settings) ? [...tags, cacheTags.settings] : tags;
}

/** What the HTTP app is built from. */
export interface AppDeps {
  config: Pick<Config, 'isProduction' | 'logLevel' | 'publicUrl'> & {
    pageCache?: Config['pageCache'];
    trustProxy?: Config['trustProxy'];
  };
  database: DatabaseHandle;
  services: Services;
}

/** The composition root of the web app: platform plugins first, then each module's routes. */
export async function createApp({ config, database, services }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // The client IP is the socket's, unless TRUST_PROXY names the proxies in front (docs/deploy.md).
    trustProxy: config.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
  });

  // MUST be the first onRequest hook: a cached page is answered before anything else runs.
  const pageCache = registerPageCache(app, {
    isEnabled: config.pageCache?.isEnabled ?? true,
    maxBytes: config.pageCache?.maxBytes ?? 64 * 1024 * 1024,
    sharedMaxAge: 300,
  });
  app.decorate('pageCache', pageCache);
  app.addHook('onClose', () => services.markdown.close());
  app.addHook('onClose', () => services.wire.close());
  // An Import screen run still going gets a few seconds to finish, then is marked interrupted; runs
  // that a process which is gone left behind are marked on start.
  app.addHook('onClose', () => services.imports.close());
  app.addHook('onClose', () => services.topics.close());
  app.addHook('onReady', async () => {
    await services.imports.recover();
  });
  // This process's changes drop its own entries at once; other processes' arrive through the outbox.
  forEachInvalidation(services.events, services.menus, (tags) => pageCache.invalidate(tags));
  // A `dateline` command knows nothing of the menus as this process drew them: this process checks.
  services.invalidations.subscribe((tags) => pageCache.invalidate(withMenus(services.menus, tags)));

  addSecurityHeaders(app, { publicUrl: config.publicUrl });
  await app.register(cookie);
  // MUST run before any route is registered: it refuses routes that declare no permission, and
  // checks each staff route's permission on every request.
  requireRoutePermissions(app, { check: staffPermissionCheck(app, services.accounts) });
  // Node's own parser: @fastify/formbody's default took ~150 ms of the event loop on a newsroom form
  // at the body limit (1.5 MB, mostly %XX escapes), Node's takes ~15. maxKeys 0 keeps every field,
  // as the default parser did; bodyLimit bounds them.
  await app.register(formbody, { parser: (body) => parseQuery(body, '&', '=', { maxKeys: 0 }) });
  refuseCrossSiteWrites(app, { publicUrl: config.publicUrl });

  registerErrorHandling(app, {
    format: 'negotiate',
    isProduction: config.isProduction,
    // A page that would be a 404 first asks the redirects table (moved articles and tags, the
    // Redirects screen); a 404 is never stored in the page cache, so a new redirect needs no purge.
    redirectFor: redirectLookup(database.db),
    renderPage: async (_request, { status, message, detail }) => {
      let site;
      try {
        const [all, menus] = await Promise.all([services.settings.all(), services.menus.resolved()]);
        site = toSiteInfo(all, config.publicUrl, menus);
      } catch {
        // The database may be the thing that failed; the error page must still render.
        site = {
          title: 'Dateline',
          description: '',
          language: 'en',
          timezone: 'UTC',
          publicUrl: config.publicUrl,
        };
      }
      return renderDocument(
        <ErrorPage site={site} status={status} message={message} {...(detail ? { detail } : {})} />,
      );
    },
  });

  const { articles, authors, comments, settings, tags, sections, menus } = services;
  const pages = createArticlePages({
    articles,
    comments,
    settings,
    menus,
    clock: services.clock,
    commentScriptPath: commentFormScript.path,
    publicUrl: config.publicUrl,
  });
  await app.register(assetRoutes);
  await app.register(healthRoutes, { ping: () => database.ping() });
  // A standing page (/about/) answers where no visible article has the slug; its children
  // (/about/contact/) have their own route.
  const standingPages = createStandingPages({
    pages: services.pages,
    settings,
    menus,
    publicUrl: config.publicUrl,
  });
  await app.register(articleRoutes, {
    articles,
    settings,
    menus,
    pages,
    publicUrl: config.publicUrl,
    fallback: standingPages,
    curatedFront: createCuratedFront({
      frontPage: services.frontPage,
      settings,
      menus,
      publicUrl: config.publicUrl,
    }),
    // A moved-in WordPress site's `/?p=123` links: the importer writes their redirects.
    oldAddresses: oldQueryAddresses(database.db),
  });
  await app.register(oldAddressRoutes);
  // Private preview links: never cached, never indexed (`/preview/` is a reserved page slug).
  await app.register(previewRoutes, { articles, settings, menus, publicUrl: config.publicUrl });
  await app.register(pageRoutes, { standingPages });
  await app.register(authorRoutes, { authors, articles, settings, menus, publicUrl: config.publicUrl });
  await app.register(tagRoutes, { tags, articles, settings, menus, publicUrl: config.publicUrl });
  await app.register(sectionRoutes, { sections, articles, settings, menus, publicUrl: config.publicUrl });
  const surfaces = { articles, authors, tags, sections, settings, publicUrl: config.publicUrl };
  await app.register(feedRoutes, surfaces);
  await app.register(sitemapRoutes, { ...surfaces, pages: services.pages });
  await app.register(searchRoutes, { search: services.search, settings, menus, publicUrl: config.publicUrl });
  await app.register(apiRoutes, {
    prefix: '/api/v1',
    services,
    publicUrl: config.publicUrl,
    db: database.db,
  });
  await app.register(uploadFileRoutes, { storage: services.storage });
  await app.register(commentRoutes, {
    comments,
    settings,
    publicUrl: config.publicUrl,
    renderArticle: (slug, form) => pages.render(slug, { form }),
  });

  // The newsroom: one /admin context with its own rules (no shared caching, CSRF tokens); each
  // module's admin routes are registered inside it.
  const siteTitle = async () => (await settings.all())['site.title'];
  const siteFacts = async () => {
    const all = await settings.all();
    return { title: all['site.title'], timezone: all['site.timezone'] };
  };
  await app.register(
    async (admin) => {
      adminSurface(admin);
      await admin.register(accountAdminRoutes, {
        accounts: services.accounts,
        siteTitle,
        publicUrl: config.publicUrl,
      });
      await admin.register(articleAdminRoutes, {
        articles,
        authors,
        tags,
        sections,
        settings,
        uploads: services.uploads,
        publicUrl: config.publicUrl,
      });
      await admin.register(previewAdminRoutes, { articles, settings, menus, publicUrl: config.publicUrl });
      await admin.register(uploadAdminRoutes, { uploads: services.uploads, siteTitle });
      await admin.register(authorAdminRoutes, { authors, uploads: services.uploads, siteTitle });
      await admin.register(auditAdminRoutes, { db: database.db, siteTitle });
      await admin.register(commentAdminRoutes, { comments, site: siteFacts });
      await admin.register(tagAdminRoutes, { tags, siteTitle });
      await admin.register(topicAdminRoutes, { topics: services.topics });
      await admin.register(redirectAdminRoutes, { redirects: services.redirects, siteTitle });
      await admin.register(sectionAdminRoutes, { sections: services.sections, siteTitle });
      await admin.register(menuAdminRoutes, { menus, siteTitle });
      await admin.register(pageAdminRoutes, { pages: services.pages, site: siteFacts });
      await admin.register(frontPageAdminRoutes, {
        frontPage: services.frontPage,
        articles,
        sections,
        settings,
      });
      await admin.register(settingsAdminRoutes, { settings, siteTitle });
      await admin.register(importAdminRoutes, { imports: services.imports, siteTitle });
      await admin.register(wireAdminRoutes, { wire: services.wire, siteTitle });
    },
    { prefix: '/admin' },
  );
  return app;
}
