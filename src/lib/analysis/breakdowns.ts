/**
 * Groups to break the whole network down by, and the heatmap and perception gaps built from
 * them. Each group is one published cell of the round (partner type, helix, role, centre or
 * rest, body), so a breakdown shows exactly what the audit at close released for that cell.
 */
import type { Helix, Partner, PartnerType, Role } from '$lib/model/network';
import { CENTRE_YES } from './published-set';
import { isWithheld, releasedOr, type CellTally, type PublishedTally } from './published-tally';
import { welchDifference } from './stats';
import type { BreakdownRow, GroupFamily, GroupRef, Heatmap, PerceptionGap, Released, GapFigures } from './types';

export interface GroupDef extends GroupRef {
	/** Plural noun phrase for generated sentences: "bestuurders", "deelnemers van gemeenten". */
	phrase: string;
	tally: CellTally;
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

const families: GroupFamily[] = ['partnerType', 'helix', 'role', 'centre', 'body'];

function describe(cell: CellTally, centres: readonly Partner[]): { label: string; phrase: string } {
	const { dimension, value, label } = cell.cell;
	const centreName = centres.length === 1 ? centres[0].name : null;
	switch (dimension) {
		case 'partnerType':
			return { label, phrase: typePhrases[value as PartnerType] ?? `deelnemers van ${label}` };
		case 'helix':
			return { label, phrase: helixPhrases[value as Helix] ?? `deelnemers uit ${label}` };
		case 'role':
			return { label, phrase: rolePhrases[value as Role] ?? label.toLowerCase() };
		case 'centre':
			if (value === CENTRE_YES)
				return centreName
					? { label: `Centrumgemeente (${centreName})`, phrase: `deelnemers van ${centreName}` }
					: { label, phrase: 'deelnemers van de centrumgemeente' };
			return { label, phrase: 'deelnemers van de overige partners' };
		default:
			return { label, phrase: `leden van ${label}` };
	}
}

/**
 * The published cells a whole-network page breaks down by, in family order (the snapshot's own
 * order within a family). Partner cells are left out: they are for partner reports.
 */
export function groupsOf(tally: PublishedTally, partners: readonly Partner[]): GroupDef[] {
	const centres = partners.filter((p) => p.isCentre);
	const out: GroupDef[] = [];
	for (const family of families)
		for (const cell of tally.cells) {
			if (cell.cell.dimension !== family || cell.cell.value === null) continue;
			out.push({ family, groupId: cell.cell.value, ...describe(cell, centres), tally: cell });
		}
	return out;
}

const refOf = ({ family, groupId, label }: GroupDef): GroupRef => ({ family, groupId, label });

export function buildHeatmap(
	groups: readonly GroupDef[],
	layout: PublishedTally['layout'],
	reference: (number | null)[]
): Heatmap {
	const { sections } = layout;
	const rows: BreakdownRow[] = groups.map((g) => ({
		...refOf(g),
		result: isWithheld(g.tally.n)
			? { suppressed: true, reason: g.tally.n.withheld }
			: { suppressed: false, n: g.tally.n.n },
		cells: sections.map((sec, s) => {
			const t = g.tally.sections[s];
			const ref = reference[s];
			if (t === null || isWithheld(t) || ref === null || t.moments.n === 0)
				return {
					sectionId: sec.id,
					result: { suppressed: true, reason: t !== null && isWithheld(t) ? t.withheld : 'population' }
				};
			const mean = t.moments.sum / t.moments.n;
			return { sectionId: sec.id, result: { suppressed: false, n: t.moments.n, mean, diff: mean - ref } };
		})
	}));
	const shown = [...new Set(groups.map((d) => d.family))].map((family) => ({ family, label: familyLabels[family] }));
	return {
		sections: sections.map((s) => ({ sectionId: s.id, shortTitle: s.shortTitle })),
		reference,
		families: shown,
		rows
	};
}

/** Group A against group B per section, e.g. bestuurlijk vs ambtelijk; null if either is not a cell. */
export function perceptionGap(
	groups: readonly GroupDef[],
	layout: PublishedTally['layout'],
	a: [GroupFamily, string],
	b: [GroupFamily, string]
): PerceptionGap | null {
	const ga = groups.find((g) => g.family === a[0] && g.groupId === a[1]);
	const gb = groups.find((g) => g.family === b[0] && g.groupId === b[1]);
	if (!ga || !gb) return null;
	return {
		a: refOf(ga),
		b: refOf(gb),
		sections: layout.sections.map((sec, s) => {
			const ta = ga.tally.sections[s];
			const tb = gb.tally.sections[s];
			const reason = [ta, tb].map((t) => (t !== null && isWithheld(t) ? t.withheld : null)).find((r) => r !== null);
			const ma = releasedOr(ta)?.moments;
			const mb = releasedOr(tb)?.moments;
			const d = ma && mb ? welchDifference(mb, ma) : null;
			let result: Released<GapFigures>;
			if (!ma || !mb || d === null) result = { suppressed: true, reason: reason ?? 'small' };
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
