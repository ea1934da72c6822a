// A link as a QR code: the dark modules of qrcode-generator's matrix as one SVG path (crisp at any size, no canvas).
import qrcode from "qrcode-generator";

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  size: number;
  /** An SVG path of unit squares, one per dark module. */
  path: string;
}

const QUIET = 2;

export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  let path = "";
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (qr.isDark(row, col)) path += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
  return { size: n + 2 * QUIET, path };
}
