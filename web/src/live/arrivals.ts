// When each patient arrived, as this tab learnt it (its own check-ins and the live stream's).
export const arrivals = new Map<string, string>();
