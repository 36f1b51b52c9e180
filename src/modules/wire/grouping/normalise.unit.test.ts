import { describe, expect, it } from 'vitest';
import { contentHash, contentTerms, normaliseText, normaliseUrl, words } from './normalise.ts';

describe('normaliseText', () => {
  it('applies NFKC, so full-width letters and ligatures become plain ones', () => {
    expect(normaliseText('ＨＡＲＢＯＵＲ ﬁre')).toBe('harbour fire');
  });

  it('folds case and marks, including letters without a decomposition', () => {
    expect(normaliseText('Trần Văn Đức')).toBe('tran van duc');
    expect(normaliseText('Søren Łukasz STRAẞE')).toBe('soren lukasz strasse');
  });

  it('keeps a possessive in its word and turns other punctuation into single spaces', () => {
    expect(normaliseText("The council's vote — 23 to 9 (final)!")).toBe('the councils vote 23 to 9 final');
    expect(normaliseText('Lee Min-seo')).toBe('lee min seo');
  });

  it('gives no words for text that is only punctuation', () => {
    expect(words(' — … !')).toEqual([]);
  });
});

describe('contentTerms', () => {
  it('drops stopwords and reporting verbs, and stems by prefix', () => {
    expect(contentTerms('The residents were evacuated, officials said')).toEqual([
      'reside',
      'evacua',
      'offici',
    ]);
    expect(contentTerms('Evacuation')).toEqual(contentTerms('evacuated'));
  });
});

describe('normaliseUrl', () => {
  it('removes utm_* parameters, the fragment, www. and a trailing slash, and sorts what is left', () => {
    expect(normaliseUrl('https://WWW.Harbourpost.example/news/ferry/?utm_source=x&b=2&a=1#top')).toBe(
      'https://harbourpost.example/news/ferry?a=1&b=2',
    );
  });

  it('leaves a string that is no URL as it is, trimmed', () => {
    expect(normaliseUrl('  not a url ')).toBe('not a url');
  });
});

describe('contentHash', () => {
  it('is equal for copies that differ only in case, marks and punctuation', () => {
    expect(contentHash('Fire destroys the Kessmoor mill.')).toBe(
      contentHash('fire destroys the kessmoor mill'),
    );
  });

  it('differs when a word differs', () => {
    expect(contentHash('Fire destroys the Kessmoor mill')).not.toBe(
      contentHash('Fire destroys the Eastbridge mill'),
    );
  });
});
