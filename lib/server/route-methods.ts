// Server only. A route answers the methods it does not take with 405 JSON naming those it does (Next's own answer is
// an empty 405). Use: `export const { PUT, PATCH, DELETE } = otherMethods("GET, POST");`
import { errorResponse, failure } from "./http-error.ts";

type Handler = () => Response;

export function otherMethods(allowed: string): Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler> {
  const handler: Handler = () => errorResponse(failure(405, "method-not-allowed", `This route takes ${allowed} only.`, { headers: { allow: allowed } }));
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}
