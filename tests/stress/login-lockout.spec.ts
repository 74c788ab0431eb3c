import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newDataDir, seed, startServer, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;

/** A browser's cookie jar, reduced to what login needs. */
class Jar {
	#cookies = new Map<string, string>();
	header() {
		return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	take(res: Response) {
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i);
			const value = pair.slice(i + 1);
			if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.#cookies.delete(name);
			else this.#cookies.set(name, value);
		}
	}
	has(name: string) {
		return this.#cookies.has(name);
	}
}

async function tryLogin(
	server: Server,
	email: string,
	password: string,
	jar = new Jar(),
	headers: Record<string, string> = {}
) {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			'sec-fetch-site': 'same-origin',
			...(jar.header() ? { cookie: jar.header() } : {}),
			...headers
		},
		body: new URLSearchParams({ email, password }).toString()
	});
	jar.take(res);
	return { status: res.status, text: await res.text() };
}

describe('nobody can lock the owner out by guessing', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;

	beforeAll(async () => {
		dir = await newDataDir('lockout');
		data = await seed(dir, 2);
		server = await startServer(dir);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('an owner who logged in before logs in while a stranger gets 429 for the same account, also after a restart', async () => {
		const owner = new Jar();
		expect((await tryLogin(server, data.admin.email, data.admin.password, owner)).status).toBe(303);
		expect(owner.has('am_device')).toBe(true);

		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) statuses.push((await tryLogin(server, data.admin.email, `gok-${i}`)).status);
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
		expect(statuses.slice(10)).toEqual([429, 429]);
		// Locked for strangers even with the right password: guessing gains nothing.
		const stranger = await tryLogin(server, data.admin.email, data.admin.password);
		expect(stranger.status).toBe(429);
		expect(stranger.text).toContain('Te veel mislukte pogingen voor dit account');

		expect((await tryLogin(server, data.admin.email, data.admin.password, owner)).status).toBe(303);

		await server.stop();
		server = await startServer(dir);
		expect((await tryLogin(server, data.admin.email, data.admin.password)).status).toBe(429);
		expect((await tryLogin(server, data.admin.email, data.admin.password, owner)).status).toBe(303);

		const sessions = await readFile(join(dir, 'sessions.json'), 'utf8');
		expect(sessions).not.toMatch(/127\.0\.0\.1|::1|localhost/);
	});

	it('slows one client that tries many accounts, and reads the client address from no header unless told', async () => {
		// A fresh process: per-client counters live in memory and start at zero.
		await server.stop();
		server = await startServer(dir);
		const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
		const statuses: number[] = [];
		for (let i = 0; i < 32; i++)
			statuses.push((await tryLogin(server, `onbekend-${i}@regio.nl`, 'x', new Jar(), spoofed(i))).status);
		expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429]);
		// The viewer has never logged in from here, so this client's limit applies to it too …
		expect((await tryLogin(server, data.viewer.email, data.viewer.password)).status).toBe(429);
	});
});

describe('behind a reverse proxy (ADDRESS_HEADER)', () => {
	it('limits the client named by the header, not everyone behind the proxy', async () => {
		const dir = await newDataDir('proxy');
		const data = await seed(dir, 2);
		const server = await startServer(dir, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
		try {
			const attacker = { 'x-forwarded-for': '203.0.113.7' };
			const statuses: number[] = [];
			for (let i = 0; i < 31; i++)
				statuses.push((await tryLogin(server, `onbekend-${i}@regio.nl`, 'x', new Jar(), attacker)).status);
			expect(statuses.at(-1)).toBe(429);
			expect((await tryLogin(server, data.viewer.email, data.viewer.password, new Jar(), attacker)).status).toBe(429);
			const colleague = { 'x-forwarded-for': '198.51.100.9' };
			expect((await tryLogin(server, data.viewer.email, data.viewer.password, new Jar(), colleague)).status).toBe(303);
			const sessions = await readFile(join(dir, 'sessions.json'), 'utf8');
			expect(sessions).not.toMatch(/203\.0\.113|198\.51\.100/);
		} finally {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
