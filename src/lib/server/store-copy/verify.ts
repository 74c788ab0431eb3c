/**
 * Checks a copy by reading both stores again: the stored data itself (network, sessions, each
 * round's invitations, responses, waves and messages, published set and comment review, the audit
 * log in order) and what the regiobureau sees of it, the dashboard of every round for the whole
 * network and for every published cell, built by the same function the app's pages use. A
 * closed round's dashboard reads only its published set, so the stored-data comparison is what
 * notices a changed response there.
 */
import type { Store } from '../store';
import type { Round } from '$lib/model/round';
import type { RoundState } from '../store/round-state';
import { loadRoundDashboard } from '../dashboard';
import { firstDifference } from './difference';

export type RoundCheck = {
	roundId: string;
	name: string;
	invitations: number;
	responses: number;
	outbox: number;
	/** Dashboards compared: the whole network plus each published cell. */
	dashboards: number;
	differences: string[];
};

export type CopyCheck = {
	rounds: RoundCheck[];
	/** Differences outside the rounds (network, sessions, audit log). */
	differences: string[];
	audit: number;
	ok: boolean;
};

const byId = <T extends { id: string }>(items: Iterable<T>) => [...items].sort((a, b) => a.id.localeCompare(b.id));

function roundContents(state: RoundState | null) {
	return {
		invitations: byId(state?.invitations.values() ?? []),
		responses: byId(state?.responses.values() ?? []),
		// Closing shuffled these; their order is part of what was stored.
		closedResponses: [...(state?.closedResponses ?? [])],
		waves: byId(state?.waves.values() ?? []),
		outbox: byId(state?.outbox.values() ?? [])
	};
}

const responseCount = (state: RoundState | null) => (state?.responses.size ?? 0) + (state?.closedResponses.length ?? 0);

function compareCount(what: string, source: number, target: number, into: string[]) {
	if (source !== target) into.push(`${what}: ${source} in de bron, ${target} in het doel`);
}

/** The dashboard as the page would get it, or the reason it could not be built. */
async function dashboardOf(store: Store, roundId: string, query: string): Promise<unknown> {
	try {
		return await loadRoundDashboard(store, roundId, new URL(`http://kopie.invalid/admin/rounds/${roundId}${query}`));
	} catch (e) {
		return { mislukt: (e as { body?: { detail?: string } }).body?.detail ?? (e as Error).message ?? String(e) };
	}
}

async function checkRound(source: Store, target: Store, round: Round): Promise<RoundCheck> {
	const differences: string[] = [];
	const [from, to] = [await source.round(round.id), await target.round(round.id)];
	const a = roundContents(from);
	const b = roundContents(to);
	compareCount('uitnodigingen', a.invitations.length, b.invitations.length, differences);
	compareCount('antwoorden', responseCount(from), responseCount(to), differences);
	compareCount('verzendacties', a.waves.length, b.waves.length, differences);
	compareCount('berichten in de outbox', a.outbox.length, b.outbox.length, differences);
	const contents = firstDifference(a, b);
	if (contents) differences.push(`opgeslagen gegevens: ${contents}`);

	const published = await source.publishedSnapshot(round.id);
	const publishedDiff = firstDifference(published, await target.publishedSnapshot(round.id));
	if (publishedDiff) differences.push(`gepubliceerde set: ${publishedDiff}`);
	const reviewDiff = firstDifference(await source.commentReview(round.id), await target.commentReview(round.id));
	if (reviewDiff) differences.push(`toelichtingen: ${reviewDiff}`);

	const queries = [
		'',
		...(published?.snapshot.cells ?? [])
			.filter((c) => c.n.released && c.cell.value !== null)
			.map((c) => `?${new URLSearchParams({ [c.cell.dimension]: c.cell.value! })}`)
	];
	for (const query of queries) {
		const d = firstDifference(await dashboardOf(source, round.id, query), await dashboardOf(target, round.id, query));
		if (d) differences.push(`dashboard${query ? ` ${query}` : ''}: ${d}`);
	}
	return {
		roundId: round.id,
		name: round.name,
		invitations: b.invitations.length,
		responses: responseCount(to),
		outbox: b.outbox.length,
		dashboards: queries.length,
		differences
	};
}

const sortedSessions = (store: Store) => {
	const s = store.sessions();
	return {
		sessions: [...s.sessions].sort((x, y) => x.tokenHash.localeCompare(y.tokenHash)),
		devices: [...s.devices].sort((x, y) => x.tokenHash.localeCompare(y.tokenHash)),
		accountGuards: [...s.accountGuards].sort((x, y) => x.userId.localeCompare(y.userId))
	};
};

export async function verifyCopy(source: Store, target: Store): Promise<CopyCheck> {
	const differences: string[] = [];
	const network = firstDifference(source.network(), target.network());
	if (network) differences.push(`netwerk: ${network}`);
	const sessions = firstDifference(sortedSessions(source), sortedSessions(target));
	if (sessions) differences.push(`sessies: ${sessions}`);
	const [auditFrom, auditTo] = [await source.readAudit(), await target.readAudit()];
	compareCount('regels in het logboek', auditFrom.length, auditTo.length, differences);
	const audit = firstDifference(auditFrom, auditTo);
	if (audit) differences.push(`logboek: ${audit}`);

	const rounds: RoundCheck[] = [];
	for (const round of source.network().rounds) rounds.push(await checkRound(source, target, round));
	for (const round of target.network().rounds)
		if (!source.network().rounds.some((r) => r.id === round.id))
			differences.push(`meetronde ${round.name} (${round.id}) staat alleen in het doel`);
	return {
		rounds,
		differences,
		audit: auditTo.length,
		ok: differences.length === 0 && rounds.every((r) => r.differences.length === 0)
	};
}

/** A round's line for the operator: "Najaar 2025: 349 antwoorden, dashboard gelijk". */
export function roundLine(check: RoundCheck): string {
	const what =
		`${check.responses} antwoorden, ${check.invitations} uitnodigingen` +
		(check.outbox ? `, ${check.outbox} berichten in de outbox` : '');
	if (check.differences.length === 0)
		return `${check.name}: ${what}, dashboard gelijk${check.dashboards > 1 ? ` (hele netwerk en ${check.dashboards - 1} groepen)` : ''}`;
	return `${check.name}: ${what}, VERSCHIL: ${check.differences.join('; ')}`;
}
