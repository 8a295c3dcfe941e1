import type { Core } from '@strapi/strapi';

/**
 * Turns off Strapi's guided tour ("0% completed", "Create your schema", "Deploy your application to
 * Strapi Cloud" on the home page, and its pop-overs in the content manager), which is about building
 * a Strapi project, not about this platform. Strapi 5.54 has no setting for it: the panel shows the
 * tour to the first super admin, and asks the server who that is (GET /admin/guided-tour-meta, the
 * only caller of this method). Answering "nobody" hides the tour for everyone.
 */
export const turnOffGuidedTour = (strapi: Core.Strapi) => {
  const users = strapi.service('admin::user') as unknown as { isFirstSuperAdminUser: (userId: number) => Promise<boolean> };
  users.isFirstSuperAdminUser = async () => false;
};
