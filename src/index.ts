import type { Core } from '@strapi/strapi';
import { registerAgreementLifecycle } from './api/agreement-version/lifecycle';
import { registerSessionReadingsSync } from './api/reading-group/session-readings';
import { registerCapacityCheck } from './api/registration/capacity';
import { registerWaitlistPromotion } from './api/registration/waitlist-promotion';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureDemoAdmin } from './bootstrap/admin-user';
import { applyAdminViews } from './bootstrap/admin-views/apply';
import { turnOffGuidedTour } from './bootstrap/guided-tour';
import { ensureLocales } from './bootstrap/locales';
import { ensureRolesAndPermissions } from './bootstrap/permissions';
import { COVERED_TYPES, createLocaleCoverage } from './content/locale-coverage';
import { registerContentMiddlewares } from './content/middlewares';
import { CODE_FIELDS } from './custom-fields/definitions';
import { loadPlatformConfig } from './platform-config';
import { seedDemoData } from './seed';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    loadPlatformConfig(strapi);
    strapi.customFields.register(CODE_FIELDS.map(({ name, type }) => ({ name, type })));
    registerContentMiddlewares(strapi);
    registerAgreementLifecycle(strapi);
    registerWaitlistPromotion(strapi);
    registerCapacityCheck(strapi);
    registerSessionReadingsSync(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = loadPlatformConfig(strapi);
    await ensureLocales(strapi, config);
    await ensureRolesAndPermissions(strapi, config);
    await ensureAdminRoles(strapi);
    await applyAdminViews(strapi);
    turnOffGuidedTour(strapi);
    const coverage = createLocaleCoverage(strapi);
    for (const { uid } of COVERED_TYPES) await coverage.fill(uid);

    if (strapi.config.get('environment') === 'development') {
      await ensureDemoAdmin(strapi, config);
      if (config.demo.seedOnFirstStart && (await strapi.db.query('api::resource.resource').count()) === 0) {
        strapi.log.info('Empty database: seeding the demo data (SEED_DEMO_DATA=false to skip)…');
        await seedDemoData(strapi, config);
      }
      const url = strapi.config.get('server.absoluteUrl');
      strapi.log.info(`Admin panel: ${url}/admin (${config.demo.adminEmail}) · REST API: ${url}/api/resources?locale=de`);
    }
  },
};
