// Saving bytes as a file download (the browser's own "Save" flow; nothing leaves the machine).
export function downloadBytes(bytes: Uint8Array, fileName: string, type = "application/zip"): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download reads the blob asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a File with progress (0..1), so a 200 MB zip shows movement instead of a frozen page. */
export async function readFileWithProgress(file: File, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.byteLength > out.byteLength) throw new Error("The file changed while it was being read.");
    out.set(value, at);
    at += value.byteLength;
    onProgress(file.size === 0 ? 1 : at / file.size);
  }
  return at === out.byteLength ? out : out.subarray(0, at);
}
