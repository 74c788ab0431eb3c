import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { login, newDataDir, raw, seed, startServer, stillServing, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;

const MALFORMED = [
	'/s/%',
	'/s/%E0%A4%A',
	'/s/%C0%AF',
	'/s/abc%ZZ',
	'/%',
	'/%%',
	'/%ED%A0%80',
	'/admin/%',
	'/admin/rounds/%ZZ',
	'/%61dmin/%FF',
	'/login/%E0',
	'/privacy%'
];

describe('one request never stops the server; encoded paths get the plain path’s treatment', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;
	let admin: string;

	beforeAll(async () => {
		dir = await newDataDir('hardening');
		data = await seed(dir, 10);
		server = await startServer(dir);
		admin = await login(server.url, data.admin.email, data.admin.password);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('answers every undecodable path with 400 and keeps serving, with and without a session, for reads and posts', async () => {
		const token = data.tokens[0];
		const paths = [...MALFORMED, `/s/${token}/stap/%`, `/s/${token}/%E0%A4%A?/save`, `/s/${token}%ZZ`];
		for (const path of paths)
			for (const cookie of ['', admin])
				for (const method of ['GET', 'POST', 'HEAD']) {
					const headers: Record<string, string> = cookie ? { cookie } : {};
					if (method === 'POST')
						Object.assign(headers, {
							'content-type': 'application/x-www-form-urlencoded',
							'sec-fetch-site': 'same-origin'
						});
					const res = await raw(server, method, path, headers, method === 'POST' ? 'a=%ZZ&b=%' : '');
					expect(res.status, `${method} ${path}`).toBe(400);
					expect(res.headers['referrer-policy'], path).toBe('no-referrer');
					expect(res.headers['cache-control'], path).toBe('private, no-store');
					if (method === 'GET') expect(res.text, path).toContain('Ongeldig adres');
					await stillServing(server);
				}
	});

	it('answers malformed query strings, form bodies and cookies without a 5xx', async () => {
		const token = data.tokens[1];
		const cases: [string, string, Record<string, string>, string][] = [
			['GET', '/?%=%&%ZZ', {}, ''],
			['GET', `/s/${token}?%E0=%C0%AF`, {}, ''],
			['GET', `/admin/rounds/${data.closedRoundId}?role=%&helix=%ZZ&%=1`, { cookie: admin }, ''],
			['GET', '/login?next=%', {}, ''],
			[
				'POST',
				`/s/${token}?/save`,
				{ 'content-type': 'application/x-www-form-urlencoded' },
				'inhoud-gedeeld-doel=%ZZ&%=4&comment-inhoud=%E0%A4%A'
			],
			[
				'POST',
				'/login',
				{ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
				'email=%ZZ&password=%'
			],
			[
				'POST',
				'/login',
				{ 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-origin' },
				'--x\r\nrubbish'
			],
			[
				'POST',
				`/s/${token}?/save`,
				{ 'content-type': 'multipart/form-data; boundary=', 'sec-fetch-site': 'same-origin' },
				'%%%'
			],
			['GET', '/admin', { cookie: 'am_session=%ZZ%; am_device=%E0%A4%A' }, ''],
			['GET', '/', { cookie: '=;;=;am_session;am_session=' + 'x'.repeat(4000) }, ''],
			['GET', '/admin', { cookie: `${admin}; ${admin.replace('=', '=%')}` }, ''],
			[
				'POST',
				'/login',
				{
					cookie: 'am_device=' + '%'.repeat(300),
					'content-type': 'application/x-www-form-urlencoded',
					'sec-fetch-site': 'same-origin'
				},
				'email=a%40b.nl&password=x'
			],
			['GET', '/', { origin: '%', 'sec-fetch-site': '%ZZ', accept: '%' }, '']
		];
		for (const [method, path, headers, body] of cases) {
			const res = await raw(server, method, path, headers, body);
			expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
			await stillServing(server);
		}
	});

	it('redirects an encoded /admin to the login like the plain one, and keeps every admin response out of caches', async () => {
		for (const path of ['/admin', '/%61dmin', '/%61%64%6d%69%6e', `/%61dmin/rounds/${data.closedRoundId}`]) {
			const res = await raw(server, 'GET', path);
			expect(res.status, path).toBe(303);
			expect(res.headers.location, path).toMatch(/^\/login\?next=%2Fadmin/);
			expect(res.headers['cache-control'], path).toBe('private, no-store');
		}
		for (const path of [
			`/%61dmin/rounds/${data.closedRoundId}`,
			`/admin/rounds/${data.closedRoundId}/__data.json`,
			`/%61dmin/rounds/${data.closedRoundId}/__data.json`,
			'/admin/__data.json'
		]) {
			const res = await raw(server, 'GET', path, { cookie: admin });
			expect(res.status, path).toBe(200);
			expect(res.headers['cache-control'], path).toBe('private, no-store');
		}
		const post = await raw(
			server,
			'POST',
			'/%61dmin',
			{ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
			'x=1'
		);
		expect(post.status).toBe(401);
	});

	it('serves an encoded survey link like the plain one: no-store', async () => {
		const [roundId, secret] = data.tokens[2].split('.');
		const res = await raw(server, 'GET', `/%73/${roundId}.${secret}`);
		expect(res.status).toBe(200);
		expect(res.headers['cache-control']).toBe('private, no-store');
		expect(res.text).toContain('Welkom bij de');
	});

	it('marks every page that embeds the logged-in user private and no-store', async () => {
		for (const path of ['/', '/privacy', '/toegankelijkheid', '/bestaat-niet']) {
			const res = await raw(server, 'GET', path, { cookie: admin });
			expect(res.text, path).toContain(data.admin.email);
			expect(res.headers['cache-control'], path).toBe('private, no-store');
			expect(res.headers.vary, path).toMatch(/Cookie/);
			const anonymous = await raw(server, 'GET', path);
			expect(anonymous.text, path).not.toContain(data.admin.email);
			expect(anonymous.headers.vary, path).toMatch(/Cookie/);
		}
	});

	it('after logging in follows a next inside the admin area, and nothing else', async () => {
		const cases: [string, string][] = [
			[
				`/admin/rounds/${data.closedRoundId}/rapport?role=ambtelijk`,
				`/admin/rounds/${data.closedRoundId}/rapport?role=ambtelijk`
			],
			['//evil.example/admin', '/admin'],
			['https://evil.example/admin', '/admin'],
			['/admin/\\evil.example', '/admin']
		];
		for (const [next, expected] of cases) {
			const res = await raw(
				server,
				'POST',
				`/login?next=${encodeURIComponent(next)}`,
				{ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', accept: 'text/html' },
				new URLSearchParams({ email: data.admin.email, password: data.admin.password }).toString()
			);
			expect(res.status, next).toBe(303);
			expect(res.headers.location, next).toBe(expected);
		}
	});
});

describe('link guessing is counted in every spelling', () => {
	it('counts /%73/<guess> with /s/<guess>, and still serves a valid link', async () => {
		const dir = await newDataDir('guess');
		const data = await seed(dir, 3);
		const server = await startServer(dir);
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 14; i++) {
				const prefix = i % 2 ? '/%73/' : '/s/';
				const res = await raw(server, 'GET', `${prefix}${data.roundId}.gok${String(i).padStart(20, 'x')}`);
				statuses.push(res.status);
				if (res.status !== 429) expect(res.headers['cache-control']).toBe('private, no-store');
			}
			expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
			expect(statuses.at(-1)).toBe(429);
			expect((await raw(server, 'GET', `/%73/${data.tokens[0]}`)).status).toBe(200);
		} finally {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe('the security headers do not depend on the start command', () => {
	it('adapter-node’s own entry (node build/index.js) sends them on every page it renders', async () => {
		const dir = await newDataDir('entry');
		const data = await seed(dir, 3);
		const server = await startServer(dir, {}, { entry: 'build/index.js' });
		try {
			for (const path of [
				'/',
				'/login',
				'/privacy',
				`/s/${data.tokens[0]}`,
				'/s/onbekend.aaaaaaaaaaaaaaaaaaaaaaaa',
				'/bestaat-niet',
				'/s/%',
				'/admin'
			]) {
				const res = await raw(server, 'GET', path);
				expect(res.headers['referrer-policy'], path).toBe('no-referrer');
				expect(res.headers['x-content-type-options'], path).toBe('nosniff');
				expect(res.headers['x-frame-options'], path).toBe('DENY');
			}
		} finally {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
