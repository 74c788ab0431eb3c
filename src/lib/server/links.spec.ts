import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { domainContext } from './context';
import { LinkUnavailable, obtainLink, rederiveLinks } from './links';
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
