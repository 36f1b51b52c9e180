import { raw } from 'hono/html';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { BODY_HTML_HINT } from '../../../../platform/render/body-html.ts';
import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';
import { fieldLimits } from '../../editor-form.ts';
import { formatStamp } from '../../local-time.ts';
import type { EditorState } from '../../newsroom.ts';
import { SelectField, TextArea, TextField } from './fields.tsx';
import { MoreSources } from './sources-fields.tsx';
import { AuthorsField, peopleFieldsAssets, TagsField } from './people-fields.tsx';
import type { Upload } from '../../../uploads/index.ts';
import {
  deskAidsStylesheet,
  deskFlowScript,
  editorAssets,
  mediaPickerScript,
  mediaPickerStylesheet,
  writingAidsScript,
} from '../../../../platform/render/assets.ts';
import type { SiteInfo } from '../../../../platform/render/layout.tsx';
import { HeadlineWarning, WritingAids } from './writing-aids.tsx';
import { DeskConflict, DeskNotes, DeskPresence, type DeskFlowView } from './desk-flow.tsx';
import { FeaturedImageField } from './featured-image-field.tsx';

/** What the editor page shows besides the article. */
export interface EditorPageProps {
  chrome: AdminChrome;
  state: EditorState;
  timeZone: string;
  fields?: FieldErrors | undefined;
  /** A problem with the whole form (an edit conflict), above the field list. */
  message?: string | undefined;
  notice?: string | undefined;
  /** The body's HTML as the article page shows it, for the script-free preview. */
  previewHtml?: string | undefined;
  /** Every author, chosen by name in the Authors field. */
  authorOptions: { slug: string; name: string }[];
  /** The newest uploads (and the chosen one), offered by the Featured image field without script. */
  recentUploads: Upload[];
  /** The tags that exist, to choose from. */
  tagOptions: string[];
  /** The sections, in menu order, with "News › Politics" labels. */
  sectionOptions: { slug: string; label: string }[];
  /** Whether this person creates new tag names ('tag.manage') or suggests them. */
  mayCreateTags: boolean;
  /** The site the article appears on, for the writing aids' search and share preview. */
  site?: SiteInfo | undefined;
  /** Presence, notes and a refused save's diff (desk-flow.tsx); absent for a new article. */
  desk?: DeskFlowView | undefined;
}

// A browser empties a datetime-local input whose value it cannot read: text it could not read
// comes back in a plain text input, so that the person sees what they typed.
const isLocalDateTime = (value: string) =>
  value === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value);

/** Which buttons a person gets for an article in this status. */
function buttonsFor(state: EditorState): ('save' | 'submit' | 'publish' | 'schedule' | 'unpublish')[] {
  if (!state.canPublish) return state.status === 'draft' ? ['save', 'submit'] : ['save'];
  switch (state.status) {
    case 'published':
      return ['publish', 'unpublish'];
    case 'scheduled':
      return ['save', 'publish', 'schedule', 'unpublish'];
    default:
      return ['save', 'publish', 'schedule'];
  }
}

const buttonLabels = {
  save: 'Save draft',
  submit: 'Submit for review',
  publish: 'Publish',
  schedule: 'Schedule',
  unpublish: 'Unpublish',
} as const;

const statusLabels = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
} as const;

/**
 * The section select's options. A value that is no section (a section the form was sent with, now
 * gone, or a forged one) stays selected as sent, so the error names what was chosen.
 */
function sectionChoices(
  sections: readonly { slug: string; label: string }[],
  value: string,
): { value: string; label: string }[] {
  const options = sections.map((s) => ({ value: s.slug, label: s.label }));
  if (value !== '' && !sections.some((s) => s.slug === value))
    options.unshift({ value, label: `${value} (no such section)` });
  return options;
}

/**
 * The article editor. Every action is a plain form post; the newsroom script adds the live preview,
 * autosave and the warning before leaving unsaved changes.
 */
export function EditorPage(props: EditorPageProps) {
  const { state, chrome, fields, timeZone } = props;
  const v = state.values;
  const isNew = state.id === null;
  const action = isNew ? '/admin/articles' : `/admin/articles/${state.id}`;
  const title = isNew ? 'New article' : `Edit “${v.title || 'Untitled'}”`;
  const buttons = buttonsFor(state);
  return (
    <AdminLayout
      chrome={chrome}
      title={title}
      current={isNew ? 'new-article' : 'articles'}
      scripts={[
        mediaPickerScript,
        ...peopleFieldsAssets.scripts,
        ...editorAssets.scripts,
        writingAidsScript,
        deskFlowScript,
      ]}
      stylesheets={[
        mediaPickerStylesheet,
        ...peopleFieldsAssets.stylesheets,
        ...editorAssets.stylesheets,
        deskAidsStylesheet,
      ]}
    >
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <DeskPresence editing={props.desk?.editing ?? []} />
      {props.desk?.conflict && <DeskConflict conflict={props.desk.conflict} timeZone={timeZone} />}
      {state.newerAutosave && state.id !== null && (
        <p class="notice" role="status">
          You have an autosave from {formatStamp(state.newerAutosave.createdAt, timeZone)} that is newer than
          this version.{' '}
          <a href={`/admin/articles/${state.id}/edit?autosave=${state.newerAutosave.id}`}>
            Restore the autosave
          </a>
        </p>
      )}
      {state.fromAutosave !== null && (
        <p class="notice" role="status">
          These are the values of your autosave. Nothing is saved until you press a button below.
        </p>
      )}
      <FormErrors fields={fields} {...(props.message !== undefined && { message: props.message })} />
      <form
        method="post"
        action={action}
        class="editor"
        data-editor=""
        data-preview-url="/admin/articles/preview"
        data-article-id={state.id === null ? 'new' : String(state.id)}
        {...(state.id !== null && {
          'data-desk-autosave-url': `/admin/articles/${state.id}/autosave`,
          'data-presence-url': `/admin/articles/${state.id}/presence`,
        })}
      >
        <CsrfField token={chrome.csrfToken} />
        <input type="hidden" name="version" value={state.version} />
        <div class="editor-grid">
          <div class="editor-main">
            <TextField
              name="title"
              label="Title"
              value={v.title}
              maxlength={fieldLimits.title}
              required
              fields={fields}
            />
            <HeadlineWarning title={v.title} />
            <TextField
              name="slug"
              label="Slug"
              value={v.slug}
              maxlength={fieldLimits.slug}
              hint="The article's address: lowercase words joined by hyphens. Left empty, it is made from the title."
              fields={fields}
            />
            <TextArea
              name="standfirst"
              label="Standfirst"
              value={v.standfirst}
              rows={3}
              maxlength={fieldLimits.standfirst}
              hint="One or two sentences under the headline."
              fields={fields}
            />
            {/* Dateline body HTML (platform/render/body-html.ts): the rich editor reads and writes this field. */}
            <TextArea
              name="body"
              label="Body"
              value={v.body}
              rows={24}
              class="body"
              hint={BODY_HTML_HINT}
              fields={fields}
            />
            {props.site && (
              <WritingAids
                title={v.title}
                standfirst={v.standfirst}
                slug={v.slug}
                body={v.body}
                site={props.site}
              />
            )}
            <section
              class="preview"
              id="preview"
              aria-labelledby="preview-heading"
              data-preview=""
              hidden={props.previewHtml === undefined}
            >
              <h2 id="preview-heading">Preview</h2>
              {/* Sanitised body HTML: what the article page shows. */}
              <div class="preview-body" data-preview-body="">
                {props.previewHtml !== undefined && raw(props.previewHtml)}
              </div>
            </section>
          </div>
          <div class="editor-side">
            <p>
              Status: <span class="status">{statusLabels[state.status]}</span>
              {state.reviewRequestedAt !== null && (
                <>
                  {' '}
                  <span class="status review">Ready for review</span>
                </>
              )}
              {state.status === 'scheduled' && state.publishedAt && (
                <> for {formatStamp(state.publishedAt, timeZone)}</>
              )}
              {state.status === 'published' && state.storedSlug && (
                <>
                  {' '}
                  · <a href={`/${state.storedSlug}/`}>View</a>
                </>
              )}
            </p>
            {state.id !== null && (
              <p>
                <a href={`/admin/articles/${state.id}/revisions`}>Revisions</a>
              </p>
            )}
            {state.id !== null && (
              <p>
                <a href={`/admin/articles/${state.id}/preview`}>Preview as readers see it</a>
              </p>
            )}
            <TextField
              name="publish_at"
              label="Publish at"
              type={isLocalDateTime(v.publish_at) ? 'datetime-local' : 'text'}
              value={v.publish_at}
              hint={`In the site's time zone (${timeZone}). Schedule needs a future time; Publish with an empty or past time publishes now.`}
              fields={fields}
            />
            <SelectField
              name="section"
              label="Section"
              value={v.section}
              options={sectionChoices(props.sectionOptions, v.section)}
              hint="Where the article is filed: its kicker, breadcrumbs and section page."
              fields={fields}
            />
            <TagsField
              value={v.tags}
              newValue={'new_tags' in v && typeof v.new_tags === 'string' ? v.new_tags : ''}
              tagNames={props.tagOptions}
              mayCreate={props.mayCreateTags}
              fields={fields}
            />
            <AuthorsField value={v.authors} roster={props.authorOptions} fields={fields} />
            <TextField
              name="source_name"
              label="Source name"
              value={v.source_name}
              maxlength={fieldLimits.source_name}
              hint="The outlet whose report this story is based on."
              fields={fields}
            />
            <TextField
              name="source_url"
              label="Source URL"
              inputmode="url"
              value={v.source_url}
              maxlength={fieldLimits.source_url}
              fields={fields}
            />
            <MoreSources text={v.more_sources} fields={fields} />
            <FeaturedImageField value={v.featured_image_id} uploads={props.recentUploads} fields={fields} />
            <TextField
              name="featured_image_alt"
              label="Featured image description"
              value={v.featured_image_alt}
              maxlength={fieldLimits.featured_image_alt}
              hint="What the image shows, for people who cannot see it."
              fields={fields}
            />
            <TextArea
              name="update_note"
              label="Update note"
              value={v.update_note}
              rows={2}
              maxlength={fieldLimits.update_note}
              hint="Shown as “Updated <date>: <note>” on the article. Leave empty for none."
              fields={fields}
            />
          </div>
        </div>
        <div class="actions">
          {buttons.map((b) => (
            <button
              type="submit"
              name="action"
              value={b}
              class={
                b === 'unpublish' ? 'danger' : b === 'save' && buttons.length > 1 ? 'secondary' : undefined
              }
            >
              {/* On a live article, publishing again updates the page readers see: "Update". */}
              {b === 'publish' && state.status === 'published' ? 'Update' : buttonLabels[b]}
            </button>
          ))}
          <button type="submit" name="action" value="preview" class="secondary" formnovalidate>
            Preview
          </button>
        </div>
        {state.status === 'published' && (
          <p class="hint">
            Readers see your changes only when you press Update; autosaves are kept aside until then.
          </p>
        )}
        <p class="hint" data-autosave-status="" role="status" aria-live="polite"></p>
      </form>
      {state.id !== null && props.desk && (
        <DeskNotes articleId={state.id} csrfToken={chrome.csrfToken} view={props.desk} timeZone={timeZone} />
      )}
      {state.id !== null && state.canDelete && (
        <form
          method="post"
          action={`/admin/articles/${state.id}/delete`}
          data-confirm="Delete this article for good, with its comments and revisions?"
        >
          <CsrfField token={chrome.csrfToken} />
          <button type="submit" class="danger">
            Delete
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
