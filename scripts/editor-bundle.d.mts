/** Where the editor bundle goes (src/platform/render/assets/build/). */
export declare const EDITOR_BUNDLE_DIR: string;
/** Builds the story editor's bundle unless it is up to date; false when the build tools are missing. */
export declare function bundleEditor(options?: { force?: boolean }): Promise<boolean>;
