/**
 * Server time to build a round's dashboard data (the budget: under 100 ms at 10,000
 * responses). Measures `buildDashboard` alone, on demo responses scaled up, with the previous
 * round at the same size so that the trend and comparison are part of the work.
 */
import { buildDashboard } from '$lib/analysis/dashboard';
import type { DashboardFilter, DashboardInput } from '$lib/analysis/types';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { percentile, type Row } from './bench-table';

const WARM_UP = 5;
const RUNS = 20;

function measure(input: DashboardInput): number[] {
	for (let i = 0; i < WARM_UP; i++) buildDashboard(input);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		buildDashboard(input);
		times.push(performance.now() - t0);
	}
	return times;
}

export async function benchDashboard(): Promise<Row[]> {
	const demo = buildDemo({ now: new Date() });
	const closed = demo.rounds.filter((r) => r.round.status === 'closed');
	const [earlier, latest] = [closed.at(-2)!, closed.at(-1)!];
	const questionnaire = demo.questionnaires.find((q) => q.id === latest.round.questionnaireId)!;
	const meta = (r: typeof latest) => ({ id: r.round.id, name: r.round.name, opensAt: r.round.opensAt });
	const filters: [string, DashboardFilter][] = [
		['hele netwerk', {}],
		['filter rol = ambtelijk', { roles: ['ambtelijk'] }]
	];
	const rows: Row[] = [];
	for (const n of [600, 10_000]) {
		const responses = scaleUpResponses(latest.responses, n, latest.round.id);
		const previous = scaleUpResponses(earlier.responses, n, earlier.round.id, 13);
		for (const [label, filter] of filters) {
			const times = measure({
				questionnaire,
				responses,
				round: meta(latest),
				previousRounds: [{ round: meta(earlier), questionnaire, responses: previous }],
				partners: demo.partners,
				bodies: demo.bodies,
				invitedCount: n,
				startedCount: n,
				k: demo.network.kAnonymity,
				filter
			});
			rows.push({
				what: 'dashboard: buildDashboard',
				setup: `${n.toLocaleString('nl-NL')} antwoorden + vorige ronde even groot, ${label}`,
				p50: percentile(times, 50),
				p95: percentile(times, 95),
				extra: `${RUNS} runs na ${WARM_UP} opwarmrondes`
			});
		}
	}
	return rows;
}
