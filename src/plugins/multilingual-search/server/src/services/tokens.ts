import type { Core } from '@strapi/strapi';
import { Meilisearch } from 'meilisearch';
import { generateTenantToken } from 'meilisearch/token';
import { getConfig, getService } from '../utils/get-service';
import type { Audience } from './search';

/**
 * Short-lived Meilisearch tenant tokens for front-ends that search Meilisearch directly. They are
 * signed with the search-only key (never the admin key), and their search rules apply the same
 * visibility as the search API: the public's token only matches public documents.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let searchKeyUid: Promise<string> | undefined;

  /** The uid of the search key, which a tenant token must name; asked once with the admin key. */
  const keyUid = () => {
    const { meilisearch } = getConfig(strapi);
    searchKeyUid ??= new Meilisearch({ host: meilisearch.host, apiKey: meilisearch.adminKey, timeout: meilisearch.timeoutMs })
      .getKey(meilisearch.searchKey)
      .then((key) => key.uid)
      .catch((error: Error) => {
        searchKeyUid = undefined;
        throw error;
      });
    return searchKeyUid;
  };

  return {
    /** Whether `audience` may get a token at all (otherwise the route answers 404). */
    available(audience: Audience) {
      const { meilisearch, tenantTokens } = getConfig(strapi);
      return Boolean(tenantTokens.enabled && meilisearch.host && meilisearch.searchKey && (audience === 'members' || tenantTokens.public));
    },

    async issue(audience: Audience) {
      const { meilisearch, tenantTokens, indexPrefix } = getConfig(strapi);
      const expiresAt = new Date(Date.now() + tenantTokens.expiresInSeconds * 1000);
      // Hidden profiles and drafts are never indexed; members-only documents are, for members only.
      const rule = audience === 'public' ? { filter: 'visibility = "public"' } : {};
      const token = await generateTenantToken({
        apiKey: meilisearch.searchKey,
        apiKeyUid: await keyUid(),
        searchRules: { [`${indexPrefix}_*`]: rule },
        expiresAt,
      });
      const types = getService(strapi, 'types');
      const indexes = (await getService(strapi, 'engine').get().listIndexes()).map((index) => index.name).filter((name) => types.parseIndexName(name) !== null);
      return { token, host: meilisearch.publicHost || meilisearch.host, indexes, expiresAt: expiresAt.toISOString() };
    },
  };
};
