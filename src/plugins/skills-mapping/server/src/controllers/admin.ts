import type { Core } from '@strapi/strapi';
import matrix from './matrix';

/** The admin panel's matrix and CSV: exact counts, behind the plugin's admin permission. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { find, csv } = matrix({ strapi });
  return { find, csv };
};
