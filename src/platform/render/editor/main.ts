/// <reference lib="dom" />
// The writing desk's story editor (issue #17): enhances the Body textarea of a newsroom form into a
// rich text editor. Bundled for the browser by scripts/editor-bundle.mjs and served from 'self'.
//
// The textarea stays the form's field: hidden, and kept in sync with the editor a moment after typing
// stops, on submit, and whenever a FormData is made of the form (the autosave does that). It is written
// only once the story has been edited, so opening and saving an article changes nothing. Without
// script the textarea is the editor, as before.
//
// For the other scripts of the desk, on the textarea:
// - dispatch `dateline:flush` to have the textarea brought up to date now (synchronously);
// - dispatch `dateline:restored` after putting other text in it (an autosave restored), to reload it.
// And on window: `DatelineEditor.insertImage(image)` / `insertGallery(images, caption)` insert pictures;
// if `DatelineMedia.pick()` exists, the Image button asks it for a picture instead of the address form.
import { Editor, getSchema } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { BODY_IMAGE_SIZES, embedProvider } from '../body-urls.ts';
import {
  COMPACT,
  cleanPaste,
  htmlOfNodes,
  keptBlocks,
  parseBody,
  serializeBody,
  type KeptBlocks,
  type Layout,
} from './body-io.ts';
import {
  addColumnRight,
  addRowBelow,
  deleteColumn,
  deleteRow,
  deleteTable,
  tableSpot,
} from './table-edit.ts';
import {
  bodyExtensions,
  createLinkShortcut,
  embedLabel,
  isWebAddress,
  TableKeys,
  textOf,
  type ImageAttrs,
} from './schema.ts';

/** A picture from the media picker or the Image form. */
export interface PickedImage extends ImageAttrs {
  caption?: string;
  credit?: string;
}
/** What the media library's picker (assets/media-picker.js) hands over: an upload, described. */
interface LibraryImage {
  id: number;
  url: string;
  srcset?: string;
  width?: number;
  height?: number;
  alt: string;
}
interface MediaPicker {
  pick(options: { onPick(image: LibraryImage): void; onCancel?(): void }): void;
}
declare global {
  interface Window {
    DatelineMedia?: MediaPicker;
    DatelineEditor?: {
      editor: Editor;
      insertImage(image: PickedImage): void;
      insertGallery(images: PickedImage[], caption?: string): void;
    };
  }
}

const SYNC_DELAY_MS = 400;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el: HTMLElement = document.createElement(tag);
  Object.assign(el, props);
  el.append(...children);
  return el as HTMLElementTagNameMap[K];
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small modal form (native <dialog>, outside the article's form): fields, a problem line, buttons. */
function dialogForm(
  title: string,
  fields: { name: string; label: string; hint?: string }[],
  extraButton?: string,
) {
  const dialog = element('dialog', { className: 'rich-editor-dialog' });
  const form = element('form', { method: 'dialog' });
  const heading = element('h2', {
    textContent: title,
    id: `rich-editor-dialog-${title.replace(/\W+/g, '-').toLowerCase()}`,
  });
  dialog.setAttribute('aria-labelledby', heading.id);
  form.append(heading);
  const inputs: Record<string, HTMLInputElement> = {};
  for (const field of fields) {
    const id = `${heading.id}-${field.name}`;
    const input = element('input', { id, name: field.name, type: 'text', autocomplete: 'off' });
    inputs[field.name] = input;
    const wrap = element('p', {}, element('label', { htmlFor: id, textContent: field.label }), input);
    if (field.hint) wrap.append(element('span', { className: 'hint', textContent: field.hint }));
    form.append(wrap);
  }
  const problem = element('p', { className: 'field-error', hidden: true });
  problem.setAttribute('role', 'alert');
  const ok = element('button', { type: 'submit', textContent: 'Apply', value: 'apply' });
  const buttons = element('p', { className: 'rich-editor-dialog-buttons' }, ok);
  let extra: HTMLButtonElement | undefined;
  if (extraButton) {
    extra = element('button', { type: 'button', textContent: extraButton, className: 'secondary' });
    buttons.append(extra);
  }
  const cancel = element('button', { type: 'button', textContent: 'Cancel', className: 'secondary' });
  cancel.addEventListener('click', () => dialog.close());
  buttons.append(cancel);
  form.append(problem, buttons);
  dialog.append(form);
  document.body.append(dialog);
  return { dialog, form, inputs, problem, extra };
}

/** Enhances one Body textarea. */
function enhance(textarea: HTMLTextAreaElement): Editor {
  let layout: Layout = COMPACT;
  let kept: KeptBlocks | undefined;
  let isEdited = false;
  let timer: number | undefined;

  const mount = element('div', { className: 'rich-editor-mount' });
  const toolbar = element('div', { className: 'rich-editor-toolbar' });
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  const wrapper = element('div', { className: 'rich-editor' }, toolbar, mount);

  const linkDialog = dialogForm(
    'Link',
    [{ name: 'href', label: 'Address', hint: 'Starts with https:// or http://' }],
    'Remove link',
  );
  const imageDialog = dialogForm('Image', [
    { name: 'src', label: 'Image address' },
    { name: 'alt', label: 'Alt text', hint: 'What the picture shows, for people who cannot see it.' },
    { name: 'caption', label: 'Caption' },
    { name: 'credit', label: 'Credit' },
  ]);
  const embedDialog = dialogForm('Embed', [
    {
      name: 'url',
      label: 'Address',
      hint: 'A YouTube, Vimeo, Bluesky or Mastodon post, or any web page: shown as a link card.',
    },
    { name: 'caption', label: 'Caption' },
  ]);

  // The label names the editor now, not the hidden textarea: one field called "Body", as a screen
  // reader (and a test's getByLabel) should find it.
  const label = textarea.id
    ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`)
    : null;
  if (label) label.id ||= `${textarea.id}-label`;

  const initial = parseBodyOrEmpty(textarea.value);
  layout = initial.layout;
  const editor: Editor = new Editor({
    element: mount,
    extensions: bodyExtensions(htmlOfNodes, [createLinkShortcut(() => openLinkDialog()), TableKeys]),
    content: initial.json,
    injectCSS: false,
    editorProps: {
      transformPastedHTML: (html) => cleanPaste(schemaFor(), html),
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': 'Body' }),
        class: 'rich-editor-content body-text',
        spellcheck: 'true',
        ...(textarea.getAttribute('aria-describedby') && {
          'aria-describedby': textarea.getAttribute('aria-describedby')!,
        }),
      },
    },
  });

  kept = keptBlocks(editor.state.doc, initial.doc, initial.stored);

  function parseBodyOrEmpty(html: string) {
    const { doc, layout, stored } = parseBody(schemaFor(), html);
    return { doc, json: doc.toJSON() as Record<string, unknown>, layout, stored };
  }

  /** Writes the editor's story into the textarea, if it was edited. True when the value changed. */
  function sync(): boolean {
    window.clearTimeout(timer);
    timer = undefined;
    if (!isEdited) return false;
    const html = serializeBody(editor.state.doc, layout, kept);
    if (html === textarea.value) return false;
    textarea.value = html;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }

  editor.on('update', () => {
    isEdited = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(sync, SYNC_DELAY_MS);
  });
  editor.on('transaction', () => updateToolbar());

  textarea.addEventListener('dateline:flush', () => void sync());
  textarea.addEventListener('dateline:restored', () => {
    const next = parseBody(editor.schema, textarea.value);
    layout = next.layout;
    isEdited = false;
    editor.commands.setContent(next.doc.toJSON() as Record<string, unknown>, { emitUpdate: false });
    kept = keptBlocks(editor.state.doc, next.doc, next.stored);
  });
  const form = textarea.form;
  if (form) {
    // Capture: before any other submit handler reads the textarea, and before a button's own script does
    // (the newsroom's Preview button posts the textarea's value).
    form.addEventListener('submit', () => void sync(), true);
    form.addEventListener(
      'click',
      (event) => {
        if (event.target instanceof HTMLButtonElement && !wrapper.contains(event.target)) sync();
      },
      true,
    );
    form.addEventListener('formdata', (event) => {
      sync();
      if (isEdited) event.formData.set(textarea.name, textarea.value);
    });
  }

  // Clicking the label puts the cursor in the story.
  if (label) {
    label.removeAttribute('for');
    label.addEventListener('click', (event) => {
      event.preventDefault();
      editor.commands.focus();
    });
  }

  // The toolbar: one tab stop, arrow keys between buttons (the ARIA toolbar pattern).
  const buttons: { button: HTMLButtonElement; isActive?: () => boolean }[] = [];
  function addButton(
    name: string,
    text: string,
    run: () => void,
    isActive?: () => boolean,
    shortcut?: string,
  ) {
    const button = element('button', { type: 'button', textContent: text, className: 'rich-editor-button' });
    button.setAttribute('aria-label', name);
    if (shortcut) button.setAttribute('aria-keyshortcuts', shortcut);
    button.title = shortcut ? `${name} (${shortcut.replace('Control', 'Ctrl')})` : name;
    button.tabIndex = buttons.length === 0 ? 0 : -1;
    if (isActive) button.setAttribute('aria-pressed', 'false');
    // Keep the story's selection when the button is pressed with a mouse.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', run);
    toolbar.append(button);
    buttons.push({ button, ...(isActive && { isActive }) });
  }
  toolbar.addEventListener('keydown', (event) => {
    const index = buttons.findIndex((b) => b.button === document.activeElement);
    if (index < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length]!.button;
    for (const b of buttons) b.button.tabIndex = b.button === target ? 0 : -1;
    target.focus();
  });
  function updateToolbar() {
    for (const { button, isActive } of buttons)
      if (isActive) button.setAttribute('aria-pressed', String(isActive()));
  }

  const chain = () => editor.chain().focus();
  addButton(
    'Bold',
    'B',
    () => chain().toggleBold().run(),
    () => editor.isActive('bold'),
    'Control+B',
  );
  addButton(
    'Italic',
    'I',
    () => chain().toggleItalic().run(),
    () => editor.isActive('italic'),
    'Control+I',
  );
  addButton(
    'Link',
    'Link',
    () => openLinkDialog(),
    () => editor.isActive('link'),
    'Control+K',
  );
  addButton(
    'Heading',
    'H',
    () => {
      // Paragraph → H2 → H3 → H4 → paragraph.
      const level = ([2, 3, 4] as const).find((l) => editor.isActive('heading', { level: l }));
      if (level === 4) chain().setParagraph().run();
      else
        chain()
          .setHeading({ level: level === undefined ? 2 : ((level + 1) as 3 | 4) })
          .run();
    },
    () => editor.isActive('heading'),
  );
  addButton(
    'Quote',
    '“',
    () => chain().toggleBlockquote().run(),
    () => editor.isActive('blockquote') && !editor.isActive('blockquote', { pullquote: true }),
  );
  addButton(
    'Pull quote',
    '❝',
    () => {
      if (editor.isActive('blockquote', { pullquote: true }))
        chain().updateAttributes('blockquote', { pullquote: false }).run();
      else if (editor.isActive('blockquote'))
        chain().updateAttributes('blockquote', { pullquote: true }).run();
      else chain().wrapIn('blockquote', { pullquote: true }).run();
    },
    () => editor.isActive('blockquote', { pullquote: true }),
  );
  addButton(
    'Bulleted list',
    '•',
    () => chain().toggleBulletList().run(),
    () => editor.isActive('bulletList'),
  );
  addButton(
    'Numbered list',
    '1.',
    () => chain().toggleOrderedList().run(),
    () => editor.isActive('orderedList'),
  );
  addButton('Image', 'Image', () => void chooseImage());
  addButton('Gallery', 'Gallery', () => chooseGalleryPicture());
  addButton('Embed', 'Embed', () => openEmbedDialog());
  addButton('Table', 'Table', () => (tableSpot(editor.state) ? openTableTools() : insertTable()));
  addButton('Horizontal rule', '—', () => chain().setHorizontalRule().run());
  addButton('Undo', '↶', () => chain().undo().run(), undefined, 'Control+Z');
  addButton('Redo', '↷', () => chain().redo().run(), undefined, 'Control+Shift+Z');

  function openLinkDialog() {
    const { dialog, inputs, problem } = linkDialog;
    inputs.href!.value = String(editor.getAttributes('link').href ?? '');
    problem.hidden = true;
    dialog.showModal();
    inputs.href!.focus();
  }
  linkDialog.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const href = linkDialog.inputs.href!.value.trim();
    if (!isWebAddress(href)) {
      linkDialog.problem.textContent = 'A link must be a full web address starting with https:// or http://.';
      linkDialog.problem.hidden = false;
      return;
    }
    linkDialog.dialog.close();
    if (editor.state.selection.empty && !editor.isActive('link'))
      chain()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    else chain().extendMarkRange('link').setLink({ href }).run();
  });
  linkDialog.extra?.addEventListener('click', () => {
    linkDialog.dialog.close();
    chain().extendMarkRange('link').unsetLink().run();
  });
  linkDialog.dialog.addEventListener('close', () => editor.commands.focus());

  function figureNode(image: PickedImage) {
    const { caption = '', credit = '', ...attrs } = image;
    const kept: ImageAttrs = {};
    for (const [name, value] of Object.entries(attrs))
      if (typeof value === 'string' || typeof value === 'number')
        kept[name as keyof ImageAttrs] = String(value);
    kept.alt ??= '';
    return {
      type: 'figure',
      attrs: { image: kept, caption: escapeText(caption.trim()), credit: credit.trim(), hasCaption: false },
    };
  }
  function insertImage(image: PickedImage) {
    chain().insertContent(figureNode(image)).run();
  }
  /** Puts a picture at the end of the gallery at `position`, or starts a gallery with it. */
  function addToGallery(image: PickedImage, position: number | undefined) {
    const { attrs } = figureNode(image);
    const before = position === undefined ? undefined : editor.state.doc.nodeAt(position);
    if (position === undefined || before?.type.name !== 'gallery') {
      chain()
        .insertContent({
          type: 'gallery',
          attrs: { images: [attrs.image], caption: attrs.caption, credit: attrs.credit, hasCaption: false },
        })
        .run();
      return;
    }
    const kept = String(before.attrs.caption ?? '');
    const caption: string = textOf(kept) === (image.caption ?? '').trim() ? kept : attrs.caption;
    chain()
      .command(({ tr }) => {
        tr.setNodeMarkup(position, undefined, {
          ...before.attrs,
          images: [...(before.attrs.images as ImageAttrs[]), attrs.image],
          caption,
          credit: attrs.credit,
        });
        return true;
      })
      .run();
  }
  function insertGallery(images: PickedImage[], caption = '') {
    const list = images.map((i) => figureNode(i).attrs.image);
    chain()
      .insertContent({
        type: 'gallery',
        attrs: { images: list, caption: escapeText(caption.trim()), credit: '', hasCaption: false },
      })
      .run();
  }
  // The picture being described in the Image form: the attributes the form does not show (a library
  // image's srcset and size), and the figure it edits, if it edits one.
  let pendingImage: ImageAttrs = {};
  let editedFigure: number | undefined;
  // In gallery mode the form adds its picture to a gallery: the selected one (at this position), or a new one.
  let galleryMode: { position: number | undefined } | undefined;

  function openImageDialog(
    image: PickedImage,
    position?: number,
    gallery?: { position: number | undefined },
  ) {
    const { dialog, inputs, problem } = imageDialog;
    const { caption = '', credit = '', ...attrs } = image;
    pendingImage = attrs;
    editedFigure = position;
    galleryMode = gallery;
    inputs.src!.value = attrs.src ?? '';
    inputs.alt!.value = attrs.alt ?? '';
    inputs.caption!.value = textOf(caption);
    inputs.credit!.value = credit;
    problem.hidden = true;
    dialog.showModal();
    (attrs.src ? inputs.alt! : inputs.src!).focus();
  }

  /** The picture the cursor is on: the Image button then edits its alt text, caption and credit. */
  function selectedFigure(): { position: number; image: PickedImage } | undefined {
    const { selection } = editor.state;
    const node = 'node' in selection ? (selection.node as typeof editor.state.doc | undefined) : undefined;
    if (!node || node.type.name !== 'figure') return undefined;
    const attrs = node.attrs as { image: ImageAttrs; caption: string; credit: string };
    return {
      position: selection.from,
      image: { ...attrs.image, caption: attrs.caption, credit: attrs.credit },
    };
  }

  /** The gallery the cursor is on, with its caption and credit. */
  function selectedGallery(): { position: number; caption: string; credit: string } | undefined {
    const { selection } = editor.state;
    const node = 'node' in selection ? (selection.node as typeof editor.state.doc | undefined) : undefined;
    if (!node || node.type.name !== 'gallery') return undefined;
    return {
      position: selection.from,
      caption: String(node.attrs.caption ?? ''),
      credit: String(node.attrs.credit ?? ''),
    };
  }

  /** A picture from the media library (which asks for alt text), then the Image form; else the form alone. */
  function pickThen(open: (image: PickedImage) => void) {
    if (!window.DatelineMedia) return open({});
    window.DatelineMedia.pick({
      onPick: (picked) =>
        open({
          src: picked.url,
          ...(picked.srcset && { srcset: picked.srcset, sizes: BODY_IMAGE_SIZES }),
          ...(picked.width && { width: String(picked.width) }),
          ...(picked.height && { height: String(picked.height) }),
          alt: picked.alt,
        }),
      onCancel: () => editor.commands.focus(),
    });
  }

  function chooseImage() {
    const figure = selectedFigure();
    if (figure) return openImageDialog(figure.image, figure.position);
    pickThen((image) => openImageDialog(image));
  }

  /** Gallery: adds a picture to the selected gallery, or starts a gallery with it. */
  function chooseGalleryPicture() {
    const gallery = selectedGallery();
    pickThen((image) =>
      openImageDialog(
        { ...image, caption: gallery?.caption ?? '', credit: gallery?.credit ?? '' },
        undefined,
        { position: gallery?.position },
      ),
    );
  }
  imageDialog.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { inputs, problem, dialog } = imageDialog;
    const src = inputs.src!.value.trim();
    const alt = inputs.alt!.value.trim();
    if (!(isWebAddress(src) || /^\/[^/\\]/.test(src)))
      problem.textContent = 'The image address must start with https://, http:// or /.';
    else if (alt === '') problem.textContent = 'Describe the picture in Alt text.';
    else {
      dialog.close();
      // A changed address drops the library's other sizes: they were of the old picture.
      const kept = src === pendingImage.src ? pendingImage : {};
      const image: PickedImage = {
        ...kept,
        src,
        alt,
        loading: 'lazy',
        decoding: 'async',
        caption: inputs.caption!.value,
        credit: inputs.credit!.value,
      };
      if (galleryMode) addToGallery(image, galleryMode.position);
      else if (editedFigure === undefined) insertImage(image);
      else {
        const at = editedFigure;
        const before = editor.state.doc.nodeAt(at)?.attrs ?? {};
        const attrs: Record<string, unknown> = { ...figureNode(image).attrs, hasCaption: before.hasCaption };
        // A caption left as it was keeps its markup (a link or emphasis the form cannot show).
        if (inputs.caption!.value === textOf(String(before.caption ?? ''))) attrs.caption = before.caption;
        chain()
          .command(({ tr }) => {
            tr.setNodeMarkup(at, undefined, { ...before, ...attrs });
            return true;
          })
          .run();
      }
      return;
    }
    problem.hidden = false;
  });

  function openEmbedDialog() {
    const { dialog, inputs, problem } = embedDialog;
    for (const input of Object.values(inputs)) input.value = '';
    problem.hidden = true;
    dialog.showModal();
    inputs.url!.focus();
  }
  embedDialog.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { inputs, problem, dialog } = embedDialog;
    const url = inputs.url!.value.trim();
    if (!isWebAddress(url)) {
      problem.textContent = 'The address must start with https:// or http://.';
      problem.hidden = false;
      return;
    }
    dialog.close();
    const caption = inputs.caption!.value.trim();
    chain()
      .insertContent({
        type: 'embed',
        attrs: {
          provider: embedProvider(url),
          url,
          href: url,
          rel: true,
          label: embedLabel(url),
          caption: escapeText(caption),
          credit: '',
          hasCaption: false,
        },
      })
      .run();
  });

  // Inside a table the Table button offers its rows and columns.
  const tableTools = element('dialog', { className: 'rich-editor-dialog' });
  const tableHeading = element('h2', { textContent: 'Table', id: 'rich-editor-dialog-table-tools' });
  tableTools.setAttribute('aria-labelledby', tableHeading.id);
  const tableProblem = element('p', { className: 'field-error', hidden: true });
  tableProblem.setAttribute('role', 'alert');
  const tableButtons = element('p', { className: 'rich-editor-dialog-buttons' });
  const tableActions: [string, (state: typeof editor.state) => ReturnType<typeof addRowBelow>][] = [
    ['Add row', addRowBelow],
    ['Add column', addColumnRight],
    ['Delete row', deleteRow],
    ['Delete column', deleteColumn],
    ['Delete table', deleteTable],
  ];
  for (const [name, action] of tableActions) {
    const button = element('button', { type: 'button', textContent: name });
    button.addEventListener('click', () => {
      const outcome = action(editor.state);
      if (typeof outcome === 'string') {
        tableProblem.textContent = outcome;
        tableProblem.hidden = false;
        return;
      }
      editor.view.dispatch(outcome);
      tableTools.close();
    });
    tableButtons.append(button);
  }
  const tableCancel = element('button', { type: 'button', textContent: 'Cancel', className: 'secondary' });
  tableCancel.addEventListener('click', () => tableTools.close());
  tableButtons.append(tableCancel);
  tableTools.append(tableHeading, tableProblem, tableButtons);
  tableTools.addEventListener('close', () => editor.commands.focus());
  document.body.append(tableTools);
  function openTableTools() {
    tableProblem.hidden = true;
    tableTools.showModal();
    tableButtons.querySelector('button')?.focus();
  }

  function insertTable() {
    const start = editor.state.selection.from;
    const cell = (header: boolean) => ({
      type: 'tableCell',
      attrs: { header, scope: header ? 'col' : null },
    });
    const row = (header: boolean) => ({ type: 'tableRow', content: [cell(header), cell(header)] });
    chain()
      .insertContent({
        type: 'table',
        content: [
          { type: 'tableSection', attrs: { kind: 'thead' }, content: [row(true)] },
          { type: 'tableSection', attrs: { kind: 'tbody' }, content: [row(false), row(false)] },
        ],
      })
      .command(({ tr }) => {
        // The cursor goes into the new table's first heading, ready to type.
        let cell = -1;
        tr.doc.nodesBetween(Math.max(0, start - 1), tr.selection.from, (node, pos) => {
          if (cell < 0 && node.type.name === 'tableCell') cell = pos + 1;
          return cell < 0;
        });
        if (cell >= 0) tr.setSelection(TextSelection.create(tr.doc, cell));
        return true;
      })
      .run();
  }

  textarea.hidden = true;
  textarea.classList.add('rich-editor-source');
  textarea.after(wrapper);
  window.DatelineEditor = { editor, insertImage, insertGallery };
  updateToolbar();
  return editor;
}

// The schema before the editor exists (the first parse); the same extensions make the same schema.
let cachedSchema: ReturnType<typeof getSchema> | undefined;
function schemaFor() {
  return (cachedSchema ??= getSchema(bodyExtensions(htmlOfNodes)));
}

const textarea = document.querySelector<HTMLTextAreaElement>('form textarea[name="body"]');
if (textarea) enhance(textarea);
