// Errors shaped like Node's internal ones: a `code`, and "Error [CODE]: message" as the first line of the stack (what
// Node prints for an uncaught one), so messages read the same as on a real machine.
type ErrorClass = new (message: string) => Error;

export function nodeError(Base: ErrorClass, code: string, message: string, name?: string): Error & { code: string } {
  const error = Object.assign(new Base(message), { code });
  const label = name ?? `${error.name} [${code}]`;
  if (name) error.name = name;
  if (error.stack) error.stack = error.stack.replace(/^[^\n]*/, `${label}: ${message}`);
  if (!name) Object.defineProperty(error, "toString", { value: () => `${label}: ${message}`, enumerable: false });
  return error;
}
