import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** Layering (DESIGN.md §4, §8): what may import what, checked on every `npm test`. */
const storeForRoutes = {
	group: ['$lib/server/store', '$lib/server/store/*'],
	message: 'Routes lezen en schrijven via de domeinmodules in $lib/server (en de guard), nooit via de opslag zelf.'
};
const serverForComponents = {
	group: ['$lib/server', '$lib/server/*', '$lib/server/**'],
	message: 'Componenten draaien ook in de browser: view-typen horen in $lib/model of $lib/analysis.'
};

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'tests/.tmp/', 'test-results/', 'playwright-report/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// The app has no base path, and the survey's pages are rendered without SvelteKit's
			// client (csr = false), so plain hrefs are what it serves.
			'svelte/no-navigation-without-resolve': 'off',
			// {' '} keeps a space between inline elements that prettier would otherwise break away.
			'svelte/no-useless-mustaches': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		files: ['src/routes/**/*.ts', 'src/routes/**/*.js'],
		rules: { 'no-restricted-imports': ['error', { patterns: [storeForRoutes] }] }
	},
	{
		files: ['src/lib/components/**', 'src/**/*.svelte'],
		rules: { 'no-restricted-imports': ['error', { patterns: [storeForRoutes, serverForComponents] }] }
	}
);
