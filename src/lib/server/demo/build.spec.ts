import { describe, expect, it } from 'vitest';
import { bodySchema, networkSchema, partnerSchema, respondentSchema } from '$lib/model/network';
import { questionnaireSchema } from '$lib/model/questionnaire';
import { surveyResponseSchema, type SurveyResponse } from '$lib/model/response';
import { invitationSchema, roundSchema } from '$lib/model/round';
import { samenwerkingsscan, samenwerkingsscan2 } from '$lib/questionnaires';
import { sha256 } from '$lib/server/tokens';
import { dividedItems, itemShift } from './answers';
import { buildDemo } from './build';

const now = new Date('2026-03-03T10:00:00Z');
const demo = buildDemo({ now });
const [first, second, open] = demo.rounds;
const closed = [first, second];

/** The questionnaire of each round: version 1 for the oldest, version 2 for the latest closed and the open one. */
const versions = [samenwerkingsscan, samenwerkingsscan2, samenwerkingsscan2];
const idsOf = (q: typeof samenwerkingsscan) => new Set(q.sections.flatMap((s) => s.items.map((i) => i.id)));
// Ids shared by both versions keep their meaning, so one map serves every round.
const itemInfo = new Map(
	versions.flatMap((q) =>
		q.sections.flatMap((s) => s.items.map((i) => [i.id, { section: s.id, reversed: i.reversed }]))
	)
);

/** Mean level (critical items turned around, "weet niet" left out) of submitted answers. */
function meanLevel(responses: SurveyResponse[], include: (itemId: string, r: SurveyResponse) => boolean): number {
	let sum = 0;
	let n = 0;
	for (const r of responses.filter((x) => x.status === 'submitted'))
		for (const [id, v] of Object.entries(r.answers)) {
			if (v === 0 || !include(id, r)) continue;
			sum += itemInfo.get(id)!.reversed ? 6 - v : v;
			n++;
		}
	return sum / n;
}
const inSection = (section: string) => (id: string) => itemInfo.get(id)!.section === section;

describe('demo network', () => {
	it('is clearly marked as fictitious demo data', () => {
		expect(networkSchema.parse(demo.network)).toEqual(demo.network);
		expect(demo.network.isDemo).toBe(true);
		expect(demo.network.name).toBe('Regio Zwolle (demo)');
		expect(demo.network.description).toMatch(/fictie/i);
	});

	it('has about 40 partners, among them 22 municipalities with Zwolle as the one centre', () => {
		expect(demo.partners.length).toBeGreaterThanOrEqual(38);
		expect(demo.partners.length).toBeLessThanOrEqual(45);
		for (const p of demo.partners) expect(partnerSchema.parse(p)).toEqual(p);
		expect(new Set(demo.partners.map((p) => p.id)).size).toBe(demo.partners.length);
		const gemeenten = demo.partners.filter((p) => p.type === 'gemeente');
		expect(new Set(gemeenten.map((p) => p.name)).size).toBe(22);
		expect(demo.partners.filter((p) => p.isCentre).map((p) => p.id)).toEqual(['zwolle']);
		expect(demo.partners.filter((p) => p.type === 'provincie')).toHaveLength(4);
		for (const type of ['economic-board', 'onderwijs', 'ondernemers', 'waterschap', 'uwv', 'sbb', 'vakbond', 'rijk'])
			expect(
				demo.partners.some((p) => p.type === type),
				type
			).toBe(true);
	});

	it('has about 550 respondents, about 200 bestuurlijk and 350 ambtelijk', () => {
		const count = (role: string) => demo.respondents.filter((r) => r.role === role).length;
		expect(demo.respondents.length).toBeGreaterThanOrEqual(530);
		expect(demo.respondents.length).toBeLessThanOrEqual(570);
		expect(count('bestuurlijk')).toBeGreaterThanOrEqual(185);
		expect(count('bestuurlijk')).toBeLessThanOrEqual(215);
		expect(count('ambtelijk')).toBeGreaterThanOrEqual(330);
		expect(count('ambtelijk')).toBeLessThanOrEqual(370);
		expect(count('raad-staten')).toBeGreaterThan(0);
		expect(count('directie')).toBeGreaterThan(0);
		for (const r of demo.respondents) expect(respondentSchema.parse(r)).toEqual(r);
		expect(new Set(demo.respondents.map((r) => r.id)).size).toBe(demo.respondents.length);
		const emails = demo.respondents.map((r) => r.email);
		expect(new Set(emails).size).toBe(emails.length);
		for (const e of emails) expect(e).toMatch(/^[a-z.-]+\d*@demo\.invalid$/);
	});

	it('gives Zwolle and the provinces more people than a small municipality', () => {
		const size = (id: string) => demo.respondents.filter((r) => r.partnerId === id).length;
		expect(size('zwolle')).toBeGreaterThan(35);
		expect(size('provincie-overijssel')).toBeGreaterThan(20);
		for (const id of ['hattem', 'urk', 'staphorst', 'olst-wijhe']) {
			expect(size(id)).toBeGreaterThanOrEqual(5);
			expect(size(id)).toBeLessThanOrEqual(15);
		}
	});

	it('pairs every bestuurlijk body with an ambtelijk counterpart that points back', () => {
		const byId = new Map(demo.bodies.map((b) => [b.id, b]));
		expect(demo.bodies.length).toBeGreaterThanOrEqual(10);
		for (const body of demo.bodies) {
			expect(bodySchema.parse(body)).toEqual(body);
			const counterpart = byId.get(body.counterpartId!);
			expect(counterpart?.counterpartId, body.id).toBe(body.id);
			expect(counterpart?.kind).not.toBe(body.kind);
		}
	});

	it('seats every respondent in 1–3 bodies that match their role', () => {
		const kind = new Map(demo.bodies.map((b) => [b.id, b.kind]));
		for (const r of demo.respondents) {
			expect(r.bodyIds.length, r.id).toBeGreaterThanOrEqual(1);
			expect(r.bodyIds.length, r.id).toBeLessThanOrEqual(3);
			const expected = r.role === 'ambtelijk' ? 'ambtelijk' : 'bestuurlijk';
			for (const b of r.bodyIds) expect(kind.get(b), `${r.id} in ${b}`).toBe(expected);
		}
		// Every body has members.
		const seated = new Set(demo.respondents.flatMap((r) => r.bodyIds));
		for (const b of demo.bodies) expect(seated.has(b.id), b.id).toBe(true);
	});

	it('ships the built-in questionnaires', () => {
		expect(demo.questionnaires.map((q) => q.id)).toContain('samenwerkingsscan');
		for (const q of demo.questionnaires) questionnaireSchema.parse(q);
	});
});

describe('demo rounds', () => {
	it('are two closed rounds a year or more ago and one open round around now', () => {
		expect(demo.rounds.map((r) => r.round.status)).toEqual(['closed', 'closed', 'open']);
		for (const { round } of demo.rounds) {
			expect(roundSchema.parse(round)).toEqual(round);
			expect(round.id).toMatch(/^(voorjaar|najaar)-\d{4}$/);
			expect(round.questionnaireId).toBe('samenwerkingsscan');
		}
		expect(demo.rounds.map((r) => r.round.questionnaireVersion)).toEqual(versions.map((q) => q.version));
		expect(new Set(demo.rounds.map((r) => r.round.id)).size).toBe(3);
		const monthsAgo = (iso: string) => (now.getTime() - Date.parse(iso)) / (30.4 * 864e5);
		expect(monthsAgo(first.round.opensAt)).toBeCloseTo(18, 0);
		expect(monthsAgo(second.round.opensAt)).toBeCloseTo(12, 0);
		for (const r of closed) expect(Date.parse(r.round.closedAt!)).toBeLessThan(now.getTime());
		expect(Date.parse(open.round.opensAt)).toBeLessThan(now.getTime());
		expect(Date.parse(open.round.closesAt)).toBeGreaterThan(now.getTime());
	});

	it('invite every respondent in every round, with valid invitations and responses', () => {
		for (const { round, invitations, responses } of demo.rounds) {
			expect(invitations.map((i) => i.respondentId).sort()).toEqual(demo.respondents.map((r) => r.id).sort());
			for (const i of invitations) expect(invitationSchema.parse(i)).toEqual(i);
			for (const r of responses) {
				expect(surveyResponseSchema.parse(r)).toEqual(r);
				expect(r.roundId).toBe(round.id);
				const end = Math.min(Date.parse(round.closesAt), now.getTime());
				for (const t of [r.createdAt, r.updatedAt, r.submittedAt ?? r.updatedAt]) {
					expect(Date.parse(t)).toBeGreaterThanOrEqual(Date.parse(round.opensAt));
					expect(Date.parse(t)).toBeLessThanOrEqual(end);
				}
			}
		}
		const ids = demo.rounds.flatMap((r) => r.responses.map((x) => x.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('keep no link between invitation and response once closed, and about two in three answered', () => {
		for (const { invitations, responses } of closed) {
			expect(invitations.every((i) => i.responseId === null)).toBe(true);
			expect(responses.every((r) => r.status === 'submitted')).toBe(true);
			const rate = responses.length / invitations.length;
			expect(rate).toBeGreaterThan(0.55);
			expect(rate).toBeLessThan(0.75);
		}
	});

	it('copy the profile of the respondent into each response', () => {
		const respondents = new Map(demo.respondents.map((r) => [r.id, r]));
		for (const invitation of open.invitations.filter((i) => i.responseId)) {
			const response = open.responses.find((r) => r.id === invitation.responseId)!;
			const who = respondents.get(invitation.respondentId)!;
			expect(response.profile).toEqual({ partnerId: who.partnerId, role: who.role, bodyIds: who.bodyIds });
		}
	});

	it('leave the open round partly answered, with links for every invitation', () => {
		const submitted = open.responses.filter((r) => r.status === 'submitted');
		const drafts = open.responses.filter((r) => r.status === 'draft');
		const n = open.invitations.length;
		expect(submitted.length / n).toBeGreaterThan(0.28);
		expect(submitted.length / n).toBeLessThan(0.42);
		expect(drafts.length / n).toBeGreaterThan(0.04);
		expect(drafts.length / n).toBeLessThan(0.12);
		const itemCount = samenwerkingsscan2.sections.reduce((a, s) => a + s.items.length, 0);
		for (const d of drafts) {
			expect(d.step).toBeGreaterThan(0);
			expect(Object.keys(d.answers).length).toBeLessThan(itemCount);
		}
		for (const s of submitted) expect(Object.keys(s.answers)).toHaveLength(itemCount);

		const linked = new Set(open.invitations.map((i) => i.responseId).filter(Boolean));
		expect(linked).toEqual(new Set(open.responses.map((r) => r.id)));
		expect(demo.openRoundLinks).toHaveLength(n);
		const byRespondent = new Map(open.invitations.map((i) => [i.respondentId, i]));
		for (const link of demo.openRoundLinks) {
			const invitation = byRespondent.get(link.respondentId)!;
			expect(sha256(link.token)).toBe(invitation.tokenHash);
			expect(link.token.startsWith(`${open.round.id}.`)).toBe(true);
			expect(link.answered).toBe(invitation.responseId !== null);
		}
	});

	it('contain short, clean comments on some responses', () => {
		const all = demo.rounds.flatMap((r) => r.responses);
		const comments = all.flatMap((r) => Object.values(r.comments));
		expect(comments.length / all.length).toBeGreaterThan(0.08);
		expect(comments.length / all.length).toBeLessThan(0.35);
		expect(new Set(comments).size).toBeGreaterThan(30);
		for (const c of comments) expect(c).toMatch(/^[^<>]{10,200}$/);
		const sectionIds = new Set(samenwerkingsscan.sections.map((s) => s.id));
		for (const r of all) for (const s of Object.keys(r.comments)) expect(sectionIds.has(s)).toBe(true);
	});
});

describe('simulated answers', () => {
	it('are the same for the same seed and differ for another', () => {
		const strip = (d: ReturnType<typeof buildDemo>) => ({
			respondents: d.respondents,
			rounds: d.rounds.map((r) => ({
				round: r.round,
				responses: r.responses,
				invitations: r.invitations.map(({ tokenHash: _, ...rest }) => rest)
			}))
		});
		expect(strip(buildDemo({ now }))).toEqual(strip(demo));
		const other = buildDemo({ now, seed: 7 });
		expect(other.rounds[1].responses.map((r) => r.answers)).not.toEqual(second.responses.map((r) => r.answers));
	});

	it('rate governance lower than the shared ambition in every closed round', () => {
		for (const { responses } of closed) {
			const inhoud = meanLevel(responses, inSection('inhoud'));
			const governance = meanLevel(responses, inSection('governance'));
			expect(inhoud).toBeGreaterThan(3.7);
			expect(governance).toBeLessThan(3.1);
			expect(governance).toBeLessThan(inhoud - 0.5);
			expect(meanLevel(responses, inSection('belangen'))).toBeLessThan(inhoud);
		}
	});

	it('make bestuurders more positive than ambtenaren', () => {
		for (const { responses } of closed) {
			const b = meanLevel(responses, (_, r) => r.profile.role === 'bestuurlijk');
			const a = meanLevel(responses, (_, r) => r.profile.role === 'ambtelijk');
			expect(b - a).toBeGreaterThan(0.2);
			expect(b - a).toBeLessThan(0.55);
		}
	});

	it('improve process and relations from the first to the second round', () => {
		for (const section of ['proces', 'relatie']) {
			const gain = meanLevel(second.responses, inSection(section)) - meanLevel(first.responses, inSection(section));
			expect(gain, section).toBeGreaterThan(0.1);
			expect(gain, section).toBeLessThan(0.45);
		}
	});

	it('let the centre municipality see content and governance more positively', () => {
		const all = [...first.responses, ...second.responses];
		const zwolle = (r: SurveyResponse) => r.profile.partnerId === 'zwolle';
		for (const section of ['inhoud', 'governance']) {
			const z = meanLevel(all, (id, r) => inSection(section)(id) && zwolle(r));
			const rest = meanLevel(all, (id, r) => inSection(section)(id) && !zwolle(r));
			expect(z - rest, section).toBeGreaterThan(0.2);
		}
	});

	it('answer every item of the version each round asks, and nothing else', () => {
		demo.rounds.forEach(({ responses }, i) => {
			const ids = idsOf(versions[i]);
			for (const r of responses) for (const id of Object.keys(r.answers)) expect(ids.has(id), id).toBe(true);
		});
		// Most items are shared, so the latest closed round compares with the one before it.
		const shared = [...idsOf(samenwerkingsscan2)].filter((id) => idsOf(samenwerkingsscan).has(id));
		expect(shared.length).toBeGreaterThanOrEqual(30);
	});

	it('answer the items version 2 added plausibly', () => {
		for (const id of Object.keys(itemShift)) expect(itemInfo.has(id), id).toBe(true);
		const item = (id: string) => meanLevel(second.responses, (x) => x === id);
		// The regiobureau is stretched thin: below the rest of its section.
		expect(item('proces-capaciteit-regiobureau')).toBeLessThan(
			meanLevel(second.responses, (x) => inSection('proces')(x) && x !== 'proces-capaciteit-regiobureau') - 0.25
		);
		// Raads- en Statenleden hear late of agreements.
		expect(item('governance-raden-staten')).toBeLessThan(meanLevel(second.responses, inSection('governance')));
		expect(item('belangen-uit-eigen-wil')).toBeGreaterThan(meanLevel(second.responses, inSection('belangen')));
	});

	it('split the network in two camps on the divided items', () => {
		expect(dividedItems.map((d) => d.itemId)).toContain('governance-rol-centrumgemeente');
		expect(dividedItems.map((d) => d.itemId)).toContain('governance-invloed-centrumgemeente');
		for (const { itemId } of dividedItems) {
			expect(itemInfo.has(itemId), itemId).toBe(true);
			for (const { responses } of closed.filter((_, i) => idsOf(versions[i]).has(itemId))) {
				const values = responses.map((r) => r.answers[itemId]).filter((v) => v > 0);
				const low = values.filter((v) => v <= 2).length / values.length;
				const high = values.filter((v) => v >= 4).length / values.length;
				expect(low, itemId).toBeGreaterThan(0.3);
				expect(high, itemId).toBeGreaterThan(0.3);
			}
		}
	});

	it('answer critical items consistently with the rest', () => {
		// Positive people agree less with critical statements: level of the reversed item and
		// the mean of the others correlate positively.
		const reversed = samenwerkingsscan2.sections
			.flatMap((s) => s.items.filter((i) => i.reversed).map((i) => i.id))
			.filter((id) => !dividedItems.some((d) => d.itemId === id));
		const xs: number[] = [];
		const ys: number[] = [];
		for (const r of second.responses)
			for (const id of reversed) {
				const v = r.answers[id];
				const others = Object.entries(r.answers).filter(([k, x]) => k !== id && x > 0 && !itemInfo.get(k)!.reversed);
				if (!v || others.length === 0) continue;
				xs.push(6 - v);
				ys.push(others.reduce((a, [, x]) => a + x, 0) / others.length);
			}
		expect(correlation(xs, ys)).toBeGreaterThan(0.3);
	});

	it('answer "weet niet" about one time in twenty, more often ambtelijk on governance', () => {
		const share = (include: (id: string, r: SurveyResponse) => boolean) => {
			const values = second.responses.flatMap((r) =>
				Object.entries(r.answers)
					.filter(([id]) => include(id, r))
					.map(([, v]) => v)
			);
			return values.filter((v) => v === 0).length / values.length;
		};
		const overall = share(() => true);
		expect(overall).toBeGreaterThan(0.03);
		expect(overall).toBeLessThan(0.08);
		const ambtelijkGovernance = share((id, r) => r.profile.role === 'ambtelijk' && inSection('governance')(id));
		const bestuurlijkGovernance = share((id, r) => r.profile.role === 'bestuurlijk' && inSection('governance')(id));
		expect(ambtelijkGovernance).toBeGreaterThan(bestuurlijkGovernance + 0.03);
	});
});

function correlation(xs: number[], ys: number[]): number {
	const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
	const mx = mean(xs);
	const my = mean(ys);
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < xs.length; i++) {
		sxy += (xs[i] - mx) * (ys[i] - my);
		sxx += (xs[i] - mx) ** 2;
		syy += (ys[i] - my) ** 2;
	}
	return sxy / Math.sqrt(sxx * syy);
}
