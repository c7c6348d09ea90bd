import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath as toPath } from 'node:url';
const HERE = toPath(new URL('.', import.meta.url));

const PORT = Number(process.env.AGORA_APP_PORT ?? 9972);

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/browser/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    // The browser itself is launched by the `context` fixture in tests/browser/fixtures.ts
    // (playwright-core, Debian's /usr/bin/chromium, a fresh --user-data-dir per test).
  },
  webServer: {
    command: `npx vite --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { AGORA_DEPLOYMENTS_DIR: join(HERE, 'test-results', 'deployments') },
  },
});

