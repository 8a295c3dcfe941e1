import type { Database } from '@strapi/database';
import type { Knex } from 'knex';

/**
 * The skills map's coverage cells gained `learners` (members who want to learn the skill) and are
 * now updated by every write instead of counted again after it. Cells counted by the previous
 * version have no learners: forgetting which dimensions are counted makes the next read of each
 * count it from scratch, once. The change counter stays.
 */
export async function up(trx: Knex.Transaction, db: Database) {
  // A new database has no tables yet: the schema sync creates them.
  if (!(await db.getSchemaConnection(trx).hasTable('skill_coverage_state'))) return;
  const schemaName = db.getSchemaName();
  await (schemaName ? trx.withSchema(schemaName) : trx).table('skill_coverage_state').delete().whereNot('name', 'changes');
}
