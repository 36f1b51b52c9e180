export { createUploadService, MAX_UPLOAD_BYTES, type UploadService, type Uploader } from './service.ts';
export type { Upload, UploadVariant } from './repository.ts';
export { RESPONSIVE_WIDTHS } from './images.ts';
export { ResponsiveImage, srcsetOf, uploadUrl } from './views/responsive-image.tsx';
export { uploadAdminRoutes } from './routes.admin.tsx';
export { uploadFileRoutes } from './routes.public.ts';
export { acceptMultipartForms, readMultipartForm, type MultipartForm } from './multipart.ts';
