import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'build/',
      '.strapi/',
      '.tmp/',
      'types/generated/',
      'public/search/',
      'public/uploads/',
      'coverage/',
      'tests/artifacts/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Turned back on after eslint-config-prettier: Prettier breaks code at 160 columns but leaves comments whole.
      // Strings (test names, messages) and URLs may run longer: breaking them would only make them harder to find.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // `const { secret: _, ...rest } = value` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // require() of a path known only at run time is how compiled code (dist/) and internals of Strapi's packages that
      // their "exports" do not list are loaded; a module named by a literal is imported instead.
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.type='Literal']", message: 'Import the module instead of require()-ing it.' },
      ],
    },
  },
  {
    files: ['src/admin/**', 'src/plugins/*/admin/**', 'src/members-site/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain Node scripts and Strapi's plugin entry points (strapi-server.js) are CommonJS.
    files: ['**/*.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // These strip or refuse control characters on purpose.
    files: ['src/content/control-characters.ts', 'src/middlewares/refusals.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Tests build deliberately malformed values (a configuration with a wrong key, a body of the wrong shape).
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
