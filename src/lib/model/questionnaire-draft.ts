import {
	itemSubjects,
	MAX_ITEMS,
	MAX_SECTIONS,
	perspectiveIds,
	type ItemSubject,
	type Questionnaire
} from './questionnaire';

/**
 * The questionnaire editor's form, as plain data: what the page shows, what a post sends back,
 * and what the structural buttons (add, remove, move) rearrange before anything is saved. Field
 * names follow the model's paths (`sections.1.items.0.text`), so the schema's complaints land
 * next to the field they are about. Ids are not the admin's to type: an item keeps the one it
 * has, and a new item (or one ticked "nieuwe vraag") gets one when it is saved.
 */
export type ItemDraft = {
	/** Keeps a row's identity on the page while rows move; the item id for stored items. */
	key: string;
	/** The stored item's id, or '' for an item that has none yet. */
	id: string;
	text: string;
	reversed: boolean;
	/** Whom the statement is about; own-organisation items do not count for how shared a picture is. */
	subject: ItemSubject;
	/** Ticked: the wording changed its meaning, so the item gets a new id (not compared with earlier rounds). */
	isNew: boolean;
};

export type SectionDraft = {
	key: string;
	id: string;
	/** A perspective id, or '' for none. */
	perspective: string;
	title: string;
	question: string;
	intro: string;
	hasComment: boolean;
	commentLabel: string;
	items: ItemDraft[];
};

export type QuestionnaireDraft = {
	title: string;
	description: string;
	/** As typed: a number is checked when saving, so a typo is shown back rather than lost. */
	minutes: string;
	scale: { points: string; labels: string[]; dontKnowLabel: string };
	sections: SectionDraft[];
};

export const SCALE_MIN = 3;
export const SCALE_MAX = 11;
export const DEFAULT_COMMENT_LABEL = 'Toelichting of voorbeeld (optioneel)';

export const sectionField = (s: number, name: string) => `sections.${s}.${name}`;
export const itemField = (s: number, i: number, name: string) => `sections.${s}.items.${i}.${name}`;
export const labelField = (n: number) => `scale.labels.${n}`;

export const newRowKey = () => `n${crypto.randomUUID().slice(0, 8)}`;

export function draftOf(q: Questionnaire): QuestionnaireDraft {
	return {
		title: q.title,
		description: q.description,
		minutes: String(q.minutes),
		scale: { points: String(q.scale.points), labels: [...q.scale.labels], dontKnowLabel: q.scale.dontKnowLabel },
		sections: q.sections.map((s) => ({
			key: s.id,
			id: s.id,
			perspective: s.perspective ?? '',
			title: s.title,
			question: s.question,
			intro: s.intro,
			hasComment: s.commentLabel !== null,
			commentLabel: s.commentLabel ?? DEFAULT_COMMENT_LABEL,
			items: s.items.map((it) => ({
				key: it.id,
				id: it.id,
				text: it.text,
				reversed: it.reversed,
				subject: it.subject,
				isNew: false
			}))
		}))
	};
}

const blankItem = (key: string): ItemDraft => ({
	key,
	id: '',
	text: '',
	reversed: false,
	subject: 'samenwerking',
	isNew: false
});
const blankSection = (key: () => string): SectionDraft => ({
	key: key(),
	id: '',
	perspective: '',
	title: '',
	question: '',
	intro: '',
	hasComment: true,
	commentLabel: DEFAULT_COMMENT_LABEL,
	items: [blankItem(key())]
});

/** The editor's post as a draft. Rows are read by index until one is missing; keys are made unique. */
export function readDraft(form: FormData, key: () => string = newRowKey): QuestionnaireDraft {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
	};
	const ticked = (name: string) => form.get(name) === 'ja';
	// The select offers only these; anything else (a stale or forged post) falls back to the default.
	const subject = (name: string): ItemSubject => {
		const v = text(name);
		return (itemSubjects as readonly string[]).includes(v) ? (v as ItemSubject) : 'samenwerking';
	};
	const seen = new Set<string>();
	const rowKey = (name: string) => {
		const k = text(name);
		const fresh = /^[a-z0-9-]{1,80}$/.test(k) && !seen.has(k) ? k : key();
		seen.add(fresh);
		return fresh;
	};
	const labels: string[] = [];
	for (let n = 0; n < SCALE_MAX && form.has(labelField(n)); n++) labels.push(text(labelField(n)));
	const sections: SectionDraft[] = [];
	for (let s = 0; s < MAX_SECTIONS && form.has(sectionField(s, 'key')); s++) {
		const items: ItemDraft[] = [];
		for (let i = 0; i < MAX_ITEMS && form.has(itemField(s, i, 'key')); i++)
			items.push({
				key: rowKey(itemField(s, i, 'key')),
				id: text(itemField(s, i, 'id')),
				text: text(itemField(s, i, 'text')),
				reversed: ticked(itemField(s, i, 'reversed')),
				subject: subject(itemField(s, i, 'subject')),
				isNew: ticked(itemField(s, i, 'isNew'))
			});
		const perspective = text(sectionField(s, 'perspective'));
		sections.push({
			key: rowKey(sectionField(s, 'key')),
			id: text(sectionField(s, 'id')),
			perspective: (perspectiveIds as readonly string[]).includes(perspective) ? perspective : '',
			title: text(sectionField(s, 'title')),
			question: text(sectionField(s, 'question')),
			intro: text(sectionField(s, 'intro')),
			hasComment: ticked(sectionField(s, 'hasComment')),
			commentLabel: text(sectionField(s, 'commentLabel')),
			items
		});
	}
	return {
		title: text('title'),
		description: text('description'),
		minutes: text('minutes'),
		scale: { points: text('scale.points'), labels, dontKnowLabel: text('scale.dontKnowLabel') },
		sections
	};
}

/** What the editor's structural buttons do; `s` and `i` count from 0. */
export type DraftOp =
	| { kind: 'scale' }
	| { kind: 'section-add' }
	| { kind: 'section-remove' | 'section-up' | 'section-down'; s: number }
	| { kind: 'item-add'; s: number }
	| { kind: 'item-remove' | 'item-up' | 'item-down'; s: number; i: number };

export const opValue = (op: DraftOp) =>
	[op.kind, 's' in op ? op.s : null, 'i' in op ? op.i : null].filter((x) => x !== null).join(':');

export function parseOp(value: unknown): DraftOp | null {
	if (typeof value !== 'string') return null;
	const m = /^([a-z-]+)(?::(\d{1,3}))?(?::(\d{1,3}))?$/.exec(value);
	if (!m) return null;
	const [, kind, a, b] = m;
	const s = a === undefined ? null : Number(a);
	const i = b === undefined ? null : Number(b);
	if ((kind === 'scale' || kind === 'section-add') && s === null) return { kind };
	if ((kind === 'section-remove' || kind === 'section-up' || kind === 'section-down') && s !== null && i === null)
		return { kind, s };
	if (kind === 'item-add' && s !== null && i === null) return { kind, s };
	if ((kind === 'item-remove' || kind === 'item-up' || kind === 'item-down') && s !== null && i !== null)
		return { kind, s, i };
	return null;
}

function swap<T>(list: T[], a: number, b: number): boolean {
	if (a < 0 || b < 0 || a >= list.length || b >= list.length) return false;
	[list[a], list[b]] = [list[b], list[a]];
	return true;
}

/** The scale's number of points as typed, when it is one the model allows. */
export function pointsOf(draft: QuestionnaireDraft): number | null {
	const n = /^\s*\d{1,2}\s*$/.test(draft.scale.points) ? Number(draft.scale.points) : NaN;
	return n >= SCALE_MIN && n <= SCALE_MAX ? n : null;
}

/**
 * Applies a structural button to a copy of the draft and says what happened, in Dutch, for the
 * page's status line; null when the button names nothing that exists (a stale page).
 */
export function applyOp(
	draft: QuestionnaireDraft,
	op: DraftOp,
	key: () => string = newRowKey
): { draft: QuestionnaireDraft; done: string } | null {
	const d: QuestionnaireDraft = structuredClone(draft);
	const sec = 's' in op ? d.sections[op.s] : undefined;
	const name = (s: number) => `Onderdeel ${s + 1}`;
	switch (op.kind) {
		case 'scale': {
			const n = pointsOf(d);
			if (n === null) return null;
			d.scale.labels = Array.from({ length: n }, (_, k) => d.scale.labels[k] ?? '');
			return { draft: d, done: `De schaal heeft nu ${n} punten; vul bij elk punt een label in.` };
		}
		case 'section-add':
			if (d.sections.length >= MAX_SECTIONS) return null;
			d.sections.push(blankSection(key));
			return { draft: d, done: `${name(d.sections.length - 1)} is toegevoegd, met één lege stelling.` };
		case 'section-remove':
			if (!sec) return null;
			d.sections.splice(op.s, 1);
			return { draft: d, done: `${name(op.s)} (${sec.title || 'zonder titel'}) is weggehaald.` };
		case 'section-up':
		case 'section-down': {
			const to = op.kind === 'section-up' ? op.s - 1 : op.s + 1;
			if (!swap(d.sections, op.s, to)) return null;
			return { draft: d, done: `${sec!.title || 'Het onderdeel'} staat nu op plaats ${to + 1}.` };
		}
		case 'item-add':
			if (!sec || sec.items.length >= MAX_ITEMS) return null;
			sec.items.push(blankItem(key()));
			return { draft: d, done: `Stelling ${sec.items.length} is toegevoegd aan ${name(op.s).toLowerCase()}.` };
		case 'item-remove':
			if (!sec?.items[op.i]) return null;
			sec.items.splice(op.i, 1);
			return { draft: d, done: `Stelling ${op.i + 1} van ${name(op.s).toLowerCase()} is weggehaald.` };
		case 'item-up':
		case 'item-down': {
			const to = op.kind === 'item-up' ? op.i - 1 : op.i + 1;
			if (!sec || !swap(sec.items, op.i, to)) return null;
			return { draft: d, done: `Stelling ${op.i + 1} van ${name(op.s).toLowerCase()} staat nu op plaats ${to + 1}.` };
		}
	}
}

const wholeNumber = (v: string) => (/^\s*\d{1,6}\s*$/.test(v) ? Number(v) : NaN);

/**
 * The draft in the model's shape, ids filled in by the caller (which knows the questionnaire's
 * history), so that the model's schema checks it and its paths are the form's field names.
 */
export function candidateOf(
	draft: QuestionnaireDraft,
	head: { id: string; version: number },
	ids: { section: (s: number) => string; item: (s: number, i: number) => string }
) {
	return {
		id: head.id,
		version: head.version,
		title: draft.title.trim(),
		description: draft.description.trim(),
		minutes: wholeNumber(draft.minutes),
		scale: {
			points: wholeNumber(draft.scale.points),
			labels: draft.scale.labels.map((l) => l.trim()),
			dontKnowLabel: draft.scale.dontKnowLabel.trim()
		},
		sections: draft.sections.map((s, si) => ({
			id: ids.section(si),
			perspective: s.perspective === '' ? null : s.perspective,
			title: s.title.trim(),
			question: s.question.trim(),
			intro: s.intro.trim(),
			commentLabel: s.hasComment ? s.commentLabel.trim() : null,
			items: s.items.map((it, ii) => ({
				id: ids.item(si, ii),
				text: it.text.trim(),
				reversed: it.reversed,
				subject: it.subject
			}))
		}))
	};
}

/**
 * A field path in words ("Onderdeel 2 ‘Proces’, stelling 3: tekst"), for error lists on the
 * editor and the import page. Unknown parts are shown as they are.
 */
export function describePath(path: readonly (string | number)[], sectionTitle?: (s: number) => string): string {
	const words: Record<string, string> = {
		title: 'titel',
		description: 'omschrijving',
		minutes: 'minuten',
		scale: 'schaal',
		points: 'aantal punten',
		labels: 'labels',
		dontKnowLabel: 'label ‘weet niet’',
		sections: 'onderdelen',
		perspective: 'perspectief',
		question: 'hoofdvraag',
		intro: 'inleiding',
		commentLabel: 'label van de toelichting',
		items: 'stellingen',
		text: 'tekst',
		reversed: 'kritisch geformuleerd',
		subject: 'gaat over',
		id: 'id',
		version: 'versie'
	};
	const parts: string[] = [];
	for (let k = 0; k < path.length; k++) {
		const p = path[k];
		const next = path[k + 1];
		if (p === 'sections' && typeof next === 'number') {
			const t = sectionTitle?.(next);
			parts.push(`onderdeel ${next + 1}${t ? ` ‘${t}’` : ''}`);
			k++;
		} else if (p === 'items' && typeof next === 'number') {
			parts.push(`stelling ${next + 1}`);
			k++;
		} else if (p === 'labels' && typeof next === 'number') {
			parts.push(`label bij ${next + 1}`);
			k++;
		} else parts.push(typeof p === 'number' ? String(p + 1) : (words[p] ?? p));
	}
	const text = parts.join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
