import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const n8nRules = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // n8n's community-node rules, for the n8n faces and the package manifest. The n8n Cloud
    // variant is not used: the same package carries Node-RED nodes and a local emulator.
    files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
    ...n8nRules,
    rules: {
      ...n8nRules.rules,
      // axios is the transport for Node-RED and scripts; the n8n node sends through n8n's
      // own request helpers and never loads it.
      '@n8n/community-nodes/no-runtime-dependencies': 'off',
      // No public maintainer address exists yet; `author` names the project.
      '@n8n/community-nodes/valid-author': 'off',
    },
  },
  {
    files: ['package.json'],
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
