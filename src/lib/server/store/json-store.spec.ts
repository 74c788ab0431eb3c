import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, appendFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { JsonStore } from './json-store';
import type { SurveyResponse } from '$lib/model/response';
import type { Round } from '$lib/model/round';
import { StoreError, StoreLockedError } from './errors';
import { networkSchema, partnerSchema } from '$lib/model/network';

const now = '2026-11-01T10:00:00.000Z';
const round: Round = {
	id: 'najaar-2026',
	name: 'Najaar 2026',
	questionnaireId: 'samenwerkingsscan',
	questionnaireVersion: 1,
	status: 'open',
	opensAt: now,
	closesAt: '2026-12-01T10:00:00.000Z',
	createdAt: now,
	closedAt: null,
	minimisedAt: null
};

function response(i: number, answers: Record<string, number> = { 'inhoud-a': 4 }): SurveyResponse {
	return {
		id: `resp-${i}`,
		roundId: round.id,
		profile: { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] },
		answers,
		comments: {},
		status: 'submitted',
		step: 0,
		createdAt: now,
		updatedAt: now,
		submittedAt: now
	};
}

let dir: string;
let logs: string[];
const open = (compactAfter?: number) => JsonStore.open({ dataDir: dir, log: (m) => logs.push(m), compactAfter });

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-store-'));
	logs = [];
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function withRound() {
	const store = await open();
	await store.updateNetwork((d) => {
		d.rounds.push(round);
	});
	return store;
}

/** Reads a round as it is on disk, without the store: snapshot plus journal lines. */
async function roundOnDisk(): Promise<Map<string, SurveyResponse>> {
	const out = new Map<string, SurveyResponse>();
	try {
		const snap = JSON.parse(await readFile(join(dir, 'rounds', `${round.id}.json`), 'utf8'));
		for (const r of snap.responses) out.set(r.id, r);
	} catch {
		/* no snapshot yet */
	}
	const log = await readFile(join(dir, 'rounds', `${round.id}.log`), 'utf8').catch(() => '');
	for (const line of log.split('\n').filter(Boolean))
		for (const op of JSON.parse(line)) if (op.t === 'response') out.set(op.v.id, op.v);
	return out;
}

// What every store promises is in store-contract.spec.ts; these are the JSON store's files and journals.
describe('JsonStore on real files', () => {
	it('lands every one of 500 concurrent writes, also after a reopen', async () => {
		const store = await withRound();
		await Promise.all(
			Array.from({ length: 500 }, (_, i) =>
				store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(i) }], result: i }))
			)
		);
		expect((await store.round(round.id))!.responses.size).toBe(500);
		await store.close();
		expect((await roundOnDisk()).size).toBe(500);
		const again = await open();
		expect((await again.round(round.id))!.responses.size).toBe(500);
		await again.close();
	});

	it('has on disk exactly what it acknowledged, before and after compaction', async () => {
		const store = await withRound();
		for (let i = 0; i < 25; i++) {
			await store.transactRound(round.id, () => ({
				ops: [{ t: 'response', v: response(i % 10, { 'inhoud-a': (i % 5) + 1 }) }],
				result: null
			}));
			const disk = await roundOnDisk();
			expect(disk.get(`resp-${i % 10}`)!.answers['inhoud-a']).toBe((i % 5) + 1);
		}
		await store.compactRound(round.id);
		expect(await readFile(join(dir, 'rounds', `${round.id}.log`), 'utf8')).toBe('');
		const disk = await roundOnDisk();
		expect(disk.size).toBe(10);
		expect(disk.get('resp-4')!.answers['inhoud-a']).toBe(5);
		await store.close();
	});

	it('compacts on its own once the journal is long', async () => {
		const store = await open(50);
		await store.updateNetwork((d) => void d.rounds.push(round));
		for (let i = 0; i < 120; i++)
			await store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(i) }], result: null }));
		const log = await readFile(join(dir, 'rounds', `${round.id}.log`), 'utf8');
		expect(log.split('\n').filter(Boolean).length).toBeLessThan(50);
		expect((await roundOnDisk()).size).toBe(120);
		await store.close();
	});

	it('rejects an invalid change and keeps what was there', async () => {
		const store = await withRound();
		await store.updateNetwork((d) => void (d.network = networkSchema.parse({ id: 'regio', name: 'Regio' })));
		await expect(store.updateNetwork((d) => void (d.network!.kAnonymity = 1))).rejects.toThrow();
		expect(store.network().network!.kAnonymity).toBe(5);
		const onDisk = JSON.parse(await readFile(join(dir, 'network.json'), 'utf8'));
		expect(onDisk.network.kAnonymity).toBe(5);
		await store.close();
	});

	it('falls back to .bak loudly when the main file is corrupt', async () => {
		const store = await withRound();
		await store.updateNetwork(
			(d) =>
				void d.partners.push(
					partnerSchema.parse({ id: 'zwolle', name: 'Zwolle', type: 'gemeente', helix: 'overheid', isCentre: true })
				)
		);
		await store.close();
		await writeFile(join(dir, 'network.json'), '{"schemaVersion":1,"partn');
		const again = await open();
		expect(again.network().rounds.map((r) => r.id)).toEqual([round.id]);
		expect(logs.join('\n')).toMatch(/network\.json.*hersteld uit network\.json\.bak/);
		await again.close();
	});

	it('refuses to start empty when both main file and .bak are unusable', async () => {
		const store = await withRound();
		await store.close();
		await writeFile(join(dir, 'network.json'), 'garbage');
		await writeFile(join(dir, 'network.json.bak'), '');
		await expect(open()).rejects.toThrow(/network\.json.*onbruikbaar/);
	});

	it('drops a torn last journal line and refuses a damaged middle line', async () => {
		const store = await withRound();
		await store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(1) }], result: null }));
		await store.close();
		const logPath = join(dir, 'rounds', `${round.id}.log`);
		await appendFile(logPath, '[{"t":"response","v":{"id":"half');
		const again = await open();
		expect((await again.round(round.id))!.responses.size).toBe(1);
		expect(logs.join('\n')).toMatch(/onvolledige laatste regel/);
		await again.close();
		await writeFile(logPath, 'not json\n' + (await readFile(logPath, 'utf8')));
		const third = await open();
		await expect(third.round(round.id)).rejects.toThrow(StoreError);
		await third.close();
	});

	it('refuses a second opener of the same folder, in this process and in another', async () => {
		const store = await open();
		await expect(open()).rejects.toThrow(StoreLockedError);
		await store.close();

		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
		try {
			await writeFile(join(dir, '.lock'), String(child.pid));
			await expect(open()).rejects.toThrow(/in gebruik door een ander proces \(pid \d+\)/);
		} finally {
			child.kill('SIGKILL');
			await new Promise((r) => child.once('exit', r));
		}
		// The holder died without cleaning up: its stale lock is taken over.
		const after = await open();
		await after.close();
		expect(await readdir(dir)).not.toContain('.lock');
	});

	it('removes the temp files of writes a crash cut off when it opens, and nothing else', async () => {
		const store = await withRound();
		await store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(1) }], result: null }));
		await store.compactRound(round.id);
		await store.close();
		// What a kill during a write leaves: a temp file next to the file it would have replaced.
		const left = [`.network.json.4242.0123456789ab.tmp`, `rounds/.${round.id}.json.4242.ba9876543210.tmp`];
		for (const f of left) await writeFile(join(dir, f), '{"responses":[{"id":"resp-1"}]}');
		await writeFile(join(dir, 'rounds', 'notes.tmp'), 'not ours');
		const again = await open();
		try {
			expect(await readdir(dir)).not.toContain(left[0]);
			const rounds = await readdir(join(dir, 'rounds'));
			expect(rounds).not.toContain(left[1].slice('rounds/'.length));
			expect(rounds).toEqual(expect.arrayContaining([`${round.id}.json`, 'notes.tmp']));
			expect(logs.some((l) => /2 tijdelijke bestanden/.test(l))).toBe(true);
			expect((await again.round(round.id))!.responses.size).toBe(1);
		} finally {
			await again.close();
		}
	});
});
