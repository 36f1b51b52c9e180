import type { ArticleStatus } from '../../../../platform/db/schema.ts';
import type { Asset } from '../../../../platform/render/assets.ts';
import {
  AdminLayout,
  CsrfField,
  Notice,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';
import { formatStamp } from '../../local-time.ts';
import { PREVIEW_LINK_HOURS, type PreviewLink } from '../../previews.ts';

/** The widths the newsroom previews an article at: a common phone's, and a desktop's. */
export const PREVIEW_WIDTHS = { phone: 390, desktop: 1280 } as const;
/** One of the preview widths. */
export type PreviewWidth = keyof typeof PREVIEW_WIDTHS;

/** What the newsroom's preview screen shows. */
export interface PreviewScreenProps {
  chrome: AdminChrome;
  articleId: number;
  title: string;
  status: ArticleStatus;
  publishedAt: string;
  timeZone: string;
  width: PreviewWidth;
  /** The article's private links, newest first. */
  links: PreviewLink[];
  /** Whether this person may create and revoke links ('article.preview'): always, if they see this screen. */
  canShare: boolean;
  /** The address of a link made just now: shown once, since only its hash is kept. */
  newLinkUrl?: string | undefined;
  notice?: string | undefined;
  stylesheet: Asset;
}

const lifetimes: Record<(typeof PREVIEW_LINK_HOURS)[number], string> = {
  24: '1 day',
  72: '3 days',
  168: '7 days',
  720: '30 days',
};

/** The banner words over a preview: where the article stands, for whoever looks at it. */
export function previewBannerText(status: ArticleStatus, publishedAt: string, timeZone: string): string {
  switch (status) {
    case 'draft':
      return 'This is a draft: readers cannot see it yet.';
    case 'scheduled':
      return `This article is scheduled: readers will see it from ${formatStamp(publishedAt, timeZone)}.`;
    case 'unpublished':
      return 'This article is unpublished: readers cannot see it.';
    default:
      return 'This article is published: this is how readers see it.';
  }
}

function linkState(link: PreviewLink): string {
  if (link.revokedAt !== null) return 'Revoked';
  return link.isActive ? 'Active' : 'Expired';
}

/**
 * The newsroom's preview: the reader page itself in a frame (same origin only) at phone or desktop
 * width, and the article's private preview links. The width switch is a pair of links, so it needs
 * no script.
 */
export function PreviewScreen(props: PreviewScreenProps) {
  const { articleId, width } = props;
  const base = `/admin/articles/${articleId}/preview`;
  const heading = `Preview of “${props.title || 'Untitled'}”`;
  return (
    <AdminLayout chrome={props.chrome} title={heading} current="articles" stylesheets={[props.stylesheet]}>
      <h1>{heading}</h1>
      <Notice text={props.notice} />
      <p>
        {previewBannerText(props.status, props.publishedAt, props.timeZone)} The preview shows the last saved
        version. <a href={`/admin/articles/${articleId}/edit`}>Back to the editor</a>
      </p>
      <nav class="preview-widths" aria-label="Preview width">
        <ul>
          {(Object.keys(PREVIEW_WIDTHS) as PreviewWidth[]).map((name) => (
            <li>
              <a href={`${base}?width=${name}`} aria-current={name === width ? 'page' : undefined}>
                {name === 'phone' ? 'Phone' : 'Desktop'} ({PREVIEW_WIDTHS[name]} px)
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="preview-stage">
        <iframe
          class={`preview-frame preview-frame-${width}`}
          src={`${base}/frame`}
          title={`The article as readers will see it, ${PREVIEW_WIDTHS[width]} pixels wide`}
          width={String(PREVIEW_WIDTHS[width])}
          height={width === 'phone' ? '844' : '900'}
          data-preview-frame={width}
        ></iframe>
      </div>
      <section aria-labelledby="preview-links-heading" class="preview-links">
        <h2 id="preview-links-heading">Private preview links</h2>
        <p class="hint">
          A link shows this article, as saved, to anyone who has it, until it expires or you revoke it. It is
          never cached and never shown to search engines.
        </p>
        {props.newLinkUrl !== undefined && (
          <div class="notice" role="status">
            <label for="new-preview-link">New preview link (copy it now: it is not shown again)</label>
            <input
              id="new-preview-link"
              type="url"
              readonly
              value={props.newLinkUrl}
              class="preview-link-url"
            />
          </div>
        )}
        {props.canShare && (
          <form method="post" action={`/admin/articles/${articleId}/preview-links`} class="preview-link-form">
            <CsrfField token={props.chrome.csrfToken} />
            <label for="preview-link-expires">Expires after</label>{' '}
            <select id="preview-link-expires" name="expires">
              {PREVIEW_LINK_HOURS.map((hours) => (
                <option value={String(hours)} selected={hours === 72}>
                  {lifetimes[hours]}
                </option>
              ))}
            </select>{' '}
            <button type="submit">Create preview link</button>
          </form>
        )}
        {props.links.length > 0 && (
          <table>
            <caption>Links made for this article</caption>
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">By</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.links.map((link) => (
                <tr>
                  <td>{formatStamp(link.createdAt, props.timeZone)}</td>
                  <td>{link.createdByName ?? 'A former member of staff'}</td>
                  <td>{formatStamp(link.expiresAt, props.timeZone)}</td>
                  <td>{linkState(link)}</td>
                  <td>
                    {link.isActive && props.canShare && (
                      <form
                        method="post"
                        action={`/admin/articles/${articleId}/preview-links/${link.id}/revoke`}
                        data-confirm="Revoke this preview link? Anyone who has it will no longer see the article."
                      >
                        <CsrfField token={props.chrome.csrfToken} />
                        <button type="submit" class="danger">
                          Revoke
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
