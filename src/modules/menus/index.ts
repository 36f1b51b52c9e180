// Menus: the header and footer navigation the newsroom edits. They sit above sections and tags
// (entries link to them, looked up when the menus are drawn) and below nothing but the composition
// root, which hands `resolved()` to every reader route for the layout.
export {
  createMenuService,
  defaultFooter,
  defaultHeader,
  type MenuActor,
  type MenuEntryView,
  type MenuService,
} from './service.ts';
export {
  ENTRY_KINDS,
  MENU_NAMES,
  MOVES,
  isMenuName,
  type EntryKind,
  type MenuEntry,
  type MenuEntryInput,
  type MenuName,
  type Move,
} from './rules.ts';
