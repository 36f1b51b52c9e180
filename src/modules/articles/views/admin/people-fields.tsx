import type { FieldErrors } from '../../../../platform/errors.ts';
import {
  peopleFieldsScript,
  peopleFieldsStylesheet,
  topicSuggestionsScript,
} from '../../../../platform/render/assets.ts';
import { fieldLimits, NEW_TAGS_MAX_CHARS } from '../../editor-form.ts';
import { bylineLabels, bylinesForDisplay, type Byline } from '../../people-fields.ts';
import { TextField } from './fields.tsx';

// The editor's Authors and Tags. Without script they are text fields of names separated by commas
// (with the browser's own suggestions); people-fields.js turns each into a combobox with chips that
// writes the same form field, so that the server reads one thing either way. The choices travel in
// a data attribute as JSON: escaped like any attribute, never executed.

/** The editor page's own assets for these fields, for AdminLayout. */
export const peopleFieldsAssets = {
  scripts: [peopleFieldsScript, topicSuggestionsScript],
  stylesheets: [peopleFieldsStylesheet],
} as const;

/** Authors, chosen by name, in byline order. `value` may hold slugs (a stored article): names are shown. */
export function AuthorsField(props: {
  value: string;
  roster: readonly Byline[];
  fields: FieldErrors | undefined;
}) {
  const labels = bylineLabels(props.roster);
  const choices = props.roster.map((a) => ({ slug: a.slug, label: labels.get(a.slug) ?? a.name }));
  return (
    <div data-people-field="authors" data-choices={JSON.stringify(choices)}>
      <TextField
        name="authors"
        label="Authors"
        value={bylinesForDisplay(props.value, props.roster)}
        maxlength={fieldLimits.authors}
        list="author-names"
        autocomplete="off"
        hint="Names separated by commas, in byline order."
        fields={props.fields}
      />
      <datalist id="author-names">
        {choices.map((c) => (
          <option value={c.label} />
        ))}
      </datalist>
    </div>
  );
}

/**
 * Tags, chosen from those that exist. Someone who may create tags ('tag.manage') gets New tags, the
 * one way a new tag is made; anyone else's new names are kept as suggestions for an editor.
 */
export function TagsField(props: {
  value: string;
  newValue: string;
  tagNames: readonly string[];
  mayCreate: boolean;
  fields: FieldErrors | undefined;
}) {
  return (
    <div
      data-people-field="tags"
      data-choices={JSON.stringify(props.tagNames)}
      data-may-create={props.mayCreate ? 'true' : 'false'}
    >
      <TextField
        name="tags"
        label="Tags"
        value={props.value}
        maxlength={fieldLimits.tags}
        list="tag-names"
        autocomplete="off"
        hint={
          props.mayCreate
            ? 'Existing tags, separated by commas. To make a new tag, add it under New tags.'
            : 'Separated by commas. A name that is not a tag yet is kept as a suggestion until an editor approves it.'
        }
        fields={props.fields}
      />
      <datalist id="tag-names">
        {props.tagNames.map((name) => (
          <option value={name} />
        ))}
      </datalist>
      {props.mayCreate && (
        <TextField
          name="new_tags"
          label="New tags"
          value={props.newValue}
          maxlength={NEW_TAGS_MAX_CHARS}
          hint="Tags to create, separated by commas; each is added to this article."
          fields={props.fields}
        />
      )}
      <TopicSuggestions />
    </div>
  );
}

/**
 * "Suggested topics": hidden until topic-suggestions.js shows it (it needs script to ask the
 * server); the editor asks, and adds each suggestion's tag with a click.
 */
function TopicSuggestions() {
  return (
    <section
      class="topic-suggestions"
      data-topic-suggestions
      aria-labelledby="topic-suggestions-title"
      hidden
    >
      <h2 id="topic-suggestions-title">Suggested topics</h2>
      <p class="hint">
        People, organisations and places this draft names, read from English text only. Nothing is tagged
        until you add it.
      </p>
      <button type="button" data-topic-suggest>
        Suggest topics
      </button>
      <ul class="topic-list" data-topic-list></ul>
      <p class="topic-status" data-topic-status aria-live="polite"></p>
    </section>
  );
}
