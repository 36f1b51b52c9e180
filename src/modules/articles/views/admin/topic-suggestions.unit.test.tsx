// The editor's "Suggested topics" with its two scripts in a page: asking sends the draft as it
// stands, each suggestion's button accepts it and puts its tag in the Tags combobox, nothing is
// tagged before the click, and a refusal is shown, not swallowed.
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { Window, type HTMLButtonElement, type HTMLElement, type HTMLInputElement } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../../platform/render/html.ts';
import { TagsField } from './people-fields.tsx';

const asset = (name: string) =>
  readFileSync(new URL(`../../../../platform/render/assets/${name}`, import.meta.url), 'utf8');

let window: Window;
let document: Window['document'];

function page(mayCreate: boolean, fetch: unknown) {
  window = new Window({ url: 'http://dateline.test/admin/articles/new' });
  document = window.document;
  document.body.innerHTML = `<form method="post">
    <input type="hidden" name="_csrf" value="token-1">
    <input name="title" value="Talks resume">
    <textarea name="standfirst">Talks in Seoul.</textarea>
    <textarea name="body">Foreign Minister Cho Tae-yul met officials.</textarea>
    ${renderFragment(<TagsField value="Seoul" newValue="" tagNames={['Seoul']} mayCreate={mayCreate} fields={undefined} />)}
  </form>`;
  // The scripts run as the page loads them, in order, with the page's globals and a stand-in server.
  const context = createContext({
    window,
    document,
    fetch,
    Event: window.Event,
    CustomEvent: window.CustomEvent,
    setTimeout,
  });
  runInContext(asset('people-fields.js'), context);
  runInContext(asset('topic-suggestions.js'), context);
}

type Answer = { status: number; json: unknown };
function serve(answers: Record<string, Answer>) {
  const calls: { url: string; body: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const fetch = async (url: string, init: { body: string; headers: Record<string, string> }) => {
    calls.push({ url, body: JSON.parse(init.body) as Record<string, unknown>, headers: init.headers });
    const answer = answers[url] ?? { status: 404, json: {} };
    return new Response(JSON.stringify(answer.json), { status: answer.status });
  };
  return { calls, fetch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const one = <T,>(selector: string) => document.querySelector(selector) as unknown as T | null;
const tags = () => one<HTMLInputElement>('input[name="tags"]')?.value;
const status = () => document.querySelector('[data-topic-status]')?.textContent ?? '';

describe('Suggested topics in the editor', () => {
  it('asks with the draft as it stands, and adds a tag only when its button is clicked', async () => {
    const { calls, fetch } = serve({
      '/admin/topics/suggest': {
        status: 200,
        json: {
          suggestions: [{ name: 'Cho Tae-yul', kind: 'person', known: false, mentions: 1, aliases: ['Cho'] }],
        },
      },
      '/admin/topics/accept': {
        status: 201,
        json: { tag: { id: 7, slug: 'cho-tae-yul', name: 'Cho Tae-yul' } },
      },
    });
    page(true, fetch);
    const section = one<HTMLElement>('[data-topic-suggestions]');
    expect(section?.hidden).toBe(false);
    expect(section?.textContent).toContain('English text only');

    one<HTMLButtonElement>('[data-topic-suggest]')?.click();
    await settle();
    await settle();
    expect(calls[0]).toMatchObject({
      url: '/admin/topics/suggest',
      body: {
        title: 'Talks resume',
        standfirst: 'Talks in Seoul.',
        body_format: 'markdown',
        tags: ['Seoul'],
      },
      headers: { 'x-csrf-token': 'token-1' },
    });
    const add = one<HTMLButtonElement>('.topic-add');
    expect(add?.getAttribute('aria-label')).toBe('Add tag “Cho Tae-yul”');
    expect(tags()).toBe('Seoul');

    add?.click();
    await settle();
    await settle();
    expect(calls[1]).toMatchObject({
      url: '/admin/topics/accept',
      body: { name: 'Cho Tae-yul', kind: 'person', aliases: ['Cho'] },
    });
    expect(tags()).toBe('Seoul, Cho Tae-yul');
    expect(document.querySelectorAll('.topic-suggestion')).toHaveLength(0);
    expect(status()).toContain('Save to keep it');
  });

  it('shows a refusal (a contributor and a new tag) and leaves Tags as they were', async () => {
    const { fetch } = serve({
      '/admin/topics/suggest': {
        status: 200,
        json: {
          suggestions: [
            { name: 'Bank of Korea', kind: 'organisation', known: false, mentions: 1, aliases: [] },
          ],
        },
      },
      '/admin/topics/accept': {
        status: 403,
        json: {
          error: {
            code: 'FORBIDDEN',
            message: 'Only editors can create tags: ask an editor to add "Bank of Korea".',
          },
        },
      },
    });
    page(false, fetch);
    one<HTMLButtonElement>('[data-topic-suggest]')?.click();
    await settle();
    await settle();
    one<HTMLButtonElement>('.topic-add')?.click();
    await settle();
    await settle();
    expect(status()).toContain('Only editors can create tags');
    expect(tags()).toBe('Seoul');
    expect(one<HTMLButtonElement>('.topic-add')?.disabled).toBe(false);
  });
});
