import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { unflatten } from 'devalue';
import { JsonStore } from '$lib/server/store/json-store';
import { closeDueRounds } from '$lib/server/closing';
import { domainContext } from '$lib/server/context';
import * as comments from '$lib/server/comments';
import { helices, partnerTypes, roles } from '$lib/model/network';
import type { SurveyResponse } from '$lib/model/response';
import type { DashboardData } from '$lib/analysis/types';
import { login, newDataDir, seed, startServer, type Server } from './harness';

const HOSTILE = '<script>document.title="XSS"</script><img src=x onerror="alert(1)">Zwolle & co';

type Filter = { partnerType?: string[]; helix?: string[]; role?: string[]; body?: string[] };

/**
 * The k rule end to end: whatever filter a viewer puts in the URL, the data the dashboard sends
 * to the browser never shows a group of 1–4 respondents, neither directly nor as the difference
 * between the selection and the whole network. Also: comments with HTML arrive as text.
 */
describe('privacy and comments in the served dashboard', () => {
	let dir: string;
	let server: Server;
	let viewer: string;
	let roundId: string;
	let responses: SurveyResponse[] = [];
	let partnerOf: Map<string, { type: string; helix: string }>;
	let bodyIds: string[] = [];
	const k = 5;

	beforeAll(async () => {
		dir = await newDataDir('privacy');
		const data = await seed(dir, 5);
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		roundId = [...store.network().rounds]
			.filter((r) => r.status === 'closed')
			.sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0].id;
		const state = (await store.round(roundId))!;
		const hostile = [...state.responses.values()].filter((r) => r.status === 'submitted').slice(0, 6);
		await store.transactRound(roundId, () => ({
			ops: hostile.map((r) => ({ t: 'response' as const, v: { ...r, comments: { ...r.comments, inhoud: HOSTILE } } })),
			result: null
		}));
		responses = [...(await store.round(roundId))!.responses.values()].filter((r) => r.status === 'submitted');
		// Closed as the server would close it; the admin publishes the comments after review.
		const job = domainContext(store, null);
		await closeDueRounds(job);
		await comments.publish(job, roundId);
		partnerOf = new Map(store.network().partners.map((p) => [p.id, { type: p.type, helix: p.helix }]));
		bodyIds = store.network().bodies.map((b) => b.id);
		await store.close();
		server = await startServer(dir);
		viewer = await login(server.url, data.viewer.email, data.viewer.password);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	const size = (f: Filter) =>
		responses.filter((r) => {
			const p = partnerOf.get(r.profile.partnerId)!;
			return (
				(!f.partnerType || f.partnerType.includes(p.type)) &&
				(!f.helix || f.helix.includes(p.helix)) &&
				(!f.role || f.role.includes(r.profile.role)) &&
				(!f.body || f.body.some((b) => r.profile.bodyIds.includes(b)))
			);
		}).length;

	async function dashboardData(f: Filter) {
		const q = new URLSearchParams();
		for (const [dim, values] of Object.entries(f)) for (const v of values) q.append(dim, v);
		q.set('x-sveltekit-invalidated', '01');
		const res = await fetch(`${server.url}/admin/rounds/${roundId}/__data.json?${q}`, { headers: { cookie: viewer } });
		expect(res.status).toBe(200);
		const json = await res.json();
		const node = json.nodes.filter((n: { type: string }) => n?.type === 'data').at(-1);
		return unflatten(node.data).dashboard.data as DashboardData;
	}

	function expectNothingSmall(data: DashboardData, label: string) {
		for (const row of data.heatmap.rows)
			if (!row.result.suppressed) expect(row.result.n, `${label} ${row.label}`).toBeGreaterThanOrEqual(k);
		for (const gap of [data.gaps.bestuurlijkAmbtelijk, data.gaps.centreRest])
			for (const s of gap?.sections ?? [])
				if (!s.result.suppressed) {
					expect(s.result.nA, label).toBeGreaterThanOrEqual(k);
					expect(s.result.nB, label).toBeGreaterThanOrEqual(k);
				}
		for (const t of data.participation.byPartnerType)
			if (!t.result.suppressed) expect(t.result.submitted, `${label} ${t.type}`).toBeGreaterThanOrEqual(k);
	}

	it('withholds every single-group page of 1–4 respondents and every one that leaves 1–4 out', async () => {
		const total = responses.length;
		const filters: Filter[] = [
			...partnerTypes.map((v) => ({ partnerType: [v] })),
			...helices.map((v) => ({ helix: [v] })),
			...roles.map((v) => ({ role: [v] })),
			...bodyIds.map((v) => ({ body: [v] }))
		];
		let withheld = 0;
		let shown = 0;
		for (const f of filters) {
			const n = size(f);
			const label = JSON.stringify(f);
			const data = await dashboardData(f);
			const risky = (n > 0 && n < k) || (total - n > 0 && total - n < k);
			if (risky) expect(data.available, `${label}: n=${n} of ${total}`).toBe(false);
			if (!data.available) {
				withheld++;
				expect(
					data.sections.every((s) => s.result.suppressed),
					label
				).toBe(true);
				expect(
					data.items.every((s) => s.result.suppressed),
					label
				).toBe(true);
				expect(
					data.sections.flatMap((s) => s.comments),
					label
				).toEqual([]);
			} else {
				shown++;
				// A value that is no published group of this round shows the whole network.
				expect(data.filterActive ? n : total, label).toBeGreaterThanOrEqual(k);
				expectNothingSmall(data, label);
			}
		}
		// The test must have exercised both sides of the rule.
		expect(withheld).toBeGreaterThan(0);
		expect(shown).toBeGreaterThan(0);
		expectNothingSmall(await dashboardData({}), 'hele netwerk');
	});

	it('refuses every union and every combination with 403, on all three pages', async () => {
		const refused: Filter[] = [
			...partnerTypes.map((v) => ({ partnerType: partnerTypes.filter((x) => x !== v) })),
			...roles.map((v) => ({ role: roles.filter((x) => x !== v) })),
			...bodyIds.slice(0, 4).map((v) => ({ body: [v], role: ['bestuurlijk'] })),
			{ helix: ['onderwijs'], partnerType: ['onderwijs'] }
		];
		for (const f of refused)
			for (const page of ['', '/rapport', '/agenda']) {
				const q = new URLSearchParams();
				for (const [dim, values] of Object.entries(f)) for (const v of values) q.append(dim, v);
				const res = await fetch(`${server.url}/admin/rounds/${roundId}${page}?${q}`, { headers: { cookie: viewer } });
				const html = await res.text();
				expect(res.status, `${page}?${q}`).toBe(403);
				expect(html).toContain('Een selectie is één groep');
			}
	});

	it('shows comments with HTML as text on the dashboard and in the report', async () => {
		for (const path of ['', '/rapport']) {
			const html = await (
				await fetch(`${server.url}/admin/rounds/${roundId}${path}`, { headers: { cookie: viewer } })
			).text();
			expect(html, path).not.toContain('<script>document.title');
			expect(html, path).not.toContain('<img src=x');
			// Svelte escapes < and & in text, which is all it takes to keep markup inert.
			expect(html, path).toContain('&lt;script>document.title="XSS"&lt;/script>&lt;img src=x');
		}
	});
});
