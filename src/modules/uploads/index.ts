export {
  createUploadService,
  cleanFilename,
  ALT_MAX_CHARS,
  MAX_UPLOAD_BYTES,
  type UploadService,
  type Uploader,
} from './service.ts';
export { findUploadsInFolders, type Upload, type UploadUsage, type UploadVariant } from './repository.ts';
export { RESPONSIVE_WIDTHS } from './images.ts';
export { altProblem, imagesWithoutAlt } from './image-alt.ts';
