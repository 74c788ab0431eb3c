import { itemField, labelField, sectionField, type QuestionnaireDraft } from './questionnaire-draft';

/** The draft as the editor's form posts it (the field names the components render). */
export function formDataOf(d: QuestionnaireDraft): FormData {
	const f = new FormData();
	f.set('title', d.title);
	f.set('description', d.description);
	f.set('minutes', d.minutes);
	f.set('scale.points', d.scale.points);
	d.scale.labels.forEach((l, n) => f.set(labelField(n), l));
	f.set('scale.dontKnowLabel', d.scale.dontKnowLabel);
	d.sections.forEach((s, si) => {
		for (const k of ['key', 'id', 'perspective', 'title', 'question', 'intro', 'commentLabel'] as const)
			f.set(sectionField(si, k), s[k]);
		if (s.hasComment) f.set(sectionField(si, 'hasComment'), 'ja');
		s.items.forEach((it, ii) => {
			f.set(itemField(si, ii, 'key'), it.key);
			f.set(itemField(si, ii, 'id'), it.id);
			f.set(itemField(si, ii, 'text'), it.text);
			f.set(itemField(si, ii, 'subject'), it.subject);
			if (it.reversed) f.set(itemField(si, ii, 'reversed'), 'ja');
			if (it.isNew) f.set(itemField(si, ii, 'isNew'), 'ja');
		});
	});
	return f;
}
