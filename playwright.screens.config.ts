// `npm run shots`: screenshots of every survey and dashboard page (1280 px, 375 px, print) for a
// person to look at, written to SHOTS (default /tmp/shots). Not part of `npm test`.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: 'tests/screens' });
