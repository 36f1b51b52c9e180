import { describe, expect, it } from 'vitest';
import { articleOutcome, oldPath, slugFrom, wpDate } from './mapping.ts';
import { uploadsKey } from './media.ts';

const NOW = '2026-11-26T12:00:00.000Z';

describe('the move-in rules', () => {
  it('maps statuses so that nothing private becomes public', () => {
    expect(articleOutcome('publish', false, NOW, NOW)).toEqual({
      status: 'published',
      reviewRequested: false,
    });
    expect(articleOutcome('publish', true, NOW, NOW)).toMatchObject({ status: 'draft', why: 'password' });
    expect(articleOutcome('private', false, NOW, NOW)).toMatchObject({ status: 'draft', why: 'private' });
    expect(articleOutcome('future', false, '2027-01-01T00:00:00.000Z', NOW).status).toBe('scheduled');
    expect(articleOutcome('future', false, '2026-01-01T00:00:00.000Z', NOW).status).toBe('published');
    expect(articleOutcome('pending', false, null, NOW)).toEqual({ status: 'draft', reviewRequested: true });
    expect(articleOutcome('trash', false, null, NOW).status).toBe('skip');
    expect(articleOutcome('auto-draft', false, null, NOW).status).toBe('skip');
    expect(articleOutcome('some-plugin-status', false, NOW, NOW).status).toBe('draft');
  });

  it('reads WordPress dates, GMT first, and ignores the zero date', () => {
    expect(wpDate('2025-04-01 10:30:00', '2025-04-01 12:30:00')).toBe('2025-04-01T10:30:00.000Z');
    expect(wpDate('0000-00-00 00:00:00', '2025-04-01 12:30:00')).toBe('2025-04-01T12:30:00.000Z');
    expect(wpDate('', 'yesterday')).toBeNull();
  });

  it('makes slugs from encoded WordPress slugs, then titles', () => {
    expect(slugFrom('caf%c3%a9-reopens', '', 'post-1')).toBe('cafe-reopens');
    expect(slugFrom('', 'Harbour News!', 'post-1')).toBe('harbour-news');
    expect(slugFrom('%e6%97%a5', '日本', 'post-7')).toBe('post-7');
  });

  it('takes paths only from the old site', () => {
    const site = ['https://gazette.example'];
    expect(oldPath('https://gazette.example/2025/04/story/', site)).toBe('/2025/04/story/');
    expect(oldPath('https://elsewhere.example/2025/04/story/', site)).toBeNull();
    expect(oldPath('https://gazette.example/', site)).toBeNull();
    expect(oldPath('not a url', site)).toBeNull();
  });

  it('knows an image by its uploads path, whatever size or host it was shown at', () => {
    expect(uploadsKey('https://gazette.example/wp-content/uploads/2025/04/quay-300x200.jpg')).toBe(
      '2025/04/quay.jpg',
    );
    expect(uploadsKey('/wp-content/uploads/2025/04/quay-scaled.jpg')).toBe('2025/04/quay.jpg');
    expect(uploadsKey('2025/04/quay.jpg')).toBe('2025/04/quay.jpg');
    expect(uploadsKey('https://cdn.example/wp-content/uploads/2025/04/Caf%C3%A9.png')).toBe(
      '2025/04/Café.png',
    );
  });
});
