// The WordPress module's domain face: moving a publication in from a WordPress export (WXR), with its
// comments, pictures, authors, sections and every old address (issue #16).
export { readWxr, WxrError, type ReadWxrOptions } from './wxr.ts';
export type { WxrRecord, WxrItem, WxrComment, WxrAuthor, WxrTerm, WxrSite } from './wxr-records.ts';
export { formatReport, type ImportReport, type ImportProgress, type StatusCounts } from './report.ts';
export {
  createWordpressImporter,
  ImportOptionError,
  type WordpressImporter,
  type WordpressImportOptions,
  type WordpressImportResult,
} from './importer.ts';
export {
  createImportRunService,
  INTERRUPTED_CHECK,
  INTERRUPTED_IMPORT,
  MAX_EXPORT_BYTES,
  MAX_UPLOADS_ZIP_BYTES,
  type ImportFolder,
  type ImportRun,
  type ImportRunPhase,
  type ImportRunService,
} from './runs.ts';
export { UPLOADS_ZIP_LIMITS, ZipRefusedError, type ZipLimits } from './uploads-zip.ts';
