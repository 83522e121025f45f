/** English terms the reports share: the period, an empty figure and the CSAT breakdown, in `<desk-metrics>` and `<desk-settings>`' survey results. */
export interface ReportTerms {
  metricsPeriod: string;
  metricsNone: string;
  metricsCsatTitle: (csat: number | null, responses: number) => string;
  metricsCsatDistribution: string;
  metricsCsatRatingHeader: string;
  metricsCsatRating: (n: number) => string;
  metricsCsatCount: string;
  metricsCsatComments: string;
  metricsCsatNoComments: string;
}

export const reportTerms: ReportTerms = {
  metricsPeriod: 'Period',
  metricsNone: '—',
  metricsCsatTitle: (csat, responses) =>
    csat === null ? 'Customer satisfaction: no ratings for chats closed in this period' : `Customer satisfaction: ${csat}% from ${responses} ${responses === 1 ? 'rating' : 'ratings'}`,
  metricsCsatDistribution: 'Ratings',
  metricsCsatRatingHeader: 'Rating',
  metricsCsatRating: (n) => `${n} of 5`,
  metricsCsatCount: 'Chats',
  metricsCsatComments: 'Recent comments',
  metricsCsatNoComments: 'No comments yet.',
};
