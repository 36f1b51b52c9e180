import type { FormRefusal } from '../../../platform/http/form-refusal.ts';
import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';

/** One redirect as the screen lists it. */
export interface RedirectRow {
  from_path: string;
  to_path: string;
  status: number;
  is_external: number;
  created_at: string;
}

/** A form that came back with problems: which one, why, and what was typed. */
/** A refused form on the Redirects screen: "add" or "delete". */
export type RedirectFormProblem = FormRefusal;

const STATUS_NAMES: Record<number, string> = {
  301: '301 moved for good',
  302: '302 moved for now',
  410: '410 gone',
};

/**
 * The newsroom's Redirects screen ('redirect.manage'): every redirect, fifty to a page, a form to
 * add one and a button to delete each. Works without script.
 */
export function RedirectsPage(props: {
  chrome: AdminChrome;
  list: { items: RedirectRow[]; hasNext: boolean; total: number };
  page: number;
  notice?: string;
  problem?: RedirectFormProblem;
}) {
  const { chrome, list, page, problem } = props;
  const typed = (field: string, fallback: string) =>
    problem?.form === 'add' ? (problem.values[field] ?? fallback) : fallback;
  const fields = problem?.form === 'add' ? problem.fields : undefined;
  const status = typed('status', '301');
  return (
    <AdminLayout chrome={chrome} title="Redirects" current="redirects">
      <h1>Redirects</h1>
      <Notice text={props.notice} />
      <FormErrors
        fields={problem?.fields}
        {...(problem?.message !== undefined && { message: problem.message })}
      />
      <section aria-labelledby="add-redirect">
        <h2 id="add-redirect">Add a redirect</h2>
        <p class="hint">
          A redirect answers only where the address would otherwise be “not found”: a live page always wins.
          Chains are shortened to one hop, and a redirect that would lead back to itself is refused. Articles
          and tags that move add their own.
        </p>
        <form method="post" action="/admin/redirects">
          <CsrfField token={chrome.csrfToken} />
          <label for="field-from">From (a path on this site, such as /old-story/)</label>
          <input id="field-from" name="from" maxlength={2000} required value={typed('from', '')} />
          <FieldError fields={fields} name="from" />
          <label for="field-to">To (a path on this site; empty for 410 gone)</label>
          <input id="field-to" name="to" maxlength={2000} value={typed('to', '')} />
          <FieldError fields={fields} name="to" />
          <label for="field-external">
            <input
              id="field-external"
              type="checkbox"
              name="external"
              value="yes"
              checked={typed('external', '') === 'yes'}
            />{' '}
            External: “To” is another site's http(s) address
          </label>
          <FieldError fields={fields} name="external" />
          <label for="field-status">Status</label>
          <select id="field-status" name="status">
            {[301, 302, 410].map((s) => (
              <option value={String(s)} selected={status === String(s)}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
          <FieldError fields={fields} name="status" />
          <button type="submit">Save redirect</button>
        </form>
      </section>

      <section aria-labelledby="all-redirects">
        <h2 id="all-redirects">Every redirect ({String(list.total)})</h2>
        {list.items.length === 0 ? (
          <p>No redirects yet.</p>
        ) : (
          <table class="redirects">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                <th scope="col">Delete</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr>
                  <th scope="row">
                    <code>{r.from_path}</code>
                  </th>
                  <td>
                    {r.status === 410 ? '–' : <code>{r.to_path}</code>}
                    {r.is_external === 1 && ' (external)'}
                  </td>
                  <td>{STATUS_NAMES[r.status] ?? String(r.status)}</td>
                  <td>{r.created_at.slice(0, 10)}</td>
                  <td>
                    <form method="post" action="/admin/redirects/delete">
                      <CsrfField token={chrome.csrfToken} />
                      <input type="hidden" name="from" value={r.from_path} />
                      <button type="submit">Delete</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label="Pages of redirects" class="pager">
          {page > 1 && (
            <a href={page === 2 ? '/admin/redirects' : `/admin/redirects?page=${page - 1}`}>Previous page</a>
          )}{' '}
          {list.hasNext && <a href={`/admin/redirects?page=${page + 1}`}>Next page</a>}
        </nav>
      </section>
    </AdminLayout>
  );
}
