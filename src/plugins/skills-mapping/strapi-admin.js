// The admin panel's entry of this plugin (bundled by `strapi build` with the app's admin).
export { default } from './admin/src';
