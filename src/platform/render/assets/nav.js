// The header menu's disclosures. Where script runs, the stylesheet folds each submenu behind its
// button; this opens and closes it and says so (aria-expanded). Escape closes an open one and gives
// the focus back to its button; a click or a focus elsewhere closes it too.
(function () {
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.site-nav .sub-toggle'));
  if (buttons.length === 0) return;
  function list(button) {
    return document.getElementById(button.getAttribute('aria-controls'));
  }
  function set(button, open) {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      buttons.forEach(function (other) {
        set(other, other === button && open);
      });
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    buttons.forEach(function (button) {
      if (button.getAttribute('aria-expanded') !== 'true') return;
      set(button, false);
      if (list(button).contains(document.activeElement)) button.focus();
    });
  });
  function closeOutside(event) {
    buttons.forEach(function (button) {
      var item = button.parentNode;
      if (!item.contains(event.target)) set(button, false);
    });
  }
  document.addEventListener('click', closeOutside);
  document.addEventListener('focusin', closeOutside);
})();
