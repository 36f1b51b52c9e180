// The article editor's writing aids, kept current while the person types: the word count and
// reading time of the Body, the warning on a headline over 70 characters, and the search result and
// share card. The server draws all of them for the page as sent, so they work without this script.
// The rules are src/modules/articles/writing-aids.ts's, repeated here; its unit test runs both on
// the same texts. The Body may be a rich editor that keeps the textarea in step and fires 'input' on
// it, so this listens to the textarea alone.
'use strict';
const datelineWritingAids = (function () {
  const HEADLINE_MAX_CHARS = 70;
  const WORDS_PER_MINUTE = 230;
  const SEARCH_TITLE_CHARS = 60;
  const SEARCH_DESCRIPTION_CHARS = 160;
  const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

  // Linear in the body's length, as on the server (modules/articles/writing-aids.ts).
  function dropBetween(text, open, close) {
    const lower = text.toLowerCase();
    let out = '';
    let at = 0;
    for (;;) {
      const start = lower.indexOf(open, at);
      if (start < 0) break;
      const closing = lower.indexOf(close, start + open.length);
      if (closing < 0) break;
      const end = close.endsWith('>') ? closing + close.length : lower.indexOf('>', closing);
      if (end < 0) break;
      out += text.slice(at, start) + ' ';
      at = close.endsWith('>') ? end : end + 1;
    }
    return out + text.slice(at);
  }

  function bodyText(body) {
    return dropBetween(
      dropBetween(dropBetween(body, '<script', '</script'), '<style', '</style'),
      '<!--',
      '-->',
    )
      .replace(/<[^<>]*>/g, ' ')
      .replace(/&[#a-z0-9]{1,32};/gi, ' ')
      .replace(/\]\([^()]*\)/g, '] ');
  }

  function countWords(text) {
    const found = text.match(WORD);
    return found ? found.length : 0;
  }

  function readingMinutes(words) {
    return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
  }

  function wordCountLabel(words) {
    return words.toLocaleString('en-GB') + ' ' + (words === 1 ? 'word' : 'words');
  }

  function readingTimeLabel(words) {
    const minutes = readingMinutes(words);
    return minutes === 0 ? 'Nothing to read yet' : 'About ' + minutes + ' min read';
  }

  function headlineLength(title) {
    return Array.from(title.trim()).length;
  }

  function headlineWarning(title) {
    const length = headlineLength(title);
    if (length <= HEADLINE_MAX_CHARS) return undefined;
    return (
      'The headline is ' +
      length +
      ' characters long: search results show about ' +
      HEADLINE_MAX_CHARS +
      ', so the end may be cut off.'
    );
  }

  function clip(text, max) {
    const chars = Array.from(text.trim().replace(/\s+/g, ' '));
    if (chars.length <= max) return chars.join('');
    const cut = chars.slice(0, max - 1).join('');
    const space = cut.lastIndexOf(' ');
    return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '') + '…';
  }

  // The layout's <title> and description rules (headValues), for an article (articleHead).
  function head(site, article) {
    const title = article.title.trim() || 'Untitled';
    const standfirst = article.standfirst.trim();
    return {
      fullTitle: title + ' – ' + site.title,
      shareTitle: title,
      summary: standfirst || site.description,
    };
  }

  // An approximation of the save's slug for an empty Slug field; the saved one may differ slightly.
  function slugFrom(title) {
    const slug = title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '');
    return slug || 'untitled';
  }

  return {
    HEADLINE_MAX_CHARS,
    SEARCH_TITLE_CHARS,
    SEARCH_DESCRIPTION_CHARS,
    bodyText,
    countWords,
    readingMinutes,
    wordCountLabel,
    readingTimeLabel,
    headlineLength,
    headlineWarning,
    clip,
    head,
    slugFrom,
  };
})();

(function () {
  if (typeof document === 'undefined') return;
  const aids = datelineWritingAids;
  const panel = document.querySelector('[data-writing-aids]');
  const form = panel ? panel.closest('form') : document.querySelector('form[data-editor]');
  if (!form) return;
  const field = (name) => form.querySelector('[name="' + name + '"]');
  const title = field('title');
  const standfirst = field('standfirst');
  const slug = field('slug');
  const body = field('body');
  const warning = form.querySelector('[data-headline-warning]');
  const shown = (selector) => (panel ? panel.querySelector(selector) : null);
  const site = panel
    ? {
        title: panel.getAttribute('data-site-title') || '',
        description: panel.getAttribute('data-site-description') || '',
      }
    : null;

  function set(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  function updateCount() {
    if (!body) return;
    const words = aids.countWords(aids.bodyText(body.value));
    set(shown('[data-word-count]'), aids.wordCountLabel(words));
    set(shown('[data-reading-time]'), aids.readingTimeLabel(words));
  }

  function updateHead() {
    const titleText = title ? title.value : '';
    set(warning, aids.headlineWarning(titleText) || '');
    if (title && warning) {
      if (warning.textContent) title.setAttribute('aria-describedby', addId(title, warning.id));
      else removeId(title, warning.id);
    }
    if (!site) return;
    const values = aids.head(site, { title: titleText, standfirst: standfirst ? standfirst.value : '' });
    const description = aids.clip(values.summary, aids.SEARCH_DESCRIPTION_CHARS);
    set(shown('[data-search-title]'), aids.clip(values.fullTitle, aids.SEARCH_TITLE_CHARS));
    set(shown('[data-search-description]'), description);
    set(shown('[data-share-title]'), values.shareTitle);
    set(shown('[data-share-description]'), description);
    const typedSlug = slug ? slug.value.trim() : '';
    set(shown('[data-search-slug]'), typedSlug || aids.slugFrom(titleText));
  }

  function addId(element, id) {
    const ids = (element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) ids.push(id);
    return ids.join(' ');
  }

  function removeId(element, id) {
    const ids = (element.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter((each) => each && each !== id);
    if (ids.length > 0) element.setAttribute('aria-describedby', ids.join(' '));
    else element.removeAttribute('aria-describedby');
  }

  // A long body is counted once a frame, however fast the keys come.
  let isCountPending = false;
  function scheduleCount() {
    if (isCountPending) return;
    isCountPending = true;
    window.requestAnimationFrame(function () {
      isCountPending = false;
      updateCount();
    });
  }

  if (body) {
    body.addEventListener('input', scheduleCount);
    body.addEventListener('change', scheduleCount);
  }
  for (const input of [title, standfirst, slug]) if (input) input.addEventListener('input', updateHead);
  updateCount();
  updateHead();
})();
