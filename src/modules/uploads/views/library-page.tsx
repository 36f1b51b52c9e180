import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { Upload } from '../repository.ts';
import { uploadUrl } from './responsive-image.tsx';

/** The image library: an upload form, then the newest uploads with the id the editor asks for. */
export function LibraryPage(props: {
  chrome: AdminChrome;
  uploads: Upload[];
  notice?: string;
  message?: string;
  fields?: Record<string, string>;
  /** The id for the "Older images" link, when there are more. */
  olderThan?: number;
  /** The upload just made, to mark in the grid. */
  highlight?: number;
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Images">
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
      <h2>Recent images</h2>
      {props.uploads.length === 0 ? (
        <p>No images yet.</p>
      ) : (
        <table class="uploads">
          <caption class="sr-only">Uploaded images, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">For “Featured image”</th>
              <th scope="col">Size</th>
              <th scope="col">Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {props.uploads.map((u) => {
              const thumb = u.variants[0];
              return (
                <tr {...(u.id === props.highlight && { class: 'highlight' })} id={`upload-${u.id}`}>
                  <td>
                    <a href={uploadUrl(u.storageKey)}>
                      <img
                        src={uploadUrl(thumb?.key ?? u.storageKey)}
                        alt={`Image ${u.id}`}
                        width={120}
                        height={Math.max(1, Math.round((120 * u.height) / u.width))}
                        loading="lazy"
                        decoding="async"
                      />
                    </a>
                  </td>
                  <td>
                    <label for={`upload-id-${u.id}`}>Id</label>
                    <input
                      id={`upload-id-${u.id}`}
                      type="text"
                      readonly
                      size={6}
                      value={String(u.id)}
                      class="copyable"
                    />
                  </td>
                  <td>
                    {u.width} × {u.height}
                    <br />
                    <span class="hint">
                      {u.mimeType.replace('image/', '').toUpperCase()}; WebP at{' '}
                      {u.variants.map((v) => `${v.width}`).join(', ')} px
                    </span>
                  </td>
                  <td>
                    <time datetime={u.createdAt}>{u.createdAt.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.olderThan !== undefined && (
        <p>
          <a href={`/admin/uploads?before=${props.olderThan}`}>Older images</a>
        </p>
      )}
    </AdminLayout>
  );
}
