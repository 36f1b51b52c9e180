// The editor's "never lose a word". The form works without it; this adds:
// - autosave: a few seconds after typing stops, and when the tab is closing (fetch keepalive), the
//   form is sent to the article's JSON autosave route (with the CSRF header). Autosaves are kept
//   aside as revisions: a live article's page changes only when "Update" is pressed;
// - a copy in this browser (localStorage) of unsaved text, which matters most while the server
//   cannot be reached and when the tab closes: reopening the article puts it back, with a notice,
//   and says 'dateline:restored' on the Body textarea so that a rich editor reloads it;
// - before reading the form it says 'dateline:flush' on the Body textarea, so that a rich editor
//   writes its content into it first;
// - the live status: "Saving…", "Saved" or "Not saved: offline";
// - a heartbeat, so that others opening the article see who is in it.
(function () {
  'use strict';
  var form = document.querySelector('form[data-editor]');
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var status = form.querySelector('[data-autosave-status]');
  var body = form.querySelector('textarea[name="body"]');
  var versionField = form.querySelector('input[name="version"]');
  var csrfField = form.querySelector('input[name="_csrf"]');
  var csrf = csrfField ? csrfField.value : '';
  var autosaveUrl = form.getAttribute('data-desk-autosave-url');
  var presenceUrl = form.getAttribute('data-presence-url');
  var NEW_KEY = 'dateline:draft:new';
  var key = 'dateline:draft:' + (form.getAttribute('data-article-id') || 'new');
  // A few seconds after typing stops; never more often than the server's autosave allowance.
  var QUIET_MS = 3000;
  var MIN_GAP_MS = 5000;
  var timer = 0;
  var lastSent = 0;
  var isDirty = false;
  var isSending = false;
  var isSubmitting = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function fields() {
    if (body) body.dispatchEvent(new CustomEvent('dateline:flush', { bubbles: true }));
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== '_csrf' && name !== 'action' && name !== 'version' && typeof value === 'string')
        data[name] = value;
    });
    return data;
  }

  function keepCopy(data) {
    try {
      localStorage.setItem(
        key,
        JSON.stringify({ fields: data, version: versionField ? versionField.value : '', at: Date.now() }),
      );
      return true;
    } catch {
      return false;
    }
  }
  function dropCopy(name) {
    try {
      localStorage.removeItem(name || key);
    } catch {
      // Storage may be off: nothing to drop.
    }
  }

  function send(data, keepalive) {
    return fetch(autosaveUrl, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: keepalive,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(data),
    });
  }

  function save() {
    timer = 0;
    if (!isDirty || isSending || isSubmitting) return;
    var wait = lastSent + MIN_GAP_MS - Date.now();
    if (wait > 0) {
      timer = window.setTimeout(save, wait);
      return;
    }
    var data = fields();
    if (!autosaveUrl) {
      // A new article has no address yet: the browser keeps it until "Save draft".
      keepCopy(data);
      say('Not saved yet: kept in this browser until you save the draft');
      return;
    }
    if (navigator.onLine === false) {
      keepCopy(data);
      say('Not saved: offline');
      return;
    }
    isDirty = false;
    isSending = true;
    lastSent = Date.now();
    say('Saving…');
    void send(data, false)
      .then(function (response) {
        if (!response.ok) throw new Error('autosave answered ' + response.status);
        // The browser's copy stays until the article is saved: reopened, the form shows the saved
        // article, and the copy brings the unsaved words back into it.
        say('Saved');
      })
      .catch(function () {
        isDirty = true;
        keepCopy(data);
        say('Not saved: offline');
      })
      .then(function () {
        isSending = false;
        if (isDirty && !timer) timer = window.setTimeout(save, QUIET_MS);
      });
  }

  // The browser's copy follows the typing within a second, in case the tab dies without a pagehide.
  var copyTimer = 0;
  function changed() {
    isDirty = true;
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, QUIET_MS);
    if (!copyTimer)
      copyTimer = window.setTimeout(function () {
        copyTimer = 0;
        if (isDirty) keepCopy(fields());
      }, 1000);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // Back online: what waited is sent.
  window.addEventListener('online', function () {
    if (isDirty && !timer) timer = window.setTimeout(save, 0);
  });

  form.addEventListener('submit', function () {
    isSubmitting = true;
    if (timer) window.clearTimeout(timer);
    // The save's answer page comes back with the text whatever happens; the copy stays until then.
    keepCopy(fields());
  });

  // Closing the tab, or leaving it for another app (a phone may never come back): the text is kept
  // in this browser and sent with keepalive, which outlives the page.
  function leaving() {
    if (!isDirty || isSubmitting) return;
    var data = fields();
    keepCopy(data);
    if (!autosaveUrl) return;
    try {
      void send(data, true).catch(function () {});
      isDirty = false;
    } catch {
      // Over the keepalive size: the browser's copy is what survives.
    }
  }
  window.addEventListener('pagehide', leaving);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') leaving();
  });

  // On opening: a save that went through drops the copy; a copy that differs from the form is put back.
  (function restore() {
    if (/[?&](saved|restored)=/.test(location.search)) {
      // The save went through: this article's copy, and a new article's that became this one, go.
      dropCopy();
      dropCopy(NEW_KEY);
      return;
    }
    var copy;
    try {
      copy = JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      copy = null;
    }
    if (!copy || !copy.fields) return;
    var current = fields();
    var isSame = Object.keys(copy.fields).every(function (name) {
      return current[name] === undefined || current[name] === copy.fields[name];
    });
    if (isSame) {
      dropCopy();
      return;
    }
    Object.keys(copy.fields).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && 'value' in field) field.value = copy.fields[name];
    });
    // The copy was written on the version it was read from: saving over a newer one is refused,
    // with the difference shown, rather than overwriting a colleague's save unawares.
    if (versionField && typeof copy.version === 'string') versionField.value = copy.version;
    if (body) body.dispatchEvent(new CustomEvent('dateline:restored', { bubbles: true }));
    var notice = document.createElement('p');
    notice.className = 'notice';
    notice.setAttribute('role', 'status');
    notice.setAttribute('data-restored', '');
    notice.textContent =
      'Your unsaved text from ' +
      new Date(copy.at).toLocaleString() +
      ' was kept in this browser and is back in the form. Save to keep it.';
    form.parentNode.insertBefore(notice, form);
    isDirty = true;
    changed();
  })();

  // Presence: who else is in this article, refreshed every 20 seconds.
  var presence = document.querySelector('[data-presence]');
  if (presenceUrl && presence) {
    var beat = function () {
      if (document.visibilityState === 'hidden') return;
      fetch(presenceUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: '{}',
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (!answer || !answer.editing) return;
          var names = answer.editing;
          presence.textContent =
            names.length === 0
              ? ''
              : (names.length === 1
                  ? names[0] + ' is'
                  : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1] + ' are') +
                ' editing this article now.';
          presence.hidden = names.length === 0;
        })
        .catch(function () {});
    };
    window.setInterval(beat, 20000);
  }
})();
