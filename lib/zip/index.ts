export { exportZip, zipBaseName, type ZipSource } from "./export";
export { importZip, importZipAsync, type ImportedZip, type ImportOptions } from "./import";
export { DEFAULT_ZIP_LIMITS, formatBytes, type ZipLimits } from "./limits";
export { decodeContent, encodeContent } from "./content";
export { emptyDirs, projectNameFromFile, projectToZip, zipFileName } from "./project-zip";
