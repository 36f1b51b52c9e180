import type { SignedIn } from './staff.ts';

// The article editor's form, for tests that write articles through the newsroom.

/**
 * An editor form with sensible values; each test overrides what it is about. Its tags go in New tags
 * too, as someone creating them on purpose would send them (a tag is made only on purpose), unless
 * the test says what New tags holds.
 */
export function editorForm(staff: SignedIn, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    new_tags: overrides.tags ?? 'Harbour, Transport',
    title: 'Ferry timetable changes from Monday',
    slug: '',
    standfirst: 'The harbour ferry runs every twenty minutes.',
    body: '<p>The <em>new</em> timetable starts on Monday.</p>',
    tags: 'Harbour, Transport',
    authors: staff.authorSlug,
    source_name: '',
    source_url: '',
    publish_at: '',
    update_note: '',
    featured_image_id: '',
    featured_image_alt: '',
    version: '',
    action: 'save',
    ...overrides,
  };
}

/** The id in a redirect to the editor. */
export function editedId(location: unknown): number {
  const match = /^\/admin\/articles\/(\d+)\/edit/.exec(String(location));
  if (!match) throw new Error(`not an editor redirect: ${String(location)}`);
  return Number(match[1]);
}
