import { it } from 'vitest';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { auditPublishedSet, publishedCells, releasedTallies } from './published-set';
import { withBootstrap } from './bootstrap';
import { layoutOf } from './layout';
it('time', () => {
	const demo = buildDemo({ now: new Date() });
	const latest = demo.rounds.filter((r) => r.round.status === 'closed').at(-1)!;
	const q = demo.questionnaires.find((x) => x.id === latest.round.questionnaireId && x.version === latest.round.questionnaireVersion)!;
	for (const n of [0, 10_000]) {
		const responses = (n === 0 ? latest.responses : scaleUpResponses(latest.responses, n, latest.round.id)).filter((r) => r.status === 'submitted');
		const cells = publishedCells(demo.partners, demo.bodies, responses.map((r) => r.profile), 5);
		const audit = auditPublishedSet(responses, layoutOf(q), cells, demo.partners, 5);
		const snap = releasedTallies(audit);
		for (let k = 0; k < 2; k++) {
			const t0 = performance.now(); const c0 = process.cpuUsage();
			withBootstrap(snap, audit, responses, demo.partners, latest.round.id);
			console.log(`n=${responses.length} cells=${cells.length} items=${q.sections.flatMap(s=>s.items).length} bootstrap ${(performance.now() - t0).toFixed(0)} ms cpu ${((process.cpuUsage(c0).user)/1000).toFixed(0)} ms`);
		}
	}
}, 300_000);
