import type { Child } from 'hono/jsx';
import { adminScript, adminStylesheet, favicon, type Asset } from './assets.ts';

/** What the newsroom's chrome needs to know about who is signed in. */
export interface AdminChrome {
  /** The signed-in person's name, shown beside "Sign out". */
  name: string;
  /** Sent back with every form, so that no other site can make a change in their name. */
  csrfToken: string;
  /** Which sections the person's role can open; the others are not offered. */
  sections: {
    comments: boolean;
    tags: boolean;
    redirects: boolean;
    /** The Sections screen (the publication's desks). */
    sectionsScreen: boolean;
    menus: boolean;
    /** Standing pages (About, Contact). */
    pages: boolean;
    /** The curated front page's screen. */
    frontPage: boolean;
    settings: boolean;
    users: boolean;
    audit: boolean;
    /** The WordPress Import screen. */
    import: boolean;
    uploads: boolean;
    /** The wire desk. */
    wire: boolean;
  };
  /** The site's title, for the page title. */
  siteTitle: string;
}

/** Props for the one layout every newsroom page uses. */
export interface AdminLayoutProps {
  chrome: AdminChrome | undefined;
  title: string;
  /** Which navigation link is the current page. */
  current?:
    | 'articles'
    | 'new-article'
    | 'comments'
    | 'settings'
    | 'users'
    | 'profile'
    | 'audit'
    | 'uploads'
    | 'authors'
    | 'tags'
    | 'redirects'
    | 'sections'
    | 'menus'
    | 'pages'
    | 'front-page'
    | 'import'
    | 'wire';
  /**
   * Reloads the page after this many seconds (a screen that watches background work, such as an
   * import's progress): no script needed.
   */
  refreshSeconds?: number;
  /**
   * Scripts and stylesheets this page needs besides the newsroom's own (the writing desk's editor and its
   * helpers): each a hashed asset from assets.ts, loaded with `defer`, so that only the pages that use
   * them pay for them.
   */
  scripts?: readonly Asset[];
  stylesheets?: readonly Asset[];
  children?: Child;
}

/** The hidden field every newsroom form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * The newsroom's frame: navigation with the exact names people and scripts look for ("Articles",
 * "New article", "Comments", "Settings", and a "Sign out" button), then the page. No inline script
 * or style anywhere, so that the Content-Security-Policy needs no 'unsafe-inline'.
 */
export function AdminLayout({
  chrome,
  title,
  current,
  refreshSeconds,
  scripts = [],
  stylesheets = [],
  children,
}: AdminLayoutProps) {
  const aria = (name: AdminLayoutProps['current']) => (current === name ? 'page' : undefined);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {refreshSeconds !== undefined && <meta http-equiv="refresh" content={String(refreshSeconds)} />}
        <title>{`${title} – ${chrome?.siteTitle ?? 'Dateline'} newsroom`}</title>
        <link rel="stylesheet" href={adminStylesheet.path} />
        {stylesheets.map((sheet) => (
          <link rel="stylesheet" href={sheet.path} />
        ))}
        <link rel="icon" href={favicon.path} type="image/svg+xml" />
        <script src={adminScript.path} defer></script>
        {scripts.map((script) => (
          <script src={script.path} defer></script>
        ))}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <p class="admin-brand">
            <a href="/">{chrome?.siteTitle ?? 'Dateline'}</a> <span>newsroom</span>
          </p>
          {chrome && (
            <nav class="admin-nav" aria-label="Newsroom">
              <ul>
                <li>
                  <a href="/admin/articles" aria-current={aria('articles')}>
                    Articles
                  </a>
                </li>
                <li>
                  <a href="/admin/articles/new" aria-current={aria('new-article')}>
                    New article
                  </a>
                </li>
                {chrome.sections.wire && (
                  <li>
                    <a href="/admin/wire" aria-current={aria('wire')}>
                      Wire
                    </a>
                  </li>
                )}
                {chrome.sections.frontPage && (
                  <li>
                    <a href="/admin/front-page" aria-current={aria('front-page')}>
                      Front page
                    </a>
                  </li>
                )}
                {chrome.sections.comments && (
                  <li>
                    <a href="/admin/comments" aria-current={aria('comments')}>
                      Comments
                    </a>
                  </li>
                )}
                {chrome.sections.tags && (
                  <li>
                    <a href="/admin/tags" aria-current={aria('tags')}>
                      Tags
                    </a>
                  </li>
                )}
                {chrome.sections.sectionsScreen && (
                  <li>
                    <a href="/admin/sections" aria-current={aria('sections')}>
                      Sections
                    </a>
                  </li>
                )}
                {chrome.sections.pages && (
                  <li>
                    <a href="/admin/pages" aria-current={aria('pages')}>
                      Pages
                    </a>
                  </li>
                )}
                {chrome.sections.redirects && (
                  <li>
                    <a href="/admin/redirects" aria-current={aria('redirects')}>
                      Redirects
                    </a>
                  </li>
                )}
                {chrome.sections.menus && (
                  <li>
                    <a href="/admin/menus" aria-current={aria('menus')}>
                      Menus
                    </a>
                  </li>
                )}
                {chrome.sections.settings && (
                  <li>
                    <a href="/admin/settings" aria-current={aria('settings')}>
                      Settings
                    </a>
                  </li>
                )}
                {chrome.sections.uploads && (
                  <li>
                    <a href="/admin/uploads" aria-current={aria('uploads')}>
                      Images
                    </a>
                  </li>
                )}
                {chrome.sections.users && (
                  <li>
                    <a href="/admin/users" aria-current={aria('users')}>
                      Users
                    </a>
                  </li>
                )}
                {chrome.sections.users && (
                  <li>
                    <a href="/admin/authors" aria-current={aria('authors')}>
                      Authors
                    </a>
                  </li>
                )}
                {chrome.sections.import && (
                  <li>
                    <a href="/admin/import" aria-current={aria('import')}>
                      Import
                    </a>
                  </li>
                )}
                {chrome.sections.audit && (
                  <li>
                    <a href="/admin/audit" aria-current={aria('audit')}>
                      Audit log
                    </a>
                  </li>
                )}
                <li>
                  <a href="/admin/profile" aria-current={aria('profile')}>
                    Profile
                  </a>
                </li>
              </ul>
              <form method="post" action="/admin/sign-out" class="sign-out">
                <CsrfField token={chrome.csrfToken} />
                <span class="signed-in-as">{chrome.name}</span> <button type="submit">Sign out</button>
              </form>
            </nav>
          )}
        </header>
        <main id="main" class="admin-main">
          {children}
        </main>
      </body>
    </html>
  );
}

/** A form's problems, listed at the top and linked to their fields. */
export function FormErrors({ fields, message }: { fields?: Record<string, string>; message?: string }) {
  const entries = Object.entries(fields ?? {});
  if (!message && entries.length === 0) return null;
  return (
    <div class="form-errors" role="alert" tabindex={-1} id="form-errors">
      <p>{message ?? 'Some fields need another look.'}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, problem]) => (
            <li>
              <a href={`#field-${field.replace(/[^a-z0-9_-]/gi, '-')}`}>
                {field.replace(/_/g, ' ')}: {problem}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One field's problem, under the field, with the id its input's aria-describedby names. */
export function FieldError({ fields, name }: { fields: Record<string, string> | undefined; name: string }) {
  const problem = fields?.[name];
  return problem ? (
    <p class="field-error" id={`error-${name}`}>
      {problem}
    </p>
  ) : null;
}

/** A short notice after an action ("Article saved."). */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}
