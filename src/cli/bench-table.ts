export type Row = { what: string; setup: string; p50?: number; p95?: number; p99?: number; extra?: string };

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v?: number) => (v === undefined || Number.isNaN(v) ? '' : `${v.toFixed(1)} ms`);

export function printTable(rows: Row[]) {
	console.log('\n| meting | situatie | p50 | p95 | p99 | overig |');
	console.log('| --- | --- | ---: | ---: | ---: | --- |');
	for (const r of rows)
		console.log(`| ${r.what} | ${r.setup} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.extra ?? ''} |`);
}
