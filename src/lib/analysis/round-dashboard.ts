import type { DashboardData } from './types';
import type { FilterDimension, FilterOption, FilterState } from './filter-query';
import type { RoundStatus } from '$lib/model/round';

/** Everything a dashboard page (dashboard, report, agenda) renders for one round. */
export interface RoundDashboard {
	networkName: string;
	round: {
		id: string;
		name: string;
		status: RoundStatus;
		statusLabel: string;
		opensAt: string;
		closesAt: string;
	};
	questionnaire: { id: string; title: string; version: number };
	options: Record<FilterDimension, FilterOption[]>;
	filter: FilterState;
	/** Dutch notices about data left out (an earlier round whose file cannot be read). */
	notices: string[];
	data: DashboardData;
}
