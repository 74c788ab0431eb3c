import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { TEST_ORIGIN } from './tests/e2e/env';
import { TEST_LINK_KEY } from './tests/link-key';

// Links made in the test process (fresh installs) must open on the servers it starts.
process.env.LINK_KEY ??= TEST_LINK_KEY;

// Debian's Chromium where it exists (Playwright cannot download browsers on our machines),
// Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
	? {
			executablePath: debianChromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	: {};

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: TEST_ORIGIN,
		locale: 'nl-NL',
		launchOptions,
		trace: 'retain-on-failure'
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }]
});
