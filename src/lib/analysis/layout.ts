/**
 * A questionnaire flattened for analysis: items and sections by index, each item knowing its
 * section and whether it is critically worded, so tallies can be plain arrays.
 */
import type { PerspectiveId, Questionnaire } from '$lib/model/questionnaire';

export interface LayoutItem {
	id: string;
	text: string;
	reversed: boolean;
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
			items.push({ id: it.id, text: it.text, reversed: it.reversed ?? false, section: si });
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
