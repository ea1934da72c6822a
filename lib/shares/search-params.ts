// Next hands a page its query as a record (repeated keys as arrays); the embed's parser takes URLSearchParams.
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export function searchParamsOf(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  return out;
}
