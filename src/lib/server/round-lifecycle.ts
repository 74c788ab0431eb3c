/**
 * A round from draft to open to closed, by hand or at its dates (DESIGN.md §3). Opening makes
 * the invitations, freezes the round's k and is recorded; while open, only the closing date can
 * move, and only later; closing by hand sets the closing time to now and then does exactly what
 * the close job does at the closing date (closing.ts).
 */
import type { DomainContext } from './context';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { inviteJoiners, inviteMembers } from './invitations';
import { closeRound } from './closing';
import { findQuestionnaire } from './survey/access';
import { StoreError } from './store/errors';
import { resolveK } from '$lib/analysis/privacy';
import { roundPhase } from '$lib/model/round-phase';
import { formatMoment } from '$lib/format';

const unknown = () => new Refusal({ form: 'Deze ronde bestaat niet (meer).' });

/**
 * Opens a draft: invitations first, for everyone in its selection (so that a crash in between
 * leaves a draft whose links do not open yet, and the next attempt adds only who is missing),
 * then the round is marked open with the network's k of this moment, then anyone who joined the
 * selection meanwhile is invited too. Opened before its opening time, the round opens now.
 */
export async function openRound(ctx: DomainContext, id: string): Promise<Outcome<{ invited: number; k: number }>> {
	return attempt(async () => {
		const round = ctx.store.network().rounds.find((r) => r.id === id);
		if (!round) throw unknown();
		if (round.status !== 'draft')
			throw new Refusal({ form: round.status === 'open' ? 'Deze ronde is al open.' : 'Deze ronde is gesloten.' });
		if (Date.parse(round.closesAt) <= ctx.now().getTime())
			throw new Refusal({
				form: 'De sluitdatum van deze ronde is al voorbij. Zet eerst een latere sluitdatum (Wijzigen) en open de ronde dan.'
			});
		if (!findQuestionnaire(ctx.store, round))
			throw new Refusal({
				form: 'De vragenlijst van deze ronde bestaat niet (meer). Kies eerst een andere (Wijzigen).'
			});
		await inviteMembers(ctx, id);
		const at = ctx.now();
		const opened = await ctx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === id);
			if (!r) throw unknown();
			if (r.status !== 'draft') return null;
			r.status = 'open';
			r.k = resolveK(d.network?.kAnonymity);
			const early = Date.parse(r.opensAt) > at.getTime();
			if (early) r.opensAt = at.toISOString();
			return { k: r.k, early };
		});
		// Opened by someone else (the open job, a second click) in the meantime: that one reported it.
		if (!opened) throw new Refusal({ form: 'Deze ronde is al open.' });
		await inviteMembers(ctx, id);
		const invited = (await ctx.store.round(id))?.invitations.size ?? 0;
		const how = ctx.actor
			? opened.early
				? 'met de hand, vóór de openingsdatum'
				: 'met de hand'
			: 'op de openingsdatum';
		await audit.record(
			ctx,
			'round.opened',
			id,
			`Geopend ${how}: ${invited} ${invited === 1 ? 'uitnodiging' : 'uitnodigingen'}, k = ${opened.k}`
		);
		return { invited, k: opened.k };
	});
}

/**
 * The open job (startup.ts, at start and every minute): opens every draft whose opening time has
 * passed, unless its closing time has passed too (then the admin must choose new dates: opening
 * and at once closing it would publish an empty round), and makes any invitation a failed
 * top-up missed (invitations.ts). A round that fails is tried again next time.
 */
export async function openDueRounds(ctx: DomainContext): Promise<string[]> {
	const opened: string[] = [];
	const failures: unknown[] = [];
	for (const round of ctx.store.network().rounds) {
		if (roundPhase(round, ctx.now()) !== 'opening') continue;
		try {
			const out = await openRound(ctx, round.id);
			if (out.ok) opened.push(round.id);
		} catch (e) {
			failures.push(e);
		}
	}
	try {
		await inviteJoiners(ctx);
	} catch (e) {
		failures.push(e);
	}
	if (failures.length) throw new AggregateError(failures, `Openen of uitnodigen mislukt (${failures.length}).`);
	return opened;
}

/** Moves an open round's closing time later: never earlier, and never for a round that stopped taking answers. */
export async function extendClosing(ctx: DomainContext, id: string, closesAt: string): Promise<Outcome<string>> {
	return attempt(async () => {
		const before = await ctx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === id);
			if (!r) throw unknown();
			const phase = roundPhase(r, ctx.now());
			if (phase !== 'open')
				throw new Refusal({
					closesAt:
						phase === 'closing' || phase === 'closed'
							? 'Deze ronde is gesloten; een gesloten ronde gaat niet meer open.'
							: 'Alleen de sluitdatum van een open ronde kan hier worden verschoven; een concept wijzigt u met Wijzigen.'
				});
			if (Date.parse(closesAt) <= Date.parse(r.closesAt))
				throw new Refusal({
					closesAt: `Kies een moment na de huidige sluiting (${formatMoment(r.closesAt)}): de sluitdatum kan alleen later.`
				});
			const before = r.closesAt;
			r.closesAt = closesAt;
			return before;
		});
		await audit.record(
			ctx,
			'round.extended',
			id,
			`Sluiting verschoven van ${formatMoment(before)} naar ${formatMoment(closesAt)}`
		);
		return closesAt;
	});
}

/**
 * Closes an open round now. The closing time becomes now first, so that from this moment the
 * survey refuses answers exactly as at the closing date; then closing.ts publishes, cuts the
 * links and records it, as the close job would.
 */
export async function closeNow(ctx: DomainContext, id: string): Promise<Outcome<null>> {
	return attempt(async () => {
		await ctx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === id);
			if (!r) throw unknown();
			if (r.status === 'draft')
				throw new Refusal({ form: 'Een concept wordt niet gesloten; verwijder het als het weg mag.' });
			if (r.status === 'closed') throw new Refusal({ form: 'Deze ronde is al gesloten.' });
			const now = ctx.now().toISOString();
			if (Date.parse(r.closesAt) > Date.parse(now)) r.closesAt = now;
		});
		try {
			await closeRound(ctx, id);
		} catch (e) {
			// The close job found the round due in the same moment and published first: finishing
			// again is safe (each step of closeRound is), and says whether all of it is done.
			if (!(e instanceof StoreError)) throw e;
			await closeRound(ctx, id);
		}
		return null;
	});
}
