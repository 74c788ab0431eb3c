import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatMoment,
	formatNumber,
	formatPercent,
	formatShare,
	formatSigned,
	formatValue
} from './format';

describe('Dutch formatting', () => {
	it('writes numbers with a decimal comma, percentages whole, and a real minus sign', () => {
		expect(formatNumber(3.456)).toBe('3,5');
		expect(formatNumber(0.7, 2)).toBe('0,70');
		expect(formatNumber(1234.5)).toBe('1.234,5');
		expect(formatNumber(Number.NaN)).toBe('–');
		expect(formatValue(null)).toBe('–');
		expect(formatValue(4, 0)).toBe('4');
		expect(formatSigned(0.224)).toBe('+0,22');
		expect(formatSigned(-0.15)).toBe('−0,15');
		expect(formatSigned(-0.001)).toBe('0,00');
		expect(formatPercent(12, 40)).toBe('30%');
		expect(formatPercent(1, 0)).toBe('–');
		expect(formatShare(0.4567)).toBe('46%');
	});
	it('writes dates in Amsterdam time, whatever the server’s zone', () => {
		// 23:30 UTC on 30 November is already 1 December in Amsterdam (UTC+1 in winter).
		expect(formatDate('2026-11-30T23:30:00Z')).toBe('1 december 2026');
		expect(formatMoment('2026-12-01T17:00:00Z')).toBe('dinsdag 1 december 2026 om 18:00 uur');
		expect(formatDateTime('2026-07-01T10:05:09Z')).toMatch(/^1 jul 2026,? 12:05:09$/);
	});
});
