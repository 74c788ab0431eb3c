import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL cluster for the tests (tests/pg-cluster.ts) and `npm run bench`: initdb in
 * a temporary folder, listening on 127.0.0.1 only (its unix socket in that folder), stopped and
 * removed afterwards. initdb and pg_ctl refuse to run as root, so as root they run as the
 * `postgres` user, who then owns the folder.
 */
export type PgCluster = {
	/** postgresql:// URL of the cluster's `postgres` database. */
	readonly url: string;
	/** The postmaster's process id (the bench counts the CPU time of it and its backends). */
	readonly pid: number;
	/** A new database in the cluster, empty or a copy of the one at `template` (a URL); its URL. */
	createDatabase(template?: string): Promise<string>;
	stop(): Promise<void>;
};

const CANDIDATES = ['/usr/local/bin', ...versionedBinDirs()];

function versionedBinDirs(): string[] {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return [];
	return readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && Number(v) >= 15)
		.sort((a, b) => Number(b) - Number(a))
		.map((v) => join(root, v, 'bin'));
}

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPgBinaries(): string | null {
	return CANDIDATES.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

const asRoot = () => process.getuid?.() === 0;

function run(bin: string, args: string[]) {
	const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function postgresIds(): { uid: number; gid: number } {
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

let databases = 0;

export type ClusterOptions = {
	/**
	 * Whether commits wait for the disk. Test databases are thrown away, so the tests turn fsync
	 * off; the bench keeps it on, since the JSON store it is compared with fsyncs every write.
	 */
	durable?: boolean;
};

export async function startCluster(options: ClusterOptions = {}): Promise<PgCluster> {
	const bin = findPgBinaries();
	if (!bin) throw new Error('PostgreSQL (initdb, pg_ctl) is niet geïnstalleerd.');
	const dir = await mkdtemp(join(tmpdir(), 'am-pg-'));
	const data = join(dir, 'data');
	const logFile = join(dir, 'server.log');
	let started = false;
	const stopNow = () => {
		if (!started) return;
		started = false;
		const [cmd, argv] = asRoot()
			? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']]
			: [join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']];
		spawnSync(cmd, argv, { stdio: 'ignore' });
	};
	// A test run that dies still stops its server; the folder goes with the temp dir's cleanup.
	process.once('exit', stopNow);
	try {
		if (asRoot()) {
			const { uid, gid } = postgresIds();
			await chown(dir, uid, gid);
		}
		run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-N']);
		const port = await freePort();
		const settings = [
			`-c listen_addresses=127.0.0.1`,
			`-c port=${port}`,
			`-c unix_socket_directories=${dir}`,
			...(options.durable ? [] : [`-c fsync=off`]),
			`-c max_connections=100`
		].join(' ');
		run(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
		started = true;
		const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
		const pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
		return {
			url,
			pid,
			async createDatabase(template?: string) {
				const name = `t${process.pid}_${++databases}`;
				// A copy is made file by file, far faster than seeding again; no one may be connected to it.
				const from = template ? new URL(template).pathname.slice(1) : 'template0';
				const client = new pg.Client({ connectionString: url });
				await client.connect();
				try {
					await client.query(`CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(from)}`);
				} finally {
					await client.end();
				}
				return `postgresql://postgres@127.0.0.1:${port}/${name}`;
			},
			async stop() {
				stopNow();
				process.removeListener('exit', stopNow);
				await rm(dir, { recursive: true, force: true });
			}
		};
	} catch (e) {
		const log = await readFile(logFile, 'utf8').catch(() => '');
		stopNow();
		process.removeListener('exit', stopNow);
		await rm(dir, { recursive: true, force: true });
		const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
		throw new Error(`PostgreSQL-cluster (tijdelijk) start niet: ${(e as Error).message}\n${stderr}\n${log}`, {
			cause: e
		});
	}
}
