import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { invalidationFor } from '../page-cache/index.ts';
import { checkProfile } from './profile.ts';

function problems(form: Parameters<typeof checkProfile>[0]): Record<string, string> {
  try {
    checkProfile(form);
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  return {};
}

describe('checkProfile', () => {
  it('trims, makes a slug from the name when none is given, and turns empty fields into none', () => {
    expect(
      checkProfile({
        name: '  Zoë Café ',
        slug: '',
        bio: ' Line one\r\nline two ',
        website: '',
        avatar_url: ' ',
      }),
    ).toEqual({
      name: 'Zoë Café',
      slug: 'zoe-cafe',
      bio: 'Line one\nline two',
      website: null,
      avatar_url: null,
    });
  });

  it('accepts web addresses and this site’s own uploads as avatars', () => {
    expect(checkProfile({ name: 'A', avatar_url: '/uploads/ab/abc/w480.webp' }).avatar_url).toBe(
      '/uploads/ab/abc/w480.webp',
    );
    expect(checkProfile({ name: 'A', avatar_url: 'https://cdn.example/me.jpg' }).avatar_url).toBe(
      'https://cdn.example/me.jpg',
    );
  });

  it('names every field that is wrong', () => {
    expect(
      Object.keys(problems({ name: '', slug: 'Bad Slug', website: 'javascript:alert(1)' })).sort(),
    ).toEqual(['name', 'slug', 'website']);
    expect(problems({ name: 'A', avatar_url: 'javascript:alert(1)' })).toHaveProperty('avatar_url');
    expect(problems({ name: 'A', avatar_url: '/admin/sign-out' })).toHaveProperty('avatar_url');
    expect(problems({ name: 'A', avatar_url: '//evil.example/x.png' })).toHaveProperty('avatar_url');
    expect(problems({ name: 'A', bio: 'x'.repeat(2001) })).toHaveProperty('bio');
    expect(problems({ name: 'A\u0007' })).toHaveProperty('name');
    expect(problems({ name: 'x'.repeat(121) })).toHaveProperty('name');
  });
});

describe('what an author save invalidates', () => {
  it('drops the lists of authors only when the author is new or moved', () => {
    expect(invalidationFor('authorSaved', { authorId: 4, slug: 'a', created: false })).toEqual(['author:4']);
    expect(
      invalidationFor('authorSaved', { authorId: 4, slug: 'b', created: false, slugChanged: true }),
    ).toEqual(['author:4', 'authors']);
  });
});
