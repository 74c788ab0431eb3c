// `npm run test:stress`: reliability tests against the built server on loopback (slow, so apart
// from the unit tests). They need `npm run build` first; `npm test` runs it.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { TEST_LINK_KEY } from './tests/link-key';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/stress/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 300_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		env: { LINK_KEY: TEST_LINK_KEY }
	}
});
