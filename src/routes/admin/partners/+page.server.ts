import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as partners from '$lib/server/partners';

/** One line after a change elsewhere (add, save, delete, import), from the redirect's query. */
function notice(url: URL, names: Map<string, string>): string | null {
	const q = url.searchParams;
	const name = (id: string | null) => (id ? names.get(id) : undefined);
	if (q.has('toegevoegd') || q.has('bijgewerkt')) {
		const n = (key: string) => Math.max(0, Number.parseInt(q.get(key) ?? '0', 10) || 0);
		return `Import klaar: ${n('toegevoegd')} toegevoegd, ${n('bijgewerkt')} bijgewerkt.`;
	}
	if (name(q.get('opgeslagen'))) return `Partner ‘${name(q.get('opgeslagen'))}’ is opgeslagen.`;
	if (name(q.get('gearchiveerd'))) return `Partner ‘${name(q.get('gearchiveerd'))}’ is gearchiveerd.`;
	if (name(q.get('teruggezet'))) return `Partner ‘${name(q.get('teruggezet'))}’ is teruggezet.`;
	if (q.has('verwijderd')) return 'De partner is verwijderd.';
	return null;
}

export const load: PageServerLoad = async (event) => {
	const all = await partners.list(await adminContext(event));
	return {
		active: all.filter((p) => !p.archived),
		archived: all.filter((p) => p.archived),
		notice: notice(event.url, new Map(all.map((p) => [p.id, p.name])))
	};
};

export const actions: Actions = {
	restore: async (event) => {
		const ctx = await adminContext(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const out = await partners.restore(ctx, id);
		if (!out.ok) return fail(400, { message: out.errors.form });
		redirect(303, `/admin/partners?teruggezet=${encodeURIComponent(id)}`);
	}
};
