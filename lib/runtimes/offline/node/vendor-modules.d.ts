// Types for the npm packages the offline `node` bundles in place of Node's own modules. readable-stream is a copy of
// Node's stream code, so Node's types describe it; the names end in "/" or a file so they never mean Node's builtins.
declare module "readable-stream/lib/stream.js" {
  import Stream = require("node:stream");
  export = Stream;
}

declare module "string_decoder/" {
  export { StringDecoder } from "node:string_decoder";
}

/** The `process` package: readable-stream's process.nextTick in browsers (in Node it is Node's own process). */
declare module "process/" {
  const shim: { nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => void };
  export default shim;
}
