import { respondentFormSchema, type RespondentForm } from '$lib/model/respondent-forms';
import { fieldErrors } from '$lib/server/form-errors';

export type FormValues = { name: string; email: string; partnerId: string; role: string; bodyIds: string[] };

/** The add and edit form's post: what was typed (to show it again) and the parsed input or the errors. */
export async function readRespondentForm(
	request: Request
): Promise<
	{ values: FormValues } & ({ ok: true; input: RespondentForm } | { ok: false; errors: Record<string, string> })
> {
	const form = await request.formData().catch(() => new FormData());
	const text = (k: string) => String(form.get(k) ?? '');
	const values = {
		name: text('name'),
		email: text('email'),
		partnerId: text('partnerId'),
		role: text('role'),
		bodyIds: form.getAll('bodyIds').map(String)
	};
	const parsed = respondentFormSchema.safeParse({ ...values, role: values.role || undefined });
	return parsed.success
		? { values, ok: true, input: parsed.data }
		: { values, ok: false, errors: fieldErrors(parsed.error) };
}
