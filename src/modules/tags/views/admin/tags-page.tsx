import type { FormRefusal } from '../../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';

/** One tag as the screen lists it. */
export interface TagRow {
  id: number;
  slug: string;
  name: string;
  article_count: number;
}

/** One pending suggestion. */
export interface SuggestionRow {
  article_id: number;
  slug: string;
  name: string;
  article_title: string;
  suggested_by_name: string | null;
}

/** A form that came back with problems: which one, why, and what was typed. */
/** A refused form on the Tags screen: "create", "rename-<id>", "merge-<id>". */
export type TagFormProblem = FormRefusal;

/**
 * The newsroom's Tags screen ('tag.manage'): add, rename, merge and delete tags, and approve or
 * reject the tags contributors suggested. Every form works without script.
 */
export function TagsPage(props: {
  chrome: AdminChrome;
  tags: TagRow[];
  suggestions: SuggestionRow[];
  notice?: string;
  problem?: TagFormProblem;
}) {
  const { chrome, tags, suggestions, problem } = props;
  const typed = (form: string, field: string, fallback: string) =>
    problem?.form === form ? (problem.values[field] ?? fallback) : fallback;
  const fieldsOf = (form: string) => (problem?.form === form ? problem.fields : undefined);
  return (
    <AdminLayout chrome={chrome} title="Tags" current="tags">
      <h1>Tags</h1>
      <Notice text={props.notice} />
      <FormErrors
        fields={problem?.fields}
        {...(problem?.message !== undefined && { message: problem.message })}
      />
      <section aria-labelledby="suggested">
        <h2 id="suggested">Suggested tags</h2>
        {suggestions.length === 0 ? (
          <p>No suggestions are waiting.</p>
        ) : (
          <table class="tag-suggestions">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Article</th>
                <th scope="col">Suggested by</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {suggestions.map((s) => (
                <tr>
                  <td>{s.name}</td>
                  <td>
                    <a href={`/admin/articles/${s.article_id}/edit`}>{s.article_title}</a>
                  </td>
                  <td>{s.suggested_by_name ?? '–'}</td>
                  <td>
                    <form method="post" action="/admin/tags/suggestions/approve" class="inline">
                      <CsrfField token={chrome.csrfToken} />
                      <input type="hidden" name="article_id" value={String(s.article_id)} />
                      <input type="hidden" name="slug" value={s.slug} />
                      <button type="submit">Approve</button>
                    </form>{' '}
                    <form method="post" action="/admin/tags/suggestions/reject" class="inline">
                      <CsrfField token={chrome.csrfToken} />
                      <input type="hidden" name="article_id" value={String(s.article_id)} />
                      <input type="hidden" name="slug" value={s.slug} />
                      <button type="submit">Reject</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="add-tag">
        <h2 id="add-tag">Add a tag</h2>
        <form method="post" action="/admin/tags">
          <CsrfField token={chrome.csrfToken} />
          <label for="field-name">Name</label>
          <input id="field-name" name="name" maxlength={80} required value={typed('create', 'name', '')} />
          <FieldError fields={fieldsOf('create')} name="name" />
          <button type="submit">Add tag</button>
        </form>
      </section>

      <section aria-labelledby="all-tags">
        <h2 id="all-tags">Every tag</h2>
        <p class="hint">
          Renaming to a new slug, and merging, keep the old address working: it redirects to the new one.
          Deleting removes the tag from its articles, and its address answers “not found”.
        </p>
        <table class="tags">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Articles</th>
              <th scope="col">Rename</th>
              <th scope="col">Merge into</th>
              <th scope="col">Delete</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr id={`tag-${t.id}`}>
                <th scope="row">
                  {t.name} <code>{t.slug}</code>
                </th>
                <td>{String(t.article_count)}</td>
                <td>
                  <form method="post" action={`/admin/tags/${t.id}/rename`}>
                    <CsrfField token={chrome.csrfToken} />
                    <label for={`rename-${t.id}-name`}>Name</label>
                    <input
                      id={`rename-${t.id}-name`}
                      name="name"
                      maxlength={80}
                      value={typed(`rename-${t.id}`, 'name', t.name)}
                    />
                    <label for={`rename-${t.id}-slug`}>Slug</label>
                    <input
                      id={`rename-${t.id}-slug`}
                      name="slug"
                      maxlength={200}
                      value={typed(`rename-${t.id}`, 'slug', t.slug)}
                    />
                    <FieldError fields={fieldsOf(`rename-${t.id}`)} name="name" />
                    <FieldError fields={fieldsOf(`rename-${t.id}`)} name="slug" />
                    <button type="submit">Rename</button>
                  </form>
                </td>
                <td>
                  {tags.length > 1 && (
                    <form method="post" action={`/admin/tags/${t.id}/merge`}>
                      <CsrfField token={chrome.csrfToken} />
                      <label for={`merge-${t.id}-into`}>Into</label>
                      <select id={`merge-${t.id}-into`} name="into">
                        {tags
                          .filter((o) => o.id !== t.id)
                          .map((o) => (
                            <option
                              value={String(o.id)}
                              selected={typed(`merge-${t.id}`, 'into', '') === String(o.id)}
                            >
                              {o.name}
                            </option>
                          ))}
                      </select>
                      <FieldError fields={fieldsOf(`merge-${t.id}`)} name="into" />
                      <button type="submit">Merge</button>
                    </form>
                  )}
                </td>
                <td>
                  <form method="post" action={`/admin/tags/${t.id}/delete`}>
                    <CsrfField token={chrome.csrfToken} />
                    <button type="submit">Delete</button>
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
