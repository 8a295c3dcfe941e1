import { PuzzlePiece } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

export const PLUGIN_ID = 'skills-mapping';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Skills map' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PuzzlePiece,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Skills map' },
      permissions: [{ action: `plugin::${PLUGIN_ID}.matrix.read`, subject: null }],
      Component: () => import('./pages/HeatmapPage'),
    });
  },
};
