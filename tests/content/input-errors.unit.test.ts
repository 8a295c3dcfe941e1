import { z } from 'zod';
import * as pluginParse from '../../src/plugins/skills-mapping/server/src/utils/parse';
import { invalidParameter } from '../../src/utils/errors';
import { parse } from '../../src/utils/parse';

/** Bad request input is a 400 in one format, from the app and from the skills-mapping plugin's own copy alike. */
const schema = z
  .object({ title: z.string().max(3, 'at most 3 characters'), sections: z.array(z.object({ key: z.string().regex(/^[a-z]+$/, 'must be a key') })) })
  .strict();

const thrown = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { name: string; message: string; details: { errors: Array<{ path: string[]; message: string }> } };
  }
  throw new Error('nothing was thrown');
};

test('the message names the first problem as written; the details list every problem with its path', () => {
  const error = thrown(() => parse(schema, { title: 'Too long', sections: [{ key: 'ok' }, { key: 'Not OK' }] }, 'field'));
  expect(error.name).toBe('ValidationError');
  expect(error.message).toBe("Invalid field 'title': at most 3 characters");
  expect(error.details.errors.map((problem) => [problem.path.join('.'), problem.message])).toEqual([
    ['title', 'at most 3 characters'],
    ['sections.1.key', 'must be a key'],
  ]);
});

test('an unknown key is named itself, under where the input sits', () => {
  const error = thrown(() => parse(z.object({ locale: z.string() }).strict(), { locale: 'de', colour: 'red' }));
  expect(error.message).toBe("Invalid parameter 'colour': is not accepted here");
  const nested = thrown(() => parse(z.array(z.object({}).strict()), [{}, { member: 'x' }], 'field', ['data']));
  expect(nested.details.errors[0].path).toEqual(['data', '1', 'member']);
});

test("a route parameter is named by the caller's name for it", () => {
  expect(thrown(() => parse(z.string().regex(/^\d+$/, 'must be a number'), 'one', 'parameter', ['number'])).message).toBe(
    "Invalid parameter 'number': must be a number",
  );
});

test('the query checks and the plugin answer in the very same format', () => {
  expect(
    thrown(() => {
      throw invalidParameter('filters.title.$eq', 'must be a single value');
    }),
  ).toMatchObject({ message: "Invalid parameter 'filters.title.$eq': must be a single value", details: { errors: [{ path: ['filters', 'title', '$eq'] }] } });
  for (const [value, kind, at] of [
    [{ title: 'Too long', sections: [] }, 'field', []],
    [{ title: 'ok', sections: [{}], extra: 1 }, 'parameter', ['data']],
    [undefined, 'field', []],
  ] as const) {
    const fromApp = thrown(() => parse(schema, value, kind, [...at]));
    const fromPlugin = thrown(() => pluginParse.parse(schema, value, kind, [...at]));
    expect([fromPlugin.message, fromPlugin.details]).toEqual([fromApp.message, fromApp.details]);
  }
});
