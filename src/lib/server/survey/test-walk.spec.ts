import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { domainContext } from '../context';
import { NOW, openFixture, rounds, type Fixture } from './test-fixture';
import { testWalk } from './test-walk';
import { surveySummary } from './view';

const admin = { id: 'u-admin', email: 'beheer@regio-test.invalid', role: 'admin' as const };

/** The browser's cookie jar for one path, as SvelteKit's Cookies show it to a request. */
function jar() {
	const values = new Map<string, string>();
	const cookies = {
		get: (name: string) => values.get(name),
		set: (name: string, value: string, options: { path: string; httpOnly?: boolean }) => {
			expect(options.path).toMatch(/^\/admin\/rounds\/[a-z0-9-]+\/test$/);
			expect(options.httpOnly).toBe(true);
			values.set(name, value);
		},
		delete: (name: string) => values.delete(name)
	} as unknown as Cookies;
	return { cookies, values };
}

let fx: Fixture;
beforeEach(async () => {
	fx = await openFixture();
});
afterEach(async () => {
	await fx.close();
});

const ctx = () => domainContext(fx.store, admin, () => NOW);
const event = (roundId: string, cookies: Cookies) => ({
	cookies,
	url: new URL(`http://localhost/admin/rounds/${roundId}/test`),
	params: { id: roundId }
});

async function roundFiles() {
	const dir = join(fx.dir, 'rounds');
	const out: Record<string, string> = {};
	for (const f of await readdir(dir)) out[f] = await readFile(join(dir, f), 'utf8');
	return out;
}

describe('the test link', () => {
	it('walks the survey by its own rules, keeps the answers in the browser, and stores nothing', async () => {
		const before = await roundFiles();
		const audit = (await fx.store.readAudit()).length;
		const { cookies, values } = jar();
		const first = testWalk(ctx(), event(rounds.open.id, cookies));
		expect(await first.current()).toBeNull();
		await first.save(
			{ answers: { 'inhoud-gedeeld-doel': 4 }, comments: { inhoud: 'Goed zo' }, step: 1, nav: 'next' },
			{ resumeAt: 1 }
		);
		// A later request of the same browser sees it, as a respondent sees a saved answer.
		const again = testWalk(ctx(), event(rounds.open.id, cookies));
		const saved = await again.current();
		expect(saved).toMatchObject({
			answers: { 'inhoud-gedeeld-doel': 4 },
			comments: { inhoud: 'Goed zo' },
			status: 'draft',
			step: 1
		});
		await again.save({ answers: {}, comments: {}, step: null, nav: null }, { submit: true });
		const summary = surveySummary(again.ctx, await testWalk(ctx(), event(rounds.open.id, cookies)).current());
		expect(summary).toMatchObject({ status: 'submitted', roundId: rounds.open.id, answeredCount: 1 });

		expect(values.size).toBeGreaterThan(0);
		expect(await roundFiles()).toEqual(before);
		expect((await fx.store.readAudit()).length).toBe(audit);
		const state = (await fx.store.round(rounds.open.id))!;
		expect([...state.responses.values()]).toEqual([]);

		again.reset();
		expect(values.size).toBe(0);
		expect(await testWalk(ctx(), event(rounds.open.id, cookies)).current()).toBeNull();
	});

	it('works for a draft, with its welcome text, and not for a round that no longer takes answers', async () => {
		await fx.store.updateNetwork((d) => {
			d.rounds.find((r) => r.id === rounds.upcoming.id)!.welcomeText = 'Welkom bij de proef.';
		});
		const walk = testWalk(ctx(), event(rounds.upcoming.id, jar().cookies));
		expect(surveySummary(walk.ctx, null).welcomeText).toBe('Welkom bij de proef.');
		for (const r of [rounds.closed, rounds.overdue])
			expect(() => testWalk(ctx(), event(r.id, jar().cookies))).toThrow(expect.objectContaining({ status: 410 }));
		expect(() => testWalk(ctx(), event('bestaat-niet', jar().cookies))).toThrow(
			expect.objectContaining({ status: 404 })
		);
	});

	it('shortens long comments rather than outgrow the request headers, and says so', async () => {
		const { cookies, values } = jar();
		const walk = testWalk(ctx(), event(rounds.open.id, cookies));
		const noise = (seed: number) =>
			Array.from({ length: 2000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919 + seed * 104729) % 20000))).join(
				''
			);
		const sections = walk.ctx.questionnaire.sections.filter((s) => s.commentLabel).map((s) => s.id);
		await walk.save(
			{ answers: {}, comments: Object.fromEntries(sections.map((id, i) => [id, noise(i)])), step: 1, nav: 'next' },
			{}
		);
		const total = [...values.values()].reduce((n, v) => n + v.length, 0);
		expect(total).toBeLessThanOrEqual(3 * 3800);
		const read = testWalk(ctx(), event(rounds.open.id, cookies));
		expect(read.shortened).toBe(true);
		expect(Object.keys((await read.current())!.comments).sort()).toEqual([...sections].sort());
	});

	it('ignores a cookie it did not write', async () => {
		const { cookies, values } = jar();
		values.set('testlink-0', 'dit-is-geen-staat');
		expect(await testWalk(ctx(), event(rounds.open.id, cookies)).current()).toBeNull();
	});
});
