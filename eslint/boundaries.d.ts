import type { Rule } from 'eslint';

/** dateline/boundaries: see boundaries.js. */
export declare const boundaries: Rule.RuleModule;
