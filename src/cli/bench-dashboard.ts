/**
 * The two halves of a closed round's results, in process: the audit at close (published cells,
 * tallies, suppression over all cells together) on demo responses scaled up, with its time and
 * the memory it takes, and the whole close on a real store; and building a dashboard from the
 * resulting snapshot, which is all a page does for a closed round (the server bench measures
 * the whole request).
 */
import { rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildDashboard } from '$lib/analysis/dashboard';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { withBootstrap } from '$lib/analysis/bootstrap';
import { layoutOf } from '$lib/analysis/layout';
import type { DashboardInput } from '$lib/analysis/types';
import type { PublishedSnapshot } from '$lib/model/published';
import type { SurveyResponse } from '$lib/model/response';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { percentile, type Row } from './bench-table';
import { JsonStore } from '$lib/server/store/json-store';
import { closeRound } from '$lib/server/closing';
import { domainContext } from '$lib/server/context';
import { makeDataDir, openRound, writeLinkedRound } from './bench-data';
import { gc, peakHeapOf, procMb, resetPeakRss } from './bench-memory';

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

/** The bootstrap intervals closing adds to the snapshot (bootstrap.ts), on their own. */
function bootstrapRow(
	demo: Demo,
	responses: SurveyResponse[],
	questionnaire: Demo['questionnaires'][number],
	label: string
): Row {
	const k = demo.network.kAnonymity;
	const cells = publishedCells(
		demo.partners,
		demo.bodies,
		responses.map((r) => r.profile),
		k
	);
	const audit = auditPublishedSet(responses, layoutOf(questionnaire), cells, demo.partners, k);
	const snapshot = releasedTallies(audit);
	const { wall, cpu } = measure(() => withBootstrap(snapshot, audit, responses, demo.partners, 'bench'), 3, 1);
	return {
		what: 'sluiten: bootstrap-intervallen (niveau en gem. rwg per vrijgegeven cel × perspectief)',
		setup: `${label}, ${audit.headcount.filter((d) => d === null).length} vrijgegeven cellen`,
		p50: percentile(wall, 50),
		p95: percentile(wall, 95),
		extra: cpuNote(cpu, 3, 1)
	};
}

const cpuNote = (cpu: number[], runs: number, warmUp: number) =>
	`cpu-tijd p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms; ${runs} runs na ${warmUp} opwarmrondes`;

/**
 * One close as the server does it when a round's date passes: `closeRound` on a real store whose
 * open round holds `n` submitted responses, each linked to its invitation. The round is read
 * first, as the server reads open rounds at start, so the figure is the close itself: audit,
 * durable publish, comments fixed for review, links cut and responses minimised (each folded in
 * by two compactions), network file and audit log. Memory: the heap's peak above its level before (GC profiler), and the resident
 * peak (VmHWM, reset just before) above the resident size then, which already includes what the
 * set-up made resident.
 */
async function closeOnce(n: number) {
	const { dir } = await makeDataDir(0);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const round = openRound.round;
	await writeLinkedRound(store, n);
	const t0 = performance.now();
	await store.round(round.id);
	const read = performance.now() - t0;

	gc();
	resetPeakRss();
	const rss = procMb('self', 'VmHWM');
	const heap = process.memoryUsage().heapUsed;
	const blocked = monitorEventLoopDelay({ resolution: 1 });
	blocked.enable();
	const c0 = process.cpuUsage();
	const t1 = performance.now();
	const { peakHeapMb } = await peakHeapOf(() => closeRound(domainContext(store, null), round.id));
	const wall = performance.now() - t1;
	const c = process.cpuUsage(c0);
	blocked.disable();
	const peakRss = Math.max(rss, procMb('self', 'VmHWM'));
	gc();
	const heapAfter = (process.memoryUsage().heapUsed - heap) / 2 ** 20;

	const published = await store.publishedSnapshot(round.id);
	if (published?.participation?.submitted !== n) throw new Error('bench: sluiten publiceerde niet alle antwoorden');
	await store.close();
	await rm(dir, { recursive: true, force: true });
	const cpu = (c.user + c.system) / 1000;
	return { read, wall, cpu, blocked: blocked.max / 1e6, rss, peakRss, peakHeapMb, heapAfter };
}

async function closeEndToEnd(n: number, runs: number): Promise<Row> {
	const results: Awaited<ReturnType<typeof closeOnce>>[] = [];
	for (let i = 0; i < runs; i++) results.push(await closeOnce(n));
	const range = (f: (r: (typeof results)[number]) => number, digits = 0) => {
		const v = results.map(f).sort((a, b) => a - b);
		const [low, high] = [v[0].toFixed(digits), v.at(-1)!.toFixed(digits)];
		return low === high ? low : `${low}–${high}`;
	};
	const wall = results.map((r) => r.wall);
	return {
		what: 'sluiten: closeRound van begin tot eind (auditen, publiceren, toelichtingen vastleggen, koppelingen verbreken, antwoorden minimaliseren)',
		setup: `${n.toLocaleString('nl-NL')} ingestuurde antwoorden, elk aan een uitnodiging gekoppeld, ronde al ingelezen`,
		p50: percentile(wall, 50),
		extra:
			`${runs} runs, elk op een verse datamap: wall ${range((r) => r.wall)} ms, cpu-tijd ${range((r) => r.cpu)} ms; ` +
			`event loop hooguit ${range((r) => r.blocked)} ms aaneen bezet; heap erbij ≤ ${range((r) => r.peakHeapMb)} MB, ` +
			`na afloop +${range((r) => r.heapAfter, 1)} MB (na GC); RSS-piek +${range((r) => r.peakRss - r.rss)} MB ` +
			`boven de ${range((r) => r.rss)} MB vooraf; ` +
			`inlezen van de ronde vooraf ${range((r) => r.read)} ms`
	};
}

export async function benchDashboard(): Promise<Row[]> {
	// First, before the rows below fill the heap.
	const closing = await closeEndToEnd(10_000, 3);
	const demo = buildDemo({ now: new Date() });
	const closed = demo.rounds.filter((r) => r.round.status === 'closed');
	const [earlier, latest] = [closed.at(-2)!, closed.at(-1)!];
	const asked = (r: typeof latest) =>
		demo.questionnaires.find((q) => q.id === r.round.questionnaireId && q.version === r.round.questionnaireVersion)!;
	const questionnaire = asked(latest);
	const earlierQuestionnaire = asked(earlier);
	const meta = (r: typeof latest) => ({ id: r.round.id, name: r.round.name, opensAt: r.round.opensAt });
	const rows: Row[] = [];

	const submitted = latest.responses.filter((r) => r.status === 'submitted');
	rows.push(bootstrapRow(demo, submitted, questionnaire, `demo, ${submitted.length} antwoorden`));
	rows.push(
		bootstrapRow(demo, scaleUpResponses(latest.responses, 10_000, latest.round.id), questionnaire, '10.000 antwoorden')
	);

	const snapshots = new Map<number, { latest: PublishedSnapshot; earlier: PublishedSnapshot }>();
	for (const n of [600, 10_000]) {
		const responses = scaleUpResponses(latest.responses, n, latest.round.id);
		gc();
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
			earlier: publish(demo, scaleUpResponses(earlier.responses, n, earlier.round.id, 13), earlierQuestionnaire)
		});
		rows.push({
			what: 'sluiten: gepubliceerde set berekenen en auditen',
			setup: `${n.toLocaleString('nl-NL')} antwoorden, ${snapshot!.cells.length} cellen`,
			p50: percentile(wall, 50),
			p95: percentile(wall, 95),
			extra: `${cpuNote(cpu, 5, 2)}; heap erbij ≤ ${(peakHeap / 2 ** 20).toFixed(0)} MB; snapshot ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KB`
		});
	}
	rows.push(closing);

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
			previousRounds: [{ round: meta(earlier), snapshot: s.earlier, questionnaire: earlierQuestionnaire }],
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
