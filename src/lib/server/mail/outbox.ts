/**
 * A round's e-mail outbox (issue 13): the admin's sending actions ("waves") and who gets which
 * message in each. Every decision about recipients is made inside the round's transaction, so
 * a double click, a second admin or the server's own job never queue a person twice for the same
 * wave, and an invitation goes once per person. The sender (sender.ts) works the queue off.
 */
import { randomBytes } from 'node:crypto';
import type { DomainContext } from '../context';
import * as audit from '../audit';
import { attempt, Refusal, type Outcome } from '../outcome';
import type { NetworkFile, RoundOp } from '../store/files';
import type { RoundState } from '../store/round-state';
import { isRoundClosed } from '../survey/access';
import { emptyTotals, type MailKind, type OutboxMessage, type Wave, type WaveTotals } from '$lib/model/outbox';
import type { Invitation, Round } from '$lib/model/round';
import type { Respondent } from '$lib/model/network';
import { formatMoment } from '$lib/format';
import { wakeSender } from './wake';

const randomId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

const submitted = (s: RoundState, inv: Invitation) =>
	inv.responseId !== null && s.responses.get(inv.responseId)?.status === 'submitted';
const started = (s: RoundState, inv: Invitation) => inv.responseId !== null && s.responses.has(inv.responseId);

/**
 * Why a message to this invitation should not go (now), or null when it should. Checked when a
 * wave is made and again just before each message is sent: someone who answers or declines
 * between a reminder's planning and its turn gets nothing.
 */
export function reasonNotToSend(
	s: RoundState,
	inv: Invitation,
	kind: MailKind,
	person: Respondent | undefined
): string | null {
	if (!person) return 'persoon gewist';
	if (submitted(s, inv)) return 'heeft al meegedaan';
	if (inv.declinedAt !== null) return 'doet deze keer niet mee';
	if (!person.email) return 'geen e-mailadres';
	if (person.emailWrongAt !== null) return 'adres gemarkeerd als onjuist';
	if (!person.active && kind === 'reminder') return 'niet meer actief';
	return null;
}

/** Whom a wave of this kind would reach now. */
function recipientsOf(
	s: RoundState,
	network: Readonly<NetworkFile>,
	kind: MailKind,
	onlyNotStarted: boolean
): Invitation[] {
	const people = new Map(network.respondents.map((r) => [r.id, r]));
	const invited = new Set<string>();
	if (kind === 'invitation')
		for (const m of s.outbox.values()) if (m.kind === 'invitation') invited.add(m.invitationId);
	return [...s.invitations.values()].filter((inv) => {
		if (kind === 'invitation' && invited.has(inv.id)) return false;
		if (kind === 'reminder' && onlyNotStarted && started(s, inv)) return false;
		return reasonNotToSend(s, inv, kind, people.get(inv.respondentId)) === null;
	});
}

function queueOps(wave: Wave, invitations: Invitation[], at: string): RoundOp[] {
	return invitations.map((inv) => ({
		t: 'message',
		v: {
			id: randomId('m'),
			waveId: wave.id,
			invitationId: inv.id,
			kind: wave.kind,
			state: 'queued',
			attempts: 0,
			nextAttemptAt: null,
			to: '',
			claimedBy: null,
			leaseUntil: null,
			result: '',
			updatedAt: at
		}
	}));
}

export type WaveRequest = {
	kind: MailKind;
	onlyNotStarted: boolean;
	/** ISO moment, or null for at once. */
	scheduledAt: string | null;
	/** Made with the form, so that the same form posted twice makes one wave. */
	waveId: string;
	/** The newest wave of this kind the admin saw; another one since means someone else sent. */
	seenLatest: string;
};

const latestOf = (s: RoundState, kind: MailKind): Wave | undefined =>
	[...s.waves.values()].filter((w) => w.kind === kind && w.cancelledAt === null).at(-1);

/**
 * Queues a wave (or plans it). Refused while the round cannot be mailed, when nobody would get
 * it, or when another wave of the same kind was made since the admin's page was rendered.
 */
export async function createWave(
	ctx: DomainContext,
	roundId: string,
	req: WaveRequest
): Promise<Outcome<{ wave: Wave; queued: number; repeated: boolean }>> {
	return attempt(async () => {
		const round = ctx.store.network().rounds.find((r) => r.id === roundId);
		if (!round) throw new Refusal({ form: 'Deze ronde bestaat niet (meer).' });
		if (round.status === 'closed' || isRoundClosed(round, ctx.now()))
			throw new Refusal({ form: 'Deze ronde is gesloten: er gaat geen e-mail meer uit.' });
		const now = ctx.now();
		if (req.scheduledAt !== null) {
			const t = Date.parse(req.scheduledAt);
			if (t <= now.getTime()) throw new Refusal({ scheduledAt: 'Kies een moment in de toekomst' });
			if (t >= Date.parse(round.closesAt))
				throw new Refusal({ scheduledAt: `Kies een moment vóór de sluiting (${formatMoment(round.closesAt)})` });
		} else if (round.status !== 'open')
			throw new Refusal({
				form: 'De ronde is nog niet open: plan de herinnering op een datum, of open de ronde eerst.'
			});
		const at = now.toISOString();
		const result = await ctx.store.transactRound(roundId, (s) => {
			const same = s.waves.get(req.waveId);
			if (same) return { ops: [], result: { wave: same, queued: 0, repeated: true } };
			const latest = latestOf(s, req.kind);
			if (latest && latest.id !== req.seenLatest)
				throw new Refusal({
					form: `Intussen is er al ${req.kind === 'invitation' ? 'een verzending van uitnodigingen' : 'een herinnering'} aangemaakt (${formatMoment(latest.createdAt)}${latest.by ? `, door ${latest.by}` : ''}). Bekijk hieronder wat er uitgaat; wilt u er toch nog een, verstuur dan opnieuw.`
				});
			const wave: Wave = {
				id: req.waveId,
				kind: req.kind,
				onlyNotStarted: req.kind === 'reminder' && req.onlyNotStarted,
				createdAt: at,
				by: ctx.actor?.email ?? null,
				scheduledAt: req.scheduledAt,
				materialisedAt: req.scheduledAt === null ? at : null,
				cancelledAt: null,
				totals: null
			};
			if (req.scheduledAt !== null)
				return { ops: [{ t: 'wave', v: wave }], result: { wave, queued: 0, repeated: false } };
			const to = recipientsOf(s, ctx.store.network(), wave.kind, wave.onlyNotStarted);
			if (to.length === 0)
				throw new Refusal({
					form:
						req.kind === 'invitation'
							? 'Iedereen die is uitgenodigd heeft de uitnodiging al (of doet niet mee, of heeft al meegedaan).'
							: 'Er is niemand om te herinneren: iedereen heeft meegedaan of laten weten niet mee te doen.'
				});
			return {
				ops: [{ t: 'wave', v: wave }, ...queueOps(wave, to, at)],
				result: { wave, queued: to.length, repeated: false }
			};
		});
		if (!result.repeated) {
			await audit.record(
				ctx,
				req.kind === 'invitation' ? 'mail.invitations' : 'mail.reminder',
				roundId,
				req.scheduledAt
					? `gepland op ${formatMoment(req.scheduledAt)}${result.wave.onlyNotStarted ? ', alleen wie nog niet begon' : ''}`
					: `${result.queued} berichten${result.wave.onlyNotStarted ? ', alleen wie nog niet begon' : ''}`
			);
			wakeSender();
		}
		return result;
	});
}

/** Cancels a planned wave before its time. */
export async function cancelWave(ctx: DomainContext, roundId: string, waveId: string): Promise<Outcome<Wave>> {
	return attempt(async () => {
		const at = ctx.now().toISOString();
		const wave = await ctx.store.transactRound(roundId, (s) => {
			const w = s.waves.get(waveId);
			if (!w) throw new Refusal({ form: 'Deze verzending bestaat niet (meer).' });
			if (w.materialisedAt !== null) throw new Refusal({ form: 'Deze verzending is al begonnen.' });
			if (w.cancelledAt !== null) return { ops: [], result: w };
			const next = { ...w, cancelledAt: at };
			return { ops: [{ t: 'wave', v: next }], result: next };
		});
		await audit.record(
			ctx,
			'mail.cancelled',
			roundId,
			`${wave.kind === 'invitation' ? 'uitnodigingen' : 'herinnering'} van ${formatMoment(wave.scheduledAt ?? wave.createdAt)}`
		);
		return wave;
	});
}

/**
 * The server's part, each turn of the sender: planned waves whose time came get their recipients
 * (as they stand now), and a round that sends its invitations by itself gets a wave for everyone
 * invited without one (at opening, and whoever joins while it is open). Returns how many queued.
 */
export async function queueDue(ctx: DomainContext): Promise<number> {
	let queued = 0;
	const now = ctx.now();
	for (const round of ctx.store.network().rounds) {
		if (round.status !== 'open' || isRoundClosed(round, now)) continue;
		queued += await ctx.store.transactRound(round.id, (s) => {
			const at = now.toISOString();
			const ops: RoundOp[] = [];
			let n = 0;
			for (const w of s.waves.values()) {
				if (w.materialisedAt !== null || w.cancelledAt !== null || w.scheduledAt === null) continue;
				if (Date.parse(w.scheduledAt) > now.getTime()) continue;
				const to = recipientsOf(s, ctx.store.network(), w.kind, w.onlyNotStarted);
				const wave = { ...w, materialisedAt: at };
				ops.push({ t: 'wave', v: wave }, ...queueOps(wave, to, at));
				n += to.length;
			}
			if (round.mail?.inviteOnOpen) {
				// Decided after the planned waves above, which may themselves be invitations.
				const planned = new Set(
					ops.flatMap((op) => (op.t === 'message' && op.v.kind === 'invitation' ? [op.v.invitationId] : []))
				);
				const to = recipientsOf(s, ctx.store.network(), 'invitation', false).filter((inv) => !planned.has(inv.id));
				if (to.length > 0) {
					const wave: Wave = {
						id: randomId('w'),
						kind: 'invitation',
						onlyNotStarted: false,
						createdAt: at,
						by: null,
						scheduledAt: null,
						materialisedAt: at,
						cancelledAt: null,
						totals: null
					};
					ops.push({ t: 'wave', v: wave }, ...queueOps(wave, to, at));
					n += to.length;
				}
			}
			return { ops, result: n };
		});
	}
	return queued;
}

/** Sends one refused or failed message again (after the address was corrected, say). */
export async function resendMessage(ctx: DomainContext, roundId: string, messageId: string): Promise<Outcome<null>> {
	return attempt(async () => {
		const round = ctx.store.network().rounds.find((r) => r.id === roundId);
		if (!round || round.status !== 'open' || isRoundClosed(round, ctx.now()))
			throw new Refusal({ form: 'Deze ronde is niet open: er gaat geen e-mail meer uit.' });
		const at = ctx.now().toISOString();
		const [person] = await ctx.store.updateMessages(roundId, { id: messageId }, (m, s) => {
			if (m.state === 'queued' || m.state === 'sending') return { next: null, result: null };
			if (m.state === 'sent') throw new Refusal({ form: 'Dit bericht is al verstuurd.' });
			const inv = s.invitations.get(m.invitationId);
			const respondent = inv && ctx.store.network().respondents.find((r) => r.id === inv.respondentId);
			const why = inv ? reasonNotToSend(s, inv, m.kind, respondent) : 'uitnodiging bestaat niet meer';
			if (why) throw new Refusal({ form: `Niet opnieuw verstuurd: ${why}.` });
			const next: OutboxMessage = {
				...m,
				state: 'queued',
				attempts: 0,
				nextAttemptAt: null,
				result: '',
				updatedAt: at
			};
			return { next, result: respondent?.id ?? null };
		});
		if (person === undefined) throw new Refusal({ form: 'Dit bericht bestaat niet (meer).' });
		if (person) {
			await audit.record(ctx, 'mail.resent', person, `ronde ${roundId}`);
			wakeSender();
		}
		return null;
	});
}

/** Marks a person's address as wrong (a bounce came back): nothing goes to it until it is changed. */
export async function markAddressWrong(ctx: DomainContext, respondentId: string): Promise<Outcome<null>> {
	return attempt(async () => {
		const at = ctx.now().toISOString();
		await ctx.store.updateNetwork((d) => {
			const r = d.respondents.find((x) => x.id === respondentId);
			if (!r) throw new Refusal({ form: 'Deze deelnemer bestaat niet (meer).' });
			r.emailWrongAt ??= at;
		});
		await audit.record(ctx, 'mail.address-wrong', respondentId);
		return null;
	});
}

export type WaveView = Wave & { totals: WaveTotals; total: number };
export type Problem = {
	messageId: string;
	kind: MailKind;
	state: 'refused' | 'failed' | 'skipped';
	respondentId: string | null;
	name: string;
	to: string;
	result: string;
	updatedAt: string;
	addressWrong: boolean;
	/** Whether "opnieuw versturen" can work now. */
	resendable: boolean;
};
export type SendingOverview = {
	waves: WaveView[];
	problems: Problem[];
	/** Invited without an invitation message: what "uitnodigingen versturen" would reach. */
	withoutInvitation: number;
	/** What a reminder would reach now, to everyone and to those who have not begun. */
	remindable: number;
	remindableNotStarted: number;
	/** Invited, not sent, not declined, and no (usable) address: they need their link some other way. */
	unreachable: { respondentId: string; name: string; reason: string }[];
	latest: Record<MailKind, string>;
};

/** What the round's e-mail page shows. */
export async function sendingOverview(ctx: DomainContext, round: Round): Promise<SendingOverview> {
	const s = await ctx.store.round(round.id);
	const network = ctx.store.network();
	const empty: SendingOverview = {
		waves: [],
		problems: [],
		withoutInvitation: 0,
		remindable: 0,
		remindableNotStarted: 0,
		unreachable: [],
		latest: { invitation: '', reminder: '' }
	};
	if (!s) return empty;
	const totals = new Map<string, WaveTotals>();
	for (const m of s.outbox.values()) {
		const t = totals.get(m.waveId) ?? emptyTotals();
		t[m.state]++;
		totals.set(m.waveId, t);
	}
	const waves = [...s.waves.values()].map((w) => {
		const t = (w.totals as WaveTotals | null) ?? totals.get(w.id) ?? emptyTotals();
		return { ...w, totals: t, total: Object.values(t).reduce((a, b) => a + b, 0) };
	});
	const people = new Map(network.respondents.map((r) => [r.id, r]));
	const problems: Problem[] = [];
	for (const m of s.outbox.values()) {
		if (m.state !== 'refused' && m.state !== 'failed' && m.state !== 'skipped') continue;
		const inv = s.invitations.get(m.invitationId);
		const person = inv ? people.get(inv.respondentId) : undefined;
		// Skipped because they answered or declined is no problem.
		if (m.state === 'skipped' && inv && person && (submitted(s, inv) || inv.declinedAt !== null)) continue;
		problems.push({
			messageId: m.id,
			kind: m.kind,
			state: m.state,
			respondentId: person?.id ?? null,
			name: person?.name ?? '(gewist)',
			to: m.to || person?.email || '',
			result: m.result,
			updatedAt: m.updatedAt,
			addressWrong: person?.emailWrongAt != null,
			resendable: !!inv && reasonNotToSend(s, inv, m.kind, person) === null
		});
	}
	problems.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
	const unreachable: SendingOverview['unreachable'] = [];
	for (const inv of s.invitations.values()) {
		const person = people.get(inv.respondentId);
		if (!person || submitted(s, inv) || inv.declinedAt !== null) continue;
		if (person.email && person.emailWrongAt === null) continue;
		unreachable.push({
			respondentId: person.id,
			name: person.name || 'Deelnemer zonder naam',
			reason: person.email ? `${person.email} is gemarkeerd als onjuist` : 'geen e-mailadres'
		});
	}
	unreachable.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
	const open = round.status === 'open' && !isRoundClosed(round, ctx.now());
	return {
		waves,
		problems,
		withoutInvitation: open ? recipientsOf(s, network, 'invitation', false).length : 0,
		remindable: open ? recipientsOf(s, network, 'reminder', false).length : 0,
		remindableNotStarted: open ? recipientsOf(s, network, 'reminder', true).length : 0,
		unreachable: open ? unreachable : [],
		latest: { invitation: latestOf(s, 'invitation')?.id ?? '', reminder: latestOf(s, 'reminder')?.id ?? '' }
	};
}

export const newWaveId = () => randomId('w');

export type SendLogRow = {
	name: string;
	to: string;
	kind: MailKind;
	state: OutboxMessage['state'];
	result: string;
	at: string;
};

/**
 * Every message of one sending with its result, for the admin who wants to see the SMTP server's
 * answer per person (names and addresses, never a link). Empty after close: the messages are gone.
 */
export async function sendLog(ctx: DomainContext, roundId: string, waveId: string): Promise<SendLogRow[] | null> {
	const s = await ctx.store.round(roundId);
	if (!s?.waves.has(waveId)) return null;
	const people = new Map(ctx.store.network().respondents.map((r) => [r.id, r]));
	const rows: SendLogRow[] = [];
	for (const m of s.outbox.values()) {
		if (m.waveId !== waveId) continue;
		const inv = s.invitations.get(m.invitationId);
		const person = inv ? people.get(inv.respondentId) : undefined;
		rows.push({
			name: person?.name ?? '(gewist)',
			to: m.to || person?.email || '',
			kind: m.kind,
			state: m.state,
			result: m.result,
			at: m.updatedAt
		});
	}
	return rows.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
