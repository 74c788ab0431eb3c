/**
 * Headers for every response. The CSP itself comes from kit.csp (svelte.config.js) so that
 * SvelteKit can add nonces and hashes for its own scripts.
 */
export function applySecurityHeaders(headers: Headers, url: URL) {
	headers.set('X-Content-Type-Options', 'nosniff');
	// Survey links carry a secret; no page of this app should leak its URL to another site.
	headers.set('Referrer-Policy', 'no-referrer');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Cross-Origin-Resource-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	if (url.protocol === 'https:')
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	const path = url.pathname;
	if (path.startsWith('/s/') || path.startsWith('/admin') || path === '/login')
		headers.set('Cache-Control', 'no-store');
}
