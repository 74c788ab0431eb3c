/**
 * `npm run bench`: measures what operators and the issues care about and prints a table.
 * No thresholds here; the figures go into the README and the closing notes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Response } from '$lib/model/response';
import { benchServer } from './bench-server';
import { percentile, type Row } from './bench-table';
import { printTable } from './bench-table';

const now = new Date();
const demo = buildDemo({ now });
const closed = demo.rounds.filter((r) => r.round.status === 'closed');
const openRound = demo.rounds.find((r) => r.round.status === 'open')!;
const baseResponses = closed.at(-1)!.responses;

/** A data folder with the demo network, the open round filled to `responses`, and `pastRounds` extra closed rounds of `pastSize`. */
export async function makeDataDir(responses: number, pastRounds = 0, pastSize = 10_000) {
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const past = Array.from({ length: pastRounds }, (_, i) => ({
		...closed[0].round,
		id: `archief-${i + 1}`,
		name: `Archief ${i + 1}`
	}));
	await store.updateNetwork((d) => {
		d.network = demo.network;
		d.partners = demo.partners;
		d.bodies = demo.bodies;
		d.respondents = demo.respondents;
		d.questionnaires = demo.questionnaires;
		d.rounds = [...demo.rounds.map((r) => r.round), ...past];
	});
	for (const r of demo.rounds) {
		const isOpen = r.round.id === openRound.round.id;
		await store.replaceRound(r.round.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: r.round.id,
			invitations: r.invitations,
			responses: isOpen ? scaleUpResponses(baseResponses, responses, r.round.id) : r.responses
		});
	}
	for (const p of past)
		await store.replaceRound(p.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: p.id,
			invitations: [],
			responses: scaleUpResponses(baseResponses, pastSize, p.id, 11)
		});
	await store.close();
	return dir;
}

async function storeWrites(responses: number, pastRounds: number, concurrency: number, writes: number): Promise<Row> {
	const dir = await makeDataDir(responses, pastRounds);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const roundId = openRound.round.id;
	await store.round(roundId);
	const template: Response = baseResponses[0];
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

const rows: Row[] = [];
const only = process.argv[2];
if (!only || only === 'store') {
	for (const [responses, past] of [
		[600, 0],
		[10_000, 0],
		[10_000, 20]
	] as const)
		for (const concurrency of [1, 50]) rows.push(await storeWrites(responses, past, concurrency, concurrency === 1 ? 300 : 2000));
}
if (!only || only === 'server') rows.push(...(await benchServer(makeDataDir)));
printTable(rows);
