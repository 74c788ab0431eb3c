import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domainContext } from '../context';
import { PgStore } from '../store/pg/pg-store';
import { NOW, copyInto, openFixture, rounds, type Fixture } from '../survey/test-fixture';
import { startCluster, pgTestsAvailable, type PgCluster } from '../../../../tests/pg-cluster';
import { startMailbox, type Mailbox } from './test-smtp';
import { mailConfig } from './config';
import { Sender } from './sender';
import { createWave, newWaveId } from './outbox';

const ROUND = rounds.open.id;
const LEASE_MS = 60_000;

/**
 * Two app instances sending from one PostgreSQL database (issue 16): each is a PgStore of its
 * own with a Sender of its own, as two processes have. The SMTP server is real (test-smtp.ts).
 */
describe.skipIf(!pgTestsAvailable())('senders of two instances on one database', () => {
	let cluster: PgCluster;
	let fx: Fixture;
	let box: Mailbox;
	let clock: Date;
	let log: string[];
	const stores: PgStore[] = [];
	const senders: Sender[] = [];

	beforeAll(async () => {
		cluster = await startCluster();
	}, 60_000);
	afterAll(async () => cluster?.stop());

	/** Two instances on a fresh database holding the survey fixture's network and rounds. */
	async function twoInstances(): Promise<[PgStore, PgStore]> {
		const url = await cluster.createDatabase();
		const open = async () => {
			const s = await PgStore.open({ url, dataDir: '/nonexistent', log: () => undefined });
			stores.push(s);
			return s;
		};
		const a = await open();
		await copyInto(a, fx.store);
		return [a, await open()];
	}

	function sender(store: PgStore) {
		const config = mailConfig({
			SMTP_URL: `smtp://127.0.0.1:${box.port}`,
			MAIL_FROM: 'monitor@regio-test.invalid',
			MAIL_RATE: '10000'
		});
		if (config.state !== 'on') throw new Error('mail config');
		const s = new Sender(
			domainContext(store, null, () => clock),
			{ config, origin: 'https://monitor.regio-test.invalid', leaseMs: LEASE_MS, log: (l) => log.push(l) }
		);
		senders.push(s);
		return s;
	}

	async function drain(s: Sender) {
		for (let i = 0; i < 100; i++) if ((await s.step()) === 'idle') return;
		throw new Error('did not drain');
	}

	const invite = (store: PgStore) =>
		createWave(
			domainContext(store, null, () => clock),
			ROUND,
			{
				kind: 'invitation',
				onlyNotStarted: false,
				scheduledAt: null,
				waveId: newWaveId(),
				seenLatest: ''
			}
		);

	const messages = async (store: PgStore) => [...(await store.round(ROUND))!.outbox.values()];

	beforeEach(async () => {
		fx = await openFixture();
		box = await startMailbox();
		clock = new Date(NOW);
		log = [];
	});
	afterEach(async () => {
		for (const s of senders.splice(0)) await s.stop();
		for (const s of stores.splice(0)) await s.close();
		await box.close();
		await fx.close();
	});

	it('sends each message once when both drain the outbox at the same time', async () => {
		const [a, b] = await twoInstances();
		expect((await invite(a)).ok).toBe(true);
		box.delayMs = 20;
		await Promise.all([drain(sender(a)), drain(sender(b))]);
		expect(box.recipients()).toHaveLength(12);
		expect(new Set(box.recipients()).size).toBe(12);
		expect((await messages(a)).every((m) => m.state === 'sent' && m.claimedBy === null)).toBe(true);
	});

	it('leaves a message another instance is sending alone when it starts', async () => {
		const [a, b] = await twoInstances();
		await invite(a);
		box.delayMs = 400;
		const sa = sender(a);
		const first = sa.step();
		await expect
			.poll(async () => (await messages(b)).filter((m) => m.state === 'sending').length, { timeout: 5000 })
			.toBe(1);
		// B starts (its recover) while A's message is at the SMTP server, then works the outbox off.
		const sb = sender(b);
		expect(await sb.recover()).toBe(0);
		const inFlight = (await messages(b)).find((m) => m.state === 'sending')!;
		expect(inFlight.claimedBy).toBe(sa.id);
		box.delayMs = 0;
		await drain(sb);
		expect(await first).toBe('sent');
		expect(box.recipients()).toHaveLength(12);
		expect(new Set(box.recipients()).size).toBe(12);
		expect(log.join('\n')).not.toContain('twee keer');
	});

	it('sends a dead instance’s message again once its lease ran out, not before', async () => {
		const [a, b] = await twoInstances();
		await invite(a);
		// What a kill -9 of an instance leaves: its claim, which nobody extends any more.
		const [m] = await messages(a);
		await a.updateMessages(ROUND, { id: m.id }, (current) => ({
			next: {
				...current,
				state: 'sending',
				attempts: 1,
				to: 'p1@zwolle.invalid',
				claimedBy: 'gestopt:1:dood',
				leaseUntil: new Date(clock.getTime() + LEASE_MS).toISOString()
			},
			result: null
		}));
		const sb = sender(b);
		expect(await sb.recover()).toBe(0);
		await drain(sb);
		expect(box.recipients()).toHaveLength(11);
		expect(box.recipients()).not.toContain('p1@zwolle.invalid');
		expect((await messages(b)).find((x) => x.id === m.id)!.state).toBe('sending');

		clock = new Date(clock.getTime() + LEASE_MS);
		await drain(sb);
		expect(box.recipients()).toHaveLength(12);
		expect(box.recipients().filter((to) => to === 'p1@zwolle.invalid')).toHaveLength(1);
		expect((await messages(b)).find((x) => x.id === m.id)).toMatchObject({ state: 'sent', attempts: 2 });
		expect(log.join('\n')).toMatch(
			/p1@zwolle\.invalid .*toen de server stopte \(gestopt:1:dood\): .*kan twee keer aankomen/
		);
	});

	it('keeps its claim while the SMTP server takes longer than the lease', async () => {
		const [a, b] = await twoInstances();
		await invite(a);
		const short = 300;
		const config = mailConfig({ SMTP_URL: `smtp://127.0.0.1:${box.port}`, MAIL_FROM: 'monitor@regio-test.invalid' });
		if (config.state !== 'on') throw new Error('mail config');
		// Real time here: the lease is extended by the sender's own timer.
		const slow = new Sender(domainContext(a, null), {
			config,
			origin: 'https://monitor.regio-test.invalid',
			leaseMs: short,
			log: (l) => log.push(l)
		});
		senders.push(slow);
		box.delayMs = short * 4;
		const first = slow.step();
		await expect
			.poll(async () => (await messages(b)).filter((m) => m.state === 'sending').length, { timeout: 5000 })
			.toBe(1);
		const other = new Sender(domainContext(b, null), {
			config,
			origin: 'https://monitor.regio-test.invalid',
			leaseMs: short,
			log: (l) => log.push(l)
		});
		senders.push(other);
		// B looks for abandoned claims over and over while A's message is at the SMTP server, well
		// past one lease: A's claim is never among them.
		const until = Date.now() + short * 3;
		const taken: number[] = [];
		while (Date.now() < until) {
			taken.push(await other.recover());
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(taken.length).toBeGreaterThan(5);
		expect(taken.every((n) => n === 0)).toBe(true);
		expect(await first).toBe('sent');
		expect(box.recipients()).toHaveLength(1);
		expect(log.join('\n')).not.toContain('twee keer');
	});
});
