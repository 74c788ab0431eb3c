import type { DomainContext } from './context';
import * as audit from './audit';
import * as comments from './comments';
import { findQuestionnaire } from './survey/access';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { SurveyResponse } from '$lib/model/response';
import type { PublishedParticipation, PublishedSnapshot } from '$lib/model/published';
import { countParticipation } from './participation';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { layoutOf } from '$lib/analysis/layout';
import { resolveK } from '$lib/analysis/privacy';
import { StoreError } from './store/errors';

/**
 * Closing a round (DESIGN.md §6: "published once, at close"). In this order, each step safe to
 * repeat, so that a crash anywhere is finished by the next call:
 *
 * 1. the audited snapshot of the submitted responses is published (skipped when it exists, so
 *    the numbers are frozen at the first close and never recomputed);
 * 2. the submitted responses' comments are fixed in a review file and dropped from the stored
 *    responses (comments.ts: `fixAtClose`; the drop is a journal op that step 3 folds in);
 * 3. every invitation's link to its response is cut, and the journal and the snapshot's `.bak`
 *    are rewritten so that no file keeps the link (nor the dropped comments);
 * 4. the round is marked closed in the network file;
 * 5. the audit log says so.
 *
 * The snapshot comes first because it is the only step that needs the responses as they were at
 * close; cutting links does not change the responses, but marking the round closed first would
 * let a crash leave a closed round without its results.
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
	const k = resolveK(network.network?.kAnonymity);
	const cells = publishedCells(
		network.partners,
		network.bodies,
		responses.map((r) => r.profile),
		k
	);
	const { submittedByPartnerType: _perType, ...participation } = countParticipation(network, state);
	return {
		snapshot: releasedTallies(auditPublishedSet(responses, layoutOf(questionnaire), cells, network.partners, k)),
		participation: { ...participation, invitedByPartnerType: { ...participation.invitedByPartnerType } }
	};
}

/** Step 1: publishes the round's snapshot unless it already has one. True when it published. */
export async function publishRound(ctx: DomainContext, roundId: string): Promise<boolean> {
	if (await ctx.store.publishedSnapshot(roundId)) return false;
	const { snapshot, participation } = await computeSnapshot(ctx, roundId);
	await ctx.store.publish(roundId, {
		schemaVersion: SCHEMA_VERSION,
		roundId,
		publishedAt: ctx.now().toISOString(),
		snapshot,
		participation
	});
	return true;
}

/** Step 2: no invitation keeps its response id, in memory, journal, snapshot or backup. */
export async function cutLinks(ctx: DomainContext, roundId: string): Promise<boolean> {
	const cut = await ctx.store.transactRound(roundId, (s) => {
		const linked = [...s.invitations.values()].some((i) => i.responseId !== null);
		return { ops: linked ? [{ t: 'cut-links' as const }] : [], result: linked };
	});
	// Also when nothing was linked now: an earlier call may have crashed after the cut but before
	// folding it in, leaving the links in the snapshot file and its .bak. Twice: the first folds
	// the journal into the snapshot, the second replaces the .bak, which still held the links.
	await ctx.store.compactRound(roundId);
	await ctx.store.compactRound(roundId);
	return cut;
}

/**
 * Closes a round: publishes, cuts the links, marks it closed, records it. Calling it again on a
 * closed round changes nothing (but finishes whatever an interrupted call left undone).
 */
export async function closeRound(ctx: DomainContext, roundId: string): Promise<void> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
	const published = await publishRound(ctx, roundId);
	const { fixed, dropped } = await comments.fixAtClose(ctx, roundId);
	const cut = await cutLinks(ctx, roundId);
	const closedNow = await ctx.store.updateNetwork((d) => {
		const r = d.rounds.find((x) => x.id === roundId);
		if (!r || (r.status === 'closed' && r.closedAt)) return false;
		r.status = 'closed';
		r.closedAt = ctx.now().toISOString();
		return true;
	});
	if (closedNow || published || cut || fixed !== null || dropped) {
		const done = [
			published && 'uitkomsten gepubliceerd',
			fixed !== null &&
				(fixed ? `${fixed} toelichting${fixed === 1 ? '' : 'en'} klaargezet voor beoordeling` : 'geen toelichtingen'),
			cut && 'koppeling uitnodiging–antwoord verbroken'
		];
		await audit.record(ctx, 'round.closed', roundId, done.filter(Boolean).join('; ') || 'gesloten');
	}
}

/**
 * A round is due when its closing time has passed and it is not closed, or closed but without its
 * published set or its comment review (a round closed before reviews existed gets one).
 */
async function isDue(ctx: DomainContext, roundId: string): Promise<boolean> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round || round.status === 'draft') return false;
	if (round.status !== 'closed') return Date.parse(round.closesAt) <= ctx.now().getTime();
	return (await ctx.store.publishedSnapshot(roundId)) === null || (await comments.awaitsFixing(ctx, roundId));
}

/** Closes every due round; one that fails is logged and tried again next time. Returns those closed. */
export async function closeDueRounds(ctx: DomainContext): Promise<string[]> {
	const closed: string[] = [];
	const failures: unknown[] = [];
	for (const { id } of ctx.store.network().rounds) {
		try {
			if (!(await isDue(ctx, id))) continue;
			await closeRound(ctx, id);
			closed.push(id);
		} catch (e) {
			failures.push(e);
		}
	}
	if (failures.length) throw new AggregateError(failures, `Sluiten van ${failures.length} ronde(s) mislukt.`);
	return closed;
}
