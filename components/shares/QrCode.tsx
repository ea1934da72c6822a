"use client";
import { useMemo } from "react";
import { qrMatrix } from "@/lib/shares/client/qr";

/** A link as a QR code, drawn as SVG (dark on white whatever the theme: scanners need the contrast). */
export function QrCode({ text, size = 132, label }: { text: string; size?: number; label: string }) {
  const qr = useMemo(() => qrMatrix(text), [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="share-qr"
      width={size}
      height={size}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      className="shrink-0 rounded bg-white"
    >
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
