import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { adminContext } from '$lib/server/guard';
import * as importer from '$lib/server/respondents-import';
import { CsvError, decodeCsv } from '$lib/server/csv/read';

/** The file, or the text of an earlier preview that the admin may have corrected in place. */
async function upload(request: Request): Promise<{ csv: string; plan: string } | { error: string }> {
	const form = await request.formData().catch(() => null);
	if (!form) return { error: 'Het formulier kwam niet goed aan. Probeer het opnieuw.' };
	const file = form.get('file');
	const plan = String(form.get('plan') ?? '');
	try {
		if (file instanceof File && file.size > 0)
			return { csv: decodeCsv(new Uint8Array(await file.arrayBuffer())).text, plan };
	} catch (e) {
		if (e instanceof CsvError) return { error: e.message };
		throw e;
	}
	const csv = String(form.get('csv') ?? '');
	if (csv.trim() === '') return { error: 'Kies een CSV-bestand.' };
	return { csv, plan };
}

export const actions: Actions = {
	preview: async (event) => {
		const ctx = await adminContext(event);
		const got = await upload(event.request);
		if ('error' in got) return fail(400, { fileError: got.error });
		try {
			return { csv: got.csv, preview: importer.preview(ctx, got.csv) };
		} catch (e) {
			if (e instanceof CsvError) return fail(400, { fileError: e.message, csv: got.csv });
			throw e;
		}
	},
	commit: async (event) => {
		const ctx = await adminContext(event);
		const got = await upload(event.request);
		if ('error' in got) return fail(400, { fileError: got.error });
		let result: Awaited<ReturnType<typeof importer.commit>>;
		try {
			result = await importer.commit(ctx, got.csv, got.plan);
		} catch (e) {
			if (e instanceof CsvError) return fail(400, { fileError: e.message, csv: got.csv });
			if (e instanceof importer.ImportProblemsError || e instanceof importer.ImportChangedError)
				return fail(e instanceof importer.ImportChangedError ? 409 : 400, {
					csv: got.csv,
					preview: e.preview,
					message: e.message
				});
			throw e;
		}
		redirect(303, `/admin/deelnemers?toegevoegd=${result.added}&bijgewerkt=${result.updated}`);
	}
};
