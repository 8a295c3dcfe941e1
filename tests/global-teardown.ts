import { dropRunDatabases } from './helpers/databases';

export default async function globalTeardown() {
  await dropRunDatabases();
}
