import type { SurveyResponse } from '$lib/model/response';
import { createRng } from './random';

/**
 * A large round for benchmarks and stress tests, made from a demo round's real-looking
 * responses: each copy gets its own id and a little noise, so the structure stays plausible.
 */
export function scaleUpResponses(
	base: readonly SurveyResponse[],
	n: number,
	roundId: string,
	seed = 7
): SurveyResponse[] {
	if (base.length === 0) throw new Error('scaleUpResponses needs at least one response');
	const rng = createRng(seed);
	const out: SurveyResponse[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const src = base[i % base.length];
		const answers: Record<string, number> = {};
		for (const [item, value] of Object.entries(src.answers)) {
			let v = value;
			if (v > 0 && rng.chance(0.2)) v = Math.min(5, Math.max(1, v + (rng.chance(0.5) ? 1 : -1)));
			answers[item] = v;
		}
		out[i] = { ...src, id: `s-${i.toString(36)}`, roundId, answers, comments: { ...src.comments } };
	}
	return out;
}
