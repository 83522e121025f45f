/** English terms of the parts that load on first use (dialogs, the voice recorder…), in the elements that have them. */
export interface LazyTerms {
  partLoadFailed: string;
  partLoadRetry: string;
}

export const lazyTerms: LazyTerms = {
  partLoadFailed: 'This part of the desk could not load. Check the connection and try again.',
  partLoadRetry: 'Retry',
};
