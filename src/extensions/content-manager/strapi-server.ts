import { contentTypes, errors } from '@strapi/utils';
import type { Context } from 'koa';

type Action = (this: unknown, ctx: Context) => unknown;
type Plugin = { controllers: Record<string, Record<string, Action>> };

/** The content manager's actions on collection types that only exist with draft & publish. */
const PUBLICATION_ACTIONS = ['publish', 'unpublish', 'discard', 'bulkPublish', 'bulkUnpublish'];

/**
 * The content manager routes publication actions for every collection type, but the Document
 * Service has them only for types with draft & publish: for the others (agreement versions, which
 * follow their own lifecycle; registrations; member profiles…) they ended in a 500. They are
 * refused with a 400 that says why, before anything is written.
 */
export default (plugin: Plugin) => {
  const controller = plugin.controllers['collection-types'];
  for (const action of PUBLICATION_ACTIONS) {
    const handle = controller[action];
    controller[action] = async function (this: unknown, ctx: Context) {
      const model = strapi.contentTypes[ctx.params.model as keyof typeof strapi.contentTypes];
      if (model && !contentTypes.hasDraftAndPublish(model)) {
        throw new errors.ApplicationError(`${model.info.displayName} has no draft & publish: its entries cannot be published, unpublished or discarded`);
      }
      return handle.call(this, ctx);
    };
  }
  return plugin;
};
