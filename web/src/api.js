// The JSON API of `newsgraph serve` (src/serve/api.h).
import { q } from './dom.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function get(path, params = {}) {
  const res = await fetch(`/api/${path}${q(params)}`, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body && body.error ? body.error : { code: 'error', message: `HTTP ${res.status}` };
    throw new ApiError(res.status, e.code, e.message);
  }
  return body;
}
