import { describe, expect, it } from 'vitest';
import { capitalise, formatDecimal, formatPercent, quoteStatement } from './format';

describe('Dutch formatting', () => {
	it('uses a decimal comma and whole percentages', () => {
		expect(formatDecimal(3.456)).toBe('3,5');
		expect(formatDecimal(0.7, 2)).toBe('0,70');
		expect(formatPercent(0.4567)).toBe('46%');
	});

	it('quotes a statement without its full stop', () => {
		expect(quoteStatement(' De partners delen een ambitie. ')).toBe('‘De partners delen een ambitie’');
		expect(capitalise('bestuurders')).toBe('Bestuurders');
		expect(capitalise('')).toBe('');
	});
});
