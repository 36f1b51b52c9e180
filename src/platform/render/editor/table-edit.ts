// Rows and columns of a body table, edited where the cursor is. A body table is
// table > caption? > thead/tbody/tfoot sections > rows > cells (Dateline's own schema, not
// prosemirror-tables', whose model has no sections), so these few commands are written for it.
// Each returns the transaction to dispatch, or the reason it cannot be done.
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';

/** Where the cursor is in a table: each enclosing node and the position just before it. */
interface TableSpot {
  table: { node: PMNode; pos: number };
  section: { node: PMNode; pos: number };
  row: { node: PMNode; pos: number };
  /** The cell's index in its row. */
  column: number;
}

/** The table the cursor is in, or undefined outside one. */
export function tableSpot(state: EditorState): TableSpot | undefined {
  const $from = state.selection.$from;
  let table: TableSpot['table'] | undefined;
  let section: TableSpot['section'] | undefined;
  let row: TableSpot['row'] | undefined;
  let column = -1;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    const pos = $from.before(depth);
    if (node.type.name === 'tableCell') column = $from.index(depth - 1);
    else if (node.type.name === 'tableRow') row ??= { node, pos };
    else if (node.type.name === 'tableSection') section ??= { node, pos };
    else if (node.type.name === 'table') {
      table = { node, pos };
      break;
    }
  }
  if (!table || !section || !row || column < 0) return undefined;
  return { table, section, row, column };
}

/** Whether any cell of the table spans rows or columns: then rows and columns are not simple lists. */
function hasSpans(table: PMNode): boolean {
  let found = false;
  table.descendants((node) => {
    if (
      node.type.name === 'tableCell' &&
      (Number(node.attrs.colspan ?? 1) > 1 || Number(node.attrs.rowspan ?? 1) > 1)
    )
      found = true;
    return !found;
  });
  return found;
}

const SPANS =
  'This table has merged cells: add or remove its rows and columns in the HTML view of the story.';

function newCell(state: EditorState, header: boolean): PMNode {
  return state.schema.nodes.tableCell!.create({ header, scope: header ? 'col' : null });
}

/** Every row of the table, in order, with the position just before it. */
function rowsOf(table: { node: PMNode; pos: number }): { node: PMNode; pos: number; header: boolean }[] {
  const rows: { node: PMNode; pos: number; header: boolean }[] = [];
  table.node.forEach((section, sectionOffset) => {
    if (section.type.name !== 'tableSection') return;
    const sectionPos = table.pos + 1 + sectionOffset;
    section.forEach((row, rowOffset) => {
      rows.push({ node: row, pos: sectionPos + 1 + rowOffset, header: section.attrs.kind === 'thead' });
    });
  });
  return rows;
}

/** A row below the cursor's, as wide as it; in the head, a row of header cells. */
export function addRowBelow(state: EditorState): Transaction | string {
  const spot = tableSpot(state);
  if (!spot) return 'Put the cursor in a table first.';
  const header = spot.section.node.attrs.kind === 'thead';
  const cells = Array.from({ length: spot.row.node.childCount }, () => newCell(state, header));
  const row = state.schema.nodes.tableRow!.create(null, cells);
  return state.tr.insert(spot.row.pos + spot.row.node.nodeSize, row);
}

/** Removes the cursor's row; the last row of a section takes the section, the last of all the table. */
export function deleteRow(state: EditorState): Transaction | string {
  const spot = tableSpot(state);
  if (!spot) return 'Put the cursor in a table first.';
  if (hasSpans(spot.table.node)) return SPANS;
  if (rowsOf(spot.table).length === 1) return deleteTable(state);
  if (spot.section.node.childCount === 1)
    return state.tr.delete(spot.section.pos, spot.section.pos + spot.section.node.nodeSize);
  return state.tr.delete(spot.row.pos, spot.row.pos + spot.row.node.nodeSize);
}

/** A column right of the cursor's, in every row. */
export function addColumnRight(state: EditorState): Transaction | string {
  const spot = tableSpot(state);
  if (!spot) return 'Put the cursor in a table first.';
  if (hasSpans(spot.table.node)) return SPANS;
  const tr = state.tr;
  // From the last row up, so that no insertion moves a row still to come.
  for (const row of rowsOf(spot.table).reverse()) {
    const index = Math.min(spot.column, row.node.childCount - 1);
    let at = row.pos + 1;
    for (let i = 0; i <= index; i++) at += row.node.child(i).nodeSize;
    const like = row.node.child(index);
    tr.insert(at, newCell(state, Boolean(like.attrs.header) || row.header));
  }
  return tr;
}

/** Removes the cursor's column from every row; the last column takes the table. */
export function deleteColumn(state: EditorState): Transaction | string {
  const spot = tableSpot(state);
  if (!spot) return 'Put the cursor in a table first.';
  if (hasSpans(spot.table.node)) return SPANS;
  const rows = rowsOf(spot.table);
  if (rows.every((row) => row.node.childCount <= 1)) return deleteTable(state);
  const tr = state.tr;
  for (const row of rows.reverse()) {
    if (row.node.childCount <= 1 || spot.column >= row.node.childCount) continue;
    let at = row.pos + 1;
    for (let i = 0; i < spot.column; i++) at += row.node.child(i).nodeSize;
    tr.delete(at, at + row.node.child(spot.column).nodeSize);
  }
  return tr;
}

/** Removes the whole table. */
export function deleteTable(state: EditorState): Transaction | string {
  const spot = tableSpot(state);
  if (!spot) return 'Put the cursor in a table first.';
  return state.tr.delete(spot.table.pos, spot.table.pos + spot.table.node.nodeSize);
}

/** The position inside a cell at its end (where typing goes on). */
function cellEnd(rowPos: number, row: PMNode, index: number): number {
  let at = rowPos + 1;
  for (let i = 0; i < index; i++) at += row.child(i).nodeSize;
  return at + 1 + row.child(index).content.size;
}

/**
 * Moving between cells by keyboard (the arrow keys up and down, Tab and Shift+Tab), as ProseMirror alone
 * would move the cursor out of a cell into the row itself, where typing makes a stray cell. Tab in the
 * last cell adds a row; down from the last row leaves the table for the paragraph after it. Null when
 * the cursor is not in a table: the key does what it always does.
 */
export function moveInTable(
  state: EditorState,
  direction: 'up' | 'down' | 'next' | 'previous',
): Transaction | null {
  const spot = tableSpot(state);
  if (!spot) return null;
  const rows = rowsOf(spot.table);
  const index = rows.findIndex((r) => r.pos === spot.row.pos);
  const go = (tr: Transaction, rowIndex: number, column: number) => {
    const row = rows[rowIndex]!;
    const pos = tr.mapping.map(cellEnd(row.pos, row.node, Math.min(column, row.node.childCount - 1)));
    return tr.setSelection(TextSelection.create(tr.doc, pos)).scrollIntoView();
  };
  if (direction === 'up') return index > 0 ? go(state.tr, index - 1, spot.column) : null;
  if (direction === 'down') {
    if (index + 1 < rows.length) return go(state.tr, index + 1, spot.column);
    const after = spot.table.pos + spot.table.node.nodeSize;
    const tr = state.tr;
    if (after >= state.doc.content.size || !state.doc.resolve(after).nodeAfter?.isTextblock)
      tr.insert(after, state.schema.nodes.paragraph!.create());
    return tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView();
  }
  if (direction === 'next') {
    if (spot.column + 1 < spot.row.node.childCount) return go(state.tr, index, spot.column + 1);
    if (index + 1 < rows.length) return go(state.tr, index + 1, 0);
    const added = addRowBelow(state);
    if (typeof added === 'string') return null;
    const newRowPos = spot.row.pos + spot.row.node.nodeSize;
    return added.setSelection(TextSelection.create(added.doc, newRowPos + 2)).scrollIntoView();
  }
  if (spot.column > 0) return go(state.tr, index, spot.column - 1);
  return index > 0 ? go(state.tr, index - 1, rows[index - 1]!.node.childCount - 1) : null;
}
