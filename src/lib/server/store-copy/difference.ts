/**
 * Where two values read from different stores first differ, as a path the operator can read
 * ("answers.inhoud-1: 4 in de bron, 2 in het doel"). JSON semantics: key order does not count and
 * a key holding `undefined` is the same as a missing key (PostgreSQL's JSONB keeps neither), and
 * NaN (an agreement index of fewer than two answers) equals NaN.
 */
export function firstDifference(source: unknown, target: unknown, path = ''): string | null {
	if (source === target || (Number.isNaN(source) && Number.isNaN(target))) return null;
	const here = path || '(geheel)';
	if (Array.isArray(source) || Array.isArray(target)) {
		if (!Array.isArray(source) || !Array.isArray(target))
			return `${here}: ${kind(source)} in de bron, ${kind(target)} in het doel`;
		if (source.length !== target.length)
			return `${here}: ${source.length} elementen in de bron, ${target.length} in het doel`;
		for (let i = 0; i < source.length; i++) {
			const d = firstDifference(source[i], target[i], `${path}[${i}]`);
			if (d) return d;
		}
		return null;
	}
	if (isObject(source) && isObject(target)) {
		const keys = new Set([...Object.keys(source), ...Object.keys(target)]);
		for (const key of [...keys].sort()) {
			const d = firstDifference(source[key], target[key], path ? `${path}.${key}` : key);
			if (d) return d;
		}
		return null;
	}
	return `${here}: ${shown(source)} in de bron, ${shown(target)} in het doel`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const kind = (v: unknown) => (Array.isArray(v) ? 'een lijst' : v === undefined ? 'niets' : shown(v));

function shown(v: unknown): string {
	if (v === undefined) return 'niets';
	const text = JSON.stringify(v) ?? String(v);
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
