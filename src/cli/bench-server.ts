import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { percentile, type Row } from './bench-table';

const PORT = 4399;

/** Starts the built server on a data folder and returns the time until it answered. */
async function startServer(dataDir: string) {
	const t0 = performance.now();
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), ORIGIN: `http://localhost:${PORT}` },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (;;) {
		try {
			if ((await fetch(`http://localhost:${PORT}/`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (child.exitCode !== null) throw new Error('server stopped');
		await new Promise((r) => setTimeout(r, 10));
	}
	const ready = performance.now() - t0;
	const stop = async () => {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
	};
	return { ready, stop, child };
}

export async function benchServer(makeDataDir: (responses: number, pastRounds?: number) => Promise<string>): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [responses, past] of [
		[600, 0],
		[10_000, 20]
	] as const) {
		const dir = await makeDataDir(responses, past);
		const times: number[] = [];
		for (let i = 0; i < 3; i++) {
			const s = await startServer(dir);
			times.push(s.ready);
			await s.stop();
		}
		rows.push({
			what: 'server: opstarten tot eerste antwoord',
			setup: `${responses.toLocaleString('nl-NL')} in open ronde${past ? `, ${past} oude rondes` : ''}`,
			p50: percentile(times, 50),
			extra: `${times.length} starts`
		});
		await rm(dir, { recursive: true, force: true });
	}
	return rows;
}
