// The web face of the WordPress move-in: the newsroom's Import screen. The domain (the importer, the
// runs the screen starts, the uploads zip reader) is index.ts.
export { importAdminRoutes, type ImportAdminOptions } from './routes.admin.tsx';
