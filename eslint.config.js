import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: ['build/', '.svelte-kit/', 'node_modules/', 'sync-server/node_modules/', 'data/', 'test-results/', 'playwright-report/', 'bench/results/', 'dev-dist/']
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The app is always served at the root (paths.relative = false, no base path), so links
      // need no resolve(); the rule exists for apps deployed under a base path.
      'svelte/no-navigation-without-resolve': 'off'
    }
  },
  {
    // Domain logic stays pure: no DOM, no Dexie, no Svelte.
    files: ['src/lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', 'svelte', 'svelte/*', '$app/*', '**/db/*', '**/ui/*'] }]
    }
  }
);
