import type { z } from 'zod';

/**
 * zod's own messages in Dutch, for schemas that are shared with stored data and therefore carry
 * no form wording of their own (the questionnaire model). Pass as the `error` option of a parse;
 * a message a schema sets itself still wins. Messages speak of the field beside which they stand.
 */
export const dutchIssues: z.core.$ZodErrorMap = (issue) => {
	switch (issue.code) {
		case 'too_small':
			if (issue.origin === 'string')
				return Number(issue.minimum) <= 1 ? 'Vul dit veld in' : `Gebruik ten minste ${issue.minimum} tekens`;
			if (issue.origin === 'array')
				return Number(issue.minimum) <= 1 ? 'Er moet er ten minste één zijn' : `Ten minste ${issue.minimum} nodig`;
			return `Ten minste ${issue.minimum}`;
		case 'too_big':
			if (issue.origin === 'string') return `Hooguit ${issue.maximum} tekens`;
			if (issue.origin === 'array') return `Hooguit ${issue.maximum}`;
			return `Hooguit ${issue.maximum}`;
		case 'invalid_type':
			if (issue.input === undefined) return 'Ontbreekt';
			// A form field that held no number arrives as NaN.
			if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return 'Vul een getal in';
			return `Verwacht ${expected(issue.expected)}, maar dit is ${kind(issue.input)}`;
		case 'invalid_value':
			return `Kies een van: ${issue.values.map((v) => (v === null ? 'null' : `‘${String(v)}’`)).join(', ')}`;
		case 'invalid_format':
			return 'Ongeldige vorm';
		case 'unrecognized_keys':
			return `Onbekend veld: ${issue.keys.join(', ')}`;
		default:
			return undefined;
	}
};

function expected(type: string): string {
	switch (type) {
		case 'string':
			return 'tekst';
		case 'number':
			return 'een getal';
		case 'int':
			return 'een heel getal';
		case 'boolean':
			return 'true of false';
		case 'array':
			return 'een lijst';
		case 'object':
			return 'een object';
		case 'null':
			return 'null';
		default:
			return type;
	}
}

function kind(input: unknown): string {
	if (input === null) return 'null';
	if (Array.isArray(input)) return 'een lijst';
	switch (typeof input) {
		case 'string':
			return 'tekst';
		case 'number':
			return Number.isInteger(input) ? 'een getal' : 'een kommagetal';
		case 'boolean':
			return 'true of false';
		case 'object':
			return 'een object';
		default:
			return typeof input;
	}
}
