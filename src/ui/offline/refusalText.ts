/** The user-facing sentence for a refused "save this area" request. */
import type { PolicyRefusal } from '../../domain/tilePolicy';
import { t } from '../../i18n';

export function refusalText(r: PolicyRefusal): string {
  switch (r.reason) {
    case 'osm':
      return t('offline.refused.osm');
    case 'noBulk':
      return t('offline.refused.noBulk');
    case 'tooDeep':
      return t('offline.refused.tooDeep', { zoom: r.maxZoom });
    case 'overCap':
      return t('offline.refused.overCap', { count: r.count, cap: r.cap });
    case 'badRequest':
      return t('offline.refused.badRequest');
  }
}
