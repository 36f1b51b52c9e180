import { editorAssets } from '../../../platform/render/assets.ts';
import type { FormRefusal } from '../../../platform/http/form-refusal.ts';
import { formatDate } from '../../../platform/render/html.ts';
import { BODY_HTML_HINT } from '../../../platform/render/body-html.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { Page, PageRevision } from '../service.ts';

/** The form's values as text: a stored page's, or what was typed. */
export interface PageFormValues {
  title: string;
  slug: string;
  parent: string;
  description: string;
  body: string;
  status: string;
}

/** The values of a stored page, or of a new one. */
export function formValuesOf(page: Page | undefined): PageFormValues {
  return {
    title: page?.title ?? '',
    slug: page?.slug ?? '',
    parent: page?.parent?.slug ?? '',
    description: page?.description ?? '',
    body: page?.body ?? '',
    status: page?.status ?? 'draft',
  };
}

/** The Pages screen: every standing page, each top-level one followed by those under it. */
export function PagesList(props: { chrome: AdminChrome; pages: Page[]; notice?: string | undefined }) {
  return (
    <AdminLayout chrome={props.chrome} title="Pages" current="pages">
      <h1>Pages</h1>
      <Notice text={props.notice} />
      <p>
        Standing pages (About, Contact, policies) live at their own address, such as /about/ or
        /about/contact/. They have no byline, date or comments, and are not in feeds.{' '}
        <a href="/admin/pages/new">New page</a>
      </p>
      {props.pages.length === 0 ? (
        <p>No pages yet.</p>
      ) : (
        <table class="pages">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Last saved</th>
            </tr>
          </thead>
          <tbody>
            {props.pages.map((p) => (
              <tr>
                <th scope="row">
                  {p.parent ? '↳ ' : ''}
                  <a href={`/admin/pages/${p.id}/edit`}>{p.title}</a>
                </th>
                <td>
                  <code>{p.path}</code>
                </td>
                <td>{p.status === 'published' ? 'Published' : 'Draft'}</td>
                <td>{p.updatedAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

function Text(props: {
  name: keyof PageFormValues;
  label: string;
  values: PageFormValues;
  fields: Record<string, string> | undefined;
  hint?: string;
  maxlength: number;
  required?: boolean;
}) {
  const error = props.fields?.[props.name];
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <input
        id={`field-${props.name}`}
        name={props.name}
        value={props.values[props.name]}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={props.hint ? `hint-${props.name}` : undefined}
      />
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      <FieldError fields={props.fields} name={props.name} />
    </div>
  );
}

/** The new-page and edit-page form, with the page's earlier revisions when it has any. */
export function PageForm(props: {
  chrome: AdminChrome;
  timezone: string;
  page: Page | undefined;
  values: PageFormValues;
  parents: Page[];
  revisions: PageRevision[];
  problem?: FormRefusal | undefined;
  notice?: string | undefined;
}) {
  const { page, values, problem } = props;
  const fields = problem?.fields;
  const heading = page ? `Edit page: ${page.title}` : 'New page';
  return (
    <AdminLayout
      chrome={props.chrome}
      title={heading}
      current="pages"
      scripts={editorAssets.scripts}
      stylesheets={editorAssets.stylesheets}
    >
      <h1>{heading}</h1>
      <p>
        <a href="/admin/pages">All pages</a>
        {page?.status === 'published' && (
          <>
            {' · '}
            <a href={page.path}>View {page.path}</a>
          </>
        )}
      </p>
      <Notice text={props.notice} />
      <FormErrors fields={fields} {...(problem?.message !== undefined && { message: problem.message })} />
      <form method="post" action={page ? `/admin/pages/${page.id}` : '/admin/pages'}>
        <CsrfField token={props.chrome.csrfToken} />
        <Text name="title" label="Title" values={values} fields={fields} maxlength={200} required />
        <Text
          name="slug"
          label="Slug"
          values={values}
          fields={fields}
          maxlength={80}
          required
          hint="The page's address: lowercase letters, digits and hyphens (about → /about/). Changing a published page's slug leaves a redirect from the old address."
        />
        <div class="field">
          <label for="field-parent">Parent page</label>
          <select id="field-parent" name="parent" aria-describedby="hint-parent">
            <option value="" selected={values.parent === ''}>
              None: a top-level page
            </option>
            {props.parents
              .filter((p) => p.parent === null && p.id !== page?.id)
              .map((p) => (
                <option value={p.slug} selected={values.parent === p.slug}>
                  {p.title} ({p.path})
                </option>
              ))}
            {values.parent !== '' && !props.parents.some((p) => p.slug === values.parent) && (
              <option value={values.parent} selected>
                {values.parent}
              </option>
            )}
          </select>
          <p class="hint" id="hint-parent">
            Pages nest one level: /about/contact/ is Contact under About.
          </p>
          <FieldError fields={fields} name="parent" />
        </div>
        <Text
          name="description"
          label="Description (optional)"
          values={values}
          fields={fields}
          maxlength={300}
          hint="What search engines show; the page's opening words when empty."
        />
        <div class="field">
          <label for="field-body">Body</label>
          <textarea
            id="field-body"
            name="body"
            rows={18}
            aria-invalid={fields?.body ? 'true' : undefined}
            aria-describedby="hint-body"
          >
            {/* The parser drops one newline right after <textarea>: this one, never the text's own. */}
            {`\n${values.body}`}
          </textarea>
          <p class="hint" id="hint-body">
            {BODY_HTML_HINT}
          </p>
          <FieldError fields={fields} name="body" />
        </div>
        <div class="field">
          <label for="field-status">Status</label>
          <select id="field-status" name="status">
            <option value="draft" selected={values.status !== 'published'}>
              Draft: only the newsroom sees it
            </option>
            <option value="published" selected={values.status === 'published'}>
              Published
            </option>
          </select>
          <FieldError fields={fields} name="status" />
        </div>
        <button type="submit">Save page</button>
      </form>
      {page && (
        <section aria-labelledby="revisions">
          <h2 id="revisions">Revisions</h2>
          {props.revisions.length === 0 ? (
            <p>No revisions yet.</p>
          ) : (
            <ol class="revisions">
              {props.revisions.map((r) => (
                <li>
                  <time datetime={r.createdAt}>{formatDate(r.createdAt, props.timezone)}</time>{' '}
                  {r.createdAt.slice(11, 16)} UTC, {r.savedBy ?? 'dateline command'}: “{r.title}” at{' '}
                  <code>{r.parent ? `/${r.parent}/${r.slug}/` : `/${r.slug}/`}</code>,{' '}
                  {r.status === 'published' ? 'published' : 'draft'}, {String(r.body.length)} characters
                  {r.bodyFormat === 'markdown' && ' of Markdown'}
                  <details>
                    <summary>Body at this revision</summary>
                    <pre>{r.body}</pre>
                  </details>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </AdminLayout>
  );
}
