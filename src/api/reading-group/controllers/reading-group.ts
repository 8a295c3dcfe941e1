import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId } from '../../access/viewer';
import { documentIdParam, parse } from '../../../utils/parse';
import type createParticipation from '../services/participation';

export const getReadingGroupParticipation = (strapi: Core.Strapi) =>
  strapi.service('api::reading-group.participation') as unknown as ReturnType<typeof createParticipation>;

/** Reading groups: find/findOne (scoped), joining, leaving, and the participants list. */
export default createScopedController('api::reading-group.reading-group', ({ strapi }) => ({
  async join(ctx: Context) {
    const group = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const { joined, places } = await getReadingGroupParticipation(strapi).join(signedInUserId(ctx, 'to take part in reading groups'), group);
    ctx.status = joined ? 201 : 200;
    ctx.body = { data: { readingGroup: group, participant: true, places }, meta: { joined } };
  },

  async leave(ctx: Context) {
    const group = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const { places } = await getReadingGroupParticipation(strapi).leave(signedInUserId(ctx, 'to take part in reading groups'), group);
    ctx.body = { data: { readingGroup: group, participant: false, places } };
  },

  async participants(ctx: Context) {
    const group = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const { participants, count, notNamed } = await getReadingGroupParticipation(strapi).participantsFor(
      signedInUserId(ctx, 'to take part in reading groups'),
      group,
    );
    ctx.body = { data: participants, meta: { count, notNamed } };
  },
}));
