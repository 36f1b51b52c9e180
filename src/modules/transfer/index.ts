// Moving a publication between databases: `dateline export` and `dateline import`, in Dateline's own
// JSON format. See README.md in this folder for the format and its limits.
export { exportPublication, ABOUT, type ExportDeps, type TransferCounts } from './export.ts';
export { importPublication, checkDocument, type ImportDeps } from './import.ts';
export { FORMAT_NAME, FORMAT_VERSION, SECTIONS, type SectionName } from './schemas.ts';
export { CARRIED_COLUMNS, SKIPPED_TABLES } from './repository.ts';
export { exportToFile, importFile, describeCounts } from './files.ts';
