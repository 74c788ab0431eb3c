/**
 * The two halves of a closed round's results, in process: the audit at close (published cells,
 * tallies, suppression over all cells together) on demo responses scaled up, with its time and
 * the memory it takes; and building a dashboard from the resulting snapshot, which is all a
 * page does for a closed round (the server bench measures the whole request).
 */
import { buildDashboard } from '$lib/analysis/dashboard';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { layoutOf } from '$lib/analysis/layout';
import type { DashboardInput } from '$lib/analysis/types';
import type { PublishedSnapshot } from '$lib/model/published';
import type { SurveyResponse } from '$lib/model/response';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { percentile, type Row } from './bench-table';

const WARM_UP = 10;
const RUNS = 20;

type Demo = ReturnType<typeof buildDemo>;

/** Wall-clock and CPU time per run (on a shared machine the wall clock includes waiting for a core). */
function measure(run: () => void, runs = RUNS, warmUp = WARM_UP): { wall: number[]; cpu: number[] } {
	for (let i = 0; i < warmUp; i++) run();
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		run();
		wall.push(performance.now() - t0);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1000);
	}
	return { wall, cpu };
}

function publish(demo: Demo, responses: SurveyResponse[], questionnaire: Demo['questionnaires'][number]) {
	const k = demo.network.kAnonymity;
	const cells = publishedCells(
		demo.partners,
		demo.bodies,
		responses.map((r) => r.profile),
		k
	);
	return releasedTallies(auditPublishedSet(responses, layoutOf(questionnaire), cells, demo.partners, k));
}

const cpuNote = (cpu: number[], runs: number, warmUp: number) =>
	`cpu-tijd p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms; ${runs} runs na ${warmUp} opwarmrondes`;

export async function benchDashboard(): Promise<Row[]> {
	const demo = buildDemo({ now: new Date() });
	const closed = demo.rounds.filter((r) => r.round.status === 'closed');
	const [earlier, latest] = [closed.at(-2)!, closed.at(-1)!];
	const questionnaire = demo.questionnaires.find((q) => q.id === latest.round.questionnaireId)!;
	const meta = (r: typeof latest) => ({ id: r.round.id, name: r.round.name, opensAt: r.round.opensAt });
	const rows: Row[] = [];

	const snapshots = new Map<number, { latest: PublishedSnapshot; earlier: PublishedSnapshot }>();
	for (const n of [600, 10_000]) {
		const responses = scaleUpResponses(latest.responses, n, latest.round.id);
		global.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		let snapshot: PublishedSnapshot | null = null;
		let peakHeap = 0;
		const { wall, cpu } = measure(
			() => {
				snapshot = publish(demo, responses, questionnaire);
				peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
			},
			5,
			2
		);
		snapshots.set(n, {
			latest: snapshot!,
			earlier: publish(demo, scaleUpResponses(earlier.responses, n, earlier.round.id, 13), questionnaire)
		});
		rows.push({
			what: 'sluiten: gepubliceerde set berekenen en auditen',
			setup: `${n.toLocaleString('nl-NL')} antwoorden, ${snapshot!.cells.length} cellen`,
			p50: percentile(wall, 50),
			p95: percentile(wall, 95),
			extra: `${cpuNote(cpu, 5, 2)}; heap erbij ≤ ${(peakHeap / 2 ** 20).toFixed(0)} MB; snapshot ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KB`
		});
	}

	const cases = [
		{ n: 600, cell: 'all', label: 'hele netwerk' },
		{ n: 10_000, cell: 'all', label: 'hele netwerk' },
		{ n: 10_000, cell: 'role:ambtelijk', label: 'cel rol = ambtelijk' }
	];
	for (const c of cases) {
		const s = snapshots.get(c.n)!;
		const input: DashboardInput = {
			questionnaire,
			round: meta(latest),
			snapshot: s.latest,
			cell: c.cell,
			previousRounds: [{ round: meta(earlier), snapshot: s.earlier }],
			partners: demo.partners,
			participation: {
				invited: c.n,
				invitedByPartnerType: {},
				started: c.n,
				submitted: c.n,
				submittedByPartnerType: {}
			}
		};
		const { wall, cpu } = measure(() => buildDashboard(input));
		rows.push({
			what: 'dashboard: buildDashboard uit de snapshot',
			setup: `${c.n.toLocaleString('nl-NL')} antwoorden + vorige ronde even groot, ${c.label}`,
			p50: percentile(wall, 50),
			p95: percentile(wall, 95),
			extra: cpuNote(cpu, RUNS, WARM_UP)
		});
	}
	return rows;
}
