import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId } from '../../access/viewer';
import { documentIdParam, parse } from '../../../utils/parse';
import type createParticipation from '../services/participation';

/** `GET /me/reading-groups` takes the locale of the groups' names only. */
export const myReadingGroupsQuery = z.object({ locale: z.string().optional() }).strict();

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

  /** The reading groups the caller has joined (they leave one with DELETE /reading-groups/:id/participants). */
  async mine(ctx: Context) {
    const { locale } = parse(myReadingGroupsQuery, ctx.query);
    ctx.body = { data: await getReadingGroupParticipation(strapi).mine(signedInUserId(ctx, 'to take part in reading groups'), locale) };
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
