import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../../platform/errors.ts';

/** What every editor control shares: a visible label, an optional hint, and its error beside it. */
interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  fields: FieldErrors | undefined;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The hint and the error under a control, with the ids its aria-describedby names. */
function Notes({ name, hint, error }: { name: string; hint: string | undefined; error: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled one-line input; its id is field-<name>, so that the error summary links to it. */
export function TextField(
  props: FieldProps & {
    value: string;
    // No type="url": a typed address that is not yet absolute must come back as typed, and an
    // <input type="url"> may not hold such a value. The server checks it instead.
    type?: 'text' | 'datetime-local' | 'search';
    maxlength?: number;
    required?: boolean;
    inputmode?: 'numeric' | 'url';
    autocomplete?: 'off';
    list?: string;
  },
) {
  const error = props.fields?.[props.name];
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={keepsTypedUrl(props.type, props.value)}
        value={props.value}
        maxlength={props.maxlength}
        required={props.required}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        list={props.list}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
      <Notes name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled textarea. */
export function TextArea(
  props: FieldProps & { value: string; rows?: number; class?: string; maxlength?: number },
) {
  const error = props.fields?.[props.name];
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 3}
        class={props.class}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {/* The parser drops one newline right after <textarea>: this one, never the text's own. */}
        {`\n${props.value}`}
      </textarea>
      <Notes name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled select. */
export function SelectField(
  props: Omit<FieldProps, 'fields'> & {
    value: string;
    options: { value: string; label: string }[];
    children?: Child;
    /** With field errors, the select shows its own error beside it. */
    fields?: FieldErrors | undefined;
  },
) {
  const error = props.fields?.[props.name];
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <select
        id={`field-${props.name}`}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Notes name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/**
 * A url field holding what someone typed that is not a URL (after a failed save) becomes a text
 * field: HTML forbids such a value on type=url, and the typed text must come back as it was.
 */
export function keepsTypedUrl<T extends string>(type: T | undefined, value: string | undefined): T | 'text' {
  if (type === 'url' && value && !URL.canParse(value)) return 'text';
  return type ?? 'text';
}
