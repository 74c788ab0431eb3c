import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './json-store';
import { PgStore } from './pg/pg-store';
import { StoreError } from './errors';
import type { Store } from './store';
import { networkSchema } from '$lib/model/network';
import { claimableAt, type OutboxMessage } from '$lib/model/outbox';
import { startCluster, pgTestsAvailable, type PgCluster } from '../../../../tests/pg-cluster';
import { addRound, invitation, message, now, published, response, review, round, wave } from './store-fixtures';

/**
 * What every store promises (store.ts), run against each implementation: the JSON store on a
 * temporary folder and the PostgreSQL store on a fresh database of a private cluster.
 */
type Backend = {
	name: string;
	available: () => boolean;
	setUp?: () => Promise<void>;
	tearDown?: () => Promise<void>;
	/** A new, empty place for one test; `open` opens a store on it (again, after a close). */
	fresh: () => Promise<{ open: () => Promise<Store>; dispose: () => Promise<void> }>;
};

let cluster: PgCluster | null = null;

const backends: Backend[] = [
	{
		name: 'JsonStore',
		available: () => true,
		async fresh() {
			const dir = await mkdtemp(join(tmpdir(), 'am-contract-'));
			return {
				open: () => JsonStore.open({ dataDir: dir, log: () => undefined }),
				dispose: () => rm(dir, { recursive: true, force: true })
			};
		}
	},
	{
		name: 'PgStore',
		available: pgTestsAvailable,
		async setUp() {
			cluster = await startCluster();
		},
		async tearDown() {
			await cluster?.stop();
		},
		async fresh() {
			const url = await cluster!.createDatabase();
			return {
				open: () => PgStore.open({ url, dataDir: '/nonexistent', log: () => undefined }),
				dispose: async () => undefined
			};
		}
	}
];

for (const backend of backends)
	describe.skipIf(!backend.available())(`Store contract: ${backend.name}`, () => {
		let place: Awaited<ReturnType<Backend['fresh']>>;
		const opened: Store[] = [];
		const open = async () => {
			const s = await place.open();
			opened.push(s);
			return s;
		};
		async function withRound() {
			const store = await open();
			await addRound(store);
			return store;
		}

		beforeAll(async () => backend.setUp?.(), 60_000);
		afterAll(async () => backend.tearDown?.());
		beforeEach(async () => {
			place = await backend.fresh();
		});
		afterEach(async () => {
			for (const s of opened.splice(0)) await s.close();
			await place.dispose();
		});

		it('runs tasks of one name one at a time, those of other names alongside', async () => {
			const store = await open();
			const log: string[] = [];
			const task = (name: string, label: string) =>
				store.exclusive(name, async () => {
					log.push(`${label}+`);
					await new Promise((r) => setTimeout(r, 30));
					log.push(`${label}-`);
					return label;
				});
			const failing = store.exclusive('a', async () => {
				throw new Error('mislukt');
			});
			const results = await Promise.all([task('a', 'a1'), task('a', 'a2'), task('b', 'b1'), failing.catch((e) => e)]);
			expect(results.slice(0, 3)).toEqual(['a1', 'a2', 'b1']);
			expect(results[3]).toBeInstanceOf(Error);
			// a2 starts only after a1 ended; b1 starts while a1 runs.
			expect(log.indexOf('a2+')).toBeGreaterThan(log.indexOf('a1-'));
			expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
			// A failed task gives the name up as well.
			expect(await task('a', 'a3')).toBe('a3');
		});

		it('lands every one of 500 concurrent writes, also after a reopen', async () => {
			const store = await withRound();
			await Promise.all(
				Array.from({ length: 500 }, (_, i) =>
					store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(i) }], result: i }))
				)
			);
			expect((await store.round(round.id))!.responses.size).toBe(500);
			await store.close();
			const again = await open();
			expect((await again.round(round.id))!.responses.size).toBe(500);
		});

		it('serialises read-modify-write so a double submit makes one response', async () => {
			const store = await withRound();
			const create = () =>
				store.transactRound(round.id, (state) => {
					if (state.responses.has('resp-1')) return { ops: [], result: 'existing' };
					return { ops: [{ t: 'response', v: response(1) }], result: 'created' };
				});
			const results = await Promise.all([create(), create(), create()]);
			expect(results.filter((r) => r === 'created')).toHaveLength(1);
		});

		it('rejects an invalid network change and keeps what was there', async () => {
			const store = await withRound();
			await store.updateNetwork((d) => void (d.network = networkSchema.parse({ id: 'regio', name: 'Regio' })));
			await expect(store.updateNetwork((d) => void (d.network!.kAnonymity = 1))).rejects.toThrow();
			expect(store.network().network!.kAnonymity).toBe(5);
			await store.close();
			expect((await open()).network().network!.kAnonymity).toBe(5);
		});

		it('knows no data of a round the network lacks', async () => {
			const store = await open();
			expect(await store.round('elders')).toBeNull();
			expect(await store.publishedSnapshot('elders')).toBeNull();
			expect(await store.commentReview('elders')).toBeNull();
			await expect(store.transactRound('elders', () => ({ ops: [], result: null }))).rejects.toThrow(StoreError);
			await expect(store.publish('elders', { ...published(), roundId: 'elders' })).rejects.toThrow(StoreError);
		});

		it('keeps invitations with their links, declines and messages, and applies every op as the journal does', async () => {
			const store = await withRound();
			await store.transactRound(round.id, () => ({
				ops: [
					{ t: 'invitation', v: invitation(1) },
					{ t: 'invitation', v: invitation(2) },
					{ t: 'invitation', v: invitation(3) },
					{ t: 'message', v: message(1) },
					{ t: 'wave', v: wave() },
					{ t: 'message', v: message(2, 'golf-1', 'queued') },
					{ t: 'message', v: message(3) }
				],
				result: null
			}));
			await store.transactRound(round.id, () => ({
				ops: [
					{ t: 'response', v: { ...response(1), comments: { inhoud: 'goed' } } },
					{ t: 'invitation', v: invitation(1, { responseId: 'resp-1' }) },
					{ t: 'invitation', v: invitation(2, { declinedAt: now }) },
					{ t: 'delete-invitation', id: 'inv-3' }
				],
				result: null
			}));
			await store.close();
			let state = (await (await open()).round(round.id))!;
			expect(state.invitations.get('inv-1')!.responseId).toBe('resp-1');
			expect(state.invitations.get('inv-2')!.declinedAt).toBe(now);
			expect(state.invitations.has('inv-3')).toBe(false);
			expect([...state.outbox.keys()]).toEqual(['bericht-1-golf-1', 'bericht-2-golf-1']);
			expect(state.invitationByTokenHash(invitation(2).tokenHash)!.id).toBe('inv-2');
			expect(state.hasLinks()).toBe(true);

			const store2 = opened.at(-1)!;
			await store2.transactRound(round.id, () => ({
				ops: [{ t: 'drop-comments' }, { t: 'cut-links' }],
				result: null
			}));
			await store2.close();
			const third = await open();
			state = (await third.round(round.id))!;
			expect(state.hasLinks()).toBe(false);
			expect(state.outbox.size).toBe(0);
			expect(state.waves.get('golf-1')!.totals).toMatchObject({ sent: 1, skipped: 1 });
			expect(state.responses.get('resp-1')!.comments).toEqual({});

			await third.transactRound(round.id, () => ({
				ops: [{ t: 'minimise', v: [{ answers: { 'inhoud-a': 4 }, status: 'submitted' }] }],
				result: null
			}));
			await third.close();
			state = (await (await open()).round(round.id))!;
			expect(state.responses.size).toBe(0);
			expect(state.closedResponses).toEqual([{ answers: { 'inhoud-a': 4 }, status: 'submitted' }]);
		});

		it('hands e-mail messages out for delivery as the model says, each to one caller, one change at a time', async () => {
			const store = await withRound();
			const at = new Date('2026-11-01T12:00:00.000Z');
			const [before, after] = ['2026-11-01T11:00:00.000Z', '2026-11-01T13:00:00.000Z'];
			const cases: [Partial<OutboxMessage>, boolean][] = [
				[{ state: 'queued', nextAttemptAt: null }, true],
				[{ state: 'queued', nextAttemptAt: after }, false],
				[{ state: 'queued', nextAttemptAt: before }, true],
				[{ state: 'sending', leaseUntil: after }, false],
				[{ state: 'sending', leaseUntil: before }, true],
				[{ state: 'sending', leaseUntil: null }, true],
				[{ state: 'sent' }, false],
				[{ state: 'failed' }, false]
			];
			const messages = cases.map(([fields], i) => ({ ...message(i + 1), ...fields }));
			await store.transactRound(round.id, () => ({
				ops: [
					...messages.map((_, i) => ({ t: 'invitation' as const, v: invitation(i + 1) })),
					{ t: 'wave' as const, v: wave() },
					...messages.map((v) => ({ t: 'message' as const, v }))
				],
				result: null
			}));
			const claimable = messages.filter((_, i) => cases[i][1]).map((m) => m.id);
			expect(messages.filter((m) => claimableAt(m, at)).map((m) => m.id)).toEqual(claimable);

			// Four callers at once: each gets one of the four claimable messages, no two the same.
			const claim = () =>
				store.updateMessages(round.id, { claimableAt: at }, (m) => ({
					next: { ...m, state: 'sending', claimedBy: 'test', leaseUntil: '2026-11-01T14:00:00.000Z' },
					result: m.id
				}));
			const claimed = (await Promise.all(claimable.map(claim))).flat();
			expect([...claimed].sort()).toEqual([...claimable].sort());
			expect(await claim()).toEqual([]);
			// One at a time, the oldest first: at 13:00 the second message is due and the fourth's claim ran out.
			expect(
				await store.updateMessages(round.id, { claimableAt: new Date(after) }, (m) => ({ next: null, result: m.id }))
			).toEqual([messages[1].id]);

			const expired = (when: Date | null) =>
				store.updateMessages(round.id, { sendingExpiredAt: when }, (m) => ({ next: null, result: m.id }));
			expect(await expired(at)).toEqual([]);
			expect(await expired(null)).toEqual(
				messages.filter((m) => m.state === 'sending' || claimable.includes(m.id)).map((m) => m.id)
			);
			expect(await store.updateMessages(round.id, { id: 'bericht-niet' }, () => ({ next: null, result: 1 }))).toEqual(
				[]
			);

			// Ten changes of one message at once: each sees the one before (no lost update).
			const attempt = () =>
				store.updateMessages(round.id, { id: messages[6].id }, (m) => ({
					next: { ...m, attempts: m.attempts + 1 },
					result: m.attempts
				}));
			expect((await Promise.all(Array.from({ length: 10 }, attempt))).flat().sort((a, b) => a - b)).toEqual(
				Array.from({ length: 10 }, (_, i) => i + 1)
			);

			await expect(
				store.updateMessages(round.id, { id: messages[7].id }, () => {
					throw new Error('bewust');
				})
			).rejects.toThrow('bewust');
			await expect(
				store.updateMessages(round.id, { id: messages[7].id }, (m) => ({
					next: { ...m, waveId: 'golf-2' },
					result: null
				}))
			).rejects.toThrow(StoreError);
			// Making messages is the round's; changing one that exists is not.
			await expect(
				store.transactRound(round.id, () => ({
					ops: [{ t: 'message', v: { ...messages[7], state: 'queued' } }],
					result: null
				}))
			).rejects.toThrow(StoreError);

			await store.close();
			const state = (await (await open()).round(round.id))!;
			const stateOf = (m: OutboxMessage) => state.outbox.get(m.id)!;
			expect(claimable.map((id) => state.outbox.get(id)!.claimedBy)).toEqual(claimable.map(() => 'test'));
			expect(stateOf(messages[1]).state).toBe('queued');
			expect(stateOf(messages[6]).attempts).toBe(11);
			expect(stateOf(messages[7])).toMatchObject({ state: 'failed', waveId: 'golf-1' });
		});

		it('replaces a round wholesale', async () => {
			const store = await withRound();
			await store.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(9) }], result: null }));
			await store.replaceRound(round.id, {
				schemaVersion: 4,
				roundId: round.id,
				invitations: [invitation(1, { responseId: 'resp-1' })],
				responses: [response(1)]
			});
			expect([...(await store.round(round.id))!.responses.keys()]).toEqual(['resp-1']);
			await store.compactRound(round.id);
			await store.close();
			const state = (await (await open()).round(round.id))!;
			expect([...state.responses.keys()]).toEqual(['resp-1']);
			expect(state.invitations.get('inv-1')!.responseId).toBe('resp-1');
			await expect(
				opened.at(-1)!.replaceRound('Niet Goed', { schemaVersion: 4, roundId: 'x', invitations: [], responses: [] })
			).rejects.toThrow(StoreError);
		});

		it('publishes a round once, even when two publish at once', async () => {
			const store = await withRound();
			const results = await Promise.allSettled([
				store.publish(round.id, published()),
				store.publish(round.id, published())
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(refused.reason).toBeInstanceOf(StoreError);
			expect(String(refused.reason.message)).toMatch(/al gepubliceerd/);
			await store.close();
			expect((await (await open()).publishedSnapshot(round.id))!.publishedAt).toBe(now);
		});

		it('changes a comment review one change at a time, and writes nothing when the change throws', async () => {
			const store = await withRound();
			expect(await store.commentReview(round.id)).toBeNull();
			await store.updateCommentReview(round.id, (current) => ({ next: current ?? review('x'), result: null }));
			const append = () =>
				store.updateCommentReview(round.id, (current) => ({
					next: review(current!.review.sections[0].comments[0].text + 'x'),
					result: null
				}));
			await Promise.all(Array.from({ length: 10 }, append));
			expect((await store.commentReview(round.id))!.review.sections[0].comments[0].text).toBe('x'.repeat(11));
			await expect(
				store.updateCommentReview(round.id, () => {
					throw new Error('bewust');
				})
			).rejects.toThrow('bewust');
			await store.close();
			expect((await (await open()).commentReview(round.id))!.review.sections[0].comments[0].text).toBe('x'.repeat(11));
		});

		it('keeps sessions, trusted browsers and account guards, in the order they came', async () => {
			const store = await open();
			const hash = (i: number) => i.toString(16).padStart(64, 'a');
			await store.updateSessions((d) => {
				for (let i = 1; i <= 3; i++)
					d.sessions.push({
						tokenHash: hash(i),
						userId: 'beheerder',
						createdAt: now,
						lastSeenAt: now,
						expiresAt: '2026-11-01T22:00:00.000Z',
						stage: 'full',
						pendingTotp: null
					});
				d.devices.push({
					tokenHash: hash(7),
					userId: 'beheerder',
					createdAt: now,
					lastUsedAt: now,
					failures: [],
					lockedUntil: null
				});
				d.accountGuards.push({ userId: 'beheerder', failures: [now], lockedUntil: null });
			});
			await store.updateSessions((d) => {
				d.sessions = d.sessions.filter((s) => s.tokenHash !== hash(2));
				d.sessions[0].lastSeenAt = '2026-11-01T11:00:00.000Z';
			});
			await store.refresh();
			expect(store.sessions().sessions.map((s) => s.tokenHash)).toEqual([hash(1), hash(3)]);
			await store.close();
			const again = await open();
			expect(again.sessions().sessions.map((s) => [s.tokenHash, s.lastSeenAt])).toEqual([
				[hash(1), '2026-11-01T11:00:00.000Z'],
				[hash(3), now]
			]);
			expect(again.sessions().devices).toHaveLength(1);
			expect(again.sessions().accountGuards[0].failures).toEqual([now]);
		});

		it('appends to the audit log and reads it back oldest first', async () => {
			const store = await open();
			const entry = (i: number) => ({ at: now, actor: null, action: 'test.entry', subject: `s${i}`, detail: '' });
			await store.appendAudit([entry(1), entry(2)]);
			await store.appendAudit([entry(3)]);
			await store.close();
			expect((await (await open()).readAudit()).map((e) => e.subject)).toEqual(['s1', 's2', 's3']);
		});

		it('refuses writes once closed', async () => {
			const store = await open();
			await store.close();
			expect(() => store.updateNetwork(() => undefined)).toThrow(StoreError);
		});
	});
