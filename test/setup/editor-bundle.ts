// Vitest's global setup: the story editor's bundle exists before any test imports the assets (a browser
// test loads it; `npx vitest run FILE` skips npm's pretest). It rebuilds only when a source changed.
import { bundleEditor } from '../../scripts/editor-bundle.mjs';

export async function setup(): Promise<void> {
  await bundleEditor();
}
