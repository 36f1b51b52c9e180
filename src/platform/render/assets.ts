import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** One static asset, named by a hash of its content so that it can be cached forever. */
export interface Asset {
  readonly path: string;
  readonly body: Buffer;
  readonly contentType: string;
}

function hashed(name: string, ext: string, contentType: string, folder = ''): Asset {
  const body = readFileSync(new URL(`./assets/${folder}${name}.${ext}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${ext}`, body, contentType };
}

/** The theme's one stylesheet. Read once at start. */
export const stylesheet: Asset = hashed('site', 'css', 'text/css; charset=utf-8');

/** The comment form's small progressive enhancement: it fills in a returning reader's saved details. */
export const commentFormScript: Asset = hashed('comment-form', 'js', 'text/javascript; charset=utf-8');

/** The header menu's disclosures: folds each submenu behind a button (aria-expanded). */
export const navScript: Asset = hashed('nav', 'js', 'text/javascript; charset=utf-8');

/** The newsroom's stylesheet. */
export const adminStylesheet: Asset = hashed('admin', 'css', 'text/css; charset=utf-8');

/** The newsroom's progressive enhancement: preview, autosave, the unsaved-changes warning. */
export const adminScript: Asset = hashed('admin', 'js', 'text/javascript; charset=utf-8');

/** The editor's Authors and Tags comboboxes (chips, suggestions, byline order). */
export const peopleFieldsScript: Asset = hashed('people-fields', 'js', 'text/javascript; charset=utf-8');

/** Their stylesheet. */
export const peopleFieldsStylesheet: Asset = hashed('people-fields', 'css', 'text/css; charset=utf-8');

/** Topic suggestions under the editor's Tags: asks the server, adds a chosen topic's tag to the combobox. */
export const topicSuggestionsScript: Asset = hashed(
  'topic-suggestions',
  'js',
  'text/javascript; charset=utf-8',
);

/** The writing desk's aids: live word count, reading time, headline length, search and share previews. */
export const writingAidsScript: Asset = hashed('writing-aids', 'js', 'text/javascript; charset=utf-8');

/** The writing aids' and the article preview screen's styles. */
export const deskAidsStylesheet: Asset = hashed('desk-aids', 'css', 'text/css; charset=utf-8');

/** The editor's "never lose a word": autosave, the browser's copy, presence (the editor page only). */
export const deskFlowScript: Asset = hashed('desk-flow', 'js', 'text/javascript; charset=utf-8');

/** The newsroom's image picker (window.DatelineMedia.pick) and the Featured image button, and its styles. */
export const mediaPickerScript: Asset = hashed('media-picker', 'js', 'text/javascript; charset=utf-8');
export const mediaPickerStylesheet: Asset = hashed('media-picker', 'css', 'text/css; charset=utf-8');

/** The site's icon: a small SVG, so that browsers and crawlers never ask for a missing /favicon.ico. */
export const favicon: Asset = hashed('favicon', 'svg', 'image/svg+xml');

/** The image pages share when an article has none of its own (Open Graph, JSON-LD). 1200×630. */
export const defaultShareImage: Asset & { width: number; height: number } = {
  ...hashed('og-default', 'png', 'image/png'),
  width: 1200,
  height: 630,
};

/**
 * The writing desk's story editor: a script and a stylesheet bundled by scripts/editor-bundle.mjs (on
 * install, start, test and build) into assets/build/, which is not committed. Pages that edit a story
 * body pass these to AdminLayout. Missing (never bundled), they are empty, and the Body stays a plain
 * text area, as it is without script.
 */
export const editorAssets: { scripts: readonly Asset[]; stylesheets: readonly Asset[] } = existsSync(
  new URL('./assets/build/editor.js', import.meta.url),
)
  ? {
      scripts: [hashed('editor', 'js', 'text/javascript; charset=utf-8', 'build/')],
      stylesheets: [hashed('editor', 'css', 'text/css; charset=utf-8', 'build/')],
    }
  : { scripts: [], stylesheets: [] };

/** Every asset the app serves, by URL path. */
export const assets: ReadonlyMap<string, Asset> = new Map([
  [stylesheet.path, stylesheet],
  [commentFormScript.path, commentFormScript],
  [navScript.path, navScript],
  [defaultShareImage.path, defaultShareImage],
  [favicon.path, favicon],
  [adminStylesheet.path, adminStylesheet],
  [adminScript.path, adminScript],
  [peopleFieldsScript.path, peopleFieldsScript],
  [peopleFieldsStylesheet.path, peopleFieldsStylesheet],
  [topicSuggestionsScript.path, topicSuggestionsScript],
  ...[...editorAssets.scripts, ...editorAssets.stylesheets].map((a) => [a.path, a] as const),
  [writingAidsScript.path, writingAidsScript],
  [deskAidsStylesheet.path, deskAidsStylesheet],
  [deskFlowScript.path, deskFlowScript],
  [mediaPickerScript.path, mediaPickerScript],
  [mediaPickerStylesheet.path, mediaPickerStylesheet],
]);
