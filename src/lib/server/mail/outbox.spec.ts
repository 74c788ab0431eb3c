import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { domainContext, type DomainContext } from '../context';
import { JsonStore } from '../store/json-store';
import { openSurvey } from '../survey/access';
import { saveResponse } from '../survey/responses';
import { decline } from '../survey/decline';
import { cutLinks } from '../closing';
import { update } from '../respondents';
import { eraseOnRequest } from '../erasure';
import { NOW, openFixture, rounds, type Fixture } from '../survey/test-fixture';
import { startMailbox, type Mailbox } from './test-smtp';
import { mailConfig, type MailConfig } from './config';
import { Sender } from './sender';
import { createWave, markAddressWrong, newWaveId, queueDue, resendMessage, sendingOverview } from './outbox';
import type { ParsedMail } from 'mailparser';
import { defaultMailTexts } from '$lib/model/mail-texts';

const ROUND = rounds.open.id;
const ORIGIN = 'https://monitor.regio-test.invalid';
const admin = { id: 'u-admin', email: 'beheer@regio-test.invalid', role: 'admin' as const };

let fx: Fixture;
let box: Mailbox;
let clock: Date;
let log: string[];
let ctx: DomainContext;
let config: Extract<MailConfig, { state: 'on' }>;
const senders: Sender[] = [];

beforeEach(async () => {
	fx = await openFixture();
	box = await startMailbox();
	clock = new Date(NOW);
	log = [];
	ctx = domainContext(fx.store, admin, () => clock);
	const c = mailConfig({
		SMTP_URL: `smtp://127.0.0.1:${box.port}`,
		MAIL_FROM: 'monitor@regio-test.invalid',
		MAIL_RATE: '10000'
	});
	if (c.state !== 'on') throw new Error('mail config');
	config = c;
});
afterEach(async () => {
	for (const s of senders.splice(0)) await s.stop();
	await box.close();
	await fx.close();
});

function sender(store = fx.store, delays = [60_000, 300_000]) {
	const s = new Sender(
		domainContext(store, null, () => clock),
		{
			config,
			origin: ORIGIN,
			retryDelaysMs: delays,
			log: (l) => log.push(l)
		}
	);
	senders.push(s);
	return s;
}

async function drain(s: Sender, max = 100) {
	const results: string[] = [];
	for (let i = 0; i < max; i++) {
		const r = await s.step();
		if (r === 'idle') return results;
		results.push(r);
	}
	throw new Error('did not drain');
}

const wave = (kind: 'invitation' | 'reminder', extra: Partial<Parameters<typeof createWave>[2]> = {}) =>
	createWave(ctx, ROUND, {
		kind,
		onlyNotStarted: false,
		scheduledAt: null,
		waveId: newWaveId(),
		seenLatest: '',
		...extra
	});

const linkIn = (m: ParsedMail) => {
	const match = (m.text ?? '').match(/https:\/\/monitor\.regio-test\.invalid\/s\/([A-Za-z0-9._-]+)/);
	return match?.[1] ?? '';
};
const toOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : '');

async function openAs(index: number) {
	const access = await openSurvey(fx.store, fx.tokens.open[index], clock);
	if (!access.ok) throw new Error(access.refusal.message);
	return access.ctx;
}

describe('invitations', () => {
	it('sends each invited person one message whose link opens their own survey, rendered at sending time', async () => {
		const made = await wave('invitation');
		expect(made.ok && made.value.queued).toBe(12);
		// The outbox on disk names invitations and kinds, never a link.
		const journal = await readFile(join(fx.dir, 'rounds', `${ROUND}.log`), 'utf8');
		expect(journal).not.toMatch(/\/s\//);
		for (const token of fx.tokens.open) expect(journal).not.toContain(token.split('.')[1]);

		expect(await drain(sender())).toEqual(Array(12).fill('sent'));
		expect(box.received).toHaveLength(12);
		for (const m of box.received) {
			const token = linkIn(m);
			const access = await openSurvey(fx.store, token, clock);
			expect(access.ok && access.ctx.respondent.email).toBe(toOf(m));
			expect(m.subject).toBe('Uitnodiging: hoe staat de samenwerking in Regio Test ervoor?');
			expect(m.text).toContain(`Beste ${access.ok && access.ctx.respondent.name},`);
			expect(m.text).toContain('namens Gemeente Zwolle');
			expect(m.text).toContain(`${ORIGIN}/s/${token}/niet-meedoen`);
			expect(m.text).toContain('Vragen? Mail team@regio-test.invalid');
			expect(m.html).toContain(`<a href="${ORIGIN}/s/${token}">`);
			expect(m.html).toContain(`<a href="${ORIGIN}/s/${token}/niet-meedoen">`);
			expect(m.headers.get('list')).toMatchObject({ unsubscribe: { url: `${ORIGIN}/s/${token}/niet-meedoen` } });
		}
		const overview = await sendingOverview(
			ctx,
			fx.store.network().rounds.find((r) => r.id === ROUND)!
		);
		expect(overview.waves[0].totals.sent).toBe(12);
		expect(overview.withoutInvitation).toBe(0);
	});

	it('never queues a person twice: the same form twice, a second admin, a second "send invitations"', async () => {
		const id = newWaveId();
		const first = await wave('invitation', { waveId: id });
		const again = await wave('invitation', { waveId: id });
		expect(again.ok && again.value).toMatchObject({ repeated: true, queued: 0 });
		// A second admin's page was rendered before the first wave existed.
		const other = await wave('invitation', { seenLatest: '' });
		expect(other.ok).toBe(false);
		expect(!other.ok && other.errors.form).toContain('Intussen is er al');
		// Seen, and sent anyway: nobody lacks an invitation any more.
		const seen = await wave('invitation', { seenLatest: first.ok ? first.value.wave.id : '' });
		expect(!seen.ok && seen.errors.form).toContain('heeft de uitnodiging al');
		await drain(sender());
		expect(box.received).toHaveLength(12);
		expect(new Set(box.recipients()).size).toBe(12);
	});

	it('sends the invitations by itself when the round says so, and to whoever is invited later', async () => {
		await fx.store.updateNetwork((d) => {
			d.rounds.find((r) => r.id === ROUND)!.mail = { ...defaultMailTexts(), inviteOnOpen: true };
		});
		expect(await queueDue(ctx)).toBe(12);
		expect(await queueDue(ctx)).toBe(0);
		await drain(sender());
		expect(box.received).toHaveLength(12);
		const overview = await sendingOverview(
			ctx,
			fx.store.network().rounds.find((r) => r.id === ROUND)!
		);
		expect(overview.waves).toHaveLength(1);
		expect(overview.waves[0].by).toBeNull();
	});
});

describe('reminders', () => {
	it('reach only those who neither sent nor declined; optionally only those who have not begun', async () => {
		await wave('invitation');
		await drain(sender());
		const sentBy = await openAs(0);
		await saveResponse(
			fx.store,
			sentBy,
			{ answers: { 'inhoud-gedeeld-doel': 4 }, comments: {}, step: 1, nav: null },
			{ now: clock, submit: true }
		);
		await decline(fx.store, await openAs(1), clock);
		const drafted = await openAs(2);
		await saveResponse(
			fx.store,
			drafted,
			{ answers: { 'inhoud-gedeeld-doel': 2 }, comments: {}, step: 1, nav: null },
			{ now: clock }
		);
		const overview = await sendingOverview(
			ctx,
			fx.store.network().rounds.find((r) => r.id === ROUND)!
		);
		expect(overview).toMatchObject({ remindable: 10, remindableNotStarted: 9 });

		box.received.length = 0;
		const r1 = await wave('reminder', { onlyNotStarted: true, seenLatest: '' });
		expect(r1.ok && r1.value.queued).toBe(9);
		await drain(sender());
		const reminded = box.recipients();
		expect(reminded).toHaveLength(9);
		for (const skip of ['p1@zwolle.invalid', 'p2@zwolle.invalid', 'p3@zwolle.invalid'])
			expect(reminded).not.toContain(skip);
		expect(box.received[0].subject).toContain('Herinnering');

		// Someone who sends between the reminder's planning and its turn gets nothing.
		box.received.length = 0;
		const r2 = await wave('reminder', { seenLatest: r1.ok ? r1.value.wave.id : '' });
		expect(r2.ok && r2.value.queued).toBe(10);
		await saveResponse(
			fx.store,
			await openAs(3),
			{ answers: { 'inhoud-gedeeld-doel': 5 }, comments: {}, step: 1, nav: null },
			{ now: clock, submit: true }
		);
		expect((await drain(sender())).sort()).toEqual([...Array(9).fill('sent'), 'skipped']);
		expect(box.recipients()).not.toContain('p4@zwolle.invalid');
		expect(box.recipients()).toContain('p3@zwolle.invalid');
	});

	it('goes out at its planned time to whoever has not answered by then', async () => {
		const at = new Date(clock.getTime() + 60 * 60_000).toISOString();
		const planned = await wave('reminder', { scheduledAt: at });
		expect(planned.ok && planned.value.queued).toBe(0);
		const s = sender();
		expect(await s.step()).toBe('idle');
		await saveResponse(
			fx.store,
			await openAs(5),
			{ answers: { 'inhoud-gedeeld-doel': 3 }, comments: {}, step: 1, nav: null },
			{ now: clock, submit: true }
		);
		clock = new Date(Date.parse(at) + 1000);
		expect(await drain(s)).toHaveLength(11);
		expect(box.recipients()).not.toContain('p6@zwolle.invalid');
		// Planned in the past or after the close: refused, next to the field.
		const past = await wave('reminder', { scheduledAt: new Date(clock.getTime() - 1000).toISOString() });
		expect(!past.ok && past.errors.scheduledAt).toBe('Kies een moment in de toekomst');
		const late = await wave('reminder', { scheduledAt: rounds.open.closesAt });
		expect(!late.ok && late.errors.scheduledAt).toContain('vóór de sluiting');
	});
});

describe('failures', () => {
	it('shows a refused address with the server’s reason; once corrected, the message is resent', async () => {
		box.refuse.add('p4@zwolle.invalid');
		await wave('invitation');
		const results = await drain(sender());
		expect(results.filter((r) => r === 'refused')).toHaveLength(1);
		const round = fx.store.network().rounds.find((r) => r.id === ROUND)!;
		let overview = await sendingOverview(ctx, round);
		expect(overview.problems).toHaveLength(1);
		const problem = overview.problems[0];
		expect(problem).toMatchObject({ state: 'refused', to: 'p4@zwolle.invalid', respondentId: 'zwolle-4' });
		expect(problem.result).toContain('Mailbox unknown');

		await markAddressWrong(ctx, 'zwolle-4');
		const refused = await resendMessage(ctx, ROUND, problem.messageId);
		expect(!refused.ok && refused.errors.form).toContain('adres gemarkeerd als onjuist');
		overview = await sendingOverview(ctx, round);
		expect(overview.problems[0]).toMatchObject({ addressWrong: true, resendable: false });
		expect(overview.unreachable).toEqual([
			{ respondentId: 'zwolle-4', name: 'Persoon 4', reason: 'p4@zwolle.invalid is gemarkeerd als onjuist' }
		]);

		const person = fx.store.network().respondents.find((r) => r.id === 'zwolle-4')!;
		await update(ctx, 'zwolle-4', {
			partnerId: person.partnerId,
			name: person.name,
			email: 'p4.nieuw@zwolle.invalid',
			role: person.role,
			bodyIds: person.bodyIds
		});
		expect(fx.store.network().respondents.find((r) => r.id === 'zwolle-4')!.emailWrongAt).toBeNull();
		expect((await resendMessage(ctx, ROUND, problem.messageId)).ok).toBe(true);
		expect(await drain(sender())).toEqual(['sent']);
		expect(box.recipients()).toContain('p4.nieuw@zwolle.invalid');
		expect((await sendingOverview(ctx, round)).problems).toHaveLength(0);
	});

	it('retries a dropped connection with backoff, sends each message once, and gives up after the last delay', async () => {
		await wave('invitation');
		const s = sender(fx.store, [60_000, 300_000]);
		box.dropNext = 1;
		const first = await drain(s);
		expect(first.filter((r) => r === 'retry')).toHaveLength(1);
		expect(box.received).toHaveLength(11);
		clock = new Date(clock.getTime() + 60_000);
		expect(await drain(s)).toEqual(['sent']);
		expect(box.received).toHaveLength(12);
		expect(new Set(box.recipients()).size).toBe(12);

		// A server that stays away: two retries, then "mislukt" with the error.
		const round = fx.store.network().rounds.find((r) => r.id === ROUND)!;
		box.refuse.clear();
		const r = await wave('reminder');
		expect(r.ok && r.value.queued).toBe(12);
		box.dropNext = 1000;
		expect((await drain(s)).every((x) => x === 'retry')).toBe(true);
		clock = new Date(clock.getTime() + 60_000);
		await drain(s);
		clock = new Date(clock.getTime() + 300_000);
		expect((await drain(s)).every((x) => x === 'failed')).toBe(true);
		const overview = await sendingOverview(ctx, round);
		expect(overview.waves[1].totals.failed).toBe(12);
		expect(overview.problems.filter((p) => p.state === 'failed')).toHaveLength(12);
	});
});

describe('stopping and crashing', () => {
	it('a graceful stop waits for the message in flight: after the restart nothing arrives twice', async () => {
		box.delayMs = 40;
		await wave('invitation');
		const s = sender();
		s.start();
		await expect.poll(() => box.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
		await s.stop();
		const before = box.received.length;
		expect(before).toBeLessThan(12);
		const state = await fx.store.round(ROUND);
		expect([...state!.outbox.values()].filter((m) => m.state === 'sending')).toHaveLength(0);
		// The restart: a new store on the same folder, a new sender.
		await fx.store.close();
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		const again = sender(fx.store);
		expect(await again.recover()).toBe(0);
		await drain(again);
		expect(box.received).toHaveLength(12);
		expect(new Set(box.recipients()).size).toBe(12);
		expect(log.join('\n')).not.toContain('twee keer');
	});

	it('after a crash the one message in flight goes again, and the log says it may arrive twice', async () => {
		await wave('invitation');
		// What a kill -9 between "sending" and its result leaves on disk.
		const state = await fx.store.round(ROUND);
		const first = [...state!.outbox.values()][0];
		await fx.store.updateMessages(ROUND, { id: first.id }, (m) => ({
			next: { ...m, state: 'sending', attempts: 1, to: 'p1@zwolle.invalid' },
			result: null
		}));
		await fx.store.close();
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		const s = sender(fx.store);
		expect(await s.recover()).toBe(1);
		expect(log.join('\n')).toMatch(/uitnodiging aan p1@zwolle\.invalid .*kan twee keer aankomen/);
		expect(await drain(s)).toHaveLength(12);
		expect(box.received).toHaveLength(12);
	});
});

describe('erasure', () => {
	it('takes an erased person’s messages, with their address, out of the outbox and its files', async () => {
		await wave('invitation');
		await drain(sender());
		await eraseOnRequest(ctx, 'zwolle-1');
		const state = await fx.store.round(ROUND);
		expect(state!.outbox.size).toBe(11);
		const files = await Promise.all(
			['json', 'json.bak', 'log'].map((ext) =>
				readFile(join(fx.dir, 'rounds', `${ROUND}.${ext}`), 'utf8').catch(() => '')
			)
		);
		expect(files.join('\n')).not.toContain('p1@zwolle.invalid');
	});
});

describe('closing', () => {
	it('removes who got which message and who declined; each wave keeps its totals', async () => {
		await wave('invitation');
		await drain(sender());
		await decline(fx.store, await openAs(0), clock);
		await cutLinks(ctx, ROUND);
		const state = await fx.store.round(ROUND);
		expect(state!.outbox.size).toBe(0);
		expect([...state!.invitations.values()].every((i) => i.declinedAt === null)).toBe(true);
		expect([...state!.waves.values()][0].totals).toMatchObject({ sent: 12 });
		const files =
			(await readFile(join(fx.dir, 'rounds', `${ROUND}.json`), 'utf8')) +
			(await readFile(join(fx.dir, 'rounds', `${ROUND}.json.bak`), 'utf8').catch(() => ''));
		expect(files).not.toContain('p1@zwolle.invalid');
		expect(files).not.toMatch(/"declinedAt":"/);
	});
});
