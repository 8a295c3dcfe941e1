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

  const indexer = getService(strapi, 'indexer');
  const sync = getService(strapi, 'sync');
  if (getService(strapi, 'engine').get().name === 'embedded') {
    // The embedded engine lives in this process: built from the database while the server starts
    // answering; searches answer once it is complete (GET /_ready says when), then the worker
    // applies the changes made since the build began.
    void indexer.buildAll().then(() => {
      if (indexer.readiness().state === 'ready') sync.start();
    });
    return;
  }
  // Meilisearch may be down at start-up: the outbox keeps the changes until it is back.
  void indexer.startRemote();
  sync.start();
};
