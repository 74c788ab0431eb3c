import {
	bodySchema,
	networkSchema,
	partnerSchema,
	respondentSchema,
	type Body,
	type Network,
	type Partner,
	type Respondent
} from '$lib/model/network';
import { DONT_KNOW, type Questionnaire } from '$lib/model/questionnaire';
import { surveyResponseSchema, type SurveyResponse } from '$lib/model/response';
import { invitationSchema, roundSchema, type Invitation, type Round } from '$lib/model/round';
import { builtInQuestionnaires, samenwerkingsscan, samenwerkingsscan2 } from '$lib/questionnaires';
import { surveyToken } from '$lib/server/tokens';
import { linkKey } from '$lib/server/link-key';
import { perspectiveOf, simulateAnswers, type AnswerProfile } from './answers';
import { buildBodies } from './bodies';
import { createCommentPicker } from './comments';
import { demoPartners } from './partners';
import { createRng, type Rng } from './random';
import { buildRespondents, type DemoPerson } from './respondents';
import { planRounds } from './rounds';

export type DemoRound = { round: Round; invitations: Invitation[]; responses: SurveyResponse[] };

export type DemoData = {
	network: Network;
	partners: Partner[];
	bodies: Body[];
	respondents: Respondent[];
	questionnaires: Questionnaire[];
	rounds: DemoRound[];
	/** Plain tokens of the open round, to print as survey links; never stored. */
	openRoundLinks: { respondentId: string; token: string; answered: boolean }[];
};

export const DEMO_SEED = 2025;

const MINUTE = 60 * 1000;

/**
 * The demo network: a fictitious Regio Zwolle with three rounds of the Samenwerkingsscan: the
 * oldest asked version 1, the latest closed round and the open round version 2, so the latest
 * closed round compares with the one before it on the items both versions share.
 * Pure apart from the survey-link secrets, which are random so that demo links cannot be
 * guessed; everything else is the same for the same seed and `now`.
 */
/** `linkKey`: the key the open round's links are derived from (link-key.ts), as for any round. */
export function buildDemo(options: { now: Date; seed?: number; linkKey?: Buffer }): DemoData {
	const { now } = options;
	const key = options.linkKey ?? linkKey();
	const rng = createRng(options.seed ?? DEMO_SEED);
	const questionnaireOf = (roundIndex: number) => (roundIndex === 0 ? samenwerkingsscan : samenwerkingsscan2);

	const network = networkSchema.parse({
		id: 'regio-zwolle-demo',
		name: 'Regio Zwolle (demo)',
		description:
			'Fictieve demonstratiegegevens, gemodelleerd naar Regio Zwolle: 22 gemeenten in vier ' +
			'provincies, de Economic Board, onderwijs, ondernemers en taakpartners. De deelnemers, ' +
			'hun namen en alle antwoorden zijn verzonnen; ze zeggen niets over de echte regio.',
		isDemo: true,
		kAnonymity: 5,
		contactEmail: 'regiobureau@demo.invalid'
	});
	const partners = demoPartners.map((p) => partnerSchema.parse(p.partner));
	const bodies = buildBodies().map((b) => bodySchema.parse(b));
	const people = buildRespondents(rng.fork('respondents'), demoPartners);
	const respondents = people.map((p) => respondentSchema.parse(p.respondent));

	const partnerTypes = new Map(partners.map((p) => [p.id, p.type]));
	const personRng = rng.fork('people');
	const profiles: AnswerProfile[] = people.map(({ respondent, segment, isCentre }) => ({
		role: respondent.role,
		partnerType: partnerTypes.get(respondent.partnerId)!,
		segment,
		isCentre,
		person: personRng.normal(0, 0.4)
	}));

	const responseIds = new Set<string>();
	const openRoundLinks: DemoData['openRoundLinks'] = [];
	const rounds = planRounds(now, questionnaireOf).map((plan, roundIndex): DemoRound => {
		// Each round keeps the k it opened with, as rounds opened in the app do (round-lifecycle.ts).
		const round = roundSchema.parse({ ...plan, k: network.kAnonymity });
		const roundRng = rng.fork(`round:${round.id}`);
		const ctx: RoundContext = {
			rng: roundRng,
			round,
			roundIndex,
			questionnaire: questionnaireOf(roundIndex),
			now,
			responseIds,
			pickComment: createCommentPicker(roundRng.fork('comments'))
		};
		const invitations: Invitation[] = [];
		const responses: SurveyResponse[] = [];
		people.forEach((person, i) => {
			const outcome = decideOutcome(roundRng, round, roundIndex, person);
			const response = outcome && simulateResponse(ctx, person, profiles[i], outcome);
			const open = round.status === 'open';
			const id = roundRng.id('u');
			const { token, tokenHash } = surveyToken(key, round.id, id);
			invitations.push(
				invitationSchema.parse({
					id,
					roundId: round.id,
					respondentId: person.respondent.id,
					tokenHash,
					createdAt: round.opensAt,
					// Closed rounds keep no link between who was invited and what was answered.
					responseId: open && response ? response.id : null
				})
			);
			if (response) responses.push(response);
			if (open) openRoundLinks.push({ respondentId: person.respondent.id, token, answered: !!response });
		});
		// Without the link, the order of responses must not give away whose they are either.
		if (round.status === 'closed') responses.sort((a, b) => (a.id < b.id ? -1 : 1));
		return { round, invitations, responses };
	});

	return {
		network,
		partners,
		bodies,
		respondents,
		questionnaires: [...builtInQuestionnaires],
		rounds,
		openRoundLinks
	};
}

type RoundContext = {
	rng: Rng;
	round: Round;
	roundIndex: number;
	questionnaire: Questionnaire;
	now: Date;
	responseIds: Set<string>;
	pickComment: ReturnType<typeof createCommentPicker>;
};

type Outcome = 'submitted' | 'draft';

/** Closed rounds: about two in three responded. The open round is partly answered so far. */
function decideOutcome(rng: Rng, round: Round, roundIndex: number, person: DemoPerson): Outcome | null {
	const u = rng.next();
	if (round.status === 'open') return u < 0.35 ? 'submitted' : u < 0.43 ? 'draft' : null;
	// Response rose a little as the monitor became known.
	const base = roundIndex === 0 ? 0.62 : 0.66;
	const role = person.respondent.role;
	// Civil servants fill in surveys a little more faithfully than administrators.
	const rate = base + (role === 'ambtelijk' ? 0.03 : role === 'bestuurlijk' ? -0.05 : -0.1);
	return u < rate ? 'submitted' : null;
}

function simulateResponse(ctx: RoundContext, person: DemoPerson, who: AnswerProfile, outcome: Outcome): SurveyResponse {
	const { rng, round, questionnaire } = ctx;
	const sections = questionnaire.sections;
	const step = outcome === 'draft' ? rng.int(1, sections.length - 1) : sections.length - 1;
	const answers = simulateAnswers(rng, questionnaire, who, ctx.roundIndex, outcome === 'draft' ? step : null);

	const comments: Record<string, string> = {};
	if (rng.chance(0.18)) {
		const candidates = sections.filter((s, i) => s.commentLabel !== null && (outcome === 'submitted' || i < step));
		for (const section of rng.shuffle(candidates).slice(0, rng.chance(0.2) ? 2 : 1)) {
			const levels = section.items
				.filter((item) => item.id in answers && answers[item.id] !== DONT_KNOW)
				.map((item) => {
					const v = answers[item.id];
					return item.reversed ? questionnaire.scale.points + 1 - v : v;
				});
			if (levels.length === 0) continue;
			const level = levels.reduce((a, b) => a + b, 0) / levels.length;
			const text = ctx.pickComment(perspectiveOf(section), level, who);
			if (text) comments[section.id] = text;
		}
	}

	const start = Date.parse(round.opensAt);
	const end = Math.min(Date.parse(round.closesAt), ctx.now.getTime());
	// Most people answer soon after the invitation; the rest trickle in.
	const created = start + (end - start) * rng.next() ** 1.6;
	const minutes = outcome === 'submitted' ? rng.int(6, 30) : rng.int(2, 15);
	const updated = Math.min(end, created + minutes * MINUTE);

	let id = rng.id('r');
	while (ctx.responseIds.has(id)) id = rng.id('r');
	ctx.responseIds.add(id);

	return surveyResponseSchema.parse({
		id,
		roundId: round.id,
		profile: {
			partnerId: person.respondent.partnerId,
			role: person.respondent.role,
			bodyIds: [...person.respondent.bodyIds]
		},
		answers,
		comments,
		status: outcome,
		step,
		createdAt: new Date(created).toISOString(),
		updatedAt: new Date(updated).toISOString(),
		submittedAt: outcome === 'submitted' ? new Date(updated).toISOString() : null
	});
}
