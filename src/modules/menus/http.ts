// The menus' web face: the newsroom's Menus screen. Readers see the menus through the layout, which
// every reader route draws with `MenuService.resolved()`.
export { menuAdminRoutes, type MenuAdminOptions } from './routes.admin.tsx';
