import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { publishedFileSchema } from '$lib/server/store/files';
import { newDataDir, seed, startServer, submit, submittedOnDisk, type Server } from './harness';

/**
 * A round whose closing date passed while the server was down: the restarted server closes it
 * before it serves (published set on disk, links cut, status closed), and its links answer 410.
 */
describe('closing a round by its date, at start-up', () => {
	let dir: string;
	let server: Server | null = null;
	let roundId: string;
	let tokens: string[];
	const SUBMITTED = 6;

	beforeAll(async () => {
		dir = await newDataDir('closing');
		const data = await seed(dir, 8);
		roundId = data.roundId;
		tokens = data.tokens;
		// Answers through the real survey while the round is open.
		const first = await startServer(dir);
		try {
			for (const t of tokens.slice(0, SUBMITTED)) expect((await submit(first.url, t)).status).toBe(303);
		} finally {
			expect(await first.stop()).toBe(0);
		}
		expect((await submittedOnDisk(dir, roundId)).byTokenHash.size).toBe(SUBMITTED);
		// Its closing date passes while the server is down.
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		await store.updateNetwork((d) => {
			d.rounds.find((r) => r.id === roundId)!.closesAt = new Date(Date.now() - 60_000).toISOString();
		});
		await store.close();
		server = await startServer(dir);
	});

	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('has published the round before serving, as a valid frozen snapshot', async () => {
		const raw = JSON.parse(await readFile(join(dir, 'rounds', `${roundId}.published.json`), 'utf8'));
		const file = publishedFileSchema.parse(raw);
		expect(file.roundId).toBe(roundId);
		const all = file.snapshot.cells.find((c) => c.cell.dimension === 'all')!;
		expect(all.n).toEqual({ released: true, n: SUBMITTED });
	});

	it('answers the round’s survey links with 410', async () => {
		for (const t of [tokens[0], tokens[SUBMITTED]]) {
			const res = await fetch(`${server!.url}/s/${t}`, { redirect: 'manual' });
			await res.arrayBuffer();
			expect(res.status).toBe(410);
		}
		expect((await submit(server!.url, tokens[SUBMITTED])).status).toBe(410);
	});

	it('shows the round’s final network results on that 410 page, from the published set', async () => {
		const res = await fetch(`${server!.url}/s/${tokens[0]}`);
		const html = await res.text();
		expect(res.status).toBe(410);
		expect(html).toContain('De uitkomsten van');
		// Every statement had all six answers "4": everyone agrees, nobody is singled out.
		expect(html).toContain(`${SUBMITTED} antwoorden in`);
		expect(html).toMatch(/0% oneens,\s+0% neutraal, 100% eens/);
		expect(html).not.toContain('Uw antwoord:');
	});

	it('left the round closed, its links cut in every file, its answers kept', async () => {
		expect(await server!.stop()).toBe(0);
		server = null;
		// Every invitation in every round file, backup and journal line has no response.
		for (const name of await readdir(join(dir, 'rounds'))) {
			if (!name.startsWith(roundId)) continue;
			const text = await readFile(join(dir, 'rounds', name), 'utf8');
			const invitations = name.endsWith('.log')
				? text
						.split('\n')
						.filter(Boolean)
						.flatMap((line) => JSON.parse(line))
						.filter((op: { t: string }) => op.t === 'invitation')
						.map((op: { v: unknown }) => op.v)
				: (JSON.parse(text).invitations ?? []);
			for (const inv of invitations) expect(inv.responseId, `${name}: ${inv.id}`).toBeNull();
		}
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			const round = store.network().rounds.find((r) => r.id === roundId)!;
			expect(round.status).toBe('closed');
			expect(round.closedAt).not.toBeNull();
			const state = (await store.round(roundId))!;
			expect([...state.invitations.values()].every((i) => i.responseId === null)).toBe(true);
			// Kept, minimised: no ids or moments, coarsened profiles (anonymity-at-rest.spec.ts).
			expect(state.responses.size).toBe(0);
			expect(state.closedResponses.filter((r) => r.status === 'submitted')).toHaveLength(SUBMITTED);
			expect(round.minimisedAt).not.toBeNull();
			expect((await store.readAudit()).some((e) => e.action === 'round.closed' && e.subject === roundId)).toBe(true);
			// The demo's own closed rounds were published at the same start.
			for (const r of store.network().rounds.filter((x) => x.status === 'closed'))
				expect(await store.publishedSnapshot(r.id), r.id).not.toBeNull();
		} finally {
			await store.close();
		}
	});
});
