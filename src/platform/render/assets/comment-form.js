// Progressive enhancement for the comment form: article pages are cached and shared, so the server
// cannot fill in a returning reader's details. This fills them from the cookies the reader agreed to.
(function () {
  var form = document.querySelector('form.comment-form');
  if (!form) return;
  var cookies = {};
  document.cookie.split(';').forEach(function (part) {
    var i = part.indexOf('=');
    if (i > 0) {
      try {
        cookies[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        /* a malformed cookie is ignored */
      }
    }
  });
  var fields = {
    author: 'dateline_comment_author',
    email: 'dateline_comment_author_email',
    url: 'dateline_comment_author_url',
  };
  var filled = false;
  Object.keys(fields).forEach(function (name) {
    var input = form.elements.namedItem(name);
    var value = cookies[fields[name]];
    if (input && value && !input.value) {
      input.value = value;
      filled = true;
    }
  });
  var consent = form.elements.namedItem('wp-comment-cookies-consent');
  if (filled && consent) consent.checked = true;
})();
