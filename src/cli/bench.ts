/**
 * `npm run bench`: measures what operators and the issues care about and prints a table.
 * No thresholds here; the figures go into the README and the closing notes.
 */
import { rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { JsonStore } from '$lib/server/store/json-store';
import { baseResponses, makeDataDir, openRound } from './bench-data';
import type { SurveyResponse } from '$lib/model/response';
import { benchServer } from './bench-server';
import { benchDashboard } from './bench-dashboard';
import { benchImport } from './bench-import';
import { benchExports } from './bench-exports';
import { benchMail } from './bench-mail';
import { benchPg } from './bench-pg';
import { percentile, type Row } from './bench-table';
import { printTable } from './bench-table';

async function storeWrites(responses: number, pastRounds: number, concurrency: number, writes: number): Promise<Row> {
	const { dir } = await makeDataDir(responses, pastRounds);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const roundId = openRound.round.id;
	await store.round(roundId);
	const template: SurveyResponse = baseResponses[0];
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < writes) {
				const i = next++;
				const t0 = performance.now();
				await store.transactRound(roundId, () => ({
					ops: [{ t: 'response', v: { ...template, id: `bench-${i}`, roundId } }],
					result: null
				}));
				latencies.push(performance.now() - t0);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	await store.close();
	await rm(dir, { recursive: true, force: true });
	return {
		what: `opslag: antwoord schrijven, ${concurrency} tegelijk`,
		setup: `${responses.toLocaleString('nl-NL')} in ronde${pastRounds ? `, ${pastRounds} oude rondes` : ''}`,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		extra: `${Math.round(writes / seconds)} schrijfacties/s`
	};
}

/**
 * Compaction rewrites a round's snapshot while the server keeps answering: what matters is how
 * long the event loop is blocked at a stretch, since every request waits that long.
 */
async function compaction(responses: number): Promise<Row> {
	const { dir } = await makeDataDir(responses);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const roundId = openRound.round.id;
	await store.round(roundId);
	await store.transactRound(roundId, () => ({
		ops: [{ t: 'response', v: { ...baseResponses[0], id: 'bench-compact', roundId } }],
		result: null
	}));
	const blocked = monitorEventLoopDelay({ resolution: 1 });
	blocked.enable();
	const t0 = performance.now();
	await store.compactRound(roundId);
	const took = performance.now() - t0;
	blocked.disable();
	await store.close();
	await rm(dir, { recursive: true, force: true });
	return {
		what: 'opslag: ronde compacteren (snapshot herschrijven)',
		setup: `${responses.toLocaleString('nl-NL')} in ronde`,
		p50: took,
		extra: `event loop hooguit ${(blocked.max / 1e6).toFixed(0)} ms aaneen bezet`
	};
}

const rows: Row[] = [];
const only = process.argv[2];
if (!only || only === 'store') {
	for (const [responses, past] of [
		[600, 0],
		[10_000, 0],
		[10_000, 20]
	] as const)
		for (const concurrency of [1, 50])
			rows.push(await storeWrites(responses, past, concurrency, concurrency === 1 ? 300 : 2000));
	for (const responses of [600, 10_000]) rows.push(await compaction(responses));
}
if (!only || only === 'server') rows.push(...(await benchServer()));
if (!only || only === 'pg') rows.push(...(await benchPg()));
if (!only || only === 'dashboard') rows.push(...(await benchDashboard()));
if (!only || only === 'import') rows.push(...(await benchImport()));
if (!only || only === 'exports') rows.push(...(await benchExports()));
if (!only || only === 'mail') rows.push(...(await benchMail()));
printTable(rows);
