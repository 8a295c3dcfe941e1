import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { CODE_FIELDS } from '../custom-fields/definitions';
import { AgreementDiffPanel } from './components/AgreementDiffPanel';

const LABELS: Record<string, string> = {
  'country-list': 'Countries',
  'language-list': 'Languages',
  country: 'Country',
  jurisdiction: 'Jurisdiction',
};

export default {
  config: {
    locales: ['de', 'fr', 'es', 'it', 'pl', 'nl', 'pt', 'sv', 'cs', 'sk', 'tr', 'uk'],
    // The release-notes check calls GitHub from every editor's browser.
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    app.customFields.register(
      CODE_FIELDS.map((field) => ({
        name: field.name,
        type: field.type,
        intlLabel: { id: `custom-fields.${field.name}.label`, defaultMessage: LABELS[field.name] },
        intlDescription: { id: `custom-fields.${field.name}.description`, defaultMessage: `Each value is ${field.describe}.` },
        components: { Input: async () => ({ default: (await import('./components/CodeInput')).CodeInput as ComponentType }) },
      })),
    );
  },
  bootstrap(app: StrapiApp) {
    // Edit view of an agreement version: what changed since the adopted version, same locale.
    const contentManager = app.getPlugin('content-manager').apis as ContentManagerPlugin['config']['apis'];
    contentManager.addEditViewSidePanel([AgreementDiffPanel]);
  },
};
