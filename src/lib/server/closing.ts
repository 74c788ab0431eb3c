import { randomInt } from 'node:crypto';
import type { DomainContext } from './context';
import * as audit from './audit';
import * as comments from './comments';
import { findQuestionnaire } from './survey/access';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { ClosedResponse, Profile, SurveyResponse } from '$lib/model/response';
import type { Respondent } from '$lib/model/network';
import type { NetworkFile } from './store/files';
import type { RoundState } from './store/round-state';
import type { PublishedParticipation, PublishedSnapshot } from '$lib/model/published';
import { countParticipation } from './participation';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { withBootstrap } from '$lib/analysis/bootstrap';
import { layoutOf } from '$lib/analysis/layout';
import { withReliability } from '$lib/analysis/reliability';
import { roundK } from '$lib/analysis/privacy';
import { linkageModel, suppressLinkable } from '$lib/analysis/linkage';
import { StoreError } from './store/errors';

/**
 * Closing a round (DESIGN.md §6: "published once, at close"). In this order, each step safe to
 * repeat, so that a crash anywhere is finished by the next call:
 *
 * 1. the audited snapshot of the submitted responses is published (skipped when it exists, so
 *    the numbers are frozen at the first close and never recomputed), and publishing cuts every
 *    invitation's link to its response (in PostgreSQL in the same transaction);
 * 2. the submitted responses' comments are fixed in a review file and dropped from the stored
 *    responses (comments.ts: `fixAtClose`; the drop is a journal op that step 3 folds in);
 * 3. any link still there is cut (after a crash between the JSON store's two writes), and the
 *    journal and the snapshot's `.bak` are rewritten so that no file keeps the link (nor the
 *    dropped comments);
 * 3b. the responses are minimised: answers and status only — no profile, id, moment or order
 *    (minimiseResponses; after the comments, which it would otherwise carry out of review);
 * 4. the round is marked closed in the network file;
 * 5. the audit log says so (owed until written: a crash just before it is finished too).
 *
 * The snapshot comes first because it is the only step that needs the responses as they were at
 * close (full profiles); marking the round closed first would let a crash leave a closed round
 * without its results.
 */

/** The round's published set, computed from its submitted responses (drafts never count). */
export async function computeSnapshot(
	ctx: DomainContext,
	roundId: string
): Promise<{ snapshot: PublishedSnapshot; participation: PublishedParticipation }> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
	const questionnaire = findQuestionnaire(ctx.store, round);
	if (!questionnaire)
		throw new Error(
			`Vragenlijst ${round.questionnaireId}@${round.questionnaireVersion} van ronde ${roundId} ontbreekt`
		);
	const state = await ctx.store.round(roundId);
	const responses: SurveyResponse[] = [];
	for (const r of state?.responses.values() ?? []) if (r.status === 'submitted') responses.push(r);
	const k = roundK(round, network.network?.kAnonymity);
	const cells = publishedCells(
		network.partners,
		network.bodies,
		responses.map((r) => r.profile),
		k
	);
	const { submittedByPartnerType: _perType, ...participation } = countParticipation(network, state);
	const layout = layoutOf(questionnaire);
	const audited = auditPublishedSet(responses, layout, cells, network.partners, k);
	return {
		// Seeded with the round's id: computing the same round's snapshot again gives the same intervals.
		snapshot: withReliability(
			withBootstrap(releasedTallies(audited), audited, responses, network.partners, roundId),
			responses,
			layout
		),
		participation: { ...participation, invitedByPartnerType: { ...participation.invitedByPartnerType } }
	};
}

/**
 * Step 1: publishes the round's snapshot unless it already has one, and with it (in one
 * PostgreSQL transaction) cuts every link between invitation and response. Says whether it
 * published and whether there were links to cut.
 */
export async function publishRound(ctx: DomainContext, roundId: string): Promise<{ published: boolean; cut: boolean }> {
	if (await ctx.store.publishedSnapshot(roundId)) return { published: false, cut: false };
	if ((await ctx.store.round(roundId))?.closedResponses.length)
		throw new StoreError(
			`De gepubliceerde uitkomsten van ronde ${roundId} ontbreken en zijn niet opnieuw te berekenen: de antwoorden ` +
				`zijn bij het sluiten al grover gemaakt. Zet rounds/${roundId}.published.json terug uit een back-up.`
		);
	const { snapshot, participation } = await computeSnapshot(ctx, roundId);
	const cut = await ctx.store.publish(roundId, {
		schemaVersion: SCHEMA_VERSION,
		roundId,
		publishedAt: ctx.now().toISOString(),
		snapshot,
		participation
	});
	return { published: true, cut };
}

/**
 * Step 2: no invitation keeps its response id or its decline, and no e-mail message says whom it
 * was for (a reminder tells who had not answered by then), in memory, journal, snapshot or backup.
 */
export async function cutLinks(ctx: DomainContext, roundId: string): Promise<boolean> {
	const cut = await ctx.store.transactRound(roundId, (s) => {
		const linked = s.hasLinks();
		return { ops: linked ? [{ t: 'cut-links' as const }] : [], result: linked };
	});
	// Also when nothing was linked now: an earlier call may have crashed after the cut but before
	// folding it in, leaving the links in the snapshot file and its .bak. Twice: the first folds
	// the journal into the snapshot, the second replaces the .bak, which still held the links.
	await ctx.store.compactRound(roundId);
	await ctx.store.compactRound(roundId);
	return cut;
}

/** Fisher–Yates with a cryptographic source: the order says nothing about who answered when. */
function shuffled<T>(items: T[]): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** The people the round invited, as the respondent list stands (each once; the erased are gone). */
export function inviteesOf(state: RoundState, respondents: readonly Respondent[]): Profile[] {
	const byId = new Map(respondents.map((r) => [r.id, r]));
	const out: Profile[] = [];
	for (const id of new Set([...state.invitations.values()].map((i) => i.respondentId))) {
		const r = byId.get(id);
		if (r) out.push({ partnerId: r.partnerId, role: r.role, bodyIds: r.bodyIds });
	}
	return out;
}

/** Keys in one order, so that not even the order of answers tells how someone went through the form. */
const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
	Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Every response of the round, old and new, as closing keeps it (in the state's order). With
 * fewer than k people invited, the answers of "everyone invited" would describe fewer than k
 * named people, so only the statuses stay; otherwise answers that the published tallies would
 * tie to fewer than k invitees are removed (linkage.ts).
 */
function minimised(s: RoundState, network: Readonly<NetworkFile>, snapshot: PublishedSnapshot): ClosedResponse[] {
	const invitees = inviteesOf(s, network.respondents);
	const few = invitees.length < snapshot.k;
	const kept = [...s.closedResponses, ...s.responses.values()].map(({ answers, status }) => ({
		answers: few ? {} : sortedKeys(answers),
		status
	}));
	if (few) return kept;
	return suppressLinkable(kept, linkageModel(snapshot, network.partners, invitees), snapshot.k).responses;
}

/**
 * The same answers in the same order, whatever the order of their keys: PostgreSQL's jsonb
 * gives keys back in an order of its own, and a close repeated on it must find nothing to do.
 */
function sameResponses(a: readonly ClosedResponse[], b: readonly ClosedResponse[]): boolean {
	const canonical = (r: ClosedResponse) => JSON.stringify([r.status, Object.entries(sortedKeys(r.answers))]);
	return a.length === b.length && a.every((r, i) => canonical(r) === canonical(b[i]));
}

/**
 * Step 3 (DESIGN.md §6: after close, the stored responses cannot be tied to a person by anyone
 * holding the data folder and the respondent list). Every response gives way to a ClosedResponse:
 * answers and status, without its profile, its id, its moments (created, updated, submitted), its
 * step or its comments (fixed for review in step 2); the file lists them in random order. An
 * answer the published tallies would tie to fewer than k invitees is removed too. Each kept
 * response is then one of k or more of the round's invitees. The journal and the `.bak` are
 * folded as for the links. Safe to repeat; an erasure runs it again, as it may leave fewer than k
 * invitees (erasure.ts). Never before the round is published (that needs the full profiles):
 * then it does nothing. True when it changed anything.
 */
export async function minimiseResponses(ctx: DomainContext, roundId: string): Promise<boolean> {
	const published = await ctx.store.publishedSnapshot(roundId);
	if (!published) return false;
	const changed = await ctx.store.transactRound(roundId, (s) => {
		const next = minimised(s, ctx.store.network(), published.snapshot);
		// Nothing new: no response left to minimise, and none that the rule would empty further.
		const same = s.responses.size === 0 && sameResponses(next, s.closedResponses);
		return { ops: same ? [] : [{ t: 'minimise' as const, v: shuffled(next) }], result: !same };
	});
	// Always, as for the links: an earlier call may have crashed before folding the change in.
	await ctx.store.compactRound(roundId);
	await ctx.store.compactRound(roundId);
	if (ctx.store.network().rounds.some((r) => r.id === roundId && !r.minimisedAt))
		await ctx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === roundId);
			if (r && !r.minimisedAt) r.minimisedAt = ctx.now().toISOString();
		});
	return changed;
}

/** Whether the audit log says the round closed: the last step, owed until it is written. */
async function closeRecorded(ctx: DomainContext, roundId: string): Promise<boolean> {
	return (await ctx.store.readAudit()).some((e) => e.action === 'round.closed' && e.subject === roundId);
}

/**
 * Closes a round: publishes, cuts the links, minimises the responses, marks it closed, records
 * it. Calling it again on a closed round changes nothing (but finishes whatever an interrupted
 * call left undone). True when this call changed anything.
 *
 * One close of a round at a time, across every instance on the data (`exclusive`): an admin's
 * "sluiten" and the close job of each instance may all start at the same moment, and each step,
 * though safe to repeat, is not safe to run alongside itself (two would both publish, the second
 * failing, and both write the audit line). The later ones wait, then find everything done.
 */
export function closeRound(ctx: DomainContext, roundId: string): Promise<boolean> {
	return alone(ctx, roundId, () => closeRoundAlone(ctx, roundId));
}

/** Runs `task` as the only close of the round, with what other instances did before it. */
function alone<R>(ctx: DomainContext, roundId: string, task: () => Promise<R>): Promise<R> {
	return ctx.store.exclusive(`close-round:${roundId}`, async () => {
		await ctx.store.refresh();
		return task();
	});
}

async function closeRoundAlone(ctx: DomainContext, roundId: string): Promise<boolean> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
	const { published, cut: cutAtPublish } = await publishRound(ctx, roundId);
	const { fixed, dropped } = await comments.fixAtClose(ctx, roundId);
	const cut = (await cutLinks(ctx, roundId)) || cutAtPublish;
	const minimised = await minimiseResponses(ctx, roundId);
	const closedNow = await ctx.store.updateNetwork((d) => {
		const r = d.rounds.find((x) => x.id === roundId);
		if (!r || (r.status === 'closed' && r.closedAt)) return false;
		r.status = 'closed';
		r.closedAt = ctx.now().toISOString();
		return true;
	});
	// Also when nothing else was left to do: a crash between marking the round closed and this
	// line would otherwise leave a closed round that the audit log never mentions.
	const unrecorded = !(await closeRecorded(ctx, roundId));
	const changed = unrecorded || closedNow || published || cut || fixed !== null || dropped || minimised;
	if (changed) {
		const done = [
			published && 'uitkomsten gepubliceerd',
			fixed !== null &&
				(fixed ? `${fixed} toelichting${fixed === 1 ? '' : 'en'} klaargezet voor beoordeling` : 'geen toelichtingen'),
			cut && 'koppeling uitnodiging–antwoord verbroken',
			minimised && 'profielen, tijdstippen en volgorde gewist'
		];
		await audit.record(ctx, 'round.closed', roundId, done.filter(Boolean).join('; ') || 'gesloten');
	}
	return changed;
}

/**
 * A round is due when its closing time has passed and it is not closed; or closed but without its
 * published set or its comment review, or not (or no longer) minimised: closed before those steps
 * existed, or touched by an erasure; or closed without the audit line (a crash just before it).
 */
async function isDue(ctx: DomainContext, roundId: string): Promise<boolean> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round || round.status === 'draft') return false;
	if (round.status !== 'closed') return Date.parse(round.closesAt) <= ctx.now().getTime();
	// An imported round (archive-import.ts) has no invitations: minimising it here would count no
	// invitees and empty every answer. Its import wrote each closing step itself.
	if (round.importedAt) return false;
	return (
		round.minimisedAt === null ||
		(await ctx.store.publishedSnapshot(roundId)) === null ||
		(await comments.awaitsFixing(ctx, roundId)) ||
		!(await closeRecorded(ctx, roundId))
	);
}

/** Closes every due round; one that fails is logged and tried again next time. Returns those this call closed. */
export async function closeDueRounds(ctx: DomainContext): Promise<string[]> {
	const closed: string[] = [];
	const failures: unknown[] = [];
	for (const { id } of ctx.store.network().rounds) {
		try {
			if (!(await isDue(ctx, id))) continue;
			// Asked again once the round is this call's alone: another instance's job (or an
			// admin) may have closed it while this one waited.
			const closedHere = await alone(ctx, id, async () => {
				if (!(await isDue(ctx, id))) return false;
				await closeRoundAlone(ctx, id);
				return true;
			});
			if (closedHere) closed.push(id);
		} catch (e) {
			failures.push(e);
		}
	}
	if (failures.length) throw new AggregateError(failures, `Sluiten van ${failures.length} ronde(s) mislukt.`);
	return closed;
}
