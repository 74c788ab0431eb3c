import { expect } from 'vitest';

/**
 * Header checks shared by the stress specs. scripts/serve.js sets the fixed headers on every
 * response and kit.csp the policy on every rendered page, so an error page, a 404 or a redirect
 * must carry them just as a 200 does: those are the responses a test is most tempted to skip.
 */

/** What scripts/serve.js sets for every response, whatever its status or type. */
export function expectFixedHeaders(res: Response, label: string, { https = false } = {}) {
	const h = res.headers;
	expect(h.get('x-content-type-options'), label).toBe('nosniff');
	expect(h.get('referrer-policy'), label).toBe('no-referrer');
	expect(h.get('x-frame-options'), label).toBe('DENY');
	expect(h.get('cross-origin-opener-policy'), label).toBe('same-origin');
	expect(h.get('cross-origin-resource-policy'), label).toBe('same-origin');
	expect(h.get('permissions-policy'), label).toMatch(/camera=\(\)/);
	if (https) expect(h.get('strict-transport-security'), label).toMatch(/max-age=\d+/);
	else expect(h.get('strict-transport-security'), label).toBeNull();
}

export const isHtml = (res: Response) => (res.headers.get('content-type') ?? '').includes('text/html');

/**
 * An HTML response's policy and scripts: a policy that forbids framing and inline script, and
 * every inline script carrying that policy's nonce. Consumes the body; returns it.
 */
export async function expectPagePolicy(res: Response, label: string, serverUrl: string): Promise<string> {
	expect(isHtml(res), `${label}: HTML`).toBe(true);
	const csp = res.headers.get('content-security-policy');
	expect(csp, `${label}: CSP`).toBeTruthy();
	expect(csp, label).toContain("frame-ancestors 'none'");
	expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'/);
	expect(csp, label).not.toMatch(/default-src[^;]*'unsafe-inline'/);
	const nonce = /'nonce-([^']+)'/.exec(csp!)?.[1];
	const html = await res.text();
	const url = new URL(res.url || serverUrl);
	for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
		const src = /\bsrc="([^"]*)"/.exec(tag)?.[1];
		if (src === undefined) {
			expect(nonce, `${label}: inline script without a nonce in the policy`).toBeDefined();
			expect(tag, label).toContain(`nonce="${nonce}"`);
		} else {
			// A file: allowed by script-src 'self' only, so it must come from this server.
			expect(new URL(src, url).origin, label).toBe(new URL(serverUrl).origin);
			expect(csp, label).toMatch(/script-src 'self'/);
		}
	}
	return html;
}
