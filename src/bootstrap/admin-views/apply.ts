import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ADMIN_VIEWS, TIMESTAMPS, type AdminView } from './views';

type FieldMetadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
type LayoutField = { name: string; size: number };
type ViewConfiguration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { list: string[]; edit: LayoutField[][] };
};
type Model = { uid: string; attributes: Record<string, { type: string; customField?: string }> };
type ConfigurationService = {
  findConfiguration: (model: Model) => Promise<ViewConfiguration>;
  updateConfiguration: (model: Model, configuration: ViewConfiguration) => Promise<unknown>;
};
type FieldSizes = {
  hasFieldSize: (type?: string) => boolean;
  getFieldSize: (type: string) => { default: number; isResizable: boolean };
};
type Validator = { validate: (value: unknown, options: Record<string, boolean>) => Promise<unknown> };

const ROW_WIDTH = 12;

/**
 * The content manager's own check of a view configuration, the one an editor's "Save" in "Configure
 * the view" goes through. It is not exported by the package, hence the path.
 */
const contentManagerValidator = (model: Model): Validator => {
  const root = path.dirname(require.resolve('@strapi/content-manager/package.json'));
  const createSchema = require(path.join(root, 'dist/server/controllers/validation/model-configuration.js')) as (model: Model) => Validator;
  return createSchema(model);
};

const editLayout = (view: AdminView, model: Model, current: LayoutField[][], sizes: FieldSizes): LayoutField[][] => {
  const rows = view.rows.map((row) => {
    const fields = row.map((entry) => {
      const [name, width] = typeof entry === 'string' ? [entry, undefined] : entry;
      const attribute = model.attributes[name];
      if (!attribute) throw new Error(`admin view of ${view.uid}: no field "${name}"`);
      const size = sizes.getFieldSize(sizes.hasFieldSize(attribute.customField) ? attribute.customField! : attribute.type);
      if (width !== undefined && !size.isResizable && width !== size.default) {
        throw new Error(`admin view of ${view.uid}: "${name}" is always ${size.default} wide, not ${width}`);
      }
      return { name, size: width ?? size.default };
    });
    if (fields.reduce((sum, field) => sum + field.size, 0) > ROW_WIDTH) {
      throw new Error(`admin view of ${view.uid}: the row ${fields.map((field) => field.name).join(', ')} is wider than ${ROW_WIDTH}`);
    }
    return fields;
  });
  // Fields the view does not place (a field added later, say) stay in the view, after the others.
  const placed = new Set(rows.flat().map((field) => field.name));
  const rest = current.map((row) => row.filter((field) => !placed.has(field.name))).filter((row) => row.length > 0);
  return [...rows, ...rest];
};

const metadatas = (view: AdminView, model: Model, current: Record<string, FieldMetadata>) => {
  const result = { ...current };
  const timestamps = Object.entries(TIMESTAMPS).filter(([name]) => model.attributes[name]);
  for (const [name, field] of [...timestamps, ...Object.entries(view.fields)]) {
    const attribute = model.attributes[name];
    if (!attribute) throw new Error(`admin view of ${view.uid}: no field "${name}"`);
    if (attribute.type === 'relation' && !field.shows) throw new Error(`admin view of ${view.uid}: say which field names an entry linked by "${name}"`);
    const { edit = {}, list = {} } = current[name] ?? {};
    result[name] = {
      edit: {
        ...edit,
        label: field.label,
        description: field.description ?? '',
        placeholder: field.placeholder ?? '',
        ...(field.shows ? { mainField: field.shows } : {}),
      },
      list: { ...list, label: field.label },
    };
  }
  return result;
};

const configure = (view: AdminView, model: Model, current: ViewConfiguration, sizes: FieldSizes): ViewConfiguration => ({
  settings: { ...current.settings, mainField: view.mainField, defaultSortBy: view.sortBy.field, defaultSortOrder: view.sortBy.order },
  metadatas: metadatas(view, model, current.metadatas),
  layouts: { list: view.columns, edit: editLayout(view, model, current.layouts.edit, sizes) },
});

/**
 * Applies the admin views (views.ts) at every start, after the content manager has synchronised its
 * configurations with the schemas. What the views declare (labels, descriptions, main fields, sort,
 * columns, field order) is restored at each start, so "Configure the view" changes to those are
 * lost at the next restart, as permissions opened by hand are: the views live in the code, reviewed
 * and the same on every server. Anything a view leaves out (page size, filters, fields added later)
 * keeps the editor's setting. Writes only what differs, so a restart without changes writes nothing.
 */
export const applyAdminViews = async (strapi: Core.Strapi) => {
  const contentManager = strapi.plugin('content-manager');
  const sizes = contentManager.service('field-sizes') as unknown as FieldSizes;
  for (const view of ADMIN_VIEWS) {
    const isComponent = !view.uid.includes('::');
    const service = contentManager.service(isComponent ? 'components' : 'content-types') as unknown as ConfigurationService & {
      findComponent: (uid: string) => Model | undefined;
      findContentType: (uid: string) => Model | undefined;
    };
    const model = isComponent ? service.findComponent(view.uid) : service.findContentType(view.uid);
    if (!model) throw new Error(`admin view of ${view.uid}: no such content type or component`);
    const { settings, metadatas: currentMetadatas, layouts } = await service.findConfiguration(model);
    const configuration = configure(view, model, { settings, metadatas: currentMetadatas, layouts }, sizes);
    try {
      await contentManagerValidator(model).validate(configuration, { abortEarly: false, stripUnknown: true, strict: true });
    } catch (error) {
      throw new Error(`admin view of ${view.uid} refused by the content manager: ${(error as { errors?: string[] }).errors?.join('; ') ?? error}`, {
        cause: error,
      });
    }
    await service.updateConfiguration(model, configuration);
  }
};
