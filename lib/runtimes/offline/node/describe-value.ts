// How Node's argument errors describe the value they received ("Received type number (42)", "Received an instance
// of Map"), so messages match a real machine word for word. From Node's lib/internal/errors.js.

/** 1234567 → "1_234_567", as Node writes numbers in range errors. */
export function numericalSeparator(text: string): string {
  let out = "";
  let i = text.length;
  const start = text.startsWith("-") ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${text.slice(i - 3, i)}${out}`;
  return `${text.slice(0, i)}${out}`;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "bigint":
      return `type bigint (${value}n)`;
    case "number":
      if (Object.is(value, -0)) return "type number (-0)";
      return `type number (${Number.isFinite(value) ? numericalSeparator(String(value)) : String(value)})`;
    case "boolean":
      return `type boolean (${value})`;
    case "symbol":
      return `type symbol (${String(value)})`;
    case "function":
      return `function ${value.name}`;
    case "string": {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`;
    }
    default: {
      const ctor = (value as { constructor?: { name?: string } }).constructor;
      return ctor?.name ? `an instance of ${ctor.name}` : "an object";
    }
  }
}
