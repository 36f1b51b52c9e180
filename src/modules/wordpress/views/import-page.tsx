import {
  AdminLayout,
  CsrfField,
  FieldError,
  FormErrors,
  type AdminChrome,
} from '../../../platform/render/admin-layout.tsx';
import type { ImportRun } from '../runs.ts';

/** A refused upload: the message, each field's problem, and the names of the files that were chosen. */
export interface ImportFormProblem {
  message?: string;
  fields?: Record<string, string>;
}

/** "2026-11-26 12:00 UTC". */
export function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A run's state in a few words. */
export function phaseLabel(run: Pick<ImportRun, 'phase' | 'error'>): string {
  switch (run.phase) {
    case 'checking':
      return 'Checking';
    case 'checked':
      return 'Checked: waiting for you to start it';
    case 'importing':
      return 'Importing';
    case 'done':
      return 'Imported';
    case 'failed':
      return run.error?.startsWith('Interrupted') ? 'Interrupted' : 'Failed';
  }
}

/** The command for bigger sites: a dry run first, then the import. */
export const COMMANDS = [
  'dateline import wordpress export.xml --uploads wp-content/uploads --dry-run',
  'dateline import wordpress export.xml --uploads wp-content/uploads',
].join('\n');

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function describedBy(...ids: (string | false | undefined)[]): string {
  return ids.filter((id): id is string => typeof id === 'string').join(' ');
}

/**
 * The newsroom's Import screen ('import.run', admins): the form that takes a WordPress export and a
 * zip of its pictures, the command for bigger sites, and the recent runs.
 */
export function ImportPage(props: {
  chrome: AdminChrome;
  runs: ImportRun[];
  limits: { exportBytes: number; zipBytes: number };
  /** False when this server has no private folder for uploads: the command is the way. */
  isAvailable: boolean;
  problem?: ImportFormProblem;
}) {
  const { chrome, runs, limits, problem } = props;
  const fields = problem?.fields;
  return (
    <AdminLayout chrome={chrome} title="Import from WordPress" current="import">
      <h1>Import from WordPress</h1>
      <FormErrors fields={fields} {...(problem?.message !== undefined && { message: problem.message })} />
      <p>
        Brings a WordPress site across: posts, pages, authors, categories (as sections), tags, comments and
        pictures, with a redirect from every old address. The export is checked first and nothing is written
        until you have read the report and started the import. Running it again later updates what it wrote
        rather than adding it twice.
      </p>
      {props.isAvailable ? (
        <form method="post" action="/admin/import" enctype="multipart/form-data">
          <CsrfField token={chrome.csrfToken} />
          <label for="field-export">
            WordPress export (.xml or .xml.gz, at most {mb(limits.exportBytes)})
          </label>
          <p class="hint" id="hint-export">
            In WordPress: Tools › Export › All content.
          </p>
          <input
            type="file"
            id="field-export"
            name="export"
            accept=".xml,.gz,application/xml,text/xml,application/gzip"
            required
            aria-describedby={describedBy('hint-export', fields?.export !== undefined && 'error-export')}
          />
          <FieldError fields={fields} name="export" />
          <label for="field-uploads">
            Pictures: a zip of wp-content/uploads (optional, at most {mb(limits.zipBytes)})
          </label>
          <p class="hint" id="hint-uploads">
            Zip the uploads folder as it is on the WordPress server (wp-content/uploads, or the year folders
            in it). Without it, pictures stay at their old addresses and the report lists them.
          </p>
          <input
            type="file"
            id="field-uploads"
            name="uploads"
            accept=".zip,application/zip"
            aria-describedby={describedBy('hint-uploads', fields?.uploads !== undefined && 'error-uploads')}
          />
          <FieldError fields={fields} name="uploads" />
          <div class="actions">
            <button type="submit">Upload and check</button>
          </div>
        </form>
      ) : (
        <p class="form-errors">
          This server keeps no private folder for uploaded exports (DATELINE_DATA_DIR), so exports are
          imported with the command below.
        </p>
      )}

      <section aria-labelledby="bigger-sites">
        <h2 id="bigger-sites">Bigger sites</h2>
        <p>
          An export over {mb(limits.exportBytes)} or pictures over {mb(limits.zipBytes)} are imported on the
          server with the <code>dateline</code> command. It has no size limit and prints the same report; run
          it with <code>--dry-run</code> first to read the report without writing anything:
        </p>
        <pre class="command">
          <code>{COMMANDS}</code>
        </pre>
      </section>

      <section aria-labelledby="recent-imports">
        <h2 id="recent-imports">Recent imports</h2>
        {runs.length === 0 ? (
          <p>No imports yet.</p>
        ) : (
          <table class="import-runs">
            <thead>
              <tr>
                <th scope="col">Export</th>
                <th scope="col">Status</th>
                <th scope="col">Uploaded</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/import/${run.id}`}>{run.fileName}</a>
                  </th>
                  <td>{phaseLabel(run)}</td>
                  <td>{stamp(run.createdAt)}</td>
                  <td>{run.startedBy ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
