// A token trie over the registry's aliases: each path is an alias's words (normalised), and a node
// that ends an alias holds the topics it names. Walking from every word of a draft finds every
// alias in one pass per start, and the longest one wins (Aho-Corasick would save the restarts, but
// aliases are a few words long, so the walk from each start is short).

/** What a trie stores at the end of an alias. */
export interface TrieEntry {
  topicId: number;
  name: string;
  kind: TopicKind;
  tagSlug: string | null;
}

/** The three kinds of topic. */
export type TopicKind = 'person' | 'organisation' | 'place';

interface Node {
  next: Map<string, Node>;
  entries: TrieEntry[];
}

const node = (): Node => ({ next: new Map(), entries: [] });

/** A token trie of aliases. */
export class TokenTrie {
  private readonly root = node();
  /** How many aliases were added. */
  size = 0;

  /** Adds one alias (already split into normalised words) for a topic. */
  add(words: readonly string[], entry: TrieEntry): void {
    if (words.length === 0) return;
    let at = this.root;
    for (const word of words) {
      let child = at.next.get(word);
      if (!child) {
        child = node();
        at.next.set(word, child);
      }
      at = child;
    }
    if (!at.entries.some((e) => e.topicId === entry.topicId)) at.entries.push(entry);
    this.size += 1;
  }

  /**
   * The longest alias that starts at `start` in `words`, as [end (exclusive), entries], or null.
   * `accept(end)` may refuse an end (a lowercase last word, say), and the walk keeps looking for a shorter one.
   */
  longestAt(
    words: readonly string[],
    start: number,
    accept: (end: number) => boolean = () => true,
  ): { end: number; entries: TrieEntry[] } | null {
    let at: Node | undefined = this.root;
    let best: { end: number; entries: TrieEntry[] } | null = null;
    for (let i = start; i < words.length && at; i += 1) {
      at = at.next.get(words[i] ?? '');
      if (at && at.entries.length > 0 && accept(i + 1)) best = { end: i + 1, entries: at.entries };
    }
    return best;
  }
}
