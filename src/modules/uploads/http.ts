// The web face of uploads: the media library, the file routes, multipart form reading for other
// newsroom forms, and the responsive image that pages embed. The domain is index.ts.
export { uploadAdminRoutes } from './routes.admin.tsx';
export { uploadFileRoutes } from './routes.public.ts';
export { acceptMultipartForms, readMultipartForm, type MultipartForm } from './multipart.ts';
export { ResponsiveImage, srcsetOf, uploadUrl } from './views/responsive-image.tsx';
export { labelOf, libraryItemOf, type LibraryItem } from './views/library-item.ts';
