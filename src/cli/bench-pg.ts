/**
 * `npm run bench -- pg`: the JSON store beside PostgreSQL with one and with two app instances on
 * one database, measured the same way in the same run: the same data (seedBench), the same
 * client (bench-server.ts), the same concurrency, on the same machine. The JSON figures are
 * measured again here rather than taken from the server rows, so that all three come from one
 * run under the same conditions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgStore } from '$lib/server/store/pg/pg-store';
import { makeDataDir, seedBench, type BenchSeed } from './bench-data';
import { dashboardOpener, load, login, startServer, submitOnce } from './bench-server';
import { procCpuMs, treeCpuMs } from './bench-memory';
import { percentile, type Row } from './bench-table';
import { findPgBinaries, startCluster, type PgCluster } from './pg-cluster';

/** As the heaviest server row: 50 people sending at once, a round of 10,000 already in. */
const CONCURRENCY = 50;
const RESPONSES = 10_000;
/**
 * Fewer than the server rows' 3,000 + 2,000, to keep this part within about two minutes: on
 * PostgreSQL a submission costs more, and three set-ups are measured. The warm-up still runs
 * the request path hundreds of times, after which V8 has optimised it (bench-server.ts).
 */
const SUBMIT_WARM_UP = 500;
const SUBMITS = 1_000;
const DASHBOARD_WARM_UP = 20;
const DASHBOARD_RUNS = 80;
const PORTS = [4399, 4400];

type Setup = {
	label: string;
	seed: BenchSeed;
	servers: Awaited<ReturnType<typeof startServer>>[];
	/** PostgreSQL's postmaster, whose CPU time (with its backends') is counted per submission. */
	database?: number;
};

/** Submissions, then the closed round's dashboard, spread over the set-up's servers in turn. */
async function measure({ label, seed, servers, database }: Setup): Promise<Row[]> {
	const { tokens } = seed;
	const port = (i: number) => servers[i % servers.length].port;
	await load(SUBMIT_WARM_UP, CONCURRENCY, (i) => submitOnce(tokens[i], i, port(i)));
	const cpu0 = servers.map((s) => procCpuMs(s.pid));
	const db0 = database ? treeCpuMs(database) : 0;
	const r = await load(SUBMITS, CONCURRENCY, (i) => submitOnce(tokens[SUBMIT_WARM_UP + i], i, port(i)));
	const appCpu = servers.reduce((sum, s, i) => sum + procCpuMs(s.pid) - cpu0[i], 0) / SUBMITS;
	const dbCpu = database ? `, database-cpu ${((treeCpuMs(database) - db0) / SUBMITS).toFixed(1)} ms` : '';

	// One login: on PostgreSQL the session is in the database, so every instance knows it.
	const cookie = await login(seed.admin.email, seed.admin.password, servers[0].port);
	const openers = servers.map((s) => dashboardOpener(s.pid, cookie, s.port));
	const [closed] = seed.pastRoundIds;
	const open = async (i: number) => (await openers[i % openers.length](closed)).ms;
	await load(DASHBOARD_WARM_UP, 1, open);
	const d = await load(DASHBOARD_RUNS, 1, open);
	const spread = servers.length > 1 ? `, om en om over de ${servers.length} instanties` : '';
	return [
		{
			what: `HTTP: volledige vragenlijst insturen, ${CONCURRENCY} tegelijk`,
			setup: label,
			p50: percentile(r.latencies, 50),
			p95: percentile(r.latencies, 95),
			p99: percentile(r.latencies, 99),
			extra:
				`${Math.round(r.perSecond)} per s${spread}; ${SUBMITS.toLocaleString('nl-NL')} na ` +
				`${SUBMIT_WARM_UP.toLocaleString('nl-NL')} opwarmverzoeken; app-cpu ${appCpu.toFixed(1)} ms${dbCpu} per inzending`
		},
		{
			what: 'HTTP: dashboard van een gesloten ronde van 10.000, ingelogd, warm',
			setup: label,
			p50: percentile(d.latencies, 50),
			p95: percentile(d.latencies, 95),
			p99: percentile(d.latencies, 99),
			extra: `1 tegelijk${spread}, ${DASHBOARD_RUNS} verzoeken na ${DASHBOARD_WARM_UP} opwarmverzoeken`
		}
	];
}

/** Runs `body` with the servers started, and always stops them and removes their folders. */
async function withServers<T>(
	count: number,
	env: Record<string, string>,
	dataDir: (() => Promise<string>) | string,
	body: (servers: Setup['servers']) => Promise<T>
): Promise<T> {
	const servers: Setup['servers'] = [];
	const dirs: string[] = [];
	try {
		for (let i = 0; i < count; i++) {
			const dir = typeof dataDir === 'string' ? dataDir : await dataDir();
			if (typeof dataDir !== 'string') dirs.push(dir);
			servers.push(await startServer(dir, { port: PORTS[i], env }));
		}
		return await body(servers);
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		for (const d of dirs) await rm(d, { recursive: true, force: true });
	}
}

// On PostgreSQL DATA_DIR only appears in messages; each instance gets an empty one of its own.
const emptyDir = () => mkdtemp(join(tmpdir(), 'am-bench-pg-'));

const invitations = SUBMIT_WARM_UP + SUBMITS;
const sizeLabel = `${RESPONSES.toLocaleString('nl-NL')} in ronde, 1 oude ronde van 10.000`;

export async function benchPg(): Promise<Row[]> {
	if (!findPgBinaries()) {
		const why =
			'PostgreSQL-deel overgeslagen: initdb en pg_ctl niet gevonden (in /usr/local/bin of ' +
			'/usr/lib/postgresql/<versie ≥ 15>/bin); installeer Debian-pakket postgresql om het te meten.';
		console.log(why);
		return [{ what: 'PostgreSQL: één en twee instanties naast de JSON-opslag', setup: '—', extra: why }];
	}
	const rows: Row[] = [];
	const started = performance.now();
	// Other work on the machine shows in every figure here: the load average goes with them.
	const loadBefore = loadavg()[0];

	const data = await makeDataDir(RESPONSES, 1, { invitations });
	try {
		rows.push(
			...(await withServers(1, {}, data.dir, (servers) =>
				measure({ label: `JSON-opslag, 1 instantie; ${sizeLabel}`, seed: data, servers })
			))
		);
	} finally {
		await rm(data.dir, { recursive: true, force: true });
	}

	let cluster: PgCluster | null = null;
	try {
		// fsync stays on: the JSON store above waits for the disk on every write, so must this.
		cluster = await startCluster({ durable: true });
		// Seeded once through the domain, as the JSON folder above; each set-up gets a copy, so
		// both start from the same database with the same unused invitations.
		const template = await cluster.createDatabase();
		const seedDir = await emptyDir();
		const t0 = performance.now();
		const store = await PgStore.open({ url: template, dataDir: seedDir, log: () => undefined });
		let seed: BenchSeed;
		try {
			seed = await seedBench(store, RESPONSES, 1, { invitations });
		} finally {
			await store.close();
			await rm(seedDir, { recursive: true, force: true });
		}
		const seeded = performance.now() - t0;
		rows.push({
			what: 'PostgreSQL: benchdata vullen via het domein (demo, ronde, oude ronde sluiten)',
			setup: sizeLabel,
			p50: seeded,
			extra: 'één keer; elke opstelling hieronder krijgt een kopie (CREATE DATABASE … TEMPLATE)'
		});
		for (const instances of [1, 2]) {
			const url = await cluster.createDatabase(template);
			const label = `PostgreSQL, ${instances} ${instances === 1 ? 'instantie' : 'instanties op één database'}; ${sizeLabel}`;
			rows.push(
				...(await withServers(instances, { DATABASE_URL: url }, emptyDir, (servers) =>
					measure({ label, seed, servers, database: cluster!.pid })
				))
			);
		}
	} finally {
		await cluster?.stop();
	}
	rows.push({
		what: 'PostgreSQL-deel van de bench: duur en belasting van de machine',
		setup: `${availableParallelism()} cores`,
		p50: performance.now() - started,
		extra: `load average (1 min) ${loadBefore.toFixed(1)} bij het begin, ${loadavg()[0].toFixed(1)} aan het eind`
	});
	// Side by side: each measurement's three set-ups one under the other.
	return [...rows.filter((r) => !r.what.startsWith('HTTP')), ...sortBy(rows.filter((r) => r.what.startsWith('HTTP')))];
}

const sortBy = (rows: Row[]) => {
	const order = [...new Set(rows.map((r) => r.what))];
	return [...rows].sort((a, b) => order.indexOf(a.what) - order.indexOf(b.what));
};
