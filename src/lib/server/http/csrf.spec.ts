import { describe, expect, it } from 'vitest';
import { csrfRejection } from './csrf';

const url = new URL('https://monitor.example.nl/s/abc');
const send = (method: string, headers: Record<string, string>) =>
	new Request(url, { method, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
const post = (headers: Record<string, string>) => send('POST', headers);

describe('csrfRejection', () => {
	it('lets our own pages post, also under no-referrer where the browser sends Origin: null', () => {
		expect(csrfRejection(post({ origin: url.origin, 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
		expect(csrfRejection(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
	});
	it('refuses posts from other sites, however they dress up', () => {
		expect(csrfRejection(post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), url)).toMatch(
			/andere website/
		);
		expect(csrfRejection(post({ origin: 'null', 'sec-fetch-site': 'cross-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: 'https://evil.example' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: url.origin, 'sec-fetch-site': 'same-site' }), url)).toMatch(/andere website/);
	});
	it('refuses a missing Origin unless Sec-Fetch-Site vouches for same-origin', () => {
		// Browsers omit Origin in some cases; the absence alone must not pass for "our own page".
		expect(csrfRejection(post({ 'sec-fetch-site': 'cross-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ 'sec-fetch-site': 'same-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ 'sec-fetch-site': 'none' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
	});
	it('treats same-site as foreign: a sibling subdomain is another site to us', () => {
		expect(csrfRejection(post({ 'sec-fetch-site': 'same-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: 'null', 'sec-fetch-site': 'same-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: 'https://other.example.nl', 'sec-fetch-site': 'same-site' }), url)).toMatch(
			/andere website/
		);
	});
	it.each(['PUT', 'DELETE', 'PATCH'])('checks %s as strictly as POST', (method) => {
		expect(
			csrfRejection(send(method, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), url)
		).toMatch(/andere website/);
		expect(csrfRejection(send(method, { 'sec-fetch-site': 'cross-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(send(method, { origin: url.origin, 'content-type': 'text/plain' }), url)).not.toBeNull();
		expect(csrfRejection(send(method, { origin: url.origin, 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
	});
	it('refuses text/plain posts', () => {
		expect(csrfRejection(post({ origin: url.origin, 'content-type': 'text/plain' }), url)).not.toBeNull();
	});
	it('leaves reads alone', () => {
		expect(csrfRejection(new Request(url, { headers: { origin: 'https://evil.example' } }), url)).toBeNull();
	});
});
