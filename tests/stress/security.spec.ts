import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { rm } from 'node:fs/promises';
import { freePort, login, newDataDir, seed, startServer, submit, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;

/** Every admin page and endpoint, found from the route files so a new route cannot be forgotten. */
function adminRoutes(closedRoundId: string): { path: string; kind: 'page' | 'endpoint'; actions: boolean }[] {
	const root = join(process.cwd(), 'src', 'routes');
	const out: { path: string; kind: 'page' | 'endpoint'; actions: boolean }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name === '+page.svelte' || name === '+server.ts') {
				const route = '/' + relative(root, dir).split(sep).join('/');
				const server = join(dir, '+page.server.ts');
				let actions = false;
				try {
					actions = /export const actions/.test(readFileSync(server, 'utf8'));
				} catch {
					/* no server file */
				}
				out.push({
					path: route.replace('[id]', closedRoundId).replace(/\[[^\]]+\]/g, 'x'),
					kind: name === '+page.svelte' ? 'page' : 'endpoint',
					actions
				});
			}
		}
	};
	walk(join(root, 'admin'));
	return out;
}

describe('security of the built server', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;

	beforeAll(async () => {
		dir = await newDataDir('security');
		data = await seed(dir, 30);
		server = await startServer(dir);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('sends the security headers on every kind of response: inline scripts carry the nonce, others are our own files', async () => {
		const paths = ['/', '/login', '/privacy', '/toegankelijkheid', `/s/${data.tokens[0]}`, '/s/onbekend.aaaaaaaaaaaaaaaaaaaaaaaa', '/admin', '/bestaat-niet', '/favicon.svg'];
		for (const path of paths) {
			const res = await fetch(server.url + path, { redirect: 'manual' });
			const h = res.headers;
			expect(h.get('x-content-type-options'), path).toBe('nosniff');
			expect(h.get('referrer-policy'), path).toBe('no-referrer');
			expect(h.get('x-frame-options'), path).toBe('DENY');
			expect(h.get('strict-transport-security'), path).toBeNull();
			if ((h.get('content-type') ?? '').includes('text/html') && res.status === 200) {
				const csp = h.get('content-security-policy') ?? '';
				expect(csp, path).toContain("frame-ancestors 'none'");
				expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
				const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
				const html = await res.text();
				for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
					const src = /\bsrc="([^"]*)"/.exec(tag)?.[1];
					if (src === undefined) expect(tag, path).toContain(`nonce="${nonce}"`);
					else {
						// A file: allowed by script-src 'self' only, so it must come from this server.
						expect(new URL(src, server.url + path).origin, path).toBe(new URL(server.url).origin);
						expect(csp, path).toMatch(/script-src 'self'/);
					}
				}
			}
			await res.arrayBuffer().catch(() => undefined);
		}
	});

	it('refuses cross-site form posts and text/plain posts with 403', async () => {
		const targets = ['/login', `/s/${data.tokens[1]}?/submit`, '/logout'];
		for (const path of targets) {
			const crossSite = await fetch(server.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
				body: 'email=a&password=b'
			});
			expect(crossSite.status, path).toBe(403);
			const plain = await fetch(server.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'text/plain', origin: server.url },
				body: 'email=a&password=b'
			});
			expect(plain.status, path).toBe(403);
		}
		// Nothing of those posts was stored: the token is still unanswered.
		const page = await (await fetch(`${server.url}/s/${data.tokens[1]}`)).text();
		expect(page).not.toContain('bedankt');
	});

	it('guards every admin page and endpoint: no session → login or 401; a viewer may only look', async () => {
		const routes = adminRoutes(data.closedRoundId);
		expect(routes.length).toBeGreaterThan(1);
		const viewer = await login(server.url, data.viewer.email, data.viewer.password);
		for (const r of routes) {
			const anon = await fetch(server.url + r.path, { redirect: 'manual' });
			expect(anon.status, r.path).toBe(303);
			expect(anon.headers.get('location'), r.path).toMatch(/^\/login\?next=/);
			const anonPost = await fetch(server.url + r.path, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
				body: 'x=1'
			});
			expect(anonPost.status, r.path).toBe(401);
			const seen = await fetch(server.url + r.path, { headers: { cookie: viewer }, redirect: 'manual' });
			expect([200, 303], r.path).toContain(seen.status);
			if (r.actions) {
				const post = await fetch(server.url + r.path, {
					method: 'POST',
					redirect: 'manual',
					headers: { cookie: viewer, 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html' },
					body: 'x=1'
				});
				expect([403, 404, 405], r.path).toContain(post.status);
			}
		}
	});

	it('rotates the session at login, kills it at logout', async () => {
		const planted = 'am_session=' + 'A'.repeat(43);
		const cookie = await login(server.url, data.admin.email, data.admin.password, planted);
		expect(cookie).not.toBe(planted);
		const admin = await fetch(`${server.url}/admin`, { headers: { cookie }, redirect: 'manual' });
		expect(admin.status).toBe(200);
		const out = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: server.url }
		});
		expect(out.status).toBe(303);
		const after = await fetch(`${server.url}/admin`, { headers: { cookie }, redirect: 'manual' });
		expect(after.status).toBe(303);
	});

	it('keeps tokens only as hashes: no survey secret appears in the data files', async () => {
		const files = ['network.json', 'sessions.json', join('rounds', `${data.roundId}.json`)];
		for (const f of files) {
			const text = readFileSync(join(dir, f), 'utf8');
			for (const token of data.tokens.slice(0, 10)) expect(text).not.toContain(token.split('.')[1]);
		}
		for (const token of data.tokens) expect(token.split('.')[1].length * 6).toBeGreaterThanOrEqual(128);
	});

	it('rate limits guessing of survey links, without blocking a valid link from the same address', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 14; i++) {
			const res = await fetch(`${server.url}/s/${data.roundId}.guess${String(i).padStart(20, 'x')}`);
			statuses.push(res.status);
			await res.arrayBuffer();
		}
		expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		expect((await submit(server.url, data.tokens[5])).status).toBe(303);
	});
});

describe('behind https', () => {
	it('sends HSTS and uses a __Host- session cookie', async () => {
		const dir = await newDataDir('https');
		const data = await seed(dir, 2);
		// adapter-node takes the protocol from ORIGIN, as behind a TLS-terminating proxy.
		const port = await freePort();
		const server = await startServer(dir, { ORIGIN: `https://localhost:${port}` }, { port });
		try {
			const res = await fetch(`${server.url}/login`);
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
			const login = await fetch(`${server.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `https://localhost:${port}`, accept: 'text/html' },
				body: new URLSearchParams({ email: data.admin.email, password: data.admin.password }).toString()
			});
			const cookie = login.headers.getSetCookie().find((c) => c.startsWith('__Host-am_session='));
			expect(cookie).toBeDefined();
			expect(cookie).toMatch(/Secure/);
			expect(cookie).toMatch(/HttpOnly/);
			expect(cookie).toMatch(/Path=\//);
		} finally {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
