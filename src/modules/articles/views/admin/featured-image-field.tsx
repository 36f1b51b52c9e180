import type { FieldErrors } from '../../../../platform/errors.ts';
import type { Upload } from '../../../uploads/index.ts';
import { labelOf, uploadUrl } from '../../../uploads/http.ts';

/**
 * The editor's featured image. Without script it is a select of the newest images, named by file
 * name or alt text (never by number); media-picker.js hides the select and shows a "Featured image"
 * button that opens the media library's picker, with the chosen image's thumbnail beside it. Either
 * way the form posts `featured_image_id`, and the picker fills the alt text field.
 */
export function FeaturedImageField(props: {
  /** The field as typed or stored: an upload's id, or ''. */
  value: string;
  /** The newest uploads, and the chosen one if it is older. */
  uploads: readonly Upload[];
  fields: FieldErrors | undefined;
}) {
  const value = props.value.trim();
  const current = props.uploads.find((u) => String(u.id) === value);
  const error = props.fields?.featured_image_id;
  const thumb = current ? (current.variants[0]?.key ?? current.storageKey) : undefined;
  const describedBy = ['hint-featured_image_id', error ? 'error-featured_image_id' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field featured-image" data-featured-image="">
      <div data-featured-fallback="">
        <label for="field-featured_image_id">Featured image</label>
        <select
          id="field-featured_image_id"
          name="featured_image_id"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          <option value="">None</option>
          {value !== '' && !current && (
            <option value={value} selected>
              An image that is not in the library
            </option>
          )}
          {props.uploads.map((u) => (
            <option value={String(u.id)} selected={u === current}>
              {labelOf(u)}
            </option>
          ))}
        </select>
        <p class="hint" id="hint-featured_image_id">
          The newest images. To use another, upload it on the <a href="/admin/uploads">Images</a> screen
          first.
        </p>
      </div>
      <div data-featured-picked="" hidden>
        {current && thumb && (
          <img
            data-featured-thumb=""
            src={uploadUrl(thumb)}
            alt=""
            width={160}
            height={Math.max(1, Math.round((160 * current.height) / Math.max(1, current.width)))}
          />
        )}
        <span data-featured-name="" id="featured-image-name">
          {current ? labelOf(current) : 'None chosen'}
        </span>
        <button type="button" data-featured-open="" aria-describedby="featured-image-name">
          Featured image
        </button>
        <button type="button" class="secondary" data-featured-clear="" hidden={!current}>
          Remove
        </button>
      </div>
      {error && (
        <p class="field-error" id="error-featured_image_id">
          {error}
        </p>
      )}
    </div>
  );
}
