import { cleanLabel } from '../../platform/text.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { isSlug } from '../../platform/render/slug.ts';
import { readId } from '../../platform/validation.ts';
import {
  MAX_SOURCES,
  readMoreSources,
  SOURCE_NAME_MAX_CHARS,
  SOURCE_URL_MAX_CHARS,
  sourceLine,
  type ArticleSource,
} from './sources.ts';

/** What the editor's fields hold, as typed: the form is re-rendered from these, never losing a word. */
export interface EditorValues {
  title: string;
  slug: string;
  standfirst: string;
  body: string;
  /** The primary section's slug, from the section select. */
  section: string;
  /** Comma-separated tag names. */
  tags: string;
  /**
   * Comma-separated authors in byline order: their names as the Authors field shows them (or slugs,
   * as revisions keep them and the Authors combobox writes them).
   */
  authors: string;
  /** The first source: the "Source name" and "Source URL" fields. */
  source_name: string;
  source_url: string;
  /**
   * Every further source as typed, one a line, its name and address separated by a tab
   * (sources.ts). The form shows each as a numbered pair, "Source name 2" and "Source URL 2" on.
   */
  more_sources: string;
  /** datetime-local text in the site's time zone. */
  publish_at: string;
  update_note: string;
  featured_image_id: string;
  featured_image_alt: string;
}

/**
 * The editor's buttons: "Save draft", "Submit for review" (a draft, marked ready for an editor),
 * "Publish" ("Update" on a live article), "Schedule", "Unpublish", and the script-free preview.
 */
export type EditorAction = 'save' | 'submit' | 'publish' | 'schedule' | 'unpublish' | 'preview';

/**
 * A posted form's values: the editor's, and the names the person chose to create as new tags ("Create
 * tag" in the Tags combobox, or the New tags field). Only a post carries them: no revision keeps them.
 */
export type PostedValues = EditorValues & { new_tags: string };

/** The longest New tags field, as for Tags. */
export const NEW_TAGS_MAX_CHARS = 4000;

/** A posted editor form. */
export interface EditorForm {
  values: PostedValues;
  action: EditorAction;
  /** The version the person loaded; empty for a new article. */
  version: string;
}

/** The fields, in the order the form shows them. */
export const editorFields = [
  'title',
  'slug',
  'standfirst',
  'body',
  'section',
  'tags',
  'authors',
  'source_name',
  'source_url',
  'more_sources',
  'publish_at',
  'update_note',
  'featured_image_id',
  'featured_image_alt',
] as const satisfies readonly (keyof EditorValues)[];

/**
 * The longest article body, in characters of Markdown: 512 Ki, some 80,000 words, several times the
 * longest long read. The limit keeps one body's render (and each of its revisions) bounded.
 */
export const ARTICLE_BODY_MAX_CHARS = 512 * 1024;

/** How long each field may be: the browser's maxlength and the server's check agree. */
export const fieldLimits: Record<keyof EditorValues, number> = {
  title: 300,
  slug: 120,
  standfirst: 1000,
  body: ARTICLE_BODY_MAX_CHARS,
  section: 80,
  tags: 4000,
  authors: 2000,
  source_name: SOURCE_NAME_MAX_CHARS,
  source_url: SOURCE_URL_MAX_CHARS,
  more_sources: (MAX_SOURCES - 1) * (SOURCE_NAME_MAX_CHARS + SOURCE_URL_MAX_CHARS + 2),
  publish_at: 20,
  update_note: 500,
  featured_image_id: 12,
  featured_image_alt: 300,
};

/** The editor's rule for an original-source address: http:// or https:// and no spaces. */
export function isSourceUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

/** An empty editor. */
export function blankValues(overrides: Partial<EditorValues> = {}): EditorValues {
  const values = Object.fromEntries(editorFields.map((f) => [f, ''])) as unknown as EditorValues;
  return { ...values, ...overrides };
}

const actions = new Set<EditorAction>(['save', 'submit', 'publish', 'schedule', 'unpublish', 'preview']);

// A form field as text: a repeated field (a forged form) counts as its first value.
function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'number') return String(first);
  return '';
}

/** Reads a posted editor form (urlencoded or JSON). Anything missing is empty; nothing here throws. */
export function readEditorForm(body: unknown): EditorForm {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values = Object.fromEntries(
    [...editorFields, 'new_tags'].map((f) => [f, text(record, f)]),
  ) as unknown as PostedValues;
  // Browsers send textareas with CRLF line ends; the stored Markdown uses LF.
  values.body = values.body.replace(/\r\n?/g, '\n');
  // Further sources come as numbered pairs; a pair left empty is dropped, so clearing a row removes
  // that source, and the rest close up in the order they were given.
  const more: string[] = [];
  for (let n = 2; n <= MAX_SOURCES; n += 1) {
    const name = text(record, `source_name_${n}`);
    const url = text(record, `source_url_${n}`);
    if (name.trim() !== '' || url.trim() !== '') more.push(sourceLine(name, url));
  }
  values.more_sources = more.join('\n');
  const action = text(record, 'action');
  return {
    values,
    action: actions.has(action as EditorAction) ? (action as EditorAction) : 'save',
    version: text(record, 'version'),
  };
}

/** Comma-separated text → trimmed, non-empty items. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The checked shape of an editor form, before the database is asked anything. */
export interface CheckedEditor {
  title: string;
  slug: string | undefined;
  standfirst: string;
  body: string;
  /** Undefined keeps the article's section (a new article goes in the first one). */
  sectionSlug: string | undefined;
  /** The Tags field as sent: split against the known tag names when the database is at hand. */
  tagsText: string;
  /** The New tags field: names created on purpose (by those who may), or suggested. */
  newTagsText: string;
  /** The Authors field as sent: names or slugs, in byline order. */
  authorsText: string;
  /** The sources in reading order: the first pair, then the numbered ones; empty pairs left out. */
  sources: ArticleSource[];
  publishAt: string | undefined;
  updateNote: string | null;
  featuredImage: { id: number; alt: string } | null;
}

/**
 * Checks what the form can tell alone: lengths, shapes, pairs of fields. `toUtc` reads "Publish at"
 * in the site's time zone. Returns every problem at once, by field name.
 */
export function checkEditorValues(
  values: EditorValues & { new_tags?: string },
  toUtc: (local: string) => string | undefined,
): { ok: true; value: CheckedEditor } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  for (const name of editorFields) {
    if (values[name].length > fieldLimits[name])
      fields[name] = `is too long: at most ${fieldLimits[name].toLocaleString('en')} characters`;
  }
  const title = cleanLabel(values.title);
  if (title === '') fields.title ??= 'is required';
  const slug = values.slug.trim().toLowerCase();
  if (slug !== '' && !isSlug(slug))
    fields.slug ??= 'may hold only lowercase letters, digits and single hyphens between them';
  const sectionSlug = values.section.trim();
  if (sectionSlug !== '' && !isSlug(sectionSlug)) fields.section ??= 'choose a section from the list';
  const newTags = values.new_tags ?? '';
  if (newTags.length > NEW_TAGS_MAX_CHARS)
    fields.new_tags = `is too long: at most ${NEW_TAGS_MAX_CHARS.toLocaleString('en')} characters`;
  // Counted by commas here; a known name with a comma in it ("Paris, Texas") is kept whole later.
  const tagNames = [...splitList(values.tags), ...splitList(newTags)];
  if (tagNames.length > 50) fields.tags ??= 'at most 50 tags';
  if (tagNames.some((t) => t.length > 80)) fields.tags ??= 'each tag is at most 80 characters';
  const authorLabels = splitList(values.authors);
  if (authorLabels.length > 20) fields.authors ??= 'at most 20 authors';
  if (authorLabels.some((a) => a.length > 200)) fields.authors ??= 'each name is at most 200 characters';
  // Each pair follows the first pair's rules, its errors named after its own fields.
  const sources: ArticleSource[] = [];
  const pairs = [
    { name: values.source_name, url: values.source_url, suffix: '' },
    ...readMoreSources(values.more_sources).map((pair, i) => ({ ...pair, suffix: `_${i + 2}` })),
  ];
  if (pairs.length > MAX_SOURCES) fields.more_sources ??= `at most ${MAX_SOURCES} sources`;
  for (const pair of pairs) {
    const nameField = `source_name${pair.suffix}`;
    const urlField = `source_url${pair.suffix}`;
    const sourceName = cleanLabel(pair.name);
    const sourceUrl = pair.url.trim();
    if (pair.name.length > SOURCE_NAME_MAX_CHARS)
      fields[nameField] ??= `is too long: at most ${SOURCE_NAME_MAX_CHARS} characters`;
    if (pair.url.length > SOURCE_URL_MAX_CHARS)
      fields[urlField] ??= `is too long: at most ${SOURCE_URL_MAX_CHARS.toLocaleString('en')} characters`;
    if (sourceUrl !== '' && !isSourceUrl(sourceUrl))
      fields[urlField] ??= 'must be a web address starting with http:// or https://';
    if (sourceUrl !== '' && sourceName === '') fields[nameField] ??= 'is required when a source URL is given';
    if (sourceName !== '') sources.push({ name: sourceName, url: sourceUrl === '' ? null : sourceUrl });
  }
  let publishAt: string | undefined;
  if (values.publish_at.trim() !== '') {
    publishAt = toUtc(values.publish_at);
    if (publishAt === undefined) fields.publish_at ??= 'must be a date and time, like 2026-11-27T09:30';
  }
  let featuredImage: CheckedEditor['featuredImage'] = null;
  const imageId = values.featured_image_id.trim();
  const alt = values.featured_image_alt.trim();
  if (imageId !== '') {
    const id = readId(imageId);
    if (id === undefined) fields.featured_image_id ??= 'choose an image from the list';
    else if (alt === '')
      fields.featured_image_alt ??= 'is required with an image: describe it for people who cannot see it';
    else featuredImage = { id, alt };
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const note = values.update_note.trim();
  return {
    ok: true,
    value: {
      title,
      slug: slug === '' ? undefined : slug,
      standfirst: values.standfirst.trim(),
      body: values.body,
      sectionSlug: sectionSlug === '' ? undefined : sectionSlug,
      tagsText: values.tags,
      newTagsText: newTags,
      authorsText: values.authors,
      sources,
      publishAt,
      updateNote: note === '' ? null : note,
      featuredImage,
    },
  };
}
