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
import { announceWhenReady } from './bootstrap/ready-line';
import { registerReadinessRoute } from './bootstrap/readiness';
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
    registerReadinessRoute(strapi);
    // Setting up an empty database takes a while: a first start (no admin user yet) says what it is doing.
    const firstStart = (await strapi.db.query('admin::user').count()) === 0;
    if (firstStart) strapi.log.info('First start: setting up the database…');
    const step = async (name: string, run: () => Promise<unknown>) => {
      const started = Date.now();
      await run();
      if (firstStart) strapi.log.info(`First start: ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    };
    await step('content locales', () => ensureLocales(strapi, config));
    await step('roles and permissions', () => ensureRolesAndPermissions(strapi, config));
    await step('admin roles', () => ensureAdminRoles(strapi));
    await step('admin views', () => applyAdminViews(strapi));
    turnOffGuidedTour(strapi);
    const coverage = createLocaleCoverage(strapi);
    await step('locale coverage', async () => {
      for (const { uid } of COVERED_TYPES) await coverage.fill(uid);
    });

    const url = strapi.config.get('server.absoluteUrl');
    if (strapi.config.get('environment') === 'development') {
      await step('demo admin', () => ensureDemoAdmin(strapi, config));
      if (config.demo.seedOnFirstStart && (await strapi.db.query('api::resource.resource').count()) === 0) {
        strapi.log.info('Empty database: seeding the demo data (SEED_DEMO_DATA=false to skip)…');
        await seedDemoData(strapi, config);
      }
      announceWhenReady(
        strapi,
        `Ready. Admin panel: ${url}/admin (${config.demo.adminEmail}) · REST API: ${url}/api/resources?locale=de · Members' site: ${url}/search/`,
      );
    } else {
      announceWhenReady(strapi, `Ready. Admin panel: ${url}/admin · REST API: ${url}/api`);
    }
  },
};
