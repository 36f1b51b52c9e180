import { CsrfField } from '../../../../platform/render/admin-layout.tsx';
import type { FieldErrors } from '../../../../platform/errors.ts';
import type { DeskNote, EditConflict } from '../../desk-flow.ts';
import { formatStamp } from '../../local-time.ts';
import { NOTE_MAX_CHARS } from '../../desk-flow.ts';
import { TextArea } from './fields.tsx';

/** What the editor shows of the desk's workflow around the article. */
export interface DeskFlowView {
  /** Names of the others who have the article open now. */
  editing: string[];
  notes: DeskNote[];
  /** Whether this person may add notes (editors). */
  mayAddNote: boolean;
  /** Set when the save was refused over a newer version. */
  conflict?: EditConflict | undefined;
  /** A note that was refused, typed text kept, with why. */
  noteDraft?: string | undefined;
  noteFields?: FieldErrors | undefined;
}

/** "Ana and Ben are editing this article now." */
export function editingSentence(names: readonly string[]): string {
  if (names.length === 0) return '';
  const who =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${who ?? ''} ${names.length === 1 ? 'is' : 'are'} editing this article now.`;
}

/**
 * Who else has the article open. Always present (hidden when nobody), so that the editor's
 * heartbeat can fill it in as people come and go.
 */
export function DeskPresence({ editing }: { editing: readonly string[] }) {
  return (
    <p class="notice presence" role="status" data-presence="" hidden={editing.length === 0}>
      {editingSentence(editing)}
    </p>
  );
}

/** A refused save: the colleague's stored text beside the person's, which stays in the form below. */
export function DeskConflict({ conflict, timeZone }: { conflict: EditConflict; timeZone: string }) {
  const changed = conflict.diffs.filter((d) => d.isChanged);
  return (
    <section class="conflict" aria-labelledby="conflict-heading" data-conflict="">
      <h2 id="conflict-heading">Not saved: someone else saved a newer version</h2>
      <p>
        {conflict.savedBy ?? 'The dateline command'} saved this article at{' '}
        <time datetime={conflict.savedAt}>{formatStamp(conflict.savedAt, timeZone)}</time>, after you opened
        it. Your text is still in the form below, and kept as your autosave (revision{' '}
        {conflict.keptRevisionId}). Their text is shown here. Merge what you need, then save again: that save
        replaces theirs.
      </p>
      <p class="hint">
        <del>Struck out</del> is only in their version, <ins>marked</ins> is only in yours.
      </p>
      {changed.length === 0 && <p>Your text and theirs are the same.</p>}
      {changed.map((d) => (
        <section class="diff-field">
          <h3>{d.label}</h3>
          <div class="diff">
            {d.parts.map((part) =>
              part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : part.value,
            )}
          </div>
        </section>
      ))}
      <div class="field">
        <label for="conflict-theirs">Their version of the body</label>
        <textarea id="conflict-theirs" rows={10} readonly>
          {/* The parser drops one newline right after <textarea>: this one, never the text's own. */}
          {`\n${conflict.theirs.body}`}
        </textarea>
      </div>
    </section>
  );
}

/** Editors' notes on the article: the newsroom's only, never on a reader page, a feed or the API. */
export function DeskNotes(props: {
  articleId: number;
  csrfToken: string;
  view: DeskFlowView;
  timeZone: string;
}) {
  const { view } = props;
  return (
    <section class="desk-notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <p class="hint">Seen by the newsroom only.</p>
      {view.notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ol class="notes">
          {view.notes.map((n) => (
            <li>
              <p class="note-meta">
                {n.userName ?? 'A former colleague'},{' '}
                <time datetime={n.createdAt}>{formatStamp(n.createdAt, props.timeZone)}</time>
              </p>
              <p class="note-body">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      {view.mayAddNote && (
        <form method="post" action={`/admin/articles/${props.articleId}/notes`}>
          <CsrfField token={props.csrfToken} />
          <TextArea
            name="note"
            label="Add a note"
            value={view.noteDraft ?? ''}
            rows={3}
            maxlength={NOTE_MAX_CHARS}
            fields={view.noteFields}
          />
          <button type="submit" class="secondary">
            Add note
          </button>
        </form>
      )}
    </section>
  );
}
