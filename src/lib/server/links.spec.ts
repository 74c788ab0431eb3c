import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { domainContext } from './context';
import { parse } from 'csv-parse/sync';
import { allLinks, LinkUnavailable, obtainLink, rederiveLinks } from './links';
import { linksCsv } from './exports/service';
import { answerRound } from './closing.test-fixture';
import { openSurvey } from './survey/access';
import { NOW, openFixture, rounds, type Fixture } from './survey/test-fixture';

const admin = { id: 'u-admin', email: 'beheer@regio-test.invalid', role: 'admin' as const };

let fx: Fixture;
beforeEach(async () => {
	fx = await openFixture();
});
afterEach(async () => {
	await fx.close();
});

const ctx = () => domainContext(fx.store, admin, () => NOW);
const invitationOf = async (roundId: string, i: number) =>
	[...(await fx.store.round(roundId))!.invitations.values()][i];

describe('obtainLink', () => {
	it('gives the same link the person was sent, and the audit log says who obtained whose', async () => {
		const inv = await invitationOf(rounds.open.id, 0);
		const { path, respondentId } = await obtainLink(ctx(), rounds.open.id, inv.id);
		expect(path).toBe(`/s/${fx.tokens.open[0]}`);
		expect(respondentId).toBe(inv.respondentId);
		const access = await openSurvey(fx.store, path.slice(3), NOW);
		expect(access.ok).toBe(true);
		const entry = (await fx.store.readAudit()).at(-1)!;
		expect(entry).toMatchObject({ action: 'link.obtained', subject: inv.respondentId, actor: { email: admin.email } });
		expect(JSON.stringify(entry)).not.toContain(path.slice(3));
	});

	it('gives no link for a closed round, or one past its closing time', async () => {
		for (const r of [rounds.closed, rounds.overdue]) {
			const inv = await invitationOf(r.id, 0);
			await expect(obtainLink(ctx(), r.id, inv.id)).rejects.toThrow(LinkUnavailable);
		}
	});

	it('derives every link again under a new key: the old ones stop, the new ones open', async () => {
		const key = randomBytes(32);
		const count = await rederiveLinks(ctx(), key);
		expect(count).toBeGreaterThan(0);
		const old = await openSurvey(fx.store, fx.tokens.open[0], NOW);
		expect(old.ok ? 200 : old.refusal.status).toBe(404);
		const inv = await invitationOf(rounds.open.id, 0);
		await expect(obtainLink(ctx(), rounds.open.id, inv.id)).rejects.toThrow(/andere sleutel/);
		const { path } = await obtainLink(ctx(), rounds.open.id, inv.id, key);
		expect((await openSurvey(fx.store, path.slice(3), NOW)).ok).toBe(true);
	});
});

describe('links.csv for a mail merge', () => {
	const origin = 'https://monitor.regio-test.invalid';
	const read = async (res: Response) => {
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		return parse(new TextDecoder().decode(bytes.slice(3)), { delimiter: ';', columns: true }) as Record<
			string,
			string
		>[];
	};

	it('lists everyone invited with a link that opens their survey, and the audit log records the download', async () => {
		const res = await linksCsv(ctx(), rounds.open.id, origin, { notSubmitted: false });
		expect(res.headers.get('content-disposition')).toContain(`links-${rounds.open.id}.csv`);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const rows = await read(res);
		const people = fx.store.network().respondents;
		expect(rows).toHaveLength(people.length);
		expect(Object.keys(rows[0])).toEqual(['naam', 'e-mail', 'partner', 'link']);
		for (const row of rows) {
			const person = people.find((p) => p.email === row['e-mail'])!;
			expect(row.naam).toBe(person.name);
			expect(row.link.startsWith(`${origin}/s/`)).toBe(true);
			const access = await openSurvey(fx.store, row.link.slice(`${origin}/s/`.length), NOW);
			expect(access.ok && access.ctx.respondent.id).toBe(person.id);
		}
		const entry = (await fx.store.readAudit()).at(-1)!;
		expect(entry).toMatchObject({ action: 'links.exported', actor: { email: admin.email } });
		expect(entry.detail).toContain(`${rows.length} links`);
		expect(JSON.stringify(entry)).not.toContain('/s/');
	});

	it('leaves out who already sent when asked for a reminder list', async () => {
		await answerRound(fx.store, rounds.open.id, 2, 1);
		const all = await allLinks(ctx(), rounds.open.id, origin, { notSubmitted: false });
		const open = await allLinks(ctx(), rounds.open.id, origin, { notSubmitted: true });
		expect(open.rows).toHaveLength(all.rows.length - 2);
	});

	it('neutralises a name that Excel would run as a formula', async () => {
		await fx.store.updateNetwork((d) => void (d.respondents[0].name = '=HYPERLINK("https://evil.invalid","klik")'));
		const rows = await read(await linksCsv(ctx(), rounds.open.id, origin, { notSubmitted: false }));
		expect(rows.map((r) => r.naam)).toContain(`'=HYPERLINK("https://evil.invalid","klik")`);
	});

	it('gives no file for a closed round or one past its date, and none to a viewer', async () => {
		for (const r of [rounds.closed, rounds.overdue])
			await expect(linksCsv(ctx(), r.id, origin, { notSubmitted: false })).rejects.toMatchObject({ status: 409 });
		const viewer = domainContext(fx.store, { ...admin, role: 'viewer' as const }, () => NOW);
		await expect(linksCsv(viewer, rounds.open.id, origin, { notSubmitted: false })).rejects.toMatchObject({
			status: 403
		});
		expect((await fx.store.readAudit()).some((e) => e.action === 'links.exported')).toBe(false);
	});

	it('leaves out an invitation made under another key, whose link would not open', async () => {
		const key = randomBytes(32);
		const { rows, stale } = await allLinks(ctx(), rounds.open.id, origin, { notSubmitted: false }, key);
		expect(rows).toHaveLength(0);
		expect(stale).toBe(fx.store.network().respondents.length);
	});
});
