import type { Questionnaire } from '$lib/model/questionnaire';
import { ontwerpcriteria } from './ontwerpcriteria';
import { ontwerpcriteria2 } from './ontwerpcriteria-2';
import { samenwerkingsscan } from './samenwerkingsscan';
import { samenwerkingsscan2 } from './samenwerkingsscan-2';

export { agreementScale } from './scale';
export { ontwerpcriteria, ontwerpcriteria2, samenwerkingsscan, samenwerkingsscan2 };

/**
 * The questionnaires that ship with the app, available to every installation. Version 1 of each
 * stays for the rounds that asked it; new rounds take version 2.
 */
export const builtInQuestionnaires: Questionnaire[] = [
	samenwerkingsscan,
	samenwerkingsscan2,
	ontwerpcriteria,
	ontwerpcriteria2
];

/** A built-in questionnaire by id and version; rounds refer to both together. */
export function findBuiltIn(id: string, version: number): Questionnaire | undefined {
	return builtInQuestionnaires.find((q) => q.id === id && q.version === version);
}
