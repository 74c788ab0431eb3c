import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { JsonStore } from '$lib/server/store/json-store';
import { surveyToken } from '$lib/server/tokens';
import { linkKey } from '$lib/server/link-key';
import { SCHEMA_VERSION } from '$lib/model/ids';
import { freePort, fullAnswers, login, newDataDir, seed, startServer, submit, type Server } from './harness';
import { expectFixedHeaders, expectPagePolicy, isHtml } from './page-security';

type Seeded = Awaited<ReturnType<typeof seed>>;

/**
 * Links that open the survey's error pages: one into a closed round (410) and one into a round
 * that has not opened yet (403). The seed hands out tokens for the open round only.
 */
async function refusedLinks(dataDir: string) {
	const store = await JsonStore.open({ dataDir, log: () => undefined });
	try {
		const file = store.network();
		const respondentId = file.respondents[0].id;
		const closedRound = file.rounds.find((r) => r.status === 'closed')!;
		const closed = surveyToken(linkKey(), closedRound.id, `extra-${closedRound.id}`);
		const invite = (roundId: string, tokenHash: string) => ({
			id: `extra-${roundId}`,
			roundId,
			respondentId,
			tokenHash,
			createdAt: new Date().toISOString(),
			responseId: null,
			declinedAt: null
		});
		await store.transactRound(closedRound.id, () => ({
			ops: [{ t: 'invitation', v: invite(closedRound.id, closed.tokenHash) }],
			result: null
		}));
		const later = { ...closedRound, id: 'later-ronde', name: 'Latere ronde', status: 'draft' as const, closedAt: null };
		later.opensAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
		later.closesAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
		await store.updateNetwork((d) => {
			d.rounds.push(later);
		});
		const upcoming = surveyToken(linkKey(), later.id, `extra-${later.id}`);
		await store.replaceRound(later.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: later.id,
			invitations: [invite(later.id, upcoming.tokenHash)],
			responses: []
		});
		return { closed: closed.token, upcoming: upcoming.token };
	} finally {
		await store.close();
	}
}

describe('security of the built server', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;
	let extra: Awaited<ReturnType<typeof refusedLinks>>;

	beforeAll(async () => {
		dir = await newDataDir('security');
		data = await seed(dir, 30);
		extra = await refusedLinks(dir);
		server = await startServer(dir);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('sends the security headers on every kind of response: inline scripts carry the nonce, others are our own files', async () => {
		const admin = await login(server.url, data.admin.email, data.admin.password);
		const form = { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html' };
		type Case = { label: string; path: string; init?: RequestInit; status: number; html: boolean };
		const get = (path: string, status: number, html: boolean, cookie?: string): Case => ({
			label: `GET ${path}${cookie ? ' (beheer)' : ''}`,
			path,
			init: cookie ? { headers: { cookie } } : undefined,
			status,
			html
		});
		const post = (
			path: string,
			status: number,
			html: boolean,
			headers: Record<string, string> = form,
			body = 'x=1'
		): Case => ({
			label: `POST ${path} → ${status}`,
			path,
			init: { method: 'POST', headers, body },
			status,
			html
		});
		// Every status the app answers with, so that no branch of the check can be skipped unseen.
		const cases: Case[] = [
			...['/', '/login', '/privacy', '/toegankelijkheid', `/s/${data.tokens[0]}`].map((p) => get(p, 200, true)),
			get('/admin', 200, true, admin),
			get(`/admin/rounds/${data.closedRoundId}`, 200, true, admin),
			get('/bestaat-niet', 404, true),
			// Counts once towards the guessing limit, which the last test of this file spends.
			get('/s/onbekend.aaaaaaaaaaaaaaaaaaaaaaaa', 404, true),
			get(`/s/${data.tokens[0]}/stap/99`, 404, true),
			get('/admin/rounds/bestaat-niet', 404, true, admin),
			get(`/s/${extra.closed}`, 410, true),
			get(`/s/${extra.upcoming}`, 403, true),
			post(`/s/${data.tokens[2]}?/bestaat-niet`, 404, true),
			get('/admin', 303, false),
			get(`/s/${data.tokens[0]}/bedankt`, 303, false),
			post(`/s/${data.tokens[2]}?/submit`, 303, false, form, new URLSearchParams(fullAnswers()).toString()),
			post('/logout', 303, false),
			post('/login', 403, false, { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
			post('/admin', 401, false),
			get('/favicon.svg', 200, false),
			get('/_app/immutable/bestaat-niet.js', 404, false)
		];
		for (const c of cases) {
			const res = await fetch(server.url + c.path, { redirect: 'manual', ...c.init });
			expect(res.status, c.label).toBe(c.status);
			expectFixedHeaders(res, c.label);
			expect(isHtml(res), c.label).toBe(c.html);
			if (isHtml(res)) await expectPagePolicy(res, c.label, server.url);
			else await res.arrayBuffer();
		}
	});

	it('refuses cross-site form posts and text/plain posts with 403', async () => {
		const targets = ['/login', `/s/${data.tokens[1]}?/submit`, '/logout'];
		for (const path of targets) {
			const crossSite = await fetch(server.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: 'https://evil.example',
					'sec-fetch-site': 'cross-site'
				},
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
		let refusal: Response | null = null;
		for (let i = 0; i < 14; i++) {
			const res = await fetch(`${server.url}/s/${data.roundId}.guess${String(i).padStart(20, 'x')}`);
			statuses.push(res.status);
			if (res.status === 429) refusal = res;
			else await res.arrayBuffer();
		}
		expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		// The refusal is built by hand, outside SvelteKit's rendering: it needs the headers too.
		expectFixedHeaders(refusal!, '429');
		await expectPagePolicy(refusal!, '429', server.url);
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
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: `https://localhost:${port}`,
					accept: 'text/html'
				},
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
