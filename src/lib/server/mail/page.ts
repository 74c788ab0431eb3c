/** What the round's e-mail pages show (routes/admin/rounds/[id]/e-mail): read only. */
import type { DomainContext } from '../context';
import { mailStatus, type MailStatus } from './test-message';
import { newWaveId, sendingOverview, type SendingOverview } from './outbox';
import { MASKED_LINK, previewMail, previewPeople, type PreviewPerson } from './texts';
import type { Rendered } from './render';
import { roundPhase, roundPhaseLabels, type RoundPhase } from '$lib/model/round-phase';
import { roundMailTexts, type RoundMail } from '$lib/model/mail-texts';
import type { MailKind } from '$lib/model/outbox';

export type MailRound = {
	id: string;
	name: string;
	phase: RoundPhase;
	phaseLabel: string;
	opensAt: string;
	closesAt: string;
	mail: RoundMail;
	/** The texts are the defaults: the round never saved its own. */
	defaultTexts: boolean;
};

function mailRound(ctx: DomainContext, roundId: string): MailRound | null {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round) return null;
	const phase = roundPhase(round, ctx.now());
	return {
		id: round.id,
		name: round.name,
		phase,
		phaseLabel: roundPhaseLabels[phase],
		opensAt: round.opensAt,
		closesAt: round.closesAt,
		mail: roundMailTexts(round),
		defaultTexts: !round.mail
	};
}

export type SendingPage = {
	round: MailRound;
	status: MailStatus;
	sending: SendingOverview;
	/** A fresh wave id per rendered form: the same form posted twice makes one wave. */
	waveId: string;
	/** Whether something is still going out (the page refreshes itself meanwhile). */
	busy: boolean;
};

export async function sendingPage(ctx: DomainContext, roundId: string): Promise<SendingPage | null> {
	const round = mailRound(ctx, roundId);
	const stored = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round || !stored) return null;
	const sending = await sendingOverview(ctx, stored);
	const busy = sending.waves.some((w) => w.totals.queued + w.totals.sending > 0);
	return { round, status: mailStatus(), sending, waveId: newWaveId(), busy };
}

export type TextsPage = {
	round: MailRound;
	status: MailStatus;
	people: PreviewPerson[];
	preview: { kind: MailKind; personId: string; mail: (Rendered & { to: string }) | null; maskedLink: string };
};

export async function textsPage(
	ctx: DomainContext,
	roundId: string,
	asked: { personId: string | null; kind: MailKind },
	origin: string
): Promise<TextsPage | null> {
	const round = mailRound(ctx, roundId);
	const stored = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round || !stored) return null;
	const people = await previewPeople(ctx, stored);
	const personId = people.some((p) => p.id === asked.personId) ? asked.personId! : (people[0]?.id ?? '');
	return {
		round,
		status: mailStatus(),
		people,
		preview: {
			kind: asked.kind,
			personId,
			mail: previewMail(ctx, stored, round.mail, asked.kind, personId || null, origin),
			maskedLink: `${origin}${MASKED_LINK}`
		}
	};
}

/** The round page's line about e-mail: whether it is on, and how far the sending is. */
export async function mailSummary(
	ctx: DomainContext,
	roundId: string
): Promise<{ state: 'off' } | { state: 'invalid'; problem: string } | { state: 'on'; summary: string }> {
	const status = mailStatus();
	if (status.state !== 'on') return status;
	const page = await sendingPage(ctx, roundId);
	if (!page) return { state: 'on', summary: '' };
	const total = { sent: 0, all: 0, problems: page.sending.problems.length };
	for (const w of page.sending.waves) {
		total.sent += w.totals.sent;
		total.all += w.total;
	}
	const planned = page.sending.waves.filter((w) => w.materialisedAt === null && !w.cancelledAt).length;
	const parts = [
		total.all === 0 ? 'Er is nog geen e-mail verstuurd.' : `${total.sent} van ${total.all} berichten verstuurd.`,
		total.problems ? `${total.problems} niet aangekomen.` : '',
		planned ? `${planned === 1 ? 'Eén verzending' : `${planned} verzendingen`} gepland.` : ''
	];
	return { state: 'on', summary: parts.filter(Boolean).join(' ') };
}
