/** English terms of `<desk-metrics>` and its transcript export. */
export interface MetricsTerms {
  metricsTitle: string;
  metricsFilters: string;
  metricsToday: string;
  metricsLast7: string;
  metricsLast30: string;
  metricsCustom: string;
  metricsFrom: string;
  metricsTo: string;
  metricsDepartment: string;
  metricsAllDepartments: string;
  metricsAgent: string;
  metricsAllAgents: string;
  metricsLoading: string;
  metricsQueue: string;
  metricsConversations: string;
  metricsWait: string;
  metricsFirstResponse: string;
  metricsHandle: string;
  metricsMissed: string;
  metricsCsat: string;
  metricsCsatNone: string;
  metricsCsatResponses: (responses: number) => string;
  metricsMedian: (value: string) => string;
  metricsOfTotal: (part: number, total: number) => string;
  metricsVolume: string;
  metricsVolumeDesc: (conversations: number, missed: number, buckets: number) => string;
  metricsWaitChart: string;
  metricsWaitDesc: string;
  metricsAsTable: string;
  metricsNoData: string;
  metricsPerAgent: string;
  metricsPerDepartment: string;
  metricsName: string;
  /** The CSAT column of the per-agent and per-department tables. */
  metricsCsatColumn: string;
  metricsCsatCell: (score: number, responses: number) => string;
  metricsClosed: string;
  metricsExport: string;
  metricsExportAs: (format: string) => string;
  metricsExporting: (done: number, total: number | null, size: string) => string;
  metricsExported: (done: number, size: string) => string;
  metricsExportHanded: (fileName: string) => string;
  metricsExportCancel: string;
}

export const metricsTerms: MetricsTerms = {
  metricsTitle: 'Reports',
  metricsFilters: 'Report filters',
  metricsToday: 'Today',
  metricsLast7: 'Last 7 days',
  metricsLast30: 'Last 30 days',
  metricsCustom: 'Custom',
  metricsFrom: 'From',
  metricsTo: 'To',
  metricsDepartment: 'Department',
  metricsAllDepartments: 'All departments',
  metricsAgent: 'Agent',
  metricsAllAgents: 'All agents',
  metricsLoading: 'Loading reports…',
  metricsQueue: 'In queue now',
  metricsConversations: 'Conversations',
  metricsWait: 'Wait time',
  metricsFirstResponse: 'First response',
  metricsHandle: 'Handle time',
  metricsMissed: 'Missed chats',
  metricsCsat: 'CSAT',
  metricsCsatNone: 'No surveys yet',
  metricsCsatResponses: (responses) => `${responses} ${responses === 1 ? 'rating' : 'ratings'}, 4–5 of 5`,
  metricsMedian: (value) => `median ${value}`,
  metricsOfTotal: (part, total) => `${part} of ${total}`,
  metricsVolume: 'Conversations over time',
  metricsVolumeDesc: (conversations, missed, buckets) =>
    `Bar chart of ${conversations} conversations and ${missed} missed chats over ${buckets} periods.`,
  metricsWaitChart: 'Average wait and first response',
  metricsWaitDesc: 'Line chart of the average wait time and first response time per period.',
  metricsAsTable: 'Show as a table',
  metricsNoData: 'No conversations in this period',
  metricsPerAgent: 'Chats per agent',
  metricsPerDepartment: 'Chats per department',
  metricsName: 'Name',
  metricsCsatColumn: 'CSAT (ratings)',
  metricsCsatCell: (score, responses) => `${score}% (${responses})`,
  metricsClosed: 'Closed',
  metricsExport: 'Export transcripts',
  metricsExportAs: (format) => `Download ${format.toUpperCase()}`,
  metricsExporting: (done, total, size) => `${total === null ? done : `${done} of ${total}`} conversations, ${size}`,
  metricsExported: (done, size) => `Downloaded ${done} conversation${done === 1 ? '' : 's'} (${size}).`,
  metricsExportHanded: (fileName) => `Your browser is downloading ${fileName}.`,
  metricsExportCancel: 'Cancel',
};
