/**
 * A questionnaire flattened for analysis: items and sections by index, each item knowing its
 * section, whether it is critically worded and whether it is about the collaboration as a whole,
 * so tallies can be plain arrays.
 */
import type { PerspectiveId, Questionnaire } from '$lib/model/questionnaire';

export interface LayoutItem {
	id: string;
	text: string;
	reversed: boolean;
	/**
	 * About the collaboration as a whole. Items about the respondent's own organisation differ
	 * between organisations by design: they count for the level, not for agreement.
	 */
	aboutCollaboration: boolean;
	section: number;
}

export interface LayoutSection {
	id: string;
	title: string;
	shortTitle: string;
	perspective: PerspectiveId | null;
	items: number[];
}

export interface Layout {
	points: number;
	items: LayoutItem[];
	sections: LayoutSection[];
	itemIndex: Map<string, number>;
	sectionIndex: Map<string, number>;
}

const perspectiveNames: Record<PerspectiveId, string> = {
	inhoud: 'Inhoud',
	proces: 'Proces',
	relatie: 'Relatie',
	belangen: 'Belangen',
	governance: 'Governance'
};

export function layoutOf(q: Questionnaire): Layout {
	const items: LayoutItem[] = [];
	const sections: LayoutSection[] = [];
	const itemIndex = new Map<string, number>();
	const sectionIndex = new Map<string, number>();
	q.sections.forEach((s, si) => {
		const idx: number[] = [];
		for (const it of s.items) {
			itemIndex.set(it.id, items.length);
			idx.push(items.length);
			items.push({
				id: it.id,
				text: it.text,
				reversed: it.reversed ?? false,
				aboutCollaboration: (it.subject ?? 'samenwerking') === 'samenwerking',
				section: si
			});
		}
		sectionIndex.set(s.id, si);
		sections.push({
			id: s.id,
			title: s.title,
			shortTitle: s.perspective ? perspectiveNames[s.perspective] : s.title,
			perspective: s.perspective ?? null,
			items: idx
		});
	});
	return {
		points: q.scale.points,
		items,
		sections,
		itemIndex,
		sectionIndex
	};
}
