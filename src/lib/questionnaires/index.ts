import type { Questionnaire } from '$lib/model/questionnaire';
import { ontwerpcriteria } from './ontwerpcriteria';
import { samenwerkingsscan } from './samenwerkingsscan';

export { agreementScale } from './scale';
export { ontwerpcriteria, samenwerkingsscan };

/** The questionnaires that ship with the app, available to every installation. */
export const builtInQuestionnaires: Questionnaire[] = [samenwerkingsscan, ontwerpcriteria];

/** A built-in questionnaire by id and version; rounds refer to both together. */
export function findBuiltIn(id: string, version: number): Questionnaire | undefined {
	return builtInQuestionnaires.find((q) => q.id === id && q.version === version);
}
