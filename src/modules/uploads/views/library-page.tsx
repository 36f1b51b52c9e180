import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import { mediaPickerStylesheet } from '../../../platform/render/assets.ts';
import { labelOf } from './library-item.ts';
import type { Upload } from '../repository.ts';
import { uploadUrl } from './responsive-image.tsx';

/** The library's address with its search and page. */
function libraryHref(query: string, page: number): string {
  const params = new URLSearchParams();
  if (query !== '') params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text === '' ? '/admin/uploads' : `/admin/uploads?${text}`;
}

/**
 * The Images screen: an upload form, a search of file names and alt text, then the images, newest
 * first, each with a Delete button for those who may delete. Works without script; the editor's
 * picker (media-picker.js) reads the same library as JSON.
 */
export function LibraryPage(props: {
  chrome: AdminChrome;
  uploads: Upload[];
  query: string;
  page: number;
  hasMore: boolean;
  canDelete: boolean;
  notice?: string;
  message?: string;
  fields?: Record<string, string>;
}) {
  const { query, page } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Images" current="uploads" stylesheets={[mediaPickerStylesheet]}>
      <h1>Images</h1>
      <Notice text={props.notice} />
      <FormErrors
        {...(props.message !== undefined && { message: props.message })}
        {...(props.fields && { fields: props.fields })}
      />
      <form method="post" action="/admin/uploads" enctype="multipart/form-data">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="field-image">Image</label>
        <input
          id="field-image"
          type="file"
          name="image"
          required
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          aria-describedby="image-hint"
        />
        <p class="hint" id="image-hint">
          JPEG, PNG, WebP, GIF or AVIF, up to 15 MB. Location and camera details are removed.
        </p>
        <div class="actions">
          <button type="submit">Upload</button>
        </div>
      </form>
      <h2>Library</h2>
      <form method="get" action="/admin/uploads" role="search" class="media-search">
        <label for="media-q">Search images</label>
        <input id="media-q" type="search" name="q" value={query} maxlength={200} />
        <button type="submit" class="secondary">
          Search
        </button>
      </form>
      {props.uploads.length === 0 ? (
        <p>{query === '' ? 'No images yet.' : 'No image’s name or alt text matches.'}</p>
      ) : (
        <ul class="media-grid">
          {props.uploads.map((u) => {
            const thumb = u.variants[0];
            const label = labelOf(u);
            return (
              <li id={`upload-${u.id}`} class="media-card">
                <a href={uploadUrl(u.storageKey)}>
                  <img
                    src={uploadUrl(thumb?.key ?? u.storageKey)}
                    alt={u.alt !== '' ? u.alt : label}
                    width={160}
                    height={Math.max(1, Math.round((160 * u.height) / Math.max(1, u.width)))}
                    loading="lazy"
                    decoding="async"
                  />
                </a>
                <p class="media-name">{label}</p>
                <p class="hint">
                  {u.alt !== '' ? `Alt text: ${u.alt}` : 'No alt text yet'}
                  <br />
                  {u.width} × {u.height}, <time datetime={u.createdAt}>{u.createdAt.slice(0, 10)}</time>
                </p>
                {props.canDelete && (
                  <form
                    method="post"
                    action={`/admin/uploads/${u.id}/delete`}
                    data-confirm="Delete this image and its files for good?"
                  >
                    <CsrfField token={props.chrome.csrfToken} />
                    <button type="submit" class="danger" aria-label={`Delete ${label}`}>
                      Delete
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <nav aria-label="Library pages" class="pagination">
        {page > 1 && <a href={libraryHref(query, page - 1)}>Newer images</a>}{' '}
        {props.hasMore && <a href={libraryHref(query, page + 1)}>Older images</a>}
      </nav>
    </AdminLayout>
  );
}
