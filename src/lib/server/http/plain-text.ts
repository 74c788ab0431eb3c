/** A short Dutch refusal as plain text: for answers the hook and the guard give before any page renders. */
export const plainText = (status: number, text: string) =>
	new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
