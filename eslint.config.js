import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import pluginRouter from '@tanstack/eslint-plugin-router'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Import boundaries (docs/architecture.md §2): routes → features → components, lib, api.
// Across features only another feature's api/ may be imported; src/api/ holds the app-wide
// queries (the console info, the balance) that every feature may use.
const FEATURES = [
  'agents',
  'chat',
  'media',
  'knowledge',
  'containers',
  'api-keys',
  'billing',
  'overview',
  'a2a',
  'discover',
  'usage',
]

const featureBoundary = (feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@/routes/*', '@/routes/**'], message: 'Features never import routes.' },
          {
            group: ['radix-ui', '@radix-ui/*'],
            message: 'Import primitives from @/components/ui/*.',
          },
          ...FEATURES.filter((f) => f !== feature).map((f) => ({
            regex: `^@/features/${f}/(?!api/)`,
            message: `Only ${f}/api/* may be imported from another feature.`,
          })),
          { regex: '^\\.\\./\\.\\./\\.\\./', message: 'Use the @/ alias outside a feature.' },
        ],
      },
    ],
  },
})

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'src/routeTree.gen.ts',
      'screenshots',
      'test-results',
      'playwright-report',
      'bench-results',
      '.data',
      'public/theme-init.js',
      // Linted on purpose by scripts/lint-rules.test.ts: they hold the faults the rules must report.
      'scripts/lint-fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      // Only the project's own files can close a cycle: packages are not followed (much faster).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
    // The resolver reads the tsconfigs: the @/ alias (src) and .ts-extension imports (Node side).
    // Without one, import-x/no-cycle resolves nothing and can never report (scripts/lint-rules.test.ts).
    settings: {
      // Which files import-x parses to follow imports: without the TypeScript ones it reads no .ts file.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        // The solution tsconfig: its references give src/ the app config and the Node side its own.
        createTypeScriptImportResolver({
          project: fileURLToPath(new URL('tsconfig.json', import.meta.url)),
        }),
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-console': 'error',
    },
  },
  ...pluginQuery.configs['flat/recommended'],
  ...pluginRouter.configs['flat/recommended'],
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/api/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', '@/features/**', '@/routes/*', '@/routes/**'],
              message: 'components/, lib/ and api/ never import features or routes.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    ignores: ['src/components/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', '@/features/**', '@/routes/*', '@/routes/**'],
              message: 'components/ never import features or routes.',
            },
            {
              group: ['radix-ui', '@radix-ui/*'],
              message: 'Import primitives from @/components/ui/*.',
            },
          ],
        },
      ],
    },
  },
  ...FEATURES.map(featureBoundary),
  {
    files: [
      'server/**/*.ts',
      'sandbox/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'e2e/**/*.ts',
      'contract/**/*.ts',
      '*.config.{ts,js}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/*', '**/src/**'], message: 'The sandbox never imports src/.' }] },
      ],
    },
  },
)
