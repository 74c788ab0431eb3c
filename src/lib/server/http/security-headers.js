// The fixed security headers, in plain JavaScript because two places send them: the hook, for
// every response SvelteKit renders (whichever command started the server, also adapter-node's
// own `node build/index.js`), and scripts/serve.js, for the static files SvelteKit never sees.
// The CSP is not here: SvelteKit writes it (kit.csp in svelte.config.js) with its nonces.

/**
 * @param {boolean} https whether the public origin is https (then browsers must keep to it)
 * @returns {[string, string][]}
 */
export function securityHeaders(https) {
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		// Survey links carry a secret: no page of this app lets its URL leak to another site.
		['Referrer-Policy', 'no-referrer'],
		['X-Frame-Options', 'DENY'],
		['Cross-Origin-Opener-Policy', 'same-origin'],
		['Cross-Origin-Resource-Policy', 'same-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()']
	];
	if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
	return /** @type {[string, string][]} */ (headers);
}
