import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/db/schema.ts';
import { can, mayAttempt, type Action, type Actor, type ArticleSubject } from './policy.ts';

// The whole matrix, written out by hand from the issue's description of WordPress's roles, so that a
// change to the policy must be a change to this table too.
const roles: Role[] = ['contributor', 'author', 'editor', 'admin'];
const actor = (role: Role): Actor => ({ id: 10, name: role, role, authorId: 100 });

type Case = [Action, string, ArticleSubject | { authorId: number } | undefined, Record<Role, boolean>];
const own = (status: ArticleSubject['status']): ArticleSubject => ({
  createdBy: 10,
  authorIds: [100],
  status,
});
const bylinedOnly = (status: ArticleSubject['status']): ArticleSubject => ({
  createdBy: 99,
  authorIds: [5, 100],
  status,
});
const others = (status: ArticleSubject['status']): ArticleSubject => ({
  createdBy: 99,
  authorIds: [5],
  status,
});
const all = (v: boolean): Record<Role, boolean> => ({ contributor: v, author: v, editor: v, admin: v });
const from = (role: Role): Record<Role, boolean> => {
  const i = roles.indexOf(role);
  return Object.fromEntries(roles.map((r, j) => [r, j >= i])) as Record<Role, boolean>;
};

const matrix: Case[] = [
  ['admin.enter', 'anyone on staff', undefined, all(true)],
  ['article.create', 'anyone on staff', undefined, all(true)],
  ['article.edit', 'own draft', own('draft'), all(true)],
  ['article.edit', 'own draft, bylined but not created', bylinedOnly('draft'), all(true)],
  ['article.edit', 'own scheduled', own('scheduled'), from('author')],
  ['article.edit', 'own published', own('published'), from('author')],
  ['article.edit', 'own unpublished', own('unpublished'), from('author')],
  ['article.edit', "someone else's draft", others('draft'), from('editor')],
  ['article.edit', "someone else's published", others('published'), from('editor')],
  ['article.publish', 'own draft', own('draft'), from('author')],
  ['article.publish', 'own published (unpublish)', own('published'), from('author')],
  ['article.publish', "someone else's draft", others('draft'), from('editor')],
  ['article.delete', 'own draft', own('draft'), all(true)],
  ['article.delete', 'own published', own('published'), from('author')],
  ['article.delete', "someone else's draft", others('draft'), from('editor')],
  ['article.preview', 'own draft', own('draft'), all(true)],
  ['article.preview', 'own scheduled', own('scheduled'), all(true)],
  ['article.preview', 'own draft, bylined but not created', bylinedOnly('draft'), all(true)],
  ['article.preview', "someone else's draft", others('draft'), from('editor')],
  ['article.edit-any', '', undefined, from('editor')],
  // Contributors illustrate their own stories (issue #17); deleting stays with editors.
  ['upload.create', '', undefined, all(true)],
  ['upload.delete', '', undefined, from('editor')],
  ['tag.manage', '', undefined, from('editor')],
  ['redirect.manage', '', undefined, from('editor')],
  ['frontpage.manage', '', undefined, from('editor')],
  ['comment.moderate', '', undefined, from('editor')],
  ['author.edit', 'own profile', { authorId: 100 }, all(true)],
  ['author.edit', "someone else's profile", { authorId: 5 }, from('admin')],
  ['user.manage', '', undefined, from('admin')],
  ['setting.manage', '', undefined, from('admin')],
  ['audit.read', '', undefined, from('admin')],
  ['import.run', '', undefined, from('admin')],
];

describe('the policy matrix', () => {
  for (const [action, subjectName, subject, expected] of matrix) {
    for (const role of roles) {
      it(`${role} ${expected[role] ? 'may' : 'may not'} ${action}${subjectName ? ` (${subjectName})` : ''}`, () => {
        // The matrix mixes actions, so the subject's type is checked by the table, not per call.
        const decide = can as (actor: Actor, action: Action, subject?: unknown) => boolean;
        expect(decide(actor(role), action, subject)).toBe(expected[role]);
      });
    }
  }

  it('covers every action', () => {
    const covered = new Set(matrix.map(([action]) => action));
    // Each action the registry knows must appear above; mayAttempt is asked for each to be sure it exists.
    for (const action of covered) for (const role of roles) mayAttempt(actor(role), action);
    expect([...covered].sort()).toEqual(
      [
        'admin.enter',
        'article.create',
        'article.delete',
        'article.edit',
        'article.edit-any',
        'article.preview',
        'article.publish',
        'audit.read',
        'author.edit',
        'comment.moderate',
        'frontpage.manage',
        'import.run',
        'redirect.manage',
        'setting.manage',
        'tag.manage',
        'upload.create',
        'upload.delete',
        'user.manage',
      ].sort(),
    );
  });

  it('lets a role attempt a subject action only where some subject could allow it', () => {
    expect(mayAttempt(actor('contributor'), 'article.publish')).toBe(false);
    expect(mayAttempt(actor('author'), 'article.publish')).toBe(true);
    expect(mayAttempt(actor('contributor'), 'article.edit')).toBe(true);
    expect(mayAttempt(actor('editor'), 'setting.manage')).toBe(false);
    expect(mayAttempt(actor('admin'), 'setting.manage')).toBe(true);
    expect(mayAttempt(actor('author'), 'comment.moderate')).toBe(false);
  });
});
