import { AdminLayout, type AdminChrome } from '../../../platform/render/admin-layout.tsx';

/** One audit line as the screen shows it. */
export interface AuditRow {
  id: number;
  user_id: number | null;
  user_name: string;
  action: string;
  subject: string;
  detail: string;
  created_at: string;
}

/** Where a subject lives in the newsroom, when it has a page there. */
function subjectHref(subject: string): string | undefined {
  const match = /^(article|author|upload|import):([1-9][0-9]*)$/.exec(subject);
  if (!match) return undefined;
  const [, kind, id] = match;
  if (kind === 'article') return `/admin/articles/${id}/edit`;
  if (kind === 'author') return `/admin/authors/${id}/edit`;
  if (kind === 'import') return `/admin/import/${id}`;
  return `/admin/uploads#upload-${id}`;
}

function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** The detail JSON as "key: value" lines; text that is not a JSON object is shown as it is. */
function Detail({ json }: { json: string }) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return <>{showValue(json)}</>;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return <>{showValue(value)}</>;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return null;
  return (
    <dl class="audit-detail">
      {entries.map(([key, v]) => (
        <>
          <dt>{key}</dt>
          <dd>{showValue(v)}</dd>
        </>
      ))}
    </dl>
  );
}

/** The audit log, newest first: who did what to which thing, and when. */
export function AuditPage(props: {
  chrome: AdminChrome;
  rows: AuditRow[];
  olderThan?: number;
  isFirstPage: boolean;
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Audit log" current="audit">
      <h1>Audit log</h1>
      <p>Who published, unpublished or deleted what, and who changed which setting. Newest first.</p>
      {props.rows.length === 0 ? (
        <p>{props.isFirstPage ? 'Nothing has been recorded yet.' : 'There are no older entries.'}</p>
      ) : (
        <table class="audit">
          <caption class="sr-only">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const href = subjectHref(row.subject);
              return (
                <tr id={`audit-${row.id}`}>
                  <td>
                    <time datetime={row.created_at}>{row.created_at.slice(0, 19).replace('T', ' ')} UTC</time>
                  </td>
                  <td>{row.user_name}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>{href ? <a href={href}>{row.subject}</a> : row.subject}</td>
                  <td>
                    <Detail json={row.detail} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav aria-label="Audit log pages">
        <ul class="pager">
          {!props.isFirstPage && (
            <li>
              <a href="/admin/audit">Newest entries</a>
            </li>
          )}
          {props.olderThan !== undefined && (
            <li>
              <a href={`/admin/audit?before=${props.olderThan}`} rel="next">
                Older entries
              </a>
            </li>
          )}
        </ul>
      </nav>
    </AdminLayout>
  );
}
