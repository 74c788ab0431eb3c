import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// Our own, stricter check runs first in hooks.server.ts (see src/lib/server/csrf.ts for why
		// SvelteKit's origin comparison cannot work with Referrer-Policy: no-referrer).
		csrf: { trustedOrigins: ['*'] },
		adapter: adapter({ out: 'build', precompress: true }),
		// Scripts only with a nonce or hash: a stored comment can never run as script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
