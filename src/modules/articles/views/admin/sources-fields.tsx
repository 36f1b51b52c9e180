import type { FieldErrors } from '../../../../platform/errors.ts';
import { MAX_SOURCES, readMoreSources, SOURCE_NAME_MAX_CHARS, SOURCE_URL_MAX_CHARS } from '../../sources.ts';
import { TextField } from './fields.tsx';

/**
 * The sources after the first (issue #18): a numbered pair of fields for each ("Source name 2",
 * "Source URL 2", …), then one empty pair for the next, up to MAX_SOURCES in all. No script: a
 * source is added by filling the empty pair and saving (another empty pair then appears), removed by
 * clearing its pair, and moved by retyping the pairs in the order wanted.
 */
export function MoreSources(props: { text: string; fields: FieldErrors | undefined }) {
  const typed = readMoreSources(props.text);
  const pairs = typed.length + 1 < MAX_SOURCES ? [...typed, { name: '', url: '' }] : typed;
  return (
    <fieldset
      class="more-sources"
      id="field-more_sources"
      aria-describedby={
        props.fields?.more_sources ? 'hint-more-sources error-more_sources' : 'hint-more-sources'
      }
    >
      {/* The id lets the error summary's link land here, as it lands on each field. */}
      <legend>More sources</legend>
      <p class="hint" id="hint-more-sources">
        Other outlets the story draws on, credited after the first in this order. Clear a pair to remove it.
      </p>
      {props.fields?.more_sources && (
        <p class="field-error" id="error-more_sources">
          {props.fields.more_sources}
        </p>
      )}
      {pairs.map((pair, i) => {
        const n = i + 2;
        return (
          <div class="source-pair">
            <TextField
              name={`source_name_${n}`}
              label={`Source name ${n}`}
              value={pair.name}
              maxlength={SOURCE_NAME_MAX_CHARS}
              fields={props.fields}
            />
            <TextField
              name={`source_url_${n}`}
              label={`Source URL ${n}`}
              inputmode="url"
              value={pair.url}
              maxlength={SOURCE_URL_MAX_CHARS}
              fields={props.fields}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
