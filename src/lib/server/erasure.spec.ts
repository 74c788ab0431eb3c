import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as erasure from './erasure';
import * as retention from './retention';
import * as respondents from './respondents';
import * as audit from './audit';
import { surveyToken } from './tokens';
import { linkKey } from './link-key';
import { NOW, openRespondentsFixture, type RespondentsFixture } from './respondents.test-fixture';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Round } from '$lib/model/round';
import type { SurveyResponse } from '$lib/model/response';
import { samenwerkingsscan } from '$lib/questionnaires';

let fx: RespondentsFixture;
beforeEach(async () => {
	fx = await openRespondentsFixture();
});
afterEach(async () => {
	await fx.close();
});

const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const round = (id: string, status: Round['status'], opens: number): Round => ({
	id,
	name: id,
	questionnaireId: samenwerkingsscan.id,
	questionnaireVersion: samenwerkingsscan.version,
	status,
	opensAt: at(opens),
	closesAt: at(opens + 40),
	createdAt: at(opens - 5),
	closedAt: status === 'closed' ? at(opens + 40) : null,
	minimisedAt: null
});
const response = (id: string, roundId: string, status: SurveyResponse['status']): SurveyResponse => ({
	id,
	roundId,
	profile: { partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['po-economie'] },
	answers: { 'inhoud-1': 4 },
	comments: {},
	status,
	step: 1,
	createdAt: at(-10),
	updatedAt: at(-10),
	submittedAt: status === 'submitted' ? at(-10) : null
});

/** Every file under the data folder, recursively, as text (backups, journals, the audit log, sessions). */
async function everyFile(dir: string): Promise<{ path: string; text: string }[]> {
	const out: { path: string; text: string }[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
		if (entry.isFile()) {
			const path = join(entry.parentPath, entry.name);
			out.push({ path, text: await readFile(path, 'latin1') });
		}
	return out;
}

/** Two people in a closed and an open round, each with an invitation and a response; one submission is in the open round's journal. */
async function seedRounds() {
	const name = 'Hendrika Zwaagstra-Oosterhuis';
	const email = 'h.zwaagstra@zwolle.nl';
	await fx.seed([
		{ name, email, role: 'bestuurlijk', bodyIds: ['po-economie'] },
		{ name: 'Blijft Bestaan', email: 'blijft@zwolle.nl' }
	]);
	const [erased, kept] = fx.store.network().respondents.map((r) => r.id);
	const closed = round('voorjaar-2026', 'closed', -200);
	const open = round('najaar-2026', 'open', -14);
	await fx.store.updateNetwork((d) => {
		d.questionnaires = [samenwerkingsscan];
		d.rounds = [closed, open];
	});
	const inv = (id: string, roundId: string, respondentId: string, responseId: string | null) => ({
		id,
		roundId,
		respondentId,
		tokenHash: surveyToken(linkKey(), roundId, id).tokenHash,
		createdAt: at(-14),
		responseId
	});
	// The closed round's links were cut at close.
	await fx.store.replaceRound(closed.id, {
		schemaVersion: SCHEMA_VERSION,
		roundId: closed.id,
		invitations: [inv('u-c-1', closed.id, erased, null), inv('u-c-2', closed.id, kept, null)],
		responses: [response('r-c-1', closed.id, 'submitted'), response('r-c-2', closed.id, 'submitted')]
	});
	await fx.store.replaceRound(open.id, {
		schemaVersion: SCHEMA_VERSION,
		roundId: open.id,
		invitations: [inv('u-o-1', open.id, erased, 'r-o-1'), inv('u-o-2', open.id, kept, 'r-o-2')],
		responses: [response('r-o-1', open.id, 'draft'), response('r-o-2', open.id, 'draft')]
	});
	// Submitted later: in the round's journal, not in its snapshot.
	await fx.store.transactRound(open.id, () => ({
		ops: [{ t: 'response', v: response('r-o-1', open.id, 'submitted') }],
		result: null
	}));
	return { name, email, erased, kept, closed, open };
}

describe('erasure', () => {
	it('rounds hold ids only: the name and e-mail are in the network file, never in a round file', async () => {
		const s = await seedRounds();
		for (const f of await everyFile(fx.dir))
			if (f.path.includes('/rounds/')) expect(f.text, f.path).not.toMatch(/Zwaagstra|h\.zwaagstra/i);
		expect(await readFile(join(fx.dir, 'network.json'), 'utf8')).toContain(s.name);
	});

	it('erases a person on request: nowhere in the data folder, the open round loses their response, the closed round keeps its answers', async () => {
		const s = await seedRounds();
		await erasure.eraseOnRequest(fx.ctx(), s.erased);

		expect(respondents.get(fx.ctx(), s.erased)).toBeNull();
		const open = (await fx.store.round(s.open.id))!;
		expect([...open.invitations.keys()]).toEqual(['u-o-2']);
		expect([...open.responses.keys()]).toEqual(['r-o-2']);
		const closed = (await fx.store.round(s.closed.id))!;
		expect([...closed.invitations.keys()]).toEqual(['u-c-2']);
		expect([...closed.responses.keys()].sort()).toEqual(['r-c-1', 'r-c-2']);
		expect((await audit.list(fx.ctx())).entries[0]).toMatchObject({
			action: 'respondent.erased',
			subject: s.erased,
			detail: 'Gewist op verzoek (AVG)'
		});

		const files = await everyFile(fx.dir);
		expect(files.map((f) => f.path.slice(fx.dir.length + 1)).sort()).toEqual(
			expect.arrayContaining(['audit.log', 'network.json', 'network.json.bak', 'rounds/najaar-2026.json.bak'])
		);
		for (const f of files) {
			expect(f.text, f.path).not.toContain('Zwaagstra');
			expect(f.text, f.path).not.toContain(s.email);
			// Not even the invitation that tied their id to a response in the open round, nor that response.
			expect(f.text, f.path).not.toContain('u-o-1');
			expect(f.text, f.path).not.toContain('r-o-1');
		}
		expect(files.find((f) => f.path.endsWith('network.json'))!.text).toContain('Blijft Bestaan');

		// And after a restart the store still reads it all.
		await fx.reopen();
		expect((await fx.store.round(s.open.id))!.responses.size).toBe(1);
	});

	it('lists who is due for erasure, soonest first, and who is due within 30 days; the admin erases the due ones', async () => {
		// Retention 24 months (the default); NOW is 2026-11-15.
		await fx.seed([
			{ name: 'Lang Geleden', email: 'a@x.nl', lastInvitedAt: '2023-01-10T09:00:00.000Z' },
			{ name: 'Net Over', email: 'b@x.nl', lastInvitedAt: '2024-11-14T09:00:00.000Z' },
			{ name: 'Nooit Uitgenodigd', email: 'c@x.nl', createdAt: '2024-06-01T09:00:00.000Z' },
			{ name: 'Bijna', email: 'd@x.nl', lastInvitedAt: '2024-12-01T09:00:00.000Z' },
			{ name: 'Recent', email: 'e@x.nl', lastInvitedAt: '2026-03-01T09:00:00.000Z' },
			{ name: 'Zonder Datum', email: 'f@x.nl' },
			// Their field is stale, but a round invited them last month: not due.
			{ name: 'Veld Verouderd', email: 'g@x.nl', lastInvitedAt: '2023-01-01T09:00:00.000Z' }
		]);
		const stale = fx.store.network().respondents.find((r) => r.email === 'g@x.nl')!.id;
		const r = round('najaar-2026', 'open', -30);
		await fx.store.updateNetwork((d) => void (d.rounds = [r]));
		await fx.store.replaceRound(r.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: r.id,
			invitations: [
				{
					id: 'u-1',
					roundId: r.id,
					respondentId: stale,
					tokenHash: 'a'.repeat(64),
					createdAt: at(-30),
					responseId: null
				}
			],
			responses: []
		});

		const o = await retention.overview(fx.ctx());
		expect(o.months).toBe(24);
		expect(o.due.map((e) => [e.name, e.dueAt.slice(0, 10)])).toEqual([
			['Lang Geleden', '2025-01-10'],
			['Nooit Uitgenodigd', '2026-06-01'],
			['Net Over', '2026-11-14']
		]);
		expect(o.soon.map((e) => e.name)).toEqual(['Bijna']);
		expect(o.undated).toBe(1);

		expect(await retention.eraseDue(fx.ctx())).toBe(3);
		expect(
			fx.store
				.network()
				.respondents.map((p) => p.name)
				.sort()
		).toEqual(['Bijna', 'Recent', 'Veld Verouderd', 'Zonder Datum']);
		expect((await audit.list(fx.ctx())).entries[0]).toMatchObject({
			action: 'respondents.retention-erased',
			detail: '3 deelnemers gewist: langer dan 24 maanden niet uitgenodigd'
		});
		for (const f of await everyFile(fx.dir)) expect(f.text, f.path).not.toMatch(/Lang Geleden|Net Over|c@x\.nl/);
		expect(await retention.eraseDue(fx.ctx())).toBe(0);
	});

	it('counts months by the calendar', () => {
		expect(retention.addMonths('2024-01-31T12:00:00.000Z', 1).toISOString()).toBe('2024-02-29T12:00:00.000Z');
		expect(retention.addMonths('2024-02-29T00:00:00.000Z', 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
	});
});
