import type { Core } from '@strapi/strapi';
import { afterPublish } from '../../utils/after-publish';
import { getWorkshopRegistrations } from './controllers/registration';

/**
 * When an editor publishes a workshop (its capacity may have grown), waitlisted members get the
 * places now left, in the same transaction as the publication.
 */
export const registerWaitlistPromotion = (strapi: Core.Strapi) =>
  afterPublish(strapi, 'api::workshop.workshop', (documentId) => getWorkshopRegistrations(strapi).fillFromWaitlist(documentId));
