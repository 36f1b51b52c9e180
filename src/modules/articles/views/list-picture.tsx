import { ResponsiveImage } from '../../uploads/http.ts';
import type { FeaturedImage } from '../featured-image.ts';

/**
 * How wide a list's picture is drawn, as the `sizes` attribute says it (site.css, "Pictures in lists").
 * The browser picks a file from these before it lays the page out, so they follow the stylesheet:
 * - thumb: a thumbnail beside the text, 7rem on phones and 12rem from 40rem (stacked lists), or across
 *   a front-page column from 40rem (two columns, then three from 64rem);
 * - lead: the front page's lead, across the phone's width, then at most 46rem, then a third of the
 *   wide layout beside its headline from 64rem.
 */
export const LIST_PICTURE_SIZES = {
  stack: '(min-width: 40rem) 12rem, 7rem',
  grid: '(min-width: 64rem) 22rem, (min-width: 40rem) calc(50vw - 2.5rem), 7rem',
  lead: '(min-width: 64rem) 20rem, (min-width: 40rem) min(46rem, 100vw - 3rem), calc(100vw - 2rem)',
} as const;

/**
 * An article's featured image in a list: responsive, with its size reserved so nothing shifts, and
 * loaded lazily. `priority="lead"` is for the one picture at the top of a page (the front page's
 * lead story): loaded at once, ahead of other images. Renders nothing for an article without one, so
 * such an article lays out as text alone.
 */
export function ListPicture({
  image,
  layout = 'stack',
  priority,
}: {
  image: FeaturedImage | null;
  /** Which list it sits in: a one-column list, or the front page's grid. */
  layout?: 'stack' | 'grid';
  priority?: 'lead';
}) {
  if (!image) return null;
  return (
    <div class="list-picture">
      <ResponsiveImage
        upload={image.upload}
        alt={image.alt}
        sizes={priority === 'lead' ? LIST_PICTURE_SIZES.lead : LIST_PICTURE_SIZES[layout]}
        {...(priority === 'lead' ? { loading: 'eager', fetchpriority: 'high' } : { loading: 'lazy' })}
      />
    </div>
  );
}
