import { describe, expect, it } from 'vitest';
import { csrfRejection } from './csrf';

const url = new URL('https://monitor.example.nl/s/abc');
const post = (headers: Record<string, string>) =>
	new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

describe('csrfRejection', () => {
	it('lets our own pages post, also under no-referrer where the browser sends Origin: null', () => {
		expect(csrfRejection(post({ origin: url.origin, 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
		expect(csrfRejection(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }), url)).toBeNull();
	});
	it('refuses posts from other sites, however they dress up', () => {
		expect(csrfRejection(post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: 'null', 'sec-fetch-site': 'cross-site' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: 'https://evil.example' }), url)).toMatch(/andere website/);
		expect(csrfRejection(post({ origin: url.origin, 'sec-fetch-site': 'same-site' }), url)).toMatch(/andere website/);
	});
	it('refuses text/plain posts', () => {
		expect(csrfRejection(post({ origin: url.origin, 'content-type': 'text/plain' }), url)).not.toBeNull();
	});
	it('leaves reads alone', () => {
		expect(csrfRejection(new Request(url, { headers: { origin: 'https://evil.example' } }), url)).toBeNull();
	});
});
