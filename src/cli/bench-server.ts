import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { benchDemo, makeDataDir, openRound, type BenchData } from './bench-data';
import { procCpuMs, procMb } from './bench-memory';
import { percentile, type Row } from './bench-table';

const PORT = 4399;
/** Requests before measuring (see benchServer). */
export const WARM_UP = 3_000;
const URL_BASE = `http://localhost:${PORT}`;
// The items the open round asks (since the demo's later rounds ask version 2, posting version 1's
// items got a 400 for every submission).
const asked = benchDemo.questionnaires.find(
	(q) => q.id === openRound.round.questionnaireId && q.version === openRound.round.questionnaireVersion
)!;
const itemIds = asked.sections.flatMap((s) => s.items.map((i) => i.id));

/**
 * Starts the production server on a data folder; `ready` is the time until it answered. `env`
 * adds to its environment (bench-pg.ts: DATABASE_URL), `port` lets a second instance run beside.
 */
export async function startServer(dataDir: string, options: { port?: number; env?: Record<string, string> } = {}) {
	const { port = PORT, env = {} } = options;
	const base = `http://localhost:${port}`;
	const t0 = performance.now();
	// Server and load generator share the cores. Pinning each to its own core (taskset) was
	// tried and made the server slower: it loses the second core for fsync, GC and parsing.
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ORIGIN: base, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	// A bench that fails halfway must not leave its server running (on the port the next run wants).
	const killOnExit = () => child.kill();
	process.once('exit', killOnExit);
	for (;;) {
		try {
			if ((await fetch(`${base}/`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (child.exitCode !== null) throw new Error('server stopped');
		await new Promise((r) => setTimeout(r, 10));
	}
	const ready = performance.now() - t0;
	const stop = async () => {
		process.off('exit', killOnExit);
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
	};
	return { ready, stop, pid: child.pid!, port };
}

const answersBody = (i: number) =>
	new URLSearchParams(itemIds.map((id, j) => [id, String(((i + j) % 5) + 1)])).toString();

/**
 * The load generator shares the machine's two cores with the server, so it uses node:http with
 * keep-alive rather than fetch, which costs several times more CPU per request.
 */
// Idle sockets are dropped after 4 s, before the server's keep-alive timeout (5 s) closes them:
// a request sent on a socket just as the server closes it fails with "socket hang up", which
// happened after a pause of a few seconds between phases on a busy machine.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
function request(
	method: string,
	path: string,
	body?: string,
	extraHeaders: Record<string, string> = {},
	port = PORT
): Promise<{ status: number; ms: number }> {
	const t0 = performance.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: 'localhost',
				port,
				method,
				path,
				agent,
				headers: {
					accept: 'text/html',
					...(body
						? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
						: {}),
					...extraHeaders
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

export async function submitOnce(token: string, i: number, port = PORT): Promise<number> {
	const { status, ms } = await request('POST', `/s/${token}?/submit`, answersBody(i), {}, port);
	if (status !== 303) throw new Error(`submit answered ${status}`);
	return ms;
}

/**
 * The same load from wrk (Debian package `wrk`), when installed: a C load generator takes far
 * less of the two cores than the Node client above, so it shows what the server itself can do.
 * Optional, so that `npm run bench` runs on any machine.
 */
async function wrkRun(path: string, connections: number) {
	if (spawnSync('wrk', ['--version']).error) return null;
	const out = await new Promise<string>((resolve, reject) => {
		const child = spawn('wrk', [
			'-t1',
			`-c${connections}`,
			'-d8s',
			'--latency',
			'-H',
			'accept: text/html',
			URL_BASE + path
		]);
		let text = '';
		child.stdout.on('data', (d) => (text += d));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk stopped with ${code}`))));
	});
	const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);
	const latency = (p: number) => {
		const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)$`, 'm').exec(out);
		return m ? toMs(m[1], m[2]) : NaN;
	};
	const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
	if (non2xx) throw new Error(`wrk kreeg ${non2xx[1]} foutantwoorden`);
	return { p50: latency(50), p99: latency(99), perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]) };
}

/** `count` requests from `concurrency` clients; latencies and requests per second. */
export async function load(count: number, concurrency: number, request: (i: number) => Promise<number>) {
	const latencies: number[] = [];
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) latencies.push(await request(next++));
		})
	);
	return { latencies, perSecond: count / ((performance.now() - t0) / 1000) };
}

export async function login(email: string, password: string, port = PORT): Promise<string> {
	const base = `http://localhost:${port}`;
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: base },
		body: new URLSearchParams({ email, password }).toString()
	});
	await res.arrayBuffer();
	const session = res.headers.getSetCookie().find((c) => c.startsWith('am_session='));
	if (res.status !== 303 || !session) throw new Error(`login answered ${res.status}`);
	return session.split(';')[0];
}

/** JavaScript and CSS a survey step loads, gzipped, as listed in its HTML. */
async function pageWeight(path: string) {
	const res = await fetch(URL_BASE + path);
	const html = await res.text();
	const assets = new Set<string>();
	// SvelteKit lists the page's modules in a Link header (modulepreload), the CSS in the HTML.
	for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]*\/_app\/immutable\/[^>]+)>/g))
		assets.add(new URL(m[1], URL_BASE + path).pathname);
	for (const m of html.matchAll(/(?:href|src)="([^"]*\/_app\/immutable\/[^"]+)"/g))
		assets.add(new URL(m[1], URL_BASE + path).pathname);
	for (const m of html.matchAll(/import\("([^"]*\/_app\/immutable\/[^"]+)"\)/g))
		assets.add(new URL(m[1], URL_BASE + path).pathname);
	let js = 0;
	let css = 0;
	for (const a of assets) {
		const body = Buffer.from(await (await fetch(URL_BASE + a)).arrayBuffer());
		const gz = gzipSync(body, { level: 9 }).length;
		if (a.endsWith('.css')) css += gz;
		else js += gz;
	}
	return { js, css, html: gzipSync(Buffer.from(html)).length };
}

const DASHBOARD_WARM_UP = 300;
const DASHBOARD_RUNS = 600;

/** Opens a round's dashboard as a logged-in admin: latency, and the server's CPU time for it. */
export function dashboardOpener(pid: number, cookie: string, port = PORT) {
	return async (id: string) => {
		const cpu0 = procCpuMs(pid);
		const { status, ms } = await request('GET', `/admin/rounds/${id}`, undefined, { cookie }, port);
		if (status !== 200) throw new Error(`dashboard ${id} answered ${status}`);
		return { ms, cpu: procCpuMs(pid) - cpu0 };
	};
}

const memory = (pid: number) =>
	`RSS ${Math.round(procMb(pid, 'VmRSS'))} MB (piek tot dan ${Math.round(procMb(pid, 'VmHWM'))} MB)`;

/**
 * Old rounds' dashboards in a freshly started server, read from their published sets alone: the
 * first dashboard the server renders (nothing read or compiled for it yet), the first open of
 * each other old round, the server's memory once all are open, and one dashboard warm. Server
 * CPU comes from /proc in 10 ms ticks, so a single request's figure is coarse.
 */
async function closedDashboards(data: BenchData, label: string): Promise<Row[]> {
	const server = await startServer(data.dir);
	const atStart = memory(server.pid);
	const open = dashboardOpener(server.pid, await login(data.admin.email, data.admin.password));
	const [first, ...others] = data.pastRoundIds;
	const cold = await open(first);
	const firstOpens = [];
	for (const id of others) firstOpens.push(await open(id));
	const opened = memory(server.pid);

	await load(DASHBOARD_WARM_UP, 1, async () => (await open(first)).ms);
	const cpu0 = procCpuMs(server.pid);
	const warm = await load(DASHBOARD_RUNS, 1, async () => (await open(first)).ms);
	const warmCpu = (procCpuMs(server.pid) - cpu0) / DASHBOARD_RUNS;
	await server.stop();

	const what = 'HTTP: dashboard van een gesloten ronde van 10.000 (uit de snapshot), ingelogd';
	const firstMs = firstOpens.map((o) => o.ms);
	const firstCpu = firstOpens.map((o) => o.cpu);
	return [
		{
			what: `${what}, eerste keer na herstart`,
			setup: label,
			p50: cold.ms,
			extra: `het eerste dashboard dat de server rendert (bestand en code koud); server ${cold.cpu} ms cpu`
		},
		{
			what: `${what}, eerste keer per ronde`,
			setup: label,
			p50: percentile(firstMs, 50),
			p95: percentile(firstMs, 95),
			extra: `de ${firstOpens.length} andere oude rondes na elkaar; server p50 ${percentile(firstCpu, 50)} ms cpu`
		},
		{
			what: `${what}, warm`,
			setup: label,
			p50: percentile(warm.latencies, 50),
			p95: percentile(warm.latencies, 95),
			p99: percentile(warm.latencies, 99),
			extra: `1 tegelijk, ${DASHBOARD_RUNS} verzoeken na ${DASHBOARD_WARM_UP} opwarmverzoeken; server ${warmCpu.toFixed(1)} ms cpu per verzoek`
		},
		{
			what: `servergeheugen met ${data.pastRoundIds.length} gesloten rondes geopend (verse server)`,
			setup: label,
			extra: `${opened} na elk dashboard één keer; na opstarten ${atStart}`
		}
	];
}

export async function benchServer(): Promise<Row[]> {
	const rows: Row[] = [];
	const setups = [
		{ responses: 600, past: 0 },
		{ responses: 10_000, past: 0 },
		{ responses: 10_000, past: 20 }
	];
	for (const { responses, past } of setups) {
		const data = await makeDataDir(responses, past, { invitations: WARM_UP + 200 + 600 + 2_000 });
		const label = `${responses.toLocaleString('nl-NL')} in ronde${past ? `, ${past} oude rondes van 10.000` : ''}`;
		const starts: number[] = [];
		for (let i = 0; i < 3; i++) {
			const s = await startServer(data.dir);
			starts.push(s.ready);
			await s.stop();
		}
		rows.push({
			what: 'server: opstarten tot eerste antwoord',
			setup: label,
			p50: percentile(starts, 50),
			extra: 'mediaan van 3'
		});

		if (past > 0) rows.push(...(await closedDashboards(data, label)));

		const server = await startServer(data.dir);
		let used = 0;
		const tokens = data.tokens;
		if (responses === 600 && past === 0) {
			// Rendered before any submission, so the round holds the 600 its label says.
			const step = `/s/${tokens[tokens.length - 1]}/stap/1`;
			const render = async () => {
				const { status, ms } = await request('GET', step);
				if (status !== 200) throw new Error(`step answered ${status}`);
				return ms;
			};
			await load(WARM_UP, 20, render);
			const r = await load(4_000, 20, render);
			rows.push({
				what: 'HTTP: enquêtestap renderen (SSR), 20 tegelijk',
				setup: label,
				p50: percentile(r.latencies, 50),
				p95: percentile(r.latencies, 95),
				p99: percentile(r.latencies, 99),
				extra: `${Math.round(r.perSecond)} pagina's/s, na ${WARM_UP.toLocaleString('nl-NL')} opwarmverzoeken`
			});
			const viaWrk = await wrkRun(step, 20);
			if (viaWrk)
				rows.push({
					what: 'HTTP: enquêtestap renderen (SSR), 20 tegelijk, lastgenerator wrk',
					setup: label,
					p50: viaWrk.p50,
					p99: viaWrk.p99,
					extra: `${Math.round(viaWrk.perSecond)} pagina's/s`
				});
			const w = await pageWeight(step);
			rows.push({
				what: 'enquêtestap: gewicht (gzip)',
				setup: 'zoals de browser het laadt',
				extra: `JS ${(w.js / 1024).toFixed(1)} KB, CSS ${(w.css / 1024).toFixed(1)} KB, HTML ${(w.html / 1024).toFixed(1)} KB`
			});
		}
		// Steady state, as during a survey rush: V8 optimises the request path only after some
		// thousands of runs. Measured from a cold start, p95 at 50 clients was 56-101 ms; after
		// this warm-up it is what a server that has been busy for a few seconds delivers.
		await load(WARM_UP / 3, 10, (i) => submitOnce(tokens[used + i], i));
		await load((WARM_UP * 2) / 3, 50, (i) => submitOnce(tokens[used + WARM_UP / 3 + i], i));
		used += WARM_UP;
		for (const [concurrency, count] of [
			[1, 200],
			[10, 600],
			[50, 2_000]
		] as const) {
			const base = used;
			const r = await load(count, concurrency, (i) => submitOnce(tokens[base + i], i));
			used += count;
			rows.push({
				what: `HTTP: volledige vragenlijst insturen, ${concurrency} tegelijk`,
				setup: label,
				p50: percentile(r.latencies, 50),
				p95: percentile(r.latencies, 95),
				p99: percentile(r.latencies, 99),
				extra: `${Math.round(r.perSecond)} per s, na ${WARM_UP.toLocaleString('nl-NL')} opwarmverzoeken`
			});
		}
		if (past > 0) {
			// Where this was measured before the published snapshots: after the load above.
			const open = dashboardOpener(server.pid, await login(data.admin.email, data.admin.password));
			for (const id of data.pastRoundIds) await open(id);
			rows.push({
				what: `servergeheugen met ${data.pastRoundIds.length} gesloten rondes geopend, na de inzendlast`,
				setup: `${label}; ${used.toLocaleString('nl-NL')} inzendingen erbij`,
				extra: memory(server.pid)
			});
		}
		await server.stop();
		await rm(data.dir, { recursive: true, force: true });
	}
	return rows;
}
