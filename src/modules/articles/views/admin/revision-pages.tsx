import {
  AdminLayout,
  CsrfField,
  FormErrors,
  type AdminChrome,
} from '../../../../platform/render/admin-layout.tsx';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { formatStamp } from '../../local-time.ts';
import type { RevisionSummary } from '../../newsroom.ts';
import type { FieldDiff } from '../../revisions.ts';

function kindOf(revision: RevisionSummary): string {
  if (revision.kind === 'autosave') return 'Autosave';
  return revision.restoredFrom !== null ? `Restore of revision ${revision.restoredFrom}` : 'Save';
}

/** Every revision of an article: who, when, what kind. */
export function RevisionListPage(props: {
  chrome: AdminChrome;
  articleId: number;
  title: string;
  revisions: RevisionSummary[];
  timeZone: string;
}) {
  const { articleId, timeZone } = props;
  return (
    <AdminLayout chrome={props.chrome} title={`Revisions of “${props.title}”`} current="articles">
      <h1>Revisions of “{props.title}”</h1>
      <p>
        <a href={`/admin/articles/${articleId}/edit`}>Back to the editor</a>
      </p>
      {props.revisions.length === 0 ? (
        <p>No revisions yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Kind</th>
              <th scope="col">Status then</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/articles/${articleId}/revisions/${r.id}`}>Revision {r.id}</a>
                </td>
                <td>
                  <time datetime={r.createdAt}>{formatStamp(r.createdAt, timeZone)}</time>
                </td>
                <td>{r.userName ?? 'dateline command'}</td>
                <td>{kindOf(r)}</td>
                <td>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** One revision against the current text: what the revision had is struck out, what is new now is marked. */
export function RevisionDiffPage(props: {
  chrome: AdminChrome;
  articleId: number;
  title: string;
  revision: RevisionSummary;
  diffs: FieldDiff[];
  timeZone: string;
  fields?: FieldErrors | undefined;
  message?: string | undefined;
}) {
  const { articleId, revision, diffs } = props;
  const changed = diffs.filter((d) => d.isChanged);
  const unchanged = diffs.filter((d) => !d.isChanged);
  return (
    <AdminLayout
      chrome={props.chrome}
      title={`Revision ${revision.id} of “${props.title}”`}
      current="articles"
    >
      <h1>
        Revision {revision.id} of “{props.title}”
      </h1>
      <p>
        {kindOf(revision)} by {revision.userName ?? 'dateline command'},{' '}
        <time datetime={revision.createdAt}>{formatStamp(revision.createdAt, props.timeZone)}</time>.{' '}
        <a href={`/admin/articles/${articleId}/revisions`}>All revisions</a> ·{' '}
        <a href={`/admin/articles/${articleId}/edit`}>Back to the editor</a>
      </p>
      <FormErrors fields={props.fields} {...(props.message !== undefined && { message: props.message })} />
      {revision.bodyFormat === 'markdown' && (
        <p class="hint">
          This revision's body is Markdown, written before bodies were kept as HTML; a restore converts it.
        </p>
      )}
      <p class="hint">
        Compared with the current text: <del>struck out</del> is only in this revision, <ins>marked</ins> is
        only in the current text.
      </p>
      {changed.length === 0 && <p>This revision is the same as the current text.</p>}
      {changed.map((d) => (
        <section class="diff-field">
          <h2>{d.label}</h2>
          <div class="diff">
            {d.parts.map((part) =>
              part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : part.value,
            )}
          </div>
        </section>
      ))}
      {unchanged.length > 0 && changed.length > 0 && (
        <p class="hint">Unchanged: {unchanged.map((d) => d.label).join(', ')}.</p>
      )}
      <form
        method="post"
        action={`/admin/articles/${articleId}/revisions/${revision.id}/restore`}
        data-confirm="Make this revision the article's text again? The current text stays in the revisions."
      >
        <CsrfField token={props.chrome.csrfToken} />
        <button type="submit">Restore this revision</button>
      </form>
    </AdminLayout>
  );
}
