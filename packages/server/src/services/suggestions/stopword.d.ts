/** `stopword` ships no types; we use its English list only. */
declare module 'stopword' {
  const stopword: { eng: string[] };
  export default stopword;
}
