// "Suggested topics" under the editor's Tags: on request, the people, organisations and places the
// draft names (read by the server from the text as it stands, English only), each with a button
// that makes or finds its tag and adds it to the Tags combobox. Nothing is tagged until the editor
// clicks, and the article carries the tag only when the form is saved. Without script the section
// stays hidden: the Tags field works as before.
(function () {
  'use strict';
  var section = document.querySelector('[data-topic-suggestions]');
  if (!section) return;
  var form = section.closest('form');
  if (!form) return;
  var tagsWrapper = form.querySelector('[data-people-field="tags"]');
  var csrfField = form.querySelector('input[name="_csrf"]');
  var csrf = csrfField ? csrfField.value : '';
  var button = section.querySelector('[data-topic-suggest]');
  var list = section.querySelector('[data-topic-list]');
  var status = section.querySelector('[data-topic-status]');
  if (!button || !list || !status) return;
  section.hidden = false;

  function field(name) {
    var el = form.elements.namedItem(name);
    return el && typeof el.value === 'string' ? el.value : '';
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(
        function (json) {
          return { ok: response.ok, json: json };
        },
        function () {
          return { ok: false, json: {} };
        },
      );
    });
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      el.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function currentTags() {
    return (field('tags') + ',' + field('new_tags'))
      .split(',')
      .map(function (t) {
        return t.trim();
      })
      .filter(Boolean);
  }

  var KINDS = { person: 'person', organisation: 'organisation', place: 'place' };

  function draw(suggestions) {
    list.textContent = '';
    suggestions.forEach(function (s) {
      var li = make('li', { class: 'topic-suggestion' });
      li.appendChild(make('span', { class: 'topic-name' }, s.name));
      li.appendChild(
        make(
          'span',
          { class: 'topic-kind' },
          ' (' + (KINDS[s.kind] || s.kind) + (s.known ? ', known' : '') + ')',
        ),
      );
      var add = make('button', { type: 'button', class: 'topic-add' }, 'Add');
      add.setAttribute('aria-label', 'Add tag “' + s.name + '”');
      add.addEventListener('click', function () {
        add.disabled = true;
        status.textContent = 'Adding ' + s.name + '…';
        post('/admin/topics/accept', { name: s.name, kind: s.kind, aliases: s.aliases || [] })
          .then(function (answer) {
            if (!answer.ok) {
              var error = answer.json && answer.json.error;
              status.textContent = (error && error.message) || 'Could not add ' + s.name + '.';
              add.disabled = false;
              return;
            }
            var tag = answer.json.tag;
            if (tagsWrapper)
              tagsWrapper.dispatchEvent(new CustomEvent('dateline:add-tag', { detail: { name: tag.name } }));
            li.remove();
            status.textContent = tag.name + ' added to Tags. Save to keep it.';
          })
          .catch(function () {
            status.textContent = 'Could not reach the server: ' + s.name + ' was not added.';
            add.disabled = false;
          });
      });
      li.appendChild(add);
      list.appendChild(li);
    });
  }

  button.addEventListener('click', function () {
    var body = field('body');
    button.disabled = true;
    status.textContent = 'Reading the draft…';
    post('/admin/topics/suggest', {
      title: field('title'),
      standfirst: field('standfirst'),
      body: body,
      body_format: /^\s*</.test(body) ? 'html' : 'markdown',
      tags: currentTags(),
    })
      .then(function (answer) {
        button.disabled = false;
        if (!answer.ok) {
          status.textContent = 'No suggestions: the draft could not be read.';
          return;
        }
        var suggestions = answer.json.suggestions || [];
        draw(suggestions);
        status.textContent = suggestions.length
          ? suggestions.length + ' suggested. Nothing is tagged until you add it.'
          : 'No names found in the draft.';
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = 'Could not reach the server.';
      });
  });
})();
