import { it } from 'vitest';
import { buildDemo } from './build';
import { samenwerkingsscan } from '$lib/questionnaires';
import { dividedItems } from './answers';

it('diag', () => {
	let t = performance.now();
	const d = buildDemo({ now: new Date('2026-07-10T12:00:00Z') });
	console.log('ms', performance.now() - t);
	t = performance.now();
	buildDemo({ now: new Date('2026-07-10T12:00:00Z'), seed: 7 });
	console.log('ms2', performance.now() - t);
	const roles: Record<string, number> = {};
	for (const r of d.respondents) roles[r.role] = (roles[r.role] ?? 0) + 1;
	console.log('partners', d.partners.length, 'respondents', d.respondents.length, roles);
	const bodyCount: Record<string, number> = {};
	for (const r of d.respondents) for (const b of r.bodyIds) bodyCount[b] = (bodyCount[b] ?? 0) + 1;
	console.log(bodyCount);
	const rev = new Map(samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => [i.id, { s: s.id, rev: i.reversed }])));
	for (const { round, invitations, responses } of d.rounds) {
		const sub = responses.filter((r) => r.status === 'submitted');
		const drafts = responses.filter((r) => r.status === 'draft');
		const sums: Record<string, [number, number]> = {};
		const add = (k: string, v: number) => { sums[k] ??= [0, 0]; sums[k][0] += v; sums[k][1]++; };
		let dk = 0, tot = 0, comments = 0;
		for (const r of sub) {
			comments += Object.keys(r.comments).length;
			for (const [id, v] of Object.entries(r.answers)) {
				tot++;
				if (v === 0) { dk++; continue; }
				const m = rev.get(id)!;
				const lvl = m.rev ? 6 - v : v;
				add(m.s, lvl);
				add(r.profile.role, lvl);
				add(m.s + ':' + (r.profile.partnerId === 'zwolle' ? 'zwolle' : 'rest'), lvl);
			}
		}
		const means = Object.fromEntries(Object.entries(sums).map(([k, [s, n]]) => [k, +(s / n).toFixed(2)]));
		console.log(round.id, round.status, round.opensAt, round.closesAt, 'inv', invitations.length, 'sub', sub.length, 'draft', drafts.length, 'dk', (dk / tot).toFixed(3), 'comments', comments, means);
		for (const dvi of dividedItems) {
			const vals = sub.map((r) => r.answers[dvi.itemId]).filter((v) => v > 0);
			const lo = vals.filter((v) => v <= 2).length / vals.length, hi = vals.filter((v) => v >= 4).length / vals.length;
			console.log('  ', dvi.itemId, lo.toFixed(2), hi.toFixed(2));
		}
	}
	console.log(d.rounds[2].responses.filter((r) => r.status === 'draft').slice(0, 2));
	console.log(d.rounds[1].responses.flatMap((r) => Object.values(r.comments)).slice(0, 20));
});
