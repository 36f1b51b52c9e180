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
