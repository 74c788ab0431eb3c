import { it } from 'vitest';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { auditPublishedSet, publishedCells } from './published-set';
import { resamplesFor } from './bootstrap';
import { layoutOf } from './layout';
it('work', () => {
	const demo = buildDemo({ now: new Date() });
	const latest = demo.rounds.filter((r) => r.round.status === 'closed').at(-1)!;
	const q = demo.questionnaires.find((x) => x.id === latest.round.questionnaireId && x.version === latest.round.questionnaireVersion)!;
	for (const n of [0, 10_000]) {
		const responses = (n === 0 ? latest.responses : scaleUpResponses(latest.responses, n, latest.round.id)).filter((r) => r.status === 'submitted');
		const cells = publishedCells(demo.partners, demo.bodies, responses.map((r) => r.profile), 5);
		const audit = auditPublishedSet(responses, layoutOf(q), cells, demo.partners, 5);
		const sizes = new Array(cells.length).fill(0);
		audit.table.atoms.groups.forEach((g, a) => { for (const c of g) sizes[c] += audit.table.atoms.counts[a * audit.table.atoms.stride]; });
		let work = 0, sum = 0, released = 0;
		sizes.forEach((s, c) => { if (audit.headcount[c] === null) { released++; sum += s; work += s * resamplesFor(s); } });
		console.log(`N=${responses.length} released cells ${released}/${cells.length} sum n_c ${sum} sum n_c*B ${work.toExponential(2)} atoms ${audit.table.atoms.groups.length}`);
	}
}, 300_000);
