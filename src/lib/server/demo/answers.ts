import type { PartnerType, Role } from '$lib/model/network';
import {
	DONT_KNOW,
	perspectiveIds,
	type PerspectiveId,
	type Questionnaire,
	type Section
} from '$lib/model/questionnaire';
import type { Segment } from './partners';
import { hash32, type Rng } from './random';

/** What the simulation knows about the person answering. */
export type AnswerProfile = {
	role: Role;
	partnerType: PartnerType;
	segment: Segment;
	isCentre: boolean;
	/** Lasting optimism of this person, the same in every round, so answers hang together. */
	person: number;
};

/**
 * Centre of the level (1..5, critical items already turned around) per perspective in the
 * latest closed round: the shared ambition is strongest, how it is organised weakest. After the
 * role and segment effects below, the means come out near 3.9, 3.6, 3.4, 3.1 and 2.9.
 */
export const sectionLevel: Record<PerspectiveId, number> = {
	inhoud: 3.92,
	relatie: 3.66,
	proces: 3.48,
	belangen: 3.15,
	governance: 2.93
};

/** Change against `sectionLevel` per round, oldest first: process and relations improved most. */
export const roundShift: Record<PerspectiveId, number>[] = [
	{ inhoud: -0.1, proces: -0.28, relatie: -0.25, belangen: -0.08, governance: -0.05 },
	{ inhoud: 0, proces: 0, relatie: 0, belangen: 0, governance: 0 },
	{ inhoud: 0.05, proces: 0.1, relatie: 0.05, belangen: 0.05, governance: 0.12 }
];

/** Bestuurders see the collaboration about 0.35 points more positively than ambtenaren. */
const roleShift: Record<Role, number> = {
	bestuurlijk: 0.22,
	directie: 0.15,
	'raad-staten': 0,
	ambtelijk: -0.17,
	overig: 0
};

const segmentShift: Partial<Record<Segment, Partial<Record<PerspectiveId, number>>>> = {
	// The centre municipality owns much of the agenda and is at every table.
	centre: { inhoud: 0.5, governance: 0.6, belangen: 0.2 },
	'small-gemeente': { governance: -0.2, belangen: -0.15 },
	// Schools and businesses find the government pace slow.
	onderwijs: { proces: -0.2 },
	ondernemers: { proces: -0.3, inhoud: 0.1 },
	provincie: { inhoud: 0.1 }
};

/**
 * Items on which the network is split in two camps: the `negative` camp answers around 1–2 on
 * the level scale, the rest around 4–5. Each follows a different fault line.
 */
export const dividedItems: { itemId: string; negative: (p: AnswerProfile) => boolean }[] = [
	{
		// Version 1, reversed ("te veel invloed"): the other municipalities agree, Zwolle and the
		// non-government partners, who gain from a strong centre, disagree.
		itemId: 'governance-rol-centrumgemeente',
		negative: (p) => p.partnerType === 'gemeente' && !p.isCentre
	},
	{
		// Version 2 asks the same fault line in balanced words ("in balans met die van de andere partners").
		itemId: 'governance-invloed-centrumgemeente',
		negative: (p) => p.partnerType === 'gemeente' && !p.isCentre
	},
	{
		// Small organisations pay in scarce people; the large partners collect the gains. Version 2
		// marks it as about the own organisation: the split shows on the statement, but the
		// dashboard counts it as no division about the collaboration.
		itemId: 'belangen-opbrengst-inzet',
		negative: (p) => p.segment === 'small-gemeente' || p.segment === 'onderwijs' || p.segment === 'ondernemers'
	},
	{
		// The civil servants of municipalities and provinces have to do the translating.
		itemId: 'governance-ambtelijke-vertaling',
		negative: (p) => p.role === 'ambtelijk' && (p.partnerType === 'gemeente' || p.partnerType === 'provincie')
	}
];

/**
 * What the statements that version 2 added tell, on top of their section's mood: the regiobureau
 * is stretched thin; partners mostly join because they want to, small municipalities less so;
 * raads- en Statenleden hear late of agreements (their own answers show it most); small
 * municipalities find the agenda too wide for their few people; civil servants see least of the
 * ambition coming back in their own organisation.
 */
export const itemShift: Record<string, (p: AnswerProfile) => number> = {
	'proces-capaciteit-regiobureau': (p) => -0.45 + (p.segment === 'centre' ? 0.2 : 0),
	'belangen-uit-eigen-wil': (p) => 0.4 - (p.segment === 'small-gemeente' ? 0.35 : 0),
	'governance-raden-staten': (p) => -0.3 - (p.role === 'raad-staten' ? 0.7 : 0),
	'inhoud-omvang-agenda': (p) => (p.segment === 'small-gemeente' ? -0.35 : 0),
	'inhoud-ambitie-vervolg': (p) => (p.role === 'ambtelijk' ? -0.2 : 0)
};

const DIVIDED_LOW = 1.7;
const DIVIDED_HIGH = 4.3;

export const perspectiveOf = (section: Section): PerspectiveId =>
	section.perspective ??
	(perspectiveIds.includes(section.id as PerspectiveId) ? (section.id as PerspectiveId) : 'inhoud');

/** A fixed small offset per item, so items within a section are not identical. */
function itemOffset(itemId: string): number {
	return ((hash32(itemId) % 1000) / 1000 - 0.5) * 0.3;
}

function dontKnowChance(p: AnswerProfile, perspective: PerspectiveId): number {
	let chance = 0.035;
	// Civil servants often do not see how the administrative side decides.
	if (p.role === 'ambtelijk' && perspective === 'governance') chance += 0.08;
	if (p.role === 'ambtelijk' && perspective === 'belangen') chance += 0.02;
	if (p.role === 'raad-staten' || p.role === 'directie') chance += 0.04;
	return chance;
}

/**
 * Answers of one person in one round. With `draftStep`, only the sections before that step are
 * (mostly) answered and a few items are skipped, as a respondent who stopped halfway would.
 */
export function simulateAnswers(
	rng: Rng,
	questionnaire: Questionnaire,
	who: AnswerProfile,
	roundIndex: number,
	draftStep: number | null = null
): Record<string, number> {
	const points = questionnaire.scale.points;
	const shift = roundShift[Math.min(roundIndex, roundShift.length - 1)];
	const answers: Record<string, number> = {};
	questionnaire.sections.forEach((section, sectionIndex) => {
		if (draftStep !== null && sectionIndex > draftStep) return;
		const perspective = perspectiveOf(section);
		const mood =
			sectionLevel[perspective] +
			shift[perspective] +
			roleShift[who.role] +
			(segmentShift[who.segment]?.[perspective] ?? 0) +
			who.person +
			rng.normal(0, 0.25);
		const offsets = section.items.map((item) => itemOffset(item.id));
		const meanOffset = offsets.reduce((a, b) => a + b, 0) / offsets.length;
		// The section the draft stopped in is only partly filled in.
		const answeredHere =
			draftStep !== null && sectionIndex === draftStep ? rng.int(0, section.items.length - 1) : section.items.length;
		section.items.forEach((item, i) => {
			if (i >= answeredHere) return;
			if (draftStep !== null && rng.chance(0.08)) return;
			if (rng.chance(dontKnowChance(who, perspective))) {
				answers[item.id] = DONT_KNOW;
				return;
			}
			const divide = dividedItems.find((d) => d.itemId === item.id);
			const latent = divide
				? (divide.negative(who) ? DIVIDED_LOW : DIVIDED_HIGH) + 0.3 * who.person + rng.normal(0, 0.6)
				: mood + offsets[i] - meanOffset + (itemShift[item.id]?.(who) ?? 0) + rng.normal(0, 0.7);
			const level = Math.min(points, Math.max(1, Math.round(latent)));
			// A positive person agrees less with a critical statement.
			answers[item.id] = item.reversed ? points + 1 - level : level;
		});
	});
	return answers;
}
