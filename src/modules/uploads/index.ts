export { createUploadService, MAX_UPLOAD_BYTES, type UploadService, type Uploader } from './service.ts';
export type { Upload, UploadVariant } from './repository.ts';
export { RESPONSIVE_WIDTHS } from './images.ts';
