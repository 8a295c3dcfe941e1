import { indexedEntries, searchConverged } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * A clone is a write like any other: a type without draft & publish is live at once, so the search
 * index takes in the new document (not its source) as soon as it commits.
 */
const app = useApp('seeded');

test('a cloned member profile is searchable, as itself', async () => {
  const source = await createUser(app(), 'authenticated', { displayName: 'Ilse Original', visibility: 'public' });
  await searchConverged(app());
  const clone = (await app()
    .strapi.documents('api::member.member')
    .clone({
      documentId: source.memberId!,
      locale: 'en',
      data: { displayName: 'Ilse Cloned', user: null },
    } as never)) as unknown as { documentId: string };
  expect(clone.documentId).not.toBe(source.memberId);

  await searchConverged(app());
  expect((await indexedEntries(app(), 'member', clone.documentId)).en).toMatchObject({ documentId: clone.documentId, title: 'Ilse Cloned' });
  expect((await indexedEntries(app(), 'member', source.memberId!)).en).toMatchObject({ documentId: source.memberId, title: 'Ilse Original' });
});
