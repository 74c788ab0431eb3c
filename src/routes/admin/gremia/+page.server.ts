import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as bodies from '$lib/server/bodies';

export const load: PageServerLoad = async (event) => {
	const all = await bodies.list(await adminContext(event));
	const q = event.url.searchParams;
	const saved = all.find((b) => b.id === q.get('opgeslagen'));
	return {
		bodies: all,
		notice: saved ? `Overleg ‘${saved.name}’ is opgeslagen.` : q.has('verwijderd') ? 'Het overleg is verwijderd.' : null
	};
};
