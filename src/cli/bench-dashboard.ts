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

const WARM_UP = 10;
const RUNS = 20;

/**
 * Wall-clock and CPU time per run. On a shared machine the wall clock includes waiting for a
 * core; the process's own CPU time does not, so both are reported.
 */
function measure(input: DashboardInput): { wall: number[]; cpu: number[] } {
	for (let i = 0; i < WARM_UP; i++) buildDashboard(input);
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		buildDashboard(input);
		wall.push(performance.now() - t0);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1000);
	}
	return { wall, cpu };
}

export async function benchDashboard(): Promise<Row[]> {
	const demo = buildDemo({ now: new Date() });
	const closed = demo.rounds.filter((r) => r.round.status === 'closed');
	const [earlier, latest] = [closed.at(-2)!, closed.at(-1)!];
	const questionnaire = demo.questionnaires.find((q) => q.id === latest.round.questionnaireId)!;
	const meta = (r: typeof latest) => ({ id: r.round.id, name: r.round.name, opensAt: r.round.opensAt });
	const cases: { n: number; previous: boolean; label: string; filter: DashboardFilter }[] = [
		{ n: 600, previous: true, label: 'hele netwerk', filter: {} },
		{ n: 10_000, previous: false, label: 'hele netwerk', filter: {} },
		{ n: 10_000, previous: true, label: 'hele netwerk', filter: {} },
		{ n: 10_000, previous: true, label: 'filter rol = ambtelijk', filter: { roles: ['ambtelijk'] } }
	];
	const rows: Row[] = [];
	for (const c of cases) {
		const responses = scaleUpResponses(latest.responses, c.n, latest.round.id);
		const previousRounds = c.previous
			? [
					{
						round: meta(earlier),
						questionnaire,
						responses: scaleUpResponses(earlier.responses, c.n, earlier.round.id, 13)
					}
				]
			: [];
		const { wall, cpu } = measure({
			questionnaire,
			responses,
			round: meta(latest),
			previousRounds,
			partners: demo.partners,
			bodies: demo.bodies,
			invitedCount: c.n,
			startedCount: c.n,
			k: demo.network.kAnonymity,
			filter: c.filter
		});
		rows.push({
			what: 'dashboard: buildDashboard',
			setup: `${c.n.toLocaleString('nl-NL')} antwoorden${c.previous ? ' + vorige ronde even groot' : ''}, ${c.label}`,
			p50: percentile(wall, 50),
			p95: percentile(wall, 95),
			extra: `cpu-tijd p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms; ${RUNS} runs na ${WARM_UP} opwarmrondes`
		});
	}
	return rows;
}
