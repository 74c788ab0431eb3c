/**
 * Copies everything one store holds into another through the Store interface alone, so the copy
 * needs no knowledge of either engine's files or tables: the network document, sessions (with
 * trusted browsers and the login guard's per-account state, so that nobody is logged out and a
 * lockout is not lifted by moving), every round as it stands (invitations with their links to
 * responses and declines while the round is open, responses or a closed round's minimised ones in
 * their shuffled order, waves and messages), published sets, comment reviews and the audit log in
 * its order. The source is only read.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Store } from '../store';
import { emptyNetworkFile, emptySessionsFile } from '../store/files';
import type { RoundState } from '../store/round-state';

export class CopyRefused extends Error {}

/** Every round of the network as the source holds it, read once (for the key check and the copy). */
export async function readRounds(source: Store): Promise<Map<string, RoundState>> {
	const rounds = new Map<string, RoundState>();
	for (const round of source.network().rounds) {
		const state = await source.round(round.id);
		if (state) rounds.set(round.id, state);
	}
	return rounds;
}

/**
 * Refuses unless the target holds nothing yet: merging two installations would mix their
 * accounts and rounds, and the target's published sets can never be overwritten.
 */
export async function assertEmptyTarget(target: Store): Promise<void> {
	const file = target.network();
	const audit = await target.readAudit();
	if (
		isDeepStrictEqual(file, emptyNetworkFile()) &&
		isDeepStrictEqual(target.sessions(), emptySessionsFile()) &&
		audit.length === 0
	)
		return;
	const what = [
		file.network ? `het netwerk “${file.network.name}”` : null,
		file.rounds.length ? `${file.rounds.length} meetrondes` : null,
		file.users.length ? `${file.users.length} accounts` : null,
		file.partners.length ? `${file.partners.length} partners` : null,
		audit.length ? `${audit.length} regels in het logboek` : null
	].filter((w) => w !== null);
	throw new CopyRefused(
		`De doeldatabase is niet leeg: zij bevat al ${what.length ? what.join(', ') : 'gegevens'}. Er is niets gekopieerd. ` +
			`Kopieer naar een nieuwe, lege database (createdb); was dit een afgebroken kopie, maak de database dan opnieuw aan ` +
			`(dropdb en createdb) en kopieer opnieuw.`
	);
}

export async function assertSourceHoldsData(source: Store): Promise<void> {
	if (!isDeepStrictEqual(source.network(), emptyNetworkFile())) return;
	if ((await source.readAudit()).length > 0) return;
	throw new CopyRefused(
		`In ${source.dataDir} staat geen netwerk, geen account en geen meetronde: er is niets te kopiëren.`
	);
}

export type CopyTally = { rounds: number; published: number; reviews: number; audit: number; sessions: number };

/**
 * Writes the source's data into the (empty) target. The network goes first: the target accepts
 * a round's published set and review only for rounds its network knows, and a copy that breaks
 * off leaves a non-empty target, which the next attempt refuses instead of mixing in.
 */
export async function copyStore(
	source: Store,
	target: Store,
	rounds: ReadonlyMap<string, RoundState>
): Promise<CopyTally> {
	const network = structuredClone(source.network());
	await target.updateNetwork((draft) => {
		Object.assign(draft, network);
	});
	const tally: CopyTally = { rounds: 0, published: 0, reviews: 0, audit: 0, sessions: 0 };
	for (const round of network.rounds) {
		const state = rounds.get(round.id);
		if (state) await target.replaceRound(round.id, state.toFile());
		tally.rounds++;
		const published = await source.publishedSnapshot(round.id);
		if (published) {
			await target.publish(round.id, published);
			tally.published++;
		}
		const review = await source.commentReview(round.id);
		if (review) {
			await target.updateCommentReview(round.id, () => ({ next: structuredClone(review), result: null }));
			tally.reviews++;
		}
	}
	const sessions = structuredClone(source.sessions());
	await target.updateSessions((draft) => {
		Object.assign(draft, sessions);
	});
	tally.sessions = sessions.sessions.length;
	// One append, so the entries keep their order and go in all or not at all.
	const audit = await source.readAudit();
	await target.appendAudit([...audit]);
	tally.audit = audit.length;
	return tally;
}
