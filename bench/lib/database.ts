/** `uri` with `suffix` appended to its database name: a database of its own, sharing the server. */
export function databaseWithSuffix(uri: string, suffix: string): string {
  const url = new URL(uri);
  url.pathname = `${url.pathname}_${suffix.replaceAll('-', '_')}`;
  return url.toString();
}
