import type { Schema, Struct } from '@strapi/strapi';

export interface AgreementSection extends Struct.ComponentSchema {
  collectionName: 'components_agreement_sections';
  info: {
    description: 'A section of the Community Agreement with a stable key.';
    displayName: 'Section';
  };
  attributes: {
    heading: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    key: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
    text: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20000;
      }>;
  };
}

export interface ReadingGroupSession extends Struct.ComponentSchema {
  collectionName: 'components_reading_group_sessions';
  info: {
    description: 'A reading group session with its readings.';
    displayName: 'Session';
  };
  attributes: {
    notes: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 4000;
      }>;
    readings: Schema.Attribute.Relation<'oneToMany', 'api::resource.resource'>;
    startsAt: Schema.Attribute.DateTime & Schema.Attribute.Required;
    title: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'agreement.section': AgreementSection;
      'reading-group.session': ReadingGroupSession;
    }
  }
}
