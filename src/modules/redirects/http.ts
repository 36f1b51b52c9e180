// The web face of redirects: what the 404 answer asks before it is sent.
export { redirectLookup } from './lookup.ts';
