/**
 * Drops GUN's banners ("Hello wonderful person!", "AXE relay enabled!", …)
 * from a bench process's console: dozens of GUN instances would otherwise
 * bury the table. Import first, before anything loads GUN.
 */
const BANNERS = ['Hello wonderful person!', 'AXE relay enabled!', 'Warning: reusing same fs store'];
const log = console.log.bind(console);
console.log = (...args: unknown[]): void => {
  if (typeof args[0] === 'string' && BANNERS.some((b) => (args[0] as string).startsWith(b))) return;
  log(...args);
};
