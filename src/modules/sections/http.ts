// The web face of sections: section pages. The domain (service, rules, types) is index.ts.
export { sectionRoutes } from './routes.public.tsx';
export { sectionAdminRoutes } from './routes.admin.tsx';
