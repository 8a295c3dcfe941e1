import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId } from '../../access/viewer';
import { documentIdParam, parse } from '../../../utils/parse';
import type createWorkshopRegistrations from '../services/workshop-registrations';

type WorkshopRegistrations = ReturnType<typeof createWorkshopRegistrations>;

export const getWorkshopRegistrations = (strapi: Core.Strapi) => strapi.service('api::registration.workshop-registrations') as unknown as WorkshopRegistrations;

/**
 * Registrations: find/findOne (scoped: one's own, and those of the workshops one facilitates), plus
 * registering for a workshop, cancelling, and the facilitators' list of a workshop's registrations.
 */
export default createScopedController('api::registration.registration', ({ strapi }) => ({
  async register(ctx: Context) {
    const workshop = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const { created, registration } = await getWorkshopRegistrations(strapi).register(signedInUserId(ctx, 'to register for workshops'), workshop);
    ctx.status = created ? 201 : 200;
    ctx.body = { data: registration, meta: { created } };
  },

  async cancelForWorkshop(ctx: Context) {
    const workshop = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    ctx.body = { data: await getWorkshopRegistrations(strapi).cancelOwn(signedInUserId(ctx, 'to register for workshops'), workshop) };
  },

  async cancel(ctx: Context) {
    const registration = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    ctx.body = { data: await getWorkshopRegistrations(strapi).cancelById(signedInUserId(ctx, 'to register for workshops'), registration) };
  },

  async listForWorkshop(ctx: Context) {
    const workshop = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    ctx.body = { data: await getWorkshopRegistrations(strapi).listForFacilitator(signedInUserId(ctx, 'to register for workshops'), workshop) };
  },
}));
