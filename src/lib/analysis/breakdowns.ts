/**
 * Groups to break results down by, and the heatmap and perception gaps built from them.
 * Partner type, helix, role and centre-vs-rest each split respondents into disjoint groups;
 * bodies overlap (one person can sit in several), which is why privacy is audited over atoms
 * rather than per breakdown.
 */
import {
	helices,
	helixLabels,
	partnerTypeLabels,
	partnerTypes,
	roleLabels,
	roles,
	type Body,
	type Helix,
	type Partner,
	type PartnerType,
	type Role
} from '$lib/model/network';
import type { Profile } from '$lib/model/response';
import type { BreakdownRelease } from './privacy';
import { welchDifference } from './stats';
import { groupSectionMomentsOf, sectionMomentsOf, type RoundTally } from './tabulate';
import type { BreakdownRow, GroupFamily, GroupRef, Heatmap, PerceptionGap, Released, GapFigures } from './types';

export interface GroupDef extends GroupRef {
	/** Plural noun phrase for generated sentences: "bestuurders", "deelnemers van gemeenten". */
	phrase: string;
}

export const familyLabels: Record<GroupFamily, string> = {
	partnerType: 'Type partner',
	helix: 'Helix',
	role: 'Rol',
	centre: 'Centrumgemeente',
	body: 'Gremium'
};

const typePhrases: Record<PartnerType, string> = {
	gemeente: 'deelnemers van gemeenten',
	provincie: 'deelnemers van provincies',
	onderwijs: 'deelnemers uit het onderwijs',
	ondernemers: 'deelnemers van ondernemersorganisaties',
	'economic-board': 'deelnemers van de Economic Board',
	waterschap: 'deelnemers van waterschappen',
	rijk: 'deelnemers van het Rijk',
	uwv: 'deelnemers van UWV',
	sbb: 'deelnemers van SBB',
	vakbond: 'deelnemers van vakbonden',
	overig: 'deelnemers van overige partners'
};

const helixPhrases: Record<Helix, string> = {
	overheid: 'deelnemers uit de overheid',
	onderwijs: 'deelnemers uit het onderwijs',
	ondernemers: 'deelnemers uit het bedrijfsleven',
	maatschappij: 'maatschappelijke partners'
};

const rolePhrases: Record<Role, string> = {
	bestuurlijk: 'bestuurders',
	ambtelijk: 'ambtenaren',
	'raad-staten': 'raads- en statenleden',
	directie: 'directieleden',
	overig: 'overige deelnemers'
};

export interface Groups {
	defs: GroupDef[];
	indexOf(family: GroupFamily, groupId: string): number;
	/** Sorted group indices of one respondent. */
	membership(profile: Profile, partner: Partner | undefined): number[];
}

export const CENTRE = 'centrum';
export const REST = 'overig';

export function defineGroups(partners: readonly Partner[], bodies: readonly Body[]): Groups {
	const defs: GroupDef[] = [];
	const index = new Map<string, number>();
	const add = (family: GroupFamily, groupId: string, label: string, phrase: string) => {
		index.set(`${family}:${groupId}`, defs.length);
		defs.push({ family, groupId, label, phrase });
	};
	const usedTypes = new Set(partners.map((p) => p.type));
	for (const t of partnerTypes) if (usedTypes.has(t)) add('partnerType', t, partnerTypeLabels[t], typePhrases[t]);
	const usedHelices = new Set(partners.map((p) => p.helix));
	for (const h of helices) if (usedHelices.has(h)) add('helix', h, helixLabels[h], helixPhrases[h]);
	for (const r of roles) add('role', r, roleLabels[r], rolePhrases[r]);
	const centres = partners.filter((p) => p.isCentre);
	if (centres.length > 0) {
		const name = centres.length === 1 ? centres[0].name : null;
		add(
			'centre',
			CENTRE,
			name ? `Centrumgemeente (${name})` : 'Centrumgemeente',
			name ? `deelnemers van ${name}` : 'deelnemers van de centrumgemeente'
		);
		add('centre', REST, 'Overige partners', 'deelnemers van de overige partners');
	}
	for (const b of bodies) add('body', b.id, b.name, `leden van ${b.name}`);

	const at = (family: GroupFamily, id: string) => index.get(`${family}:${id}`) ?? -1;
	const centreIdx = at('centre', CENTRE);
	const restIdx = at('centre', REST);
	// Looked up once per partner, role and body rather than once per respondent.
	const byPartner = new Map<string, number[]>();
	for (const p of partners) {
		const gs = [at('partnerType', p.type), at('helix', p.helix)];
		if (centreIdx >= 0) gs.push(p.isCentre ? centreIdx : restIdx);
		byPartner.set(p.id, gs);
	}
	const byRole = new Map<string, number>(roles.map((r) => [r, at('role', r)]));
	const byBody = new Map<string, number>(bodies.map((b) => [b.id, at('body', b.id)]));
	return {
		defs,
		indexOf: at,
		membership(profile, partner) {
			const out = partner ? [...(byPartner.get(partner.id) ?? [])] : [];
			const role = byRole.get(profile.role);
			if (role !== undefined) out.push(role);
			for (const b of profile.bodyIds) {
				const g = byBody.get(b);
				if (g !== undefined && !out.includes(g)) out.push(g);
			}
			return out.sort((a, b) => a - b);
		}
	};
}

export function buildHeatmap(
	groups: Groups,
	tally: RoundTally,
	release: BreakdownRelease,
	reference: (number | null)[]
): Heatmap {
	const { sections, stride } = tally.layout;
	const rows: BreakdownRow[] = groups.defs.map((def, g) => {
		const rowReason = release.rows[g];
		return {
			family: def.family,
			groupId: def.groupId,
			label: def.label,
			result:
				rowReason === null
					? { suppressed: false, n: tally.groupN[g * stride] }
					: { suppressed: true, reason: rowReason },
			cells: sections.map((sec, s) => {
				const reason = release.sections[s][g];
				const ref = reference[s];
				if (reason !== null || ref === null)
					return { sectionId: sec.id, result: { suppressed: true, reason: reason ?? 'population' } };
				const m = groupSectionMomentsOf(tally, g, s);
				const mean = m.sum / m.n;
				return { sectionId: sec.id, result: { suppressed: false, n: m.n, mean, diff: mean - ref } };
			})
		};
	});
	const families = [...new Set(groups.defs.map((d) => d.family))].map((family) => ({
		family,
		label: familyLabels[family]
	}));
	return {
		sections: sections.map((s) => ({ sectionId: s.id, shortTitle: s.shortTitle })),
		reference,
		families,
		rows
	};
}

/** Group A against group B per section, e.g. bestuurlijk vs ambtelijk; null if either is undefined. */
export function perceptionGap(
	groups: Groups,
	tally: RoundTally,
	release: BreakdownRelease,
	a: [GroupFamily, string],
	b: [GroupFamily, string]
): PerceptionGap | null {
	const ga = groups.indexOf(...a);
	const gb = groups.indexOf(...b);
	if (ga < 0 || gb < 0) return null;
	const ref = (g: number): GroupRef => {
		const { family, groupId, label } = groups.defs[g];
		return { family, groupId, label };
	};
	return {
		a: ref(ga),
		b: ref(gb),
		sections: tally.layout.sections.map((sec, s) => {
			const reason = release.sections[s][ga] ?? release.sections[s][gb];
			let result: Released<GapFigures>;
			const ma = groupSectionMomentsOf(tally, ga, s);
			const mb = groupSectionMomentsOf(tally, gb, s);
			const d = reason === null ? welchDifference(mb, ma) : null;
			if (reason !== null || d === null) result = { suppressed: true, reason: reason ?? 'small' };
			else
				result = {
					suppressed: false,
					meanA: ma.sum / ma.n,
					nA: ma.n,
					meanB: mb.sum / mb.n,
					nB: mb.n,
					gap: d.diff,
					ciLow: d.ciLow,
					ciHigh: d.ciHigh,
					significant: d.significant
				};
			return { sectionId: sec.id, shortTitle: sec.shortTitle, result };
		})
	};
}

/** Selection means per section, null where the selection's figure is withheld. */
export function referenceMeans(tally: RoundTally, released: (s: number) => boolean): (number | null)[] {
	return tally.layout.sections.map((_, s) => {
		if (!released(s)) return null;
		const m = sectionMomentsOf(tally, s);
		return m.n > 0 ? m.sum / m.n : null;
	});
}
