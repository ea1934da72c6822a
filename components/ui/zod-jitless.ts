// Zod compiles object schemas with `new Function` when it may; the IDE's Content-Security-Policy forbids eval, and
// zod's probe for it is reported as a violation on every page. Imported first by each page's root component.
import { z } from "zod";

z.config({ jitless: true });
