import { EventEmitter } from 'node:events';

/** What happened, named in the past tense; listeners do the side effects (cache purge, search index, feeds). */
export interface DomainEvents {
  articleSaved: { articleId: number; slug: string };
  articleDeleted: { articleId: number; slug: string };
  authorSaved: { authorId: number; slug: string };
  commentCreated: { commentId: number; articleId: number; status: string };
  commentStatusChanged: { commentId: number; articleId: number; status: string };
  settingsChanged: { keys: string[] };
}

/** A typed, synchronous event bus. Listeners must not throw; a failing listener is reported, not rethrown. */
export interface Events {
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void;
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void;
}

/** Builds one bus for one app; there is no global bus. */
export function createEvents(onListenerError: (error: unknown) => void = () => {}): Events {
  const emitter = new EventEmitter();
  return {
    emit(name, payload) {
      for (const listener of emitter.listeners(name)) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
  };
}
