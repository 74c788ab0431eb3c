import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { buildDemo } from '$lib/server/demo/build';
import { freshInvitations, writeDemo } from '$lib/server/demo/write';
import { parseSurveyToken } from '$lib/server/tokens';
import { samenwerkingsscan2 } from '$lib/questionnaires';
import { addUser } from '$lib/server/auth/users';
import { unflatten } from 'devalue';
import type { DashboardData } from '$lib/analysis/types';
import type { RoundDashboard } from '$lib/analysis/round-dashboard';

/** The items of the version the demo's latest rounds ask, which the crafted networks ask too. */
export const itemIds = samenwerkingsscan2.sections.flatMap((s) => s.items.map((i) => i.id));

export const newDataDir = (label: string) => mkdtemp(join(tmpdir(), `am-${label}-`));

/**
 * A data folder with the demo network whose open round has `invitations` fresh invitations and
 * no responses yet. Returns the open round's id and the tokens (the store keeps only hashes).
 */
export async function seed(dataDir: string, invitations: number) {
	const demo = buildDemo({ now: new Date() });
	const open = demo.rounds.find((r) => r.round.status === 'open')!;
	const store = await JsonStore.open({ dataDir, log: () => undefined });
	const { tokens, invitations: fresh } = freshInvitations(open.round, demo.respondents, invitations, 'inv');
	await writeDemo(store, demo, {
		rounds: (r) => (r === open ? { ...r, invitations: fresh, responses: [] } : r)
	});
	const admin = await addUser(store, 'beheer@test.invalid', 'admin');
	const viewer = await addUser(store, 'kijker@test.invalid', 'viewer');
	await store.close();
	return {
		roundId: open.round.id,
		tokens,
		closedRoundId: demo.rounds.find((r) => r.round.status === 'closed')!.round.id,
		admin: { email: admin.user.email, password: admin.password },
		viewer: { email: viewer.user.email, password: viewer.password }
	};
}

export type Server = {
	url: string;
	port: number;
	child: ChildProcess;
	output: () => string;
	stop: () => Promise<number | null>;
	kill9: () => Promise<void>;
	/** Resolves with the exit code when the process ends. */
	exited: Promise<number | null>;
};

/** A TCP port that is free right now: the server under test gets its own, never a fixed one. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export type StartOptions = {
	/** The start command's entry: our production server (default) or adapter-node's own. */
	entry?: 'scripts/serve.js' | 'build/index.js';
	/** A port chosen by the test (to restart on the same address); a free one otherwise. */
	port?: number;
};

/**
 * Starts the built server on a data folder and waits until it answers. Only this child counts
 * as up: its own "Listening on" line must name the port before the first request is sent, so
 * an old server left on the same port can never answer in its place.
 */
export async function startServer(
	dataDir: string,
	env: Record<string, string> = {},
	options: StartOptions = {}
): Promise<Server> {
	const port = options.port ?? (await freePort());
	const url = `http://localhost:${port}`;
	const child = spawn(process.execPath, [options.entry ?? 'scripts/serve.js'], {
		env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ORIGIN: url, DEMO: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (b) => (out += b));
	child.stderr!.on('data', (b) => (out += b));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	const listening = new RegExp(`Listening on http://[^\\s]*:${port}\\b`);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) break;
		if (listening.test(out)) {
			try {
				const res = await fetch(url + '/');
				await res.arrayBuffer();
				if (res.ok) break;
			} catch {
				/* not up yet */
			}
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not start:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return {
		url,
		port,
		child,
		output: () => out,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return exited;
		},
		kill9: async () => {
			child.kill('SIGKILL');
			await exited;
		},
		exited
	};
}

/** Waits for a server process that is expected to refuse to start. */
export async function expectExit(
	dataDir: string,
	env: Record<string, string> = {}
): Promise<{ code: number | null; output: string }> {
	const s = await startServer(dataDir, env);
	const code = await Promise.race([s.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 10_000))]);
	if (code === 'running') {
		await s.stop();
		throw new Error(`server kept running:\n${s.output()}`);
	}
	return { code, output: s.output() };
}

export const fullAnswers = (value = '4') => Object.fromEntries(itemIds.map((id) => [id, value]));

/** A plain no-JavaScript form post of the whole questionnaire to `?/submit`. */
export async function submit(url: string, token: string, answers: Record<string, string> = fullAnswers()) {
	const res = await fetch(`${url}/s/${token}?/submit`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams(answers).toString()
	});
	await res.arrayBuffer();
	return { status: res.status, location: res.headers.get('location') };
}

/** What the data folder holds, read with the store's own reader (as a restarted server would). */
export async function submittedOnDisk(dataDir: string, roundId: string) {
	const store = await JsonStore.open({ dataDir, log: () => undefined });
	try {
		const state = (await store.round(roundId))!;
		const submittedByInvitation = new Map<string, string>();
		for (const inv of state.invitations.values()) {
			if (!inv.responseId) continue;
			const r = state.responses.get(inv.responseId);
			if (r?.status === 'submitted') submittedByInvitation.set(inv.tokenHash, r.id);
		}
		const submitted = [...state.responses.values()].filter((r) => r.status === 'submitted').length;
		return { submitted, responses: state.responses.size, byTokenHash: submittedByInvitation };
	} finally {
		await store.close();
	}
}

export const tokenHash = (token: string) => parseSurveyToken(token)!.tokenHash;

/** Runs `tasks` with at most `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) {
				const i = next++;
				await task(items[i], i);
			}
		})
	);
}

/** Posts a form as a browser on the page would (same-origin headers, the session if any); its status. */
export async function postForm(
	url: string,
	cookie: string,
	path: string,
	body: Record<string, string>
): Promise<number> {
	const res = await fetch(url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			...(cookie ? { cookie } : {}),
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: new URL(url).origin,
			'sec-fetch-site': 'same-origin'
		},
		body: new URLSearchParams(body).toString()
	});
	await res.arrayBuffer();
	return res.status;
}

/** The kill moments of a crash test come from this seed; CRASH_SEED=<n> replays a failed run's. */
export function crashSeed(): number {
	const given = process.env.CRASH_SEED;
	if (given === undefined || given === '') return randomInt(2 ** 32);
	const n = Number(given);
	if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32)
		throw new Error(`CRASH_SEED must be a whole number below 2^32, not ${given}`);
	return n;
}

/** Logs in through the form as a browser would and returns the session cookie ("name=value"). */
export async function login(url: string, email: string, password: string, cookie = ''): Promise<string> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: new URL(url).origin,
			'sec-fetch-site': 'same-origin',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams({ email, password }).toString()
	});
	await res.arrayBuffer();
	const set = res.headers.getSetCookie().find((c) => /am_session=/.test(c));
	if (res.status !== 303 || !set) throw new Error(`login failed: ${res.status}`);
	return set.split(';')[0];
}

/**
 * A request sent byte for byte as written: fetch() would tidy the path, and the point of the
 * hostile-input tests is the spelling an attacker chooses.
 */
export function raw(
	server: Server,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body = ''
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: server.port,
				method,
				path,
				headers: { 'content-length': Buffer.byteLength(body), ...headers }
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** The server still answers an ordinary page: the process did not stop, nor hang. */
export async function stillServing(server: Server) {
	expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
	const res = await raw(server, 'GET', '/privacy');
	expect(res.status).toBe(200);
}

/** What one dashboard page sent: its data, or the status and reason it was refused with. */
export type DashboardRead =
	| { status: 200; page: { dashboard: RoundDashboard }; data: DashboardData }
	| { status: number; page: null; data: null; reason: string; detail: string };

/**
 * A dashboard page's data as the browser's client fetches it (`__data.json`, devalue), read with
 * the session `cookie`. A refusal may come from the page's load (an error node in a 200 answer)
 * or from the hook (a plain answer with its own status); both come back as status and reason
 * (an error's message, and its detail when it has one).
 */
export async function readDashboard(
	server: Server,
	cookie: string,
	roundId: string,
	page: '' | '/rapport' | '/agenda' = '',
	query = ''
): Promise<DashboardRead> {
	const q = new URLSearchParams(query);
	q.set('x-sveltekit-invalidated', '01');
	const res = await fetch(`${server.url}/admin/rounds/${roundId}${page}/__data.json?${q}`, { headers: { cookie } });
	const text = await res.text();
	if (res.status !== 200) return { status: res.status, page: null, data: null, reason: text, detail: '' };
	const node = JSON.parse(text).nodes.at(-1);
	if (node?.type === 'error') {
		const { message = '', detail = '' } = node.error ?? {};
		return { status: node.status ?? 500, page: null, data: null, reason: message, detail };
	}
	const pageData = unflatten(node.data) as { dashboard: RoundDashboard };
	return { status: 200, page: pageData, data: pageData.dashboard.data };
}
