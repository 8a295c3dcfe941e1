import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './utils/get-service';

export const ADMIN_ACTIONS = { read: `plugin::${PLUGIN_ID}.matrix.read` };

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany([{ section: 'plugins', displayName: 'See the skills map', uid: 'matrix.read', pluginName: PLUGIN_ID }]);
};
