import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import type { BodyFormat } from '../../platform/render/markdown-renderer.ts';
import { blankValues, type EditorValues } from './editor-form.ts';
import { moreSourcesText, type ArticleSource } from './sources.ts';

/** The fields a revision keeps: everything the editor edits except the publishing time. */
export type RevisionFields = Omit<EditorValues, 'publish_at'>;

/** One revision's JSON: the editable fields, how the body was written, and where the article stood then. */
export interface Snapshot {
  fields: RevisionFields;
  /** How `fields.body` is read. Absent in revisions kept before body formats existed: Markdown. */
  body_format: BodyFormat;
  status: ArticleStatus;
  published_at: string | null;
  /** Set when this save restored an earlier revision. */
  restored_from?: number;
}

/** The revision fields, in the order a diff shows them, with their labels. */
export const revisionFieldLabels: [keyof RevisionFields, string][] = [
  ['title', 'Title'],
  ['slug', 'Slug'],
  ['standfirst', 'Standfirst'],
  ['body', 'Body'],
  ['section', 'Section'],
  ['tags', 'Tags'],
  ['authors', 'Authors'],
  ['source_name', 'Source name'],
  ['source_url', 'Source URL'],
  ['more_sources', 'More sources'],
  ['update_note', 'Update note'],
  ['featured_image_id', 'Featured image'],
  ['featured_image_alt', 'Featured image description'],
];

/** A stored article's editable fields, as the editor shows them. */
export function fieldsOf(
  row: {
    title: string;
    slug: string;
    standfirst: string;
    body_markdown: string;
    update_note: string | null;
    featured_image_id: number | null;
    featured_image_alt: string | null;
  },
  bylines: readonly { slug: string }[],
  tags: readonly { name: string }[],
  section: { slug: string } | null = null,
  sources: readonly ArticleSource[] = [],
): RevisionFields {
  return {
    title: row.title,
    slug: row.slug,
    standfirst: row.standfirst,
    body: row.body_markdown,
    section: section?.slug ?? '',
    tags: tags.map((t) => t.name).join(', '),
    authors: bylines.map((a) => a.slug).join(', '),
    source_name: sources[0]?.name ?? '',
    source_url: sources[0]?.url ?? '',
    more_sources: moreSourcesText(sources.slice(1)),
    update_note: row.update_note ?? '',
    featured_image_id: row.featured_image_id === null ? '' : String(row.featured_image_id),
    featured_image_alt: row.featured_image_alt ?? '',
  };
}

/** Reads a stored snapshot; a damaged one reads as empty fields rather than breaking the page. */
export function parseSnapshot(text: string): Snapshot {
  let raw: Partial<Snapshot> = {};
  try {
    raw = JSON.parse(text) as Partial<Snapshot>;
  } catch {
    // Fall through to the empty snapshot.
  }
  const blank = blankValues();
  const source = (raw.fields ?? {}) as Partial<Record<string, unknown>>;
  const fields = Object.fromEntries(
    revisionFieldLabels.map(([name]) => [
      name,
      typeof source[name] === 'string' ? source[name] : blank[name],
    ]),
  ) as unknown as RevisionFields;
  return {
    fields,
    body_format: raw.body_format === 'html' ? 'html' : 'markdown',
    status: raw.status ?? 'draft',
    published_at: raw.published_at ?? null,
    ...(typeof raw.restored_from === 'number' && { restored_from: raw.restored_from }),
  };
}

/** One field's changes from a revision to the current text. */
export interface FieldDiff {
  field: keyof RevisionFields;
  label: string;
  isChanged: boolean;
  parts: ChangeObject<string>[];
}

// A word diff reads best for prose, but its cost grows with the square of the edits; past this
// many it falls back to whole lines, which is what a huge rewrite shows best anyway.
const MAX_WORD_EDITS = 2000;

/** The diff of every field, from `from` (the revision) to `to` (the current text). */
export function diffFields(from: RevisionFields, to: RevisionFields): FieldDiff[] {
  return revisionFieldLabels.map(([field, label]) => {
    const before = from[field];
    const after = to[field];
    if (before === after)
      return {
        field,
        label,
        isChanged: false,
        parts: [{ value: after, added: false, removed: false, count: 1 }],
      };
    const parts =
      diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS }) ?? diffLines(before, after);
    return { field, label, isChanged: true, parts };
  });
}

/** How many of an article's newest autosaves are all kept; before them, one an hour. */
export const AUTOSAVES_KEPT = 20;

/**
 * Which autosaves to drop so that an article keeps its newest `AUTOSAVES_KEPT` and, before them, the
 * newest of each hour (UTC): the text as it stood an hour, a day or a month ago, without a copy every
 * twenty seconds. Saves are never passed here; they are all kept. `newestFirst` is by id, descending.
 */
export function autosavesToDrop(newestFirst: readonly { id: number; created_at: string }[]): number[] {
  const hours = new Set<string>();
  const drop: number[] = [];
  for (const revision of newestFirst.slice(AUTOSAVES_KEPT)) {
    const hour = revision.created_at.slice(0, 13);
    if (hours.has(hour)) drop.push(revision.id);
    else hours.add(hour);
  }
  return drop;
}
