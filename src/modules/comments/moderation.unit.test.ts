import { describe, expect, it } from 'vitest';
import {
  countLinks,
  decideStatus,
  type ModerationCandidate,
  type ModerationDecision,
  type ModerationRules,
} from './moderation.ts';

// A first comment from a stranger, with no word on either list and one link: on its own it is held
// only by the first-comment rule. Each row below changes what it needs and says what must follow.
const candidate: ModerationCandidate = {
  body: 'The ferry timetable changed: https://harbour.example/ferry',
  authorName: 'Ola Nordmann',
  authorEmail: 'ola@example.net',
  authorUrl: null,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  isHoneypotFilled: false,
  hasApprovedBefore: false,
  isStaff: false,
};

const rules: ModerationRules = {
  maxLinks: 2,
  moderationWords: ['lottery', 'Prize Draw'],
  blockWords: ['casino'],
  firstCommentHeld: true,
};

const links = (n: number) =>
  Array.from({ length: n }, (_, i) => `https://site${i}.example/page`).join(' and ');

type Row = [
  string,
  Partial<ModerationCandidate>,
  Partial<ModerationRules>,
  ModerationDecision['status'],
  ModerationDecision['reason'],
];

const table: Row[] = [
  // Staff first: nothing a reader's rules look at applies to a reply from the newsroom.
  [
    'staff, with every spam signal',
    { isStaff: true, isHoneypotFilled: true, body: 'casino' },
    {},
    'approved',
    'staff',
  ],
  // Spam signals before any reason to hold or approve.
  ['honeypot filled', { isHoneypotFilled: true }, {}, 'spam', 'honeypot'],
  [
    'honeypot filled by a known commenter',
    { isHoneypotFilled: true, hasApprovedBefore: true },
    {},
    'spam',
    'honeypot',
  ],
  ['honeypot filled and a block word', { isHoneypotFilled: true, body: 'casino' }, {}, 'spam', 'honeypot'],
  ['block word in the text', { body: 'Visit my casino.' }, {}, 'spam', 'block-word'],
  ['block word in capitals', { body: 'BEST CASINO' }, {}, 'spam', 'block-word'],
  ['block word inside a longer word', { body: 'online casinos' }, {}, 'spam', 'block-word'],
  ['block word in the name', { authorName: 'Casino King' }, {}, 'spam', 'block-word'],
  ['block word in the email', { authorEmail: 'win@casino.example' }, {}, 'spam', 'block-word'],
  ['block word in the website', { authorUrl: 'https://casino.example' }, {}, 'spam', 'block-word'],
  ['block word in the user agent', { userAgent: 'CasinoBot/1.0' }, {}, 'spam', 'block-word'],
  [
    'block word from a known commenter',
    { body: 'casino', hasApprovedBefore: true },
    {},
    'spam',
    'block-word',
  ],
  ['block word and a moderation word', { body: 'casino lottery' }, {}, 'spam', 'block-word'],
  [
    'a blank block word matches nothing',
    { hasApprovedBefore: true },
    { blockWords: ['  ', ''] },
    'approved',
    'known-commenter',
  ],
  [
    'a block word padded with spaces',
    { body: 'casino' },
    { blockWords: ['  casino '] },
    'spam',
    'block-word',
  ],
  // Then the reasons to hold.
  ['moderation word in the text', { body: 'I won the lottery' }, {}, 'pending', 'moderation-word'],
  ['moderation phrase, other case', { body: 'a PRIZE DRAW today' }, {}, 'pending', 'moderation-word'],
  [
    'moderation word in the website',
    { authorUrl: 'https://lottery.example' },
    {},
    'pending',
    'moderation-word',
  ],
  [
    'moderation word from a known commenter',
    { body: 'lottery', hasApprovedBefore: true },
    {},
    'pending',
    'moderation-word',
  ],
  [
    'moderation word with first comments not held',
    { body: 'lottery' },
    { firstCommentHeld: false },
    'pending',
    'moderation-word',
  ],
  ['moderation word and too many links', { body: `lottery ${links(5)}` }, {}, 'pending', 'moderation-word'],
  [
    'links at the limit, known commenter',
    { body: links(2), hasApprovedBefore: true },
    {},
    'approved',
    'known-commenter',
  ],
  ['one link over the limit', { body: links(3), hasApprovedBefore: true }, {}, 'pending', 'too-many-links'],
  [
    'over the limit with first comments not held',
    { body: links(3) },
    { firstCommentHeld: false },
    'pending',
    'too-many-links',
  ],
  [
    'any link when none is allowed',
    { body: links(1), hasApprovedBefore: true },
    { maxLinks: 0 },
    'pending',
    'too-many-links',
  ],
  [
    'bare www. addresses count as links',
    { body: 'www.harbour.com www.ferry.org www.pier.net' },
    {},
    'pending',
    'too-many-links',
  ],
  [
    'file names are not links',
    { body: 'a.txt b.txt c.txt d.txt', hasApprovedBefore: true },
    {},
    'approved',
    'known-commenter',
  ],
  // Last, the first-comment rule.
  ['first comment, held', {}, {}, 'pending', 'first-comment'],
  ['known commenter', { hasApprovedBefore: true }, {}, 'approved', 'known-commenter'],
  ['first comment, not held', {}, { firstCommentHeld: false }, 'approved', 'open'],
  [
    'known commenter, first comments not held',
    { hasApprovedBefore: true },
    { firstCommentHeld: false },
    'approved',
    'open',
  ],
];

describe('decideStatus', () => {
  const rows = table.map(([name, change, ruleChange, status, reason]) => ({
    name,
    change,
    ruleChange,
    status,
    reason,
  }));
  it.each(rows)('$name → $status ($reason)', ({ change, ruleChange, status, reason }) => {
    expect(decideStatus({ ...candidate, ...change }, { ...rules, ...ruleChange })).toEqual({
      status,
      reason,
    });
  });
});

describe('countLinks', () => {
  it.each([
    ['no link at all', 0],
    ['see https://a.example/x', 1],
    ['http://a.example and https://b.example/y?z=1', 2],
    ['www.harbour.com', 1],
    ['a bare domain: harbour.com', 0],
    ['another scheme: ftp://a.example mailto:x@a.example', 0],
    [links(4), 4],
  ])('%j holds %i', (body, expected) => {
    expect(countLinks(body)).toBe(expected);
  });
});
