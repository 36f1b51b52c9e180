// Types for the JSON bodies tests read. light-my-request types `response.json()` as `any`, which lets a
// test read a field the answer never has and pass on `undefined`; `response.json<T>()` with one of
// these (or a route schema's `Static<typeof …>`) makes that a type error instead.

/** The body of every JSON error answer (platform/http/error-handler.ts). */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
