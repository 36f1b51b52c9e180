// The editor's Authors and Tags as comboboxes (the WAI-ARIA combobox pattern with a listbox of
// suggestions). Without this script they are plain text fields of names separated by commas, and
// the server reads them; with it, each writes the same form field (hidden now), so nothing else
// changes. Chosen people and tags show as chips with named buttons; co-bylines move up and down.
(function () {
  'use strict';
  var MAX_OPTIONS = 8;
  var counter = 0;

  function key(text) {
    return String(text)
      .replace(/\s+/g, ' ')
      .replace(/\s*,\s*/g, ', ')
      .trim()
      .toLowerCase();
  }

  // Comma-separated text → items, keeping a known name with commas in it whole (as the server does).
  function split(text, knownKeys) {
    var pieces = String(text).split(',');
    var items = [];
    for (var i = 0; i < pieces.length;) {
      var span = 1;
      for (var k = Math.min(4, pieces.length - i); k > 1; k -= 1) {
        if (knownKeys[key(pieces.slice(i, i + k).join(','))]) {
          span = k;
          break;
        }
      }
      var item = pieces
        .slice(i, i + span)
        .join(',')
        .trim();
      if (item) items.push(item);
      i += span;
    }
    return items;
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      el.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function readChoices(wrapper) {
    try {
      var parsed = JSON.parse(wrapper.getAttribute('data-choices') || '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }

  /**
   * Builds one combobox over a plain field. `kind` is 'authors' or 'tags'. The plain input becomes
   * hidden and keeps its name; the new text box takes its id, label, hint and error.
   */
  function enhance(wrapper) {
    var kind = wrapper.getAttribute('data-people-field');
    var plain = wrapper.querySelector('input[name="' + kind + '"]');
    if (!plain || !plain.form) return;
    var form = plain.form;
    var isAuthors = kind === 'authors';
    var mayCreate = wrapper.getAttribute('data-may-create') === 'true';
    var raw = readChoices(wrapper);
    // Every choice as { value, label }: an author's value is their slug, a tag's its name.
    var choices = raw.map(function (c) {
      return isAuthors ? { value: c.slug, label: c.label } : { value: c, label: c };
    });
    var knownKeys = {};
    var byKey = {};
    var byValue = {};
    choices.forEach(function (c) {
      knownKeys[key(c.label)] = true;
      byKey[key(c.label)] = c;
      byValue[c.value] = c;
    });
    var newPlain = isAuthors ? null : wrapper.querySelector('input[name="new_tags"]');
    var fieldName = isAuthors ? 'Authors' : 'Tags';
    var n = (counter += 1);

    // What is chosen: { value, label, state } with state 'known', 'new' (to create), 'suggested'
    // (a contributor's new name) or 'unknown' (typed text the list does not know; kept as sent).
    var chosen = [];
    function add(text, state) {
      var c = byValue[text] || byKey[key(text)];
      var entry = c
        ? { value: c.value, label: c.label, state: 'known' }
        : { value: text, label: text, state: state };
      if (
        chosen.some(function (e) {
          return key(e.label) === key(entry.label);
        })
      )
        return null;
      chosen.push(entry);
      return entry;
    }
    split(plain.value, knownKeys).forEach(function (t) {
      add(t, isAuthors ? 'unknown' : mayCreate ? 'unknown' : 'suggested');
    });
    if (newPlain)
      split(newPlain.value, knownKeys).forEach(function (t) {
        add(t, 'new');
      });

    // The new controls.
    var field = plain.closest('.field') || wrapper;
    var label = field.querySelector('label');
    var hint = field.querySelector('.hint');
    var error = field.querySelector('.field-error');
    var chips = make('ul', { class: 'people-chips', 'aria-label': 'Chosen ' + kind });
    var box = make('div', { class: 'people-combo' });
    var input = make('input', {
      type: 'text',
      id: plain.id,
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'people-list-' + n,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    var describedBy = plain.getAttribute('aria-describedby');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    if (plain.getAttribute('aria-invalid')) input.setAttribute('aria-invalid', 'true');
    var list = make('ul', {
      role: 'listbox',
      id: 'people-list-' + n,
      class: 'people-list',
      'aria-label': fieldName + ' suggestions',
    });
    list.hidden = true;
    var live = make('p', { class: 'people-live', 'aria-live': 'polite' });
    box.appendChild(input);
    box.appendChild(list);
    plain.removeAttribute('id');
    plain.removeAttribute('list');
    plain.type = 'hidden';
    if (label) label.after(chips, box);
    else field.prepend(chips, box);
    field.appendChild(live);
    if (hint)
      hint.textContent = isAuthors
        ? 'Type a name and choose from the list. The first is the lead byline.'
        : mayCreate
          ? 'Type to choose a tag from the list, or create a new one on purpose.'
          : 'Type to choose a tag from the list. A name that is not a tag yet goes to an editor as a suggestion.';
    if (newPlain) {
      var newField = newPlain.closest('.field');
      newPlain.removeAttribute('id');
      newPlain.type = 'hidden';
      if (newField) {
        newField.hidden = true;
        // Its error, if any, belongs to the combobox now.
        var newError = newField.querySelector('.field-error');
        if (newError && error) error.after(newError);
        else if (newError) field.appendChild(newError);
      }
    }
    function write(isQuiet) {
      if (isAuthors) {
        plain.value = chosen
          .map(function (e) {
            return e.value;
          })
          .join(', ');
      } else {
        plain.value = chosen
          .filter(function (e) {
            return e.state !== 'new';
          })
          .map(function (e) {
            return e.value;
          })
          .join(', ');
        if (newPlain)
          newPlain.value = chosen
            .filter(function (e) {
              return e.state === 'new';
            })
            .map(function (e) {
              return e.value;
            })
            .join(', ');
      }
      // The editor's own script listens for input: unsaved changes, autosave.
      if (!isQuiet) form.dispatchEvent(new Event('input', { bubbles: true }));
    }

    var notes = {
      new: 'new tag',
      suggested: 'suggested',
      unknown: isAuthors ? 'not found' : 'not a tag yet',
    };
    function drawChips(focusIndex, focusWhat) {
      chips.textContent = '';
      chosen.forEach(function (entry, i) {
        var li = make('li', { class: 'people-chip' + (entry.state !== 'known' ? ' is-' + entry.state : '') });
        li.appendChild(make('span', { class: 'people-chip-name' }, entry.label));
        if (notes[entry.state])
          li.appendChild(make('span', { class: 'people-chip-note' }, ' (' + notes[entry.state] + ')'));
        function button(what, text, name, act) {
          var b = make('button', { type: 'button', class: 'people-chip-' + what, 'aria-label': name }, text);
          b.addEventListener('click', act);
          li.appendChild(b);
          if (focusIndex === i && focusWhat === what)
            setTimeout(function () {
              b.focus();
            }, 0);
          return b;
        }
        if (isAuthors && chosen.length > 1) {
          if (i > 0)
            button('up', '↑', 'Move ' + entry.label + ' up', function () {
              move(i, -1);
            });
          if (i < chosen.length - 1)
            button('down', '↓', 'Move ' + entry.label + ' down', function () {
              move(i, 1);
            });
        }
        if (!isAuthors && mayCreate && entry.state === 'unknown')
          button('create', '+', 'Create tag “' + entry.label + '”', function () {
            entry.state = 'new';
            write();
            drawChips(i, 'remove');
            live.textContent = entry.label + ' will be created when you save.';
          });
        button('remove', '×', 'Remove ' + entry.label, function () {
          chosen.splice(i, 1);
          write();
          drawChips();
          live.textContent = entry.label + ' removed.';
          input.focus();
        });
        chips.appendChild(li);
      });
      chips.hidden = chosen.length === 0;
    }

    function move(i, by) {
      var j = i + by;
      var entry = chosen[i];
      chosen[i] = chosen[j];
      chosen[j] = entry;
      write();
      // Focus follows the chip; at an end its other button takes it.
      var what = by < 0 ? (j > 0 ? 'up' : 'down') : j < chosen.length - 1 ? 'down' : 'up';
      drawChips(j, what);
      live.textContent = entry.label + ' is now number ' + (j + 1) + ' of ' + chosen.length + '.';
    }

    // The listbox.
    var options = [];
    var active = -1;
    function close() {
      list.hidden = true;
      list.textContent = '';
      options = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function setActive(i) {
      active = i;
      options.forEach(function (o, k) {
        o.el.setAttribute('aria-selected', k === i ? 'true' : 'false');
      });
      if (i >= 0 && options[i]) {
        input.setAttribute('aria-activedescendant', options[i].el.id);
        options[i].el.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function open() {
      var text = input.value.trim();
      var wanted = key(text);
      list.textContent = '';
      options = [];
      active = -1;
      var taken = {};
      chosen.forEach(function (e) {
        taken[key(e.label)] = true;
      });
      var starts = [];
      var contains = [];
      if (wanted) {
        choices.forEach(function (c) {
          var k = key(c.label);
          if (taken[k]) return;
          var at = k.indexOf(wanted);
          if (at === 0) starts.push(c);
          else if (at > 0) contains.push(c);
        });
      }
      var found = starts.concat(contains).slice(0, MAX_OPTIONS);
      found.forEach(function (c) {
        options.push({ choice: c, state: 'known', text: c.label });
      });
      if (!isAuthors && wanted && !byKey[wanted] && !taken[wanted]) {
        options.push({
          choice: null,
          state: mayCreate ? 'new' : 'suggested',
          text: (mayCreate ? 'Create tag “' : 'Suggest tag “') + text + '”',
          value: text,
        });
      }
      if (options.length === 0) {
        close();
        return;
      }
      options.forEach(function (o, i) {
        o.el = make(
          'li',
          { role: 'option', id: 'people-list-' + n + '-' + i, 'aria-selected': 'false' },
          o.text,
        );
        o.el.addEventListener('mousedown', function (event) {
          // Keeps the focus in the text box.
          event.preventDefault();
        });
        o.el.addEventListener('click', function () {
          choose(o);
        });
        list.appendChild(o.el);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function choose(o) {
      var entry = o.choice ? add(o.choice.value, 'known') : add(o.value, o.state);
      input.value = '';
      close();
      if (!entry) return;
      write();
      drawChips();
      live.textContent =
        entry.label +
        (entry.state === 'new' ? ' will be created and' : '') +
        ' added. ' +
        chosen.length +
        ' chosen.';
      input.focus();
    }

    input.addEventListener('input', open);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden) open();
        if (options.length === 0) return;
        var step = event.key === 'ArrowDown' ? 1 : -1;
        var next = active + step;
        if (next >= options.length) next = 0;
        if (next < 0) next = options.length - 1;
        setActive(next);
      } else if (event.key === 'Enter') {
        if (!list.hidden && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        } else if (input.value.trim() !== '') {
          // Enter in the text box chooses, never submits the article half-chosen.
          event.preventDefault();
          if (!list.hidden && options.length > 0) choose(options[0]);
        }
      } else if (event.key === 'Escape') {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value !== '') {
          event.preventDefault();
          input.value = '';
        }
      } else if (event.key === 'Backspace' && input.value === '' && chosen.length > 0) {
        var last = chosen.pop();
        write();
        drawChips();
        live.textContent = last.label + ' removed.';
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(close, 0);
    });

    // Text typed and never chosen still goes with the form, as the plain field would send it.
    form.addEventListener('submit', function () {
      var text = input.value.trim();
      if (!text) return;
      split(text, knownKeys).forEach(function (t) {
        add(t, isAuthors ? 'unknown' : mayCreate ? 'unknown' : 'suggested');
      });
      input.value = '';
      write(true);
    });

    // Another part of the editor (topic suggestions) adds a tag that exists now, by name.
    if (!isAuthors)
      wrapper.addEventListener('dateline:add-tag', function (event) {
        var name = event.detail && event.detail.name;
        if (typeof name !== 'string' || !name) return;
        if (!byKey[key(name)]) {
          var c = { value: name, label: name };
          choices.push(c);
          knownKeys[key(name)] = true;
          byKey[key(name)] = c;
          byValue[name] = c;
        }
        var entry = add(name, 'known');
        if (!entry) return;
        write();
        drawChips();
        live.textContent = entry.label + ' added. ' + chosen.length + ' chosen.';
      });

    drawChips();
  }

  document.querySelectorAll('[data-people-field]').forEach(enhance);
})();
