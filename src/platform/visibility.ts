/** Whether the page is hidden (another app in front, screen locked): alerts then go to system notifications. */
import type { VisibilityPort } from './alertPorts';
import type { VisibilityDocument } from './wakeLock';

export function browserVisibility(
  doc: VisibilityDocument | undefined = typeof document === 'undefined' ? undefined : document,
): VisibilityPort {
  if (!doc) return { hidden: () => false, onChange: () => () => undefined };
  const hidden = () => doc.visibilityState === 'hidden';
  return {
    hidden,
    onChange(listener) {
      const handler = () => listener(hidden());
      doc.addEventListener('visibilitychange', handler);
      return () => doc.removeEventListener('visibilitychange', handler);
    },
  };
}
