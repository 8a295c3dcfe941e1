import { Search } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

export const PLUGIN_ID = 'multilingual-search';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Multilingual search' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Search,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Search index' },
      permissions: [{ action: `plugin::${PLUGIN_ID}.status.read`, subject: null }],
      Component: () => import('./pages/SearchStatusPage'),
    });
  },
};
