// The blogsearch JSON API, as the page uses it. Every failure becomes an ApiError that says what a
// person can do about it: the server could not be reached, or it answered with {"error", "parameter"}.

/** A failed call: `unreachable` when no answer came at all, else the HTTP status and the server's message. */
export class ApiError extends Error {
  constructor(message, { status = 0, parameter = null, unreachable = false } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.parameter = parameter;
    this.unreachable = unreachable;
  }
}

/** GETs `path` (under the page's own origin) with `params` (a URLSearchParams or plain object) as JSON. */
export async function getJson(path, params, signal) {
  const query = new URLSearchParams(params ?? {}).toString();
  let response;
  try {
    response = await fetch(query ? `${path}?${query}` : path, { signal, headers: { Accept: "application/json" } });
  } catch (e) {
    if (e.name === "AbortError") {
      throw e;
    }
    throw new ApiError("The search server can't be reached.", { unreachable: true });
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    if (e.name === "AbortError") {
      throw e;
    }
    // not JSON: a proxy's error page, say; the status tells enough
  }
  if (!response.ok) {
    const message = body && typeof body.error === "string" ? body.error : `The server answered ${response.status}.`;
    throw new ApiError(message, { status: response.status, parameter: body?.parameter ?? null });
  }
  if (body === null) {
    throw new ApiError("The server's answer could not be read.", { status: response.status });
  }
  return body;
}
