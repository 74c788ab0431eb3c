import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { unflatten } from 'devalue';
import type { DashboardData } from '$lib/analysis/types';
import { fullAnswers, login, newDataDir, seed, startServer, submit, type Server } from './harness';

type Seeded = Awaited<ReturnType<typeof seed>>;

/**
 * The attack of watching an open round: read its dashboard (and report, agenda) before and after
 * one person submits and subtract. An open round publishes participation only, so the two
 * readings differ in the participation counts and in nothing that says what was answered.
 */
describe('an open round shows participation only', () => {
	let dir: string;
	let server: Server;
	let data: Seeded;
	let viewer: string;

	beforeAll(async () => {
		dir = await newDataDir('open-round');
		data = await seed(dir, 30);
		server = await startServer(dir);
		viewer = await login(server.url, data.viewer.email, data.viewer.password);
		// Enough answers that a live dashboard would show results.
		for (const token of data.tokens.slice(0, 12))
			expect((await submit(server.url, token, fullAnswers('4'))).status).toBe(303);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	async function read(page: '' | '/rapport' | '/agenda', query = ''): Promise<DashboardData> {
		const q = new URLSearchParams(query);
		q.set('x-sveltekit-invalidated', '01');
		const res = await fetch(`${server.url}/admin/rounds/${data.roundId}${page}/__data.json?${q}`, {
			headers: { cookie: viewer }
		});
		expect(res.status).toBe(200);
		const json = await res.json();
		const node = json.nodes.filter((n: { type: string }) => n?.type === 'data').at(-1);
		return unflatten(node.data).dashboard.data as DashboardData;
	}

	/** Everything but participation: what a reader could subtract to learn an answer. */
	const answersPart = (d: DashboardData) => {
		const { participation: _participation, ...rest } = d;
		return JSON.stringify(rest);
	};

	it('reading before and after one submission tells nothing of that person’s answers', async () => {
		for (const page of ['', '/rapport', '/agenda'] as const)
			for (const query of ['', 'role=bestuurlijk', 'role=ambtelijk', 'helix=overheid']) {
				const before = await read(page, query);
				expect(before.available, `${page} ${query}`).toBe(false);
				expect(before.notice).toMatch(/loopt nog/);
				expect(before.sections.every((s) => s.result.suppressed)).toBe(true);
				expect(before.items.every((i) => i.result.suppressed)).toBe(true);
				expect(before.heatmap.rows).toEqual([]);
				expect(before.agenda).toEqual([]);
				expect(before.trend.rounds).toEqual([]);
			}
		const token = data.tokens[20];
		const before = await read('');
		// Answers no one else gave: a live page would move visibly.
		expect((await submit(server.url, token, fullAnswers('1'))).status).toBe(303);
		const after = await read('');
		expect(answersPart(after)).toBe(answersPart(before));
		expect(after.participation.submitted).toBe(before.participation.submitted + 1);
		// A re-submission changes nothing at all.
		expect((await submit(server.url, token, fullAnswers('5'))).status).toBe(303);
		expect(JSON.stringify(await read(''))).toBe(JSON.stringify(after));
	});
});
