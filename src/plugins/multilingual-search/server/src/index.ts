import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import routes, { declareSearchQuery } from './routes';
import services from './services';

export default {
  register,
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await bootstrap({ strapi });
    declareSearchQuery(strapi);
  },
  destroy,
  config,
  contentTypes,
  controllers,
  middlewares,
  routes,
  services,
};
