import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { routedPath } from '$lib/server/http/request-path';
import { itemIds, login, newDataDir, raw, seed, startServer, stillServing, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;

/**
 * A fingerprint of what the server keeps, to prove a refused post wrote nothing. It reads the
 * content (snapshot plus journal), not the bytes: the server may fold a journal into its
 * snapshot at any quiet moment, which changes files but not what they hold.
 */
function dataFingerprint(dir: string): string {
	const h = createHash('sha256');
	h.update(readFileSync(join(dir, 'network.json')));
	// Round ids have no dots: `<id>.published.json` is the round's published snapshot, hashed as is.
	const files = readdirSync(join(dir, 'rounds'));
	for (const f of files.filter((f) => f.endsWith('.published.json')).sort())
		h.update(readFileSync(join(dir, 'rounds', f)));
	const roundFile = /^[a-z0-9][a-z0-9-]*\.(json|log|json\.bak)$/;
	const rounds = [
		...new Set(files.filter((f) => roundFile.test(f)).map((f) => f.replace(/\.(json|log|json\.bak)$/, '')))
	].sort();
	for (const id of rounds) {
		const read = (f: string) => {
			try {
				return readFileSync(join(dir, 'rounds', f), 'utf8');
			} catch {
				return '';
			}
		};
		const snap = read(`${id}.json`);
		const state = new Map<string, unknown>();
		if (snap) {
			const s = JSON.parse(snap);
			for (const inv of s.invitations) state.set(`i:${inv.id}`, inv);
			for (const r of s.responses) state.set(`r:${r.id}`, r);
		}
		for (const line of read(`${id}.log`).split('\n').filter(Boolean))
			for (const op of JSON.parse(line)) {
				if (op.t === 'invitation') state.set(`i:${op.v.id}`, op.v);
				else if (op.t === 'response') state.set(`r:${op.v.id}`, op.v);
				else if (op.t === 'delete-response') state.delete(`r:${op.id}`);
				else if (op.t === 'delete-invitation') state.delete(`i:${op.id}`);
			}
		h.update(id).update(JSON.stringify([...state.entries()].sort(([a], [b]) => a.localeCompare(b))));
	}
	return h.digest('hex');
}

const hostileKey = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'),
	fc.string({ minLength: 1, maxLength: 40 }),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
	fc.constant('x'.repeat(5000))
);
const hostileValue = fc.oneof(
	fc.constantFrom('', '-1', '6', '99', '4.5', '1e3', 'NaN', 'null', 'true', '[]', '{}', '0x4', ' 3', '3 '),
	fc.string({ maxLength: 50 }),
	fc.string({ unit: 'grapheme', maxLength: 50 }),
	fc.constant('<script>alert(1)</script>'),
	// Large, but the whole form stays under the server's body limit (tested on its own below).
	fc.constant('a'.repeat(30_000))
);
const validValue = fc.constantFrom('0', '1', '2', '3', '4', '5');
const knownKey = fc.constantFrom(...itemIds, 'step', 'nav', 'round', 'comment-inhoud', 'comment-governance');

/** Form fields as a browser (or an attacker) could send them; duplicates allowed. */
const anyForm = fc.array(fc.tuple(fc.oneof(knownKey, hostileKey), fc.oneof(validValue, hostileValue)), {
	maxLength: 12
});
/** A form that contains at least one field the questionnaire must refuse. */
const badForm = fc
	.tuple(
		anyForm,
		fc.oneof(
			fc.tuple(
				hostileKey.filter(
					(k) => !itemIds.includes(k) && !['step', 'nav', 'round'].includes(k) && !k.startsWith('comment-')
				),
				fc.string()
			),
			fc.tuple(fc.constantFrom(...itemIds), fc.constantFrom('-1', '6', 'abc', '', '4.5', '1e0', ' 3')),
			fc.tuple(fc.constant('comment-inhoud'), fc.constant('a'.repeat(2001)))
		)
	)
	.map(([fields, poison]) => [...fields, poison]);

const body = (fields: [string, string][]) => {
	const p = new URLSearchParams();
	for (const [k, v] of fields) p.append(k, v);
	return p.toString();
};

describe('fuzzing every form action and endpoint', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;
	let viewer: string;
	const post = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
		fetch(server.url + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
			body: body(fields)
		});

	beforeAll(async () => {
		dir = await newDataDir('fuzz');
		data = await seed(dir, 40);
		server = await startServer(dir);
		viewer = await login(server.url, data.viewer.email, data.viewer.password);
	});
	afterAll(async () => {
		if (server.child.exitCode !== null) console.log(server.output().slice(-3000));
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('refuses 1,500 hostile survey posts with a 4xx and a reason, writing nothing', async () => {
		const token = data.tokens[0];
		const paths = [`/s/${token}?/save`, `/s/${token}?/submit`, ...[1, 2, 5].map((n) => `/s/${token}/stap/${n}?/save`)];
		const before = dataFingerprint(dir);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...paths), badForm, async (path, fields) => {
				const res = await post(path, fields);
				const text = await res.text();
				expect(res.status).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
				expect(text).toMatch(/niet|Kies|te lang|hoort|kent/);
				await stillServing(server);
			}),
			{ numRuns: 1500 }
		);
		expect(dataFingerprint(dir)).toBe(before);
		expect(server.child.exitCode).toBeNull();
	});

	it('never answers 5xx to 1,000 arbitrary survey posts, and never crashes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...data.tokens.slice(1, 10)),
				fc.constantFrom('?/save', '?/submit', '/stap/1?/save', '/stap/9?/save', '/controle?/submit'),
				anyForm,
				async (token, path, fields) => {
					const res = await post(`/s/${token}${path}`, fields);
					await res.arrayBuffer();
					expect(res.status).toBeLessThan(500);
					await stillServing(server);
				}
			),
			{ numRuns: 1000 }
		);
		expect(server.child.exitCode).toBeNull();
	});

	it('refuses a body over the size limit with 413 and keeps serving', async () => {
		const res = await post(`/s/${data.tokens[11]}?/save`, [['comment-inhoud', 'a'.repeat(1_000_000)]]);
		// adapter-node stops reading at BODY_SIZE_LIMIT; the survey says so in Dutch.
		expect([400, 413]).toContain(res.status);
		await res.arrayBuffer().catch(() => undefined);
		const page = await fetch(`${server.url}/s/${data.tokens[11]}`);
		expect(page.status).toBe(200);
	});

	it('keeps a keep-alive connection usable after refusing a large post it did not read', async () => {
		// One connection for everything: a refusal that leaves body bytes unread would stall it.
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const send = (method: string, path: string, body = '') =>
			new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
				const req = http.request(
					server.url + path,
					{
						method,
						agent,
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'text/html',
							'content-length': Buffer.byteLength(body)
						}
					},
					(res) => {
						res.resume();
						res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
					}
				);
				req.on('error', reject);
				req.end(body);
			});
		// 200 KB to a step that does not exist: refused with 404 before the form is read.
		const big = body([['comment-inhoud', 'a'.repeat(200_000)]]);
		const refused = await send('POST', `/s/${data.tokens[12]}/stap/9?/save`, big);
		expect(refused.status).toBe(404);
		const next = await send('GET', `/s/${data.tokens[12]}`);
		expect(next.status).toBe(200);
		expect(next.socket).toBe(refused.socket);
		agent.destroy();
	});

	it('answers hostile logins, tokens and dashboard filters with 4xx or a page, never 5xx', async () => {
		const before = dataFingerprint(dir);
		await fc.assert(
			fc.asyncProperty(anyForm, async (fields) => {
				const res = await post('/login', fields, { origin: server.url });
				await res.arrayBuffer();
				expect(res.status).toBeLessThan(500);
				expect(res.status).not.toBe(303);
				await stillServing(server);
			}),
			{ numRuns: 300 }
		);
		await fc.assert(
			// '.' and '..' are path segments, not tokens: the URL itself resolves them away.
			fc.asyncProperty(
				fc.string({ maxLength: 300 }).filter((s) => s !== '.' && s !== '..'),
				async (raw) => {
					const res = await fetch(`${server.url}/s/${encodeURIComponent(raw)}`, { redirect: 'manual' });
					await res.arrayBuffer();
					expect([404, 410, 429, 308]).toContain(res.status);
					await stillServing(server);
				}
			),
			{ numRuns: 300 }
		);
		const filterKey = fc.constantFrom(
			'type',
			'helix',
			'rol',
			'gremium',
			'partnerType',
			'role',
			'body',
			'__proto__',
			'x'
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(filterKey, fc.oneof(hostileValue, fc.constantFrom('gemeente', 'ambtelijk', 'overheid'))), {
					maxLength: 8
				}),
				async (fields) => {
					const res = await fetch(`${server.url}/admin/rounds/${data.closedRoundId}?${body(fields)}`, {
						headers: { cookie: viewer },
						redirect: 'manual'
					});
					await res.arrayBuffer();
					expect(res.status).toBeLessThan(500);
					await stillServing(server);
				}
			),
			{ numRuns: 300 }
		);
		// Logins and reads store nothing but sessions (not in the fingerprint).
		expect(dataFingerprint(dir)).toBe(before);
	});
	it('answers 1,000 URLs, cookies and bodies with percent-escapes, good and malformed, without a 5xx (400 for an undecodable path), and keeps serving after each', async () => {
		const token = data.tokens[20];
		const escape = fc.oneof(
			fc.constantFrom(
				'%',
				'%%',
				'%Z',
				'%ZZ',
				'%E0%A4%A',
				'%C0%AF',
				'%FF',
				'%ED%A0%80',
				'%F4%90%80%80',
				'%25',
				'%2F',
				'%00',
				'%0A'
			),
			fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0'))
		);
		const plain = fc.constantFrom(
			's',
			'admin',
			'rounds',
			data.closedRoundId,
			token,
			'stap',
			'1',
			'controle',
			'login',
			'__data.json',
			'x',
			'..',
			'.'
		);
		const segment = fc.array(fc.oneof(plain, escape), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
		const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segs) => '/' + segs.join('/'));
		const query = fc.option(
			fc
				.array(fc.tuple(fc.oneof(plain, escape), fc.oneof(plain, escape)), { maxLength: 3 })
				.map((kv) => '?' + kv.map(([k, v]) => `${k}=${v}`).join('&')),
			{ nil: '' }
		);
		const cookie = fc.option(
			fc.oneof(
				fc.constant(viewer),
				fc
					.tuple(fc.constantFrom('am_session', 'am_device', '', '%'), fc.oneof(escape, plain))
					.map(([k, v]) => `${k}=${v}`),
				fc.constant('=;;;=')
			),
			{ nil: undefined }
		);
		const bodyText = fc
			.array(fc.tuple(fc.oneof(plain, escape), fc.oneof(plain, escape)), { maxLength: 4 })
			.map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&'));
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('GET', 'POST', 'HEAD'),
				path,
				query,
				cookie,
				bodyText,
				async (method, p, q, c, b) => {
					const headers: Record<string, string> = { accept: 'text/html' };
					if (c) headers.cookie = c;
					if (method === 'POST')
						Object.assign(headers, {
							'content-type': 'application/x-www-form-urlencoded',
							'sec-fetch-site': 'same-origin'
						});
					const res = await raw(server, method, p + q, headers, method === 'POST' ? b : '');
					expect(res.status, `${method} ${p}${q} cookie=${c}`).toBeLessThan(500);
					expect(res.status, `${method} ${p}${q}`).toBeGreaterThanOrEqual(200);
					if (routedPath(new URL(p, server.url).pathname) === null) expect(res.status, `${method} ${p}`).toBe(400);
					await stillServing(server);
				}
			),
			{ numRuns: 1000 }
		);
	});
});
