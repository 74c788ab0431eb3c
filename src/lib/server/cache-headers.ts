/**
 * Headers that depend on the page. The fixed security headers (nosniff, Referrer-Policy,
 * framing, HSTS) are set for every response by scripts/serve.js; the CSP comes from kit.csp
 * (svelte.config.js) so that SvelteKit can add nonces and hashes for its own scripts.
 */
export function applyCacheHeaders(headers: Headers, url: URL) {
	const path = url.pathname;
	// Survey answers and dashboards must not sit in a shared or browser cache.
	if (path.startsWith('/s/') || path.startsWith('/admin') || path === '/login')
		headers.set('Cache-Control', 'no-store');
}
