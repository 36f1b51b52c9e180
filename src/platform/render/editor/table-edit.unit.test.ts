// @vitest-environment happy-dom
// Rows and columns of a body table, edited where the cursor is, written back as body HTML.
import { getSchema } from '@tiptap/core';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { htmlOfNodes, parseBody, serializeBody } from './body-io.ts';
import { bodyExtensions } from './schema.ts';
import {
  addColumnRight,
  addRowBelow,
  deleteColumn,
  deleteRow,
  deleteTable,
  moveInTable,
  tableSpot,
} from './table-edit.ts';

const schema = getSchema(bodyExtensions(htmlOfNodes));
const TABLE =
  '<table><thead><tr><th scope="col">Boat</th><th scope="col">Time</th></tr></thead>' +
  '<tbody><tr><td>Gull</td><td>6:00</td></tr><tr><td>Tern</td><td>7:00</td></tr></tbody></table>';

/** The body with the cursor in the text `inText`. */
function stateAt(html: string, inText: string): EditorState {
  const { doc } = parseBody(schema, html);
  let at = -1;
  doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text?.includes(inText)) at = pos + 1;
    return at < 0;
  });
  expect(at).toBeGreaterThan(0);
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}
const written = (outcome: Transaction | string) => {
  if (typeof outcome === 'string') throw new Error(outcome);
  return serializeBody(outcome.doc);
};

describe('editing a body table', () => {
  it('finds the table, row and column the cursor is in, and nothing outside a table', () => {
    expect(tableSpot(stateAt(`<p>Before</p>${TABLE}`, 'Before'))).toBeUndefined();
    const spot = tableSpot(stateAt(TABLE, '7:00'));
    expect(spot?.column).toBe(1);
    expect(spot?.row.node.textContent).toBe('Tern7:00');
  });

  it('adds a row below the cursor’s, header cells in the head', () => {
    expect(written(addRowBelow(stateAt(TABLE, 'Gull')))).toBe(
      '<table><thead><tr><th scope="col">Boat</th><th scope="col">Time</th></tr></thead>' +
        '<tbody><tr><td>Gull</td><td>6:00</td></tr><tr><td></td><td></td></tr><tr><td>Tern</td><td>7:00</td></tr></tbody></table>',
    );
    expect(written(addRowBelow(stateAt(TABLE, 'Boat')))).toContain(
      '<thead><tr><th scope="col">Boat</th><th scope="col">Time</th></tr><tr><th scope="col"></th><th scope="col"></th></tr></thead>',
    );
  });

  it('adds a column right of the cursor’s in every row', () => {
    expect(written(addColumnRight(stateAt(TABLE, 'Boat')))).toBe(
      '<table><thead><tr><th scope="col">Boat</th><th scope="col"></th><th scope="col">Time</th></tr></thead>' +
        '<tbody><tr><td>Gull</td><td></td><td>6:00</td></tr><tr><td>Tern</td><td></td><td>7:00</td></tr></tbody></table>',
    );
  });

  it('deletes the cursor’s row, and its column from every row', () => {
    expect(written(deleteRow(stateAt(TABLE, 'Tern')))).toBe(
      '<table><thead><tr><th scope="col">Boat</th><th scope="col">Time</th></tr></thead>' +
        '<tbody><tr><td>Gull</td><td>6:00</td></tr></tbody></table>',
    );
    expect(written(deleteColumn(stateAt(TABLE, '6:00')))).toBe(
      '<table><thead><tr><th scope="col">Boat</th></tr></thead><tbody><tr><td>Gull</td></tr><tr><td>Tern</td></tr></tbody></table>',
    );
  });

  it('takes the section with its last row, and the table with its last row or column', () => {
    expect(written(deleteRow(stateAt(TABLE, 'Boat')))).toBe(
      '<table><tbody><tr><td>Gull</td><td>6:00</td></tr><tr><td>Tern</td><td>7:00</td></tr></tbody></table>',
    );
    const single = '<p>Kept</p><table><tbody><tr><td>Only</td></tr></tbody></table>';
    expect(written(deleteRow(stateAt(single, 'Only')))).toBe('<p>Kept</p>');
    expect(written(deleteColumn(stateAt(single, 'Only')))).toBe('<p>Kept</p>');
    expect(written(deleteTable(stateAt(`<p>Kept</p>${TABLE}`, 'Gull')))).toBe('<p>Kept</p>');
  });

  it('refuses, with the reason, outside a table and in a table with merged cells', () => {
    expect(addRowBelow(stateAt(`<p>Before</p>${TABLE}`, 'Before'))).toBe('Put the cursor in a table first.');
    const merged =
      '<table><tbody><tr><td colspan="2">Wide</td></tr><tr><td>a</td><td>b</td></tr></tbody></table>';
    expect(addColumnRight(stateAt(merged, 'a'))).toMatch(/merged cells/);
    expect(deleteColumn(stateAt(merged, 'a'))).toMatch(/merged cells/);
  });

  it('moves between cells by keyboard: Tab adds a row at the end, down leaves the table', () => {
    const typeAt = (state: EditorState, text: string) => state.apply(state.tr.insertText(text));
    const step = (state: EditorState, direction: Parameters<typeof moveInTable>[1]) => {
      const tr = moveInTable(state, direction);
      if (!tr) throw new Error(`no move ${direction}`);
      return state.apply(tr);
    };
    let state = stateAt(TABLE, 'Boat');
    state = typeAt(step(step(state, 'down'), 'next'), '!');
    expect(serializeBody(state.doc)).toContain('<td>Gull</td><td>6:00!</td>');
    state = typeAt(step(step(step(state, 'down'), 'next'), 'previous'), '?');
    expect(serializeBody(state.doc)).toContain('<td>Tern</td><td>7:00?</td>');
    // Tab in the last cell: a new row, the cursor in its first cell.
    state = typeAt(step(state, 'next'), 'Skua');
    expect(serializeBody(state.doc)).toContain('<tr><td>Skua</td><td></td></tr></tbody>');
    // Down from the last row: a paragraph after the table.
    state = typeAt(step(state, 'down'), 'After');
    expect(serializeBody(state.doc)).toMatch(/<\/table><p>After<\/p>$/);
    expect(moveInTable(stateAt(`<p>Before</p>${TABLE}`, 'Before'), 'down')).toBeNull();
  });
});
