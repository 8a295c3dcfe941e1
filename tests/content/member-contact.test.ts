import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from '../helpers/api';
import { namesField } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createMembers, createUser, type TestUser } from '../helpers/users';

/**
 * Issue 18: a member chooses how other members may contact them (`contactRoute`: none, their
 * e-mail, or messages through the platform). Only signed-in members learn it, for profiles they may
 * see; the public never learns the route or any address. Who-to-ask answers carry it too.
 */
const mailFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cop-mail-'));
const ENV = { EMAIL_TRANSPORT: 'folder', EMAIL_FOLDER: mailFolder };
Object.assign(process.env, ENV);
const app = useApp('seeded');
afterAll(() => {
  for (const name of Object.keys(ENV)) delete process.env[name];
  fs.rmSync(mailFolder, { recursive: true, force: true });
});

type Mail = { to: Array<{ address: string }>; replyTo?: Array<{ address: string }>; subject: string; text: string };
const mailsTo = (address: string): Mail[] =>
  fs
    .readdirSync(mailFolder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(mailFolder, file), 'utf8')) as Mail)
    .filter((mail) => mail.to.some((to) => to.address === address));

const MESSAGES = 'api::member.message';

let sender: TestUser;
let byEmail: TestUser;
let byMessage: TestUser;
let hiddenByMessage: TestUser;
let closed: TestUser;

const profile = async (visibility: 'hidden' | 'members' | 'public', contactRoute?: 'email' | 'message') => {
  const user = await createUser(app(), 'authenticated', { visibility, displayName: `Contact test ${visibility} ${contactRoute ?? 'none'}` });
  if (contactRoute) await api(app(), user).put('/api/members/me', { data: { contactRoute } }).expect(200);
  return user;
};

beforeAll(async () => {
  sender = await createUser(app(), 'authenticated', { visibility: 'members', displayName: 'Sandra Sender' });
  byEmail = await profile('members', 'email');
  byMessage = await profile('public', 'message');
  hiddenByMessage = await profile('hidden', 'message');
  closed = await profile('public');
});

describe('the own profile', () => {
  test('contactRoute is none by default, set with PUT /members/me, answered there and in the export', async () => {
    const member = await createUser(app(), 'authenticated');
    expect((await api(app(), member).get('/api/members/me').expect(200)).body.data.contactRoute).toBe('none');
    const updated = await api(app(), member)
      .put('/api/members/me', { data: { contactRoute: 'message' } })
      .expect(200);
    expect(updated.body.data.contactRoute).toBe('message');
    expect((await api(app(), member).get('/api/members/me').expect(200)).body.data.contactRoute).toBe('message');
    const exported = (await api(app(), member).get('/api/me/export').expect(200)).body.data;
    expect(exported.profile.translations.map((translation: { contactRoute: string }) => translation.contactRoute)).toEqual(['message']);
    const bad = await api(app(), member).put('/api/members/me', { data: { contactRoute: 'phone' } });
    expect([bad.status, namesField(bad.body, 'contactRoute')]).toEqual([400, true]);
  });
});

describe('private on the content API', () => {
  test('never in a profile answered by /api/members, for anyone', async () => {
    for (const caller of ['public' as const, sender]) {
      const list = await api(app(), caller).get('/api/members?pagination[pageSize]=100&populate=*').expect(200);
      const one = await api(app(), caller).get(`/api/members/${byMessage.memberId}`).expect(200);
      const workshops = await api(app(), caller).get('/api/workshops?populate[facilitators]=true').expect(200);
      for (const body of [list.body, one.body, workshops.body]) {
        const text = JSON.stringify(body);
        expect(text).not.toContain('contactRoute');
        for (const user of [byEmail, byMessage, closed]) expect(text).not.toContain(user.email);
      }
    }
  });

  test.each([
    ['filters', 'filters[contactRoute][$eq]=message'],
    ['filters', 'filters[$or][0][contactRoute][$eq]=email'],
    ['fields', 'fields[0]=contactRoute'],
    ['sort', 'sort=contactRoute:asc'],
    ['populate', 'populate=contactRoute'],
    ['relation filter', 'filters[organisation][members][contactRoute][$eq]=message'],
  ])('cannot be queried through %s (%s)', async (_kind, query) => {
    for (const caller of ['public' as const, sender]) {
      const response = await api(app(), caller).get(`/api/members?${query}`);
      // Refused, or answered as if the parameter named nothing: never filtered, sorted or shown by it.
      if (response.status === 200) {
        const all = await api(app(), caller).get('/api/members').expect(200);
        expect(response.body.meta.pagination.total).toBe(all.body.meta.pagination.total);
        expect(JSON.stringify(response.body)).not.toContain('contactRoute');
      } else {
        expect(response.status).toBe(400);
      }
    }
  });

  test('the public cannot ask for a contact or send a message', async () => {
    const contact = await api(app()).get(`/api/members/${byEmail.memberId}/contact`);
    expect(contact.status).toBe(401);
    expect(JSON.stringify(contact.body)).not.toContain(byEmail.email);
    expect((await api(app()).post(`/api/members/${byMessage.memberId}/messages`, { data: { subject: 'Hi', message: 'Hello' } })).status).toBe(401);
    expect(mailsTo(byMessage.email)).toEqual([]);
  });
});

describe('GET /api/members/:documentId/contact', () => {
  test("a member gets the e-mail or the message route of a profile they may see, and one's own", async () => {
    expect((await api(app(), sender).get(`/api/members/${byEmail.memberId}/contact`).expect(200)).body).toEqual({
      data: { route: 'email', email: byEmail.email },
    });
    const message = await api(app(), sender).get(`/api/members/${byMessage.memberId}/contact`).expect(200);
    expect(message.body).toEqual({ data: { route: 'message' } });
    expect((await api(app(), hiddenByMessage).get(`/api/members/${hiddenByMessage.memberId}/contact`).expect(200)).body).toEqual({
      data: { route: 'message' },
    });
  });

  test('hidden, unknown and closed profiles get the same 404', async () => {
    const answers = [];
    for (const member of [hiddenByMessage.memberId, closed.memberId, 'abcdefghijklmnopqrstuvwx']) {
      const response = await api(app(), sender).get(`/api/members/${member}/contact`);
      answers.push([response.status, response.body.error?.message]);
    }
    expect(answers).toEqual(Array(3).fill([404, 'No such member']));
    const malformed = await api(app(), sender).get('/api/members/x;y/contact');
    expect([malformed.status, namesField(malformed.body, 'id')]).toEqual([400, true]);
  });
});

describe('POST /api/members/:documentId/messages', () => {
  const send = (from: TestUser, to: string, data: object) => api(app(), from).post(`/api/members/${to}/messages`, { data });

  test('sends one e-mail to the recipient, Reply-To the sender, without showing the address', async () => {
    const response = await send(sender, byMessage.memberId!, { subject: 'Climate case in Belgium', message: 'Could we talk about your\nclimate case?' });
    expect([response.status, response.body]).toEqual([202, { data: { sent: true } }]);
    const mails = mailsTo(byMessage.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].replyTo?.map((to) => to.address)).toEqual([sender.email]);
    expect(mails[0].subject).toBe('[Community of Practice] Climate case in Belgium');
    expect(mails[0].text).toContain('Sandra Sender');
    expect(mails[0].text).toContain('Could we talk about your\nclimate case?');
    expect(mails[0].text).toMatch(/address was not shown/);
    expect(mails[0].text).toMatch(/reply.*shows them your address/);
    expect(mails[0].text).not.toContain(byMessage.email);
    // What is kept: who, to whom, when; never the text.
    const rows = await app()
      .strapi.db.query(MESSAGES)
      .findMany({ where: { sender: sender.id } });
    expect(rows).toEqual([expect.objectContaining({ sender: sender.id, recipient: byMessage.id, sentAt: expect.anything() })]);
    expect(JSON.stringify(rows)).not.toContain('climate case');
  });

  test('only to visible profiles open to messages: the others are the same 404, and get nothing', async () => {
    for (const to of [byEmail, hiddenByMessage, closed]) {
      const response = await send(sender, to.memberId!, { subject: 'Hello', message: 'Hello' });
      expect([response.status, response.body.error?.message]).toEqual([404, 'No such member']);
      expect(mailsTo(to.email)).toEqual([]);
    }
  });

  test('bad input is a 400 naming the field; oneself is a 400; no profile is a 403; nothing is sent', async () => {
    const before = mailsTo(byMessage.email).length;
    for (const [data, field] of [
      [{ message: 'Hello' }, 'subject'],
      [{ subject: '', message: 'Hello' }, 'subject'],
      [{ subject: 'x'.repeat(151), message: 'Hello' }, 'subject'],
      [{ subject: 'Two\nlines', message: 'Hello' }, 'subject'],
      [{ subject: 'Hello' }, 'message'],
      [{ subject: 'Hello', message: 'x'.repeat(5001) }, 'message'],
      [{ subject: 'Hello', message: 'Hello', cc: 'someone@example.org' }, 'cc'],
    ] as Array<[object, string]>) {
      const response = await send(sender, byMessage.memberId!, data);
      expect([response.status, field, namesField(response.body, field)]).toEqual([400, field, true]);
    }
    const self = await send(byMessage, byMessage.memberId!, { subject: 'Hello', message: 'Me' });
    expect([self.status, namesField(self.body, 'id')]).toEqual([400, true]);
    const noProfile = await createUser(app(), 'authenticated', false);
    const refused = await send(noProfile, byMessage.memberId!, { subject: 'Hello', message: 'Hello' });
    expect([refused.status, refused.body.error.message]).toEqual([403, expect.stringContaining('PUT /api/members/me')]);
    expect(mailsTo(byMessage.email)).toHaveLength(before);
  });

  test('at most 10 messages per sender in 24 hours: the 11th is a 429', async () => {
    const [busy] = await createMembers(app(), 1);
    const before = mailsTo(byMessage.email).length;
    for (let i = 0; i < 10; i += 1) expect((await send(busy, byMessage.memberId!, { subject: `Question ${i}`, message: 'Hello' })).status).toBe(202);
    const eleventh = await send(busy, byMessage.memberId!, { subject: 'Question 11', message: 'Hello' });
    expect([eleventh.status, eleventh.body.error.message]).toEqual([429, expect.stringMatching(/10 messages in the last 24 hours/)]);
    expect(mailsTo(byMessage.email)).toHaveLength(before + 10);
    expect(
      await app()
        .strapi.db.query(MESSAGES)
        .count({ where: { sender: busy.id } }),
    ).toBe(10);
    // Older messages no longer count.
    await app()
      .strapi.db.query(MESSAGES)
      .updateMany({ where: { sender: busy.id }, data: { sentAt: new Date(Date.now() - 25 * 3_600_000) } });
    expect((await send(busy, byMessage.memberId!, { subject: 'Next day', message: 'Hello' })).status).toBe(202);
  });

  test('erasing an account removes the records of its messages', async () => {
    const [leaving] = await createMembers(app(), 1);
    await send(leaving, byMessage.memberId!, { subject: 'Bye', message: 'Hello' }).expect(202);
    await api(app(), leaving).delete('/api/me').expect(204);
    expect(
      await app()
        .strapi.db.query(MESSAGES)
        .count({ where: { sender: leaving.id } }),
    ).toBe(0);
  });
});

describe('who to ask (GET /api/skills-mapping/experts)', () => {
  type Expert = { documentId: string; contact: unknown };
  const experts = async (caller: TestUser) => (await api(app(), caller).get('/api/skills-mapping/experts?skill=asylum-law').expect(200)).body.data as Expert[];

  test('never lists the caller; each expert carries their contact', async () => {
    const claim = { data: [{ skill: 'asylum-law', level: 3, openToQuestions: true }] };
    for (const user of [sender, byEmail, byMessage, closed, hiddenByMessage]) {
      await api(app(), user)
        .put('/api/members/me', { data: { openToQuestions: true } })
        .expect(200);
      await api(app(), user).put('/api/skills-mapping/me/claims', claim).expect(200);
    }
    const asSender = await experts(sender);
    const contactOf = (list: Expert[], user: TestUser) => list.find((expert) => expert.documentId === user.memberId)?.contact;
    expect(asSender.map((expert) => expert.documentId)).not.toContain(sender.memberId);
    expect(asSender.map((expert) => expert.documentId)).not.toContain(hiddenByMessage.memberId);
    expect(contactOf(asSender, byEmail)).toEqual({ route: 'email', email: byEmail.email });
    expect(contactOf(asSender, byMessage)).toEqual({ route: 'message' });
    expect(contactOf(asSender, closed)).toBeNull();
    expect(asSender.every((expert) => 'contact' in expert)).toBe(true);

    const asByEmail = await experts(byEmail);
    expect(asByEmail.map((expert) => expert.documentId)).not.toContain(byEmail.memberId);
    expect(contactOf(asByEmail, sender)).toBeNull();
  });
});
