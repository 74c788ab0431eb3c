import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { TEST_LINK_KEY } from './tests/link-key';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		env: { LINK_KEY: TEST_LINK_KEY }
	}
});
