import type { Core } from '@strapi/strapi';
import { getService, PLUGIN_ID } from './utils/get-service';

export const ADMIN_ACTIONS = {
  read: `plugin::${PLUGIN_ID}.status.read`,
  reindex: `plugin::${PLUGIN_ID}.reindex`,
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'types').validate();

  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'See search status', uid: 'status.read', pluginName: PLUGIN_ID },
    { section: 'plugins', displayName: 'Reindex', uid: 'reindex', pluginName: PLUGIN_ID },
  ]);

  // The embedded engine lives in this process: build it from the database before serving.
  if (getService(strapi, 'engine').get().name === 'embedded') {
    const started = Date.now();
    await getService(strapi, 'indexer').buildAll();
    strapi.log.info(`[multilingual-search] embedded indexes built in ${Date.now() - started} ms`);
  }
  getService(strapi, 'sync').start();
};
