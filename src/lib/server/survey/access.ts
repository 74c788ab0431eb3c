import type { Store } from '../store';
import type { Network, Partner, Respondent } from '$lib/model/network';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { Invitation, Round } from '$lib/model/round';
import * as questionnaires from '../questionnaires';
import { parseSurveyToken } from '../tokens';
import { formatDate, formatMoment } from '$lib/format';
import type { FeedbackView } from '$lib/model/survey-view';
import { finalResultsView } from './feedback';

/** Everything a survey request needs to know about the link it came in with. */
export type SurveyContext = {
	network: Network;
	round: Round;
	questionnaire: Questionnaire;
	invitation: Invitation;
	respondent: Respondent;
	partner: Partner | null;
};

/** Why a link does not open the survey, in words for the respondent; a closed round adds its results. */
export type SurveyRefusal = { status: 403 | 404 | 410; message: string; detail: string; results?: FeedbackView };

export type SurveyAccess = { ok: true; ctx: SurveyContext } | { ok: false; refusal: SurveyRefusal };

/** A round stops taking answers at its closing time even before someone marks it closed. */
export const isRoundClosed = (round: Round, now: Date) =>
	round.status === 'closed' || Date.parse(round.closesAt) <= now.getTime();

export const isRoundNotYetOpen = (round: Round, now: Date) =>
	round.status === 'draft' || Date.parse(round.opensAt) > now.getTime();

/** For the survey, closing.ts and comments.ts, which take a store; the lookup itself is questionnaires.forRound. */
export const findQuestionnaire = (store: Store, round: Round): Questionnaire | undefined =>
	questionnaires.forRound(store.network(), round);

function contactSentence(network: Network | null): string {
	const team = network ? `het regiobureau van ${network.name}` : 'het regiobureau';
	return network?.contactEmail
		? `neem dan contact op met ${team}: ${network.contactEmail}.`
		: `neem dan contact op met ${team} of met degene die u de uitnodiging stuurde.`;
}

export function unknownLink(network: Network | null): SurveyRefusal {
	return {
		status: 404,
		message: 'Deze link werkt niet (meer)',
		detail:
			'Controleer of u de hele link uit uw uitnodiging heeft gebruikt: in sommige e-mailprogramma’s ' +
			'valt een lange link in twee stukken uiteen. Werkt het dan nog niet, ' +
			contactSentence(network)
	};
}

export function closedRound(round: Round, network: Network | null): SurveyRefusal {
	return {
		status: 410,
		message: 'Deze meetronde is gesloten',
		detail:
			`De meetronde ${round.name} is gesloten sinds ${formatDate(round.closedAt ?? round.closesAt)}. ` +
			'U kunt de vragenlijst niet meer invullen of wijzigen. Antwoorden die vóór de sluiting zijn ' +
			'verzonden, tellen mee in de uitkomsten; dank daarvoor. Heeft u vragen, ' +
			contactSentence(network)
	};
}

function notYetOpen(round: Round, now: Date): SurveyRefusal {
	const when =
		Date.parse(round.opensAt) > now.getTime()
			? `De meetronde ${round.name} opent op ${formatMoment(round.opensAt)}.`
			: `De meetronde ${round.name} is nog niet geopend.`;
	return {
		status: 403,
		message: 'Deze vragenlijst is nog niet geopend',
		detail: `${when} Bewaar deze link: vanaf dan kunt u hiermee de vragenlijst invullen.`
	};
}

/**
 * Opens the survey behind a link. Only the round named in the token is read, and the secret is
 * compared by its hash, so an unknown link costs the same however many rounds exist.
 */
export async function openSurvey(store: Store, token: string, now = new Date()): Promise<SurveyAccess> {
	const file = store.network();
	const refuse = (refusal: SurveyRefusal): SurveyAccess => ({ ok: false, refusal });
	const parsed = parseSurveyToken(token);
	const round = parsed && file.rounds.find((r) => r.id === parsed.roundId);
	if (!parsed || !round) return refuse(unknownLink(file.network));
	const state = await store.round(round.id);
	const invitation = state?.invitationByTokenHash(parsed.tokenHash);
	const respondent = invitation && file.respondents.find((r) => r.id === invitation.respondentId);
	if (!invitation || !respondent) return refuse(unknownLink(file.network));
	const questionnaire = findQuestionnaire(store, round);
	if (isRoundClosed(round, now)) {
		const results = questionnaire && (await finalResultsView(store, round, questionnaire));
		return refuse({ ...closedRound(round, file.network), ...(results ? { results } : {}) });
	}
	if (isRoundNotYetOpen(round, now)) return refuse(notYetOpen(round, now));
	if (!questionnaire || !file.network)
		throw new Error(`Ronde ${round.id} verwijst naar een onbekende vragenlijst of er is geen netwerk.`);
	return {
		ok: true,
		ctx: {
			network: file.network,
			round,
			questionnaire,
			invitation,
			respondent,
			partner: file.partners.find((p) => p.id === respondent.partnerId) ?? null
		}
	};
}
