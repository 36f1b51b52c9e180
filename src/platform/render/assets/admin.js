// The newsroom's progressive enhancement. Every action works without it; this adds the rest.
// Each part looks for its own data-* hooks, so that one file serves every newsroom page.
(function () {
  'use strict';
  // Buttons that ask before acting (delete, restore a revision).
  document.addEventListener('submit', function (event) {
    var button = event.submitter;
    var question =
      (button && button.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  // "Select all" for bulk moderation.
  document.querySelectorAll('[data-select-all]').forEach(function (box) {
    box.addEventListener('change', function () {
      var form = box.form;
      if (!form) return;
      form
        .querySelectorAll('input[type=checkbox][name="' + box.getAttribute('data-select-all') + '"]')
        .forEach(function (b) {
          b.checked = box.checked;
        });
    });
  });
})();

// The article editor: a live Markdown preview and a warning before leaving with unsaved changes
// (autosave is desk-flow.js's). Saving, publishing and the script-free preview are plain form
// posts; this only adds to them.
(function () {
  'use strict';
  var form = document.querySelector('form[data-editor]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var csrfField = form.querySelector('input[name="_csrf"]');
  var csrf = csrfField ? csrfField.value : '';
  var status = form.querySelector('[data-autosave-status]');
  var isDirty = false;
  var isSubmitting = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function post(url, params) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': csrf,
        accept: 'application/json',
      },
      body: params.toString(),
    });
  }

  function markChanged() {
    isDirty = true;
  }
  form.addEventListener('input', markChanged);
  form.addEventListener('change', markChanged);

  // Any real submit (a button, Enter) leaves the page on purpose: no warning then.
  form.addEventListener('submit', function () {
    isSubmitting = true;
  });
  window.addEventListener('beforeunload', function (event) {
    if (!isDirty || isSubmitting) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // Preview in place: the server renders the Markdown with the same markdown-it as the article
  // page (raw HTML escaped), so its answer can be shown as it is.
  var previewButton = form.querySelector('button[name="action"][value="preview"]');
  var previewSection = form.querySelector('[data-preview]');
  var previewBody = form.querySelector('[data-preview-body]');
  var body = form.querySelector('textarea[name="body"]');
  var previewUrl = form.getAttribute('data-preview-url');
  if (previewButton && previewSection && previewBody && body && previewUrl) {
    previewButton.addEventListener('click', function (event) {
      event.preventDefault();
      previewButton.disabled = true;
      void post(previewUrl, new URLSearchParams({ body: body.value }))
        .then(function (response) {
          if (!response.ok) throw new Error('preview answered ' + response.status);
          return response.text();
        })
        .then(function (html) {
          previewBody.innerHTML = html;
          previewSection.hidden = false;
          previewSection.scrollIntoView({ block: 'nearest' });
        })
        .catch(function () {
          say('The preview could not be made just now.');
        })
        .then(function () {
          previewButton.disabled = false;
        });
    });
  }
})();
