import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as audit from '$lib/server/audit';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const requested = Number.parseInt(event.url.searchParams.get('pagina') ?? '1', 10);
	const first = await audit.list(ctx, { offset: 0, limit: 0 });
	const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
	const page = Number.isFinite(requested) ? Math.min(Math.max(1, requested), pages) : 1;
	const { entries, total } = await audit.list(ctx, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
	return { entries, total, page, pages, pageSize: PAGE_SIZE };
};
