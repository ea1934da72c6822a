// Any /api/ path no route claims: a JSON 404 (Next's own would be the HTML not-found page).
import { errorResponse, failure } from "@/lib/server/http-error";

export const dynamic = "force-dynamic";

const notFound = () => errorResponse(failure(404, "not-found", "There is no such API route."));
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
