import type { Core, UID } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { documentIdParam, parse } from '../../utils/parse';
import { getService } from './get-service';
import { createQueryShapeCheck } from './query-shape';
import { viewerFromContext } from './viewer';

type Actions = Record<string, (ctx: Context) => unknown>;
type CoreService = { find: (query: object) => Promise<{ results: unknown; pagination: unknown }>; findOne: (id: string, query: object) => Promise<unknown> };

const findOneParams = z.object({ id: documentIdParam });

/**
 * The core controller of a content type, with `find` and `findOne` answering only what the caller
 * may see (see `services/scope.ts`). A row the caller may not see is a 404, exactly like a row that
 * does not exist, so its existence does not leak either. `extra` adds the type's own actions.
 */
export const createScopedController = (uid: UID.ContentType, extra?: (deps: { strapi: Core.Strapi }) => Actions) =>
  factories.createCoreController(uid, ({ strapi }) => {
    const service = () => strapi.service(uid as never) as unknown as CoreService;
    const checkQueryShape = createQueryShapeCheck(strapi);
    const scopedQuery = async (core: Core.CoreAPI.Controller.Base, ctx: Context) => {
      checkQueryShape(uid, ctx.query);
      await core.validateQuery(ctx);
      const query = await core.sanitizeQuery(ctx);
      return getService(strapi, 'scope').scopeQuery(uid, query, viewerFromContext(ctx));
    };

    return {
      async find(ctx: Context) {
        const core = this as unknown as Core.CoreAPI.Controller.Base;
        const { results, pagination } = await service().find(await scopedQuery(core, ctx));
        return core.transformResponse(await core.sanitizeOutput(results, ctx), { pagination });
      },

      async findOne(ctx: Context) {
        const core = this as unknown as Core.CoreAPI.Controller.Base;
        const { id } = parse(findOneParams, ctx.params);
        const entity = await service().findOne(id, await scopedQuery(core, ctx));
        if (!entity) return ctx.notFound();
        return core.transformResponse(await core.sanitizeOutput(entity, ctx));
      },

      ...(extra ? extra({ strapi }) : {}),
    };
  });
