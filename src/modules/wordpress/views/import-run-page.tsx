import {
  AdminLayout,
  CsrfField,
  FormErrors,
  Notice,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { ImportRun } from '../runs.ts';
import { ImportReportView } from './import-report.tsx';
import { phaseLabel, stamp } from './import-page.tsx';

/** How often a run's page reloads while the work goes on. */
export const REFRESH_SECONDS = 2;

function Progress({ run, updates }: { run: ImportRun; updates: boolean }) {
  const label = run.phase === 'checking' ? 'Checking the export' : 'Importing';
  const share = run.total > 0 ? Math.min(1, run.progress / run.total) : 0;
  const percent = `${Math.floor(share * 100)}%`;
  return (
    <div class="import-progress">
      <label for="import-progress">{label}</label>
      {run.total > 0 ? (
        <progress
          id="import-progress"
          max={String(run.total)}
          value={String(Math.min(run.progress, run.total))}
        >
          {percent}
        </progress>
      ) : (
        <progress id="import-progress">Working…</progress>
      )}{' '}
      <span>{percent}</span>
      <p class="hint">
        {updates ? (
          <>
            This page reloads every {String(REFRESH_SECONDS)} seconds until the work is done; you may leave it
            and come back. <a href={`/admin/import/${run.id}?updates=off`}>Stop reloading</a>
          </>
        ) : (
          <>
            This page no longer reloads by itself. <a href={`/admin/import/${run.id}`}>Reload it</a> to see
            how far the work has gone.
          </>
        )}
      </p>
    </div>
  );
}

function StartForm({ run, csrfToken }: { run: ImportRun; csrfToken: string }) {
  const again = run.phase === 'failed';
  return (
    <form method="post" action={`/admin/import/${run.id}/run`} class="import-start">
      <CsrfField token={csrfToken} />
      <p>
        {again
          ? 'Running it again resumes the import: what was written already is updated, never added twice.'
          : 'Nothing has been written yet. The import writes the authors, sections, tags, pictures, posts, pages and comments above, and a redirect from every old address. It runs in the background: you may leave this page.'}
      </p>
      <div class="actions">
        <button type="submit">{again ? 'Run it again' : 'Start the import'}</button>
      </div>
    </form>
  );
}

/**
 * One import run: its progress while the check or the import runs (the page reloads itself, no script
 * needed), then the check's report and the button that starts the import, or the import's report, or
 * what went wrong.
 */
export function ImportRunPage(props: {
  chrome: AdminChrome;
  run: ImportRun;
  /** False when the person asked the page to stop reloading itself. */
  updates: boolean;
  /** A refused start (another import running, files gone). */
  message?: string;
  notice?: string;
}) {
  const { chrome, run } = props;
  const isWorking = run.phase === 'checking' || run.phase === 'importing';
  return (
    <AdminLayout
      chrome={chrome}
      title={`Import: ${run.fileName}`}
      current="import"
      {...(isWorking && props.updates && { refreshSeconds: REFRESH_SECONDS })}
    >
      <h1>Import: {run.fileName}</h1>
      <FormErrors {...(props.message !== undefined && { message: props.message })} />
      <Notice text={props.notice} />
      <p>
        <span class="status">{phaseLabel(run)}</span> Uploaded {stamp(run.createdAt)}
        {run.startedBy ? ` by ${run.startedBy}` : ''}
        {run.withUploads ? ', with a zip of pictures.' : ', without pictures.'}{' '}
        <a href="/admin/import">All imports</a>
      </p>

      {isWorking && <Progress run={run} updates={props.updates} />}

      {run.phase === 'failed' && (
        <div class="form-errors" role="alert">
          <p>{run.error ?? 'The import stopped.'}</p>
          {!run.canStart && (
            <p>
              <a href="/admin/import">Upload the export again</a>
            </p>
          )}
        </div>
      )}

      {run.phase === 'done' && (
        <p class="notice" role="status">
          The import is done. <a href="/admin/articles">See the articles</a>
        </p>
      )}

      {run.canStart && <StartForm run={run} csrfToken={chrome.csrfToken} />}

      {run.report && run.phase !== 'checking' && <ImportReportView report={run.report} />}
    </AdminLayout>
  );
}
