// The newsroom's image picker: the media library in a modal <dialog>, with thumbnails, search,
// "Upload image" (with progress), drag-and-drop and paste, and a last step that asks for alt text.
//
//   window.DatelineMedia.pick({ onPick: function (image) {…}, onCancel: function () {…} })
//
// calls onPick once with { id, url, srcset, width, height, alt, filename, thumb } when a person
// chooses an image and describes it, or onCancel when they close the picker. The writing desk's
// editor calls it for its Image button; the Featured image button below is its first user.
// Without script nothing here runs: the editor's form offers a plain select of recent images.
(function () {
  'use strict';
  if (!window.fetch || !window.FormData || !window.XMLHttpRequest) return;

  var LIBRARY_URL = '/admin/uploads/library';
  var UPLOAD_URL = '/admin/uploads';
  var ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';
  var ALT_MAX = 300;

  function csrf() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function labelOf(item) {
    if (item.filename) return item.filename;
    if (item.alt) return item.alt;
    return (
      'Image uploaded ' +
      String(item.createdAt || '')
        .slice(0, 16)
        .replace('T', ' ')
    );
  }

  // The one dialog, built on first use and kept for the page's life.
  var ui = null;
  // The current request to pick: its callbacks, and what the person has done so far.
  var session = null;

  function build() {
    var title = el('h2', { id: 'media-picker-title', text: 'Choose an image' });
    var close = el('button', { type: 'button', class: 'secondary media-close', text: 'Close' });
    var search = el('input', { type: 'search', id: 'media-picker-q', maxlength: '200', autocomplete: 'off' });
    var upload = el('button', { type: 'button', class: 'media-upload', text: 'Upload image' });
    var file = el('input', {
      type: 'file',
      accept: ACCEPT,
      class: 'media-file',
      hidden: '',
      tabindex: '-1',
      'aria-hidden': 'true',
    });
    var progress = el('progress', { max: '100', value: '0', id: 'media-picker-progress' });
    var progressBox = el('p', { class: 'media-progress', hidden: '' }, [
      el('label', { for: 'media-picker-progress', text: 'Uploading ' }),
      progress,
    ]);
    var status = el('p', { class: 'media-status', role: 'status', 'aria-live': 'polite' });
    var problem = el('p', { class: 'media-problem', role: 'alert' });
    var grid = el('ul', { class: 'media-grid', 'aria-label': 'Images' });
    var more = el('button', {
      type: 'button',
      class: 'secondary media-more',
      hidden: '',
      text: 'More images',
    });
    var library = el('div', { class: 'media-library' }, [
      el('div', { class: 'media-tools' }, [
        el('label', { for: 'media-picker-q', text: 'Search images' }),
        search,
        upload,
        file,
      ]),
      el('p', { class: 'hint media-drop', text: 'Or drop an image file here, or paste one.' }),
      progressBox,
      status,
      problem,
      grid,
      more,
    ]);

    var preview = el('img', { class: 'media-chosen', alt: '' });
    var chosenName = el('p', { class: 'media-name' });
    var alt = el('textarea', {
      id: 'media-picker-alt',
      rows: '3',
      maxlength: String(ALT_MAX),
      'aria-describedby': 'media-picker-alt-hint media-picker-alt-error',
    });
    var altError = el('p', { class: 'field-error', id: 'media-picker-alt-error' });
    var use = el('button', { type: 'button', class: 'media-use', text: 'Use this image' });
    var back = el('button', { type: 'button', class: 'secondary media-back', text: 'Back to the library' });
    var describe = el('div', { class: 'media-describe', hidden: '' }, [
      preview,
      chosenName,
      el('label', { for: 'media-picker-alt', text: 'Alt text' }),
      alt,
      el('p', {
        class: 'hint',
        id: 'media-picker-alt-hint',
        text: 'What the image shows, for people who cannot see it. Required before the story goes live.',
      }),
      altError,
      el('div', { class: 'actions' }, [use, back]),
    ]);

    var dialog = el('dialog', { class: 'media-picker', 'aria-labelledby': 'media-picker-title' }, [
      el('div', { class: 'media-head' }, [title, close]),
      library,
      describe,
    ]);
    document.body.appendChild(dialog);

    ui = {
      dialog: dialog,
      title: title,
      search: search,
      upload: upload,
      file: file,
      progress: progress,
      progressBox: progressBox,
      status: status,
      problem: problem,
      grid: grid,
      more: more,
      library: library,
      describe: describe,
      preview: preview,
      chosenName: chosenName,
      alt: alt,
      altError: altError,
    };

    close.addEventListener('click', function () {
      finish(null);
    });
    // Escape closes a modal dialog by itself: that is a cancel, as Close is.
    dialog.addEventListener('cancel', function (event) {
      event.preventDefault();
      finish(null);
    });
    var timer = 0;
    search.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        void load(1);
      }, 250);
    });
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        window.clearTimeout(timer);
        void load(1);
      }
    });
    more.addEventListener('click', function () {
      void load(session.page + 1);
    });
    upload.addEventListener('click', function () {
      file.click();
    });
    file.addEventListener('change', function () {
      if (file.files && file.files[0]) send(file.files[0]);
      file.value = '';
    });
    grid.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-index]');
      if (button) choose(session.items[Number(button.getAttribute('data-index'))]);
    });
    use.addEventListener('click', confirmChoice);
    alt.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        confirmChoice();
      }
    });
    back.addEventListener('click', function () {
      showLibrary();
      ui.search.focus();
    });
    // A file dropped anywhere on the picker, or pasted while it is open, is uploaded.
    dialog.addEventListener('dragover', function (event) {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      dialog.classList.add('is-dropping');
    });
    dialog.addEventListener('dragleave', function (event) {
      if (event.target === dialog) dialog.classList.remove('is-dropping');
    });
    dialog.addEventListener('drop', function (event) {
      dialog.classList.remove('is-dropping');
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      var image = firstImage(event.dataTransfer.files);
      if (image) send(image);
      else say('', 'That is not an image file: drop a JPEG, PNG, WebP, GIF or AVIF.');
    });
    dialog.addEventListener('paste', function (event) {
      var data = event.clipboardData;
      if (!data || !data.files || data.files.length === 0) return;
      var image = firstImage(data.files);
      if (!image) return;
      event.preventDefault();
      send(image);
    });
  }

  function hasFiles(transfer) {
    return transfer && Array.prototype.indexOf.call(transfer.types || [], 'Files') !== -1;
  }

  function firstImage(files) {
    for (var i = 0; i < files.length; i += 1) if (/^image\//.test(files[i].type)) return files[i];
    return null;
  }

  function say(text, problem) {
    ui.status.textContent = text || '';
    ui.problem.textContent = problem || '';
  }

  function showLibrary() {
    ui.describe.hidden = true;
    ui.library.hidden = false;
    ui.title.textContent = 'Choose an image';
  }

  function render(append) {
    if (!append) ui.grid.textContent = '';
    var start = append ? ui.grid.children.length : 0;
    session.items.slice(start).forEach(function (item, offset) {
      var thumb = el('img', {
        src: item.thumb,
        alt: '',
        width: '160',
        height: String(Math.max(1, Math.round((160 * item.height) / Math.max(1, item.width)))),
        loading: 'lazy',
        decoding: 'async',
      });
      var button = el(
        'button',
        { type: 'button', class: 'media-item', 'data-index': String(start + offset) },
        [thumb, el('span', { text: labelOf(item) })],
      );
      ui.grid.appendChild(el('li', {}, [button]));
    });
  }

  function load(page) {
    var query = ui.search.value.trim();
    var asked = session;
    var url = LIBRARY_URL + '?page=' + page + (query ? '&q=' + encodeURIComponent(query) : '');
    say(page === 1 ? 'Loading images…' : 'Loading more images…');
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (data) {
        // A newer search (or a closed picker) wins over an answer that comes late.
        if (asked !== session || query !== ui.search.value.trim()) return;
        session.page = data.page;
        session.items = page === 1 ? data.items : session.items.concat(data.items);
        render(page !== 1);
        ui.more.hidden = !data.hasMore;
        if (session.items.length === 0)
          say(query ? 'No image’s name or alt text matches “' + query + '”.' : 'No images yet: upload one.');
        else say(session.items.length + (session.items.length === 1 ? ' image' : ' images') + ' shown.');
      })
      .catch(function () {
        if (asked === session)
          say('', 'The library could not be loaded. Check the connection and try again.');
      });
  }

  // Uploads one file with progress, then goes straight to describing it.
  function send(fileToSend) {
    var asked = session;
    var body = new FormData();
    body.append('_csrf', csrf());
    body.append('image', fileToSend, fileToSend.name || 'pasted-image.png');
    var request = new XMLHttpRequest();
    request.open('POST', UPLOAD_URL);
    request.setRequestHeader('accept', 'application/json');
    request.responseType = 'json';
    ui.progress.value = 0;
    ui.progressBox.hidden = false;
    ui.upload.disabled = true;
    say('Uploading ' + (fileToSend.name || 'the image') + '…');
    request.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) ui.progress.value = Math.round((100 * event.loaded) / event.total);
    });
    request.addEventListener('loadend', function () {
      ui.progressBox.hidden = true;
      ui.upload.disabled = false;
      if (asked !== session) return;
      var data = request.response || {};
      if (request.status === 201 && data.upload) {
        ui.progress.value = 100;
        session.items = [data.upload].concat(session.items || []);
        render(false);
        say('Uploaded ' + labelOf(data.upload) + '.');
        choose(data.upload);
      } else {
        var message = data.error && data.error.message;
        say('', message || 'The upload failed. Check the connection and try again.');
      }
    });
    request.send(body);
  }

  function choose(item) {
    if (!item) return;
    session.chosen = item;
    ui.library.hidden = true;
    ui.describe.hidden = false;
    ui.title.textContent = 'Describe the image';
    ui.preview.src = item.thumb;
    ui.preview.width = 320;
    ui.preview.height = Math.max(1, Math.round((320 * item.height) / Math.max(1, item.width)));
    ui.chosenName.textContent = labelOf(item);
    ui.alt.value = session.alt !== undefined && session.altFor === item.id ? session.alt : item.alt || '';
    ui.altError.textContent = '';
    ui.alt.removeAttribute('aria-invalid');
    ui.alt.focus();
  }

  function confirmChoice() {
    var item = session && session.chosen;
    if (!item) return;
    var alt = ui.alt.value.replace(/\s+/g, ' ').trim();
    if (alt === '') {
      ui.altError.textContent = 'Give the image alt text: describe what it shows.';
      ui.alt.setAttribute('aria-invalid', 'true');
      ui.alt.focus();
      return;
    }
    // The library remembers the description for next time (for the uploader and editors); the
    // story gets it either way.
    if (alt !== item.alt) {
      fetch('/admin/uploads/' + item.id + '/alt', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf(), accept: 'application/json' },
        body: JSON.stringify({ alt: alt }),
      }).catch(function () {});
    }
    finish({
      id: item.id,
      url: item.url,
      srcset: item.srcset,
      width: item.width,
      height: item.height,
      alt: alt,
      filename: item.filename,
      thumb: item.thumb,
    });
  }

  function finish(image) {
    var done = session;
    session = null;
    if (ui.dialog.open) ui.dialog.close();
    if (done && done.opener && document.contains(done.opener)) done.opener.focus();
    if (!done) return;
    if (image && typeof done.onPick === 'function') done.onPick(image);
    if (!image && typeof done.onCancel === 'function') done.onCancel();
  }

  /** Opens the picker. Options: onPick(image), onCancel(), alt (text to offer), altFor (its image id). */
  function pick(options) {
    if (!ui) build();
    if (session) finish(null);
    options = options || {};
    session = {
      onPick: options.onPick,
      onCancel: options.onCancel,
      alt: options.alt,
      altFor: options.altFor,
      opener: document.activeElement,
      items: [],
      page: 1,
      chosen: null,
    };
    showLibrary();
    say('');
    ui.search.value = '';
    ui.grid.textContent = '';
    ui.more.hidden = true;
    ui.dialog.showModal();
    ui.search.focus();
    void load(1);
  }

  window.DatelineMedia = { pick: pick };

  // The article editor's "Featured image": the button opens the picker, the chosen image's
  // thumbnail shows beside it, and the form's own select (the script-free fallback, hidden now)
  // and alt text field carry the choice, so saving works exactly as without script.
  document.querySelectorAll('[data-featured-image]').forEach(function (box) {
    var select = box.querySelector('select[name="featured_image_id"]');
    var fallback = box.querySelector('[data-featured-fallback]');
    var picked = box.querySelector('[data-featured-picked]');
    var open = box.querySelector('[data-featured-open]');
    var clear = box.querySelector('[data-featured-clear]');
    var name = box.querySelector('[data-featured-name]');
    // The thumbnail is in the page only once an image is chosen: an <img> needs an address.
    var thumb = box.querySelector('[data-featured-thumb]');
    if (!thumb && name) {
      thumb = el('img', { 'data-featured-thumb': '', alt: '', hidden: '' });
      name.parentNode.insertBefore(thumb, name);
    }
    var form = select && select.form;
    var alt = form && form.querySelector('[name="featured_image_alt"]');
    if (!select || !fallback || !picked || !open || !clear || !thumb || !name) return;
    fallback.hidden = true;
    picked.hidden = false;

    function changed(node) {
      node.dispatchEvent(new Event('input', { bubbles: true }));
      node.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function show(image) {
      var has = Boolean(image);
      thumb.hidden = !has;
      clear.hidden = !has;
      if (has) {
        thumb.src = image.thumb;
        thumb.width = 160;
        thumb.height = Math.max(1, Math.round((160 * image.height) / Math.max(1, image.width)));
      }
      name.textContent = has ? labelOf(image) : 'None chosen';
    }

    open.addEventListener('click', function () {
      pick({
        alt: alt ? alt.value : undefined,
        altFor: Number(select.value) || undefined,
        onPick: function (image) {
          var option = select.querySelector('option[value="' + String(image.id) + '"]');
          if (!option) {
            option = el('option', { value: String(image.id), text: labelOf(image) });
            select.appendChild(option);
          }
          select.value = String(image.id);
          changed(select);
          if (alt) {
            alt.value = image.alt;
            changed(alt);
          }
          show(image);
        },
      });
    });
    clear.addEventListener('click', function () {
      select.value = '';
      changed(select);
      show(null);
      open.focus();
    });
  });
})();
