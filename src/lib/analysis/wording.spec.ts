import { describe, expect, it } from 'vitest';
import { capitalise, quoteStatement } from './wording';

describe('wording', () => {
	it('quotes a statement without its full stop', () => {
		expect(quoteStatement(' De partners delen een ambitie. ')).toBe('‘De partners delen een ambitie’');
		expect(capitalise('bestuurders')).toBe('Bestuurders');
		expect(capitalise('')).toBe('');
	});
});
