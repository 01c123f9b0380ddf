// Flat config mirroring @n8n/node-cli's community-node config, so `npm run lint` applies the
// same rules as n8n's verification scanner (which ignores inline disables).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const nodesRules = { ...n8nNodesBase.configs.nodes.rules };
// False positives with NodeConnectionTypes.Main; n8n's own config switches these off too.
delete nodesRules['n8n-nodes-base/node-class-description-inputs-wrong-regular-node'];
delete nodesRules['n8n-nodes-base/node-class-description-outputs-wrong'];
delete nodesRules['n8n-nodes-base/node-param-type-options-max-value-present'];

const credentialsRules = { ...n8nNodesBase.configs.credentials.rules };
delete credentialsRules['n8n-nodes-base/cred-class-field-documentation-url-miscased'];
delete credentialsRules['n8n-nodes-base/cred-class-field-type-options-password-missing'];

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'n8n/**', '.n8n-playground/**', '.e2e/**', 'coverage/**', '**/*.js', '**/*.mjs'],
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended, communityNodes.configs.recommended],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		rules: {
			'no-console': 'error',
			'prefer-spread': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'sandbox/**/*.ts'],
		rules: {
			// Test and tooling code runs under Node, not inside n8n's sandbox.
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			// Throwaway node types and fakes in tests are not shipped; n8n's node rules do not apply.
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/credential-password-field': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Tooling starts processes (n8n, the sandbox CLI) on purpose.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'no-console': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, '@n8n/community-nodes': communityNodes },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...Object.fromEntries(
				Object.entries(communityNodes.configs.recommended.rules).filter(([name]) =>
					[
						'n8n-object-validation',
						'no-forbidden-lifecycle-scripts',
						'no-overrides-field',
						'no-runtime-dependencies',
						'no-template-placeholders',
						'package-name-convention',
						'require-files-array',
						'require-homepage',
						'require-version',
						'valid-author',
						'valid-description',
						'valid-peer-dependencies',
					].some((rule) => name.endsWith(`/${rule}`)),
				),
			),
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: credentialsRules,
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: nodesRules,
	},
);
