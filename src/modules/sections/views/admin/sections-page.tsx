import type { FormRefusal } from '../../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';
import { sectionPaths, type Section } from '../../repository.ts';

/**
 * The newsroom's Sections screen ('section.manage'): every desk in tree order with its article count,
 * a form that adds a section or updates the one with the slug typed, and a delete button for each
 * empty one. Works without script.
 */
export function SectionsPage(props: {
  chrome: AdminChrome;
  sections: (Section & { articles: number })[];
  notice?: string;
  problem?: FormRefusal;
}) {
  const { chrome, sections, problem } = props;
  const typed = (field: string) => (problem?.form === 'save' ? (problem.values[field] ?? '') : '');
  const fields = problem?.form === 'save' ? problem.fields : undefined;
  const parent = typed('parent');
  return (
    <AdminLayout chrome={chrome} title="Sections" current="sections">
      <h1>Sections</h1>
      <Notice text={props.notice} />
      <FormErrors
        fields={problem?.fields}
        {...(problem?.message !== undefined && { message: problem.message })}
      />
      <section aria-labelledby="save-section">
        <h2 id="save-section">Add or update a section</h2>
        <p class="hint">
          Sections nest one level (News › Politics). Typing the slug of an existing section updates its name,
          parent and description; its address stays the same.
        </p>
        <form method="post" action="/admin/sections">
          <CsrfField token={chrome.csrfToken} />
          <label for="section-name">Name</label>
          <input id="section-name" name="name" maxlength={80} required value={typed('name')} />
          <FieldError fields={fields} name="name" />
          <label for="section-slug">Slug (its address: /section/slug/)</label>
          <input id="section-slug" name="slug" maxlength={80} required value={typed('slug')} />
          <FieldError fields={fields} name="slug" />
          <label for="section-parent">Under</label>
          <select id="section-parent" name="parent">
            <option value="" selected={parent === ''}>
              Nothing: a top-level section
            </option>
            {sections
              .filter((s) => s.parent === null)
              .map((s) => (
                <option value={s.slug} selected={parent === s.slug}>
                  {s.name}
                </option>
              ))}
          </select>
          <FieldError fields={fields} name="parent" />
          <label for="section-description">Description (shown on its page and in search results)</label>
          <textarea id="section-description" name="description" maxlength={300} rows={3}>
            {typed('description')}
          </textarea>
          <FieldError fields={fields} name="description" />
          <button type="submit">Save section</button>
        </form>
      </section>

      <section aria-labelledby="all-sections">
        <h2 id="all-sections">Every section ({String(sections.length)})</h2>
        <table class="sections">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Slug</th>
              <th scope="col">Articles</th>
              <th scope="col">Delete</th>
            </tr>
          </thead>
          <tbody>
            {sections.map((s) => (
              <tr>
                <th scope="row">
                  {s.parent ? `${s.parent.name} › ` : ''}
                  <a href={sectionPaths(s.slug).page}>{s.name}</a>
                </th>
                <td>
                  <code>{s.slug}</code>
                </td>
                <td>{String(s.articles)}</td>
                <td>
                  <form method="post" action="/admin/sections/delete">
                    <CsrfField token={chrome.csrfToken} />
                    <input type="hidden" name="slug" value={s.slug} />
                    <button type="submit" aria-label={`Delete ${s.name}`}>
                      Delete
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminLayout>
  );
}
