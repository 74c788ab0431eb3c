import { describe, expect, it } from 'vitest';
import { parseSurveyPost } from './survey-form';
import { samenwerkingsscan as q } from '$lib/questionnaires';
import { COMMENT_MAX } from './questionnaire';

const ROUND = 'najaar-2026';
const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
	return f;
};

describe('parseSurveyPost', () => {
	it('reads a step: answers 1..5 and 0, the comment, the step and where to go', () => {
		const r = parseSurveyPost(
			q,
			ROUND,
			form({
				round: ROUND,
				step: '1',
				nav: 'next',
				'inhoud-gedeeld-doel': '5',
				'inhoud-heldere-koers': '0',
				'comment-inhoud': '  Regel een\r\nregel twee  '
			})
		);
		expect(r).toEqual({
			success: true,
			data: {
				answers: { 'inhoud-gedeeld-doel': 5, 'inhoud-heldere-koers': 0 },
				comments: { inhoud: 'Regel een\nregel twee' },
				step: 1,
				nav: 'next'
			}
		});
	});

	it('accepts any item of the questionnaire when the post names no step (DESIGN.md §5)', () => {
		const r = parseSurveyPost(q, ROUND, form({ 'inhoud-gedeeld-doel': '3', 'governance-besluitvorming': '4' }));
		expect(r.success && r.data.answers).toEqual({ 'inhoud-gedeeld-doel': 3, 'governance-besluitvorming': 4 });
	});

	it.each(['6', '-1', '', '3.5', 'eens', ' 3'])('refuses the value %j with a Dutch reason next to the item', (v) => {
		const r = parseSurveyPost(q, ROUND, form({ step: '1', 'inhoud-gedeeld-doel': v, 'inhoud-heldere-koers': '4' }));
		expect(r.success).toBe(false);
		if (r.success) return;
		expect(r.errors['inhoud-gedeeld-doel']).toBe(
			'Kies een van de antwoorden: van ‘Helemaal oneens’ (1) tot ‘Helemaal eens’ (5), of ‘Weet niet / n.v.t.’ (0).'
		);
		// The valid part is handed back for re-showing, not for storing.
		expect(r.answers).toEqual({ 'inhoud-heldere-koers': 4 });
	});

	it('refuses two values for one item', () => {
		const r = parseSurveyPost(q, ROUND, form({ 'inhoud-gedeeld-doel': ['3', '4'] }));
		expect(!r.success && r.errors['inhoud-gedeeld-doel']).toBe('Kies één antwoord per stelling.');
	});

	it('refuses unknown fields and items of another step', () => {
		const r = parseSurveyPost(q, ROUND, form({ step: '1', 'bestaat-niet': '3', 'proces-tempo': '2' }));
		expect(r.success).toBe(false);
		if (r.success) return;
		expect(r.errors.form).toContain('Deze stellingen horen niet bij deze stap: proces-tempo.');
		expect(r.errors.form).toContain('Deze velden kent de vragenlijst niet: bestaat-niet.');
	});

	it('refuses an oversized comment, counting a line break as one character', () => {
		const ok = parseSurveyPost(q, ROUND, form({ 'comment-inhoud': 'a\r\n'.repeat(COMMENT_MAX / 2 - 1) + 'a' }));
		expect(ok.success).toBe(true);
		const r = parseSurveyPost(q, ROUND, form({ 'comment-inhoud': 'x'.repeat(COMMENT_MAX + 1) }));
		expect(!r.success && r.errors['comment-inhoud']).toBe(
			'Uw toelichting is te lang: maximaal 2.000 tekens, u gebruikte er 2.001.'
		);
		expect(!r.success && r.comments.inhoud).toHaveLength(COMMENT_MAX + 1);
	});

	it('refuses a form that belongs to another round', () => {
		const r = parseSurveyPost(q, ROUND, form({ round: 'voorjaar-2026', 'inhoud-gedeeld-doel': '3' }));
		expect(!r.success && r.errors.round).toMatch(/andere meetronde/);
	});

	it('refuses a step that does not exist or does not match the page', () => {
		expect(parseSurveyPost(q, ROUND, form({ step: '9' })).success).toBe(false);
		const r = parseSurveyPost(q, ROUND, form({ step: '2' }), 1);
		expect(!r.success && r.errors.step).toMatch(/stap 2/);
	});

	it('refuses an unknown button', () => {
		const r = parseSurveyPost(q, ROUND, form({ nav: 'weg' }));
		expect(!r.success && r.errors.nav).toBe('Onbekende knop.');
	});
});
