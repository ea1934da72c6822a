import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { themeBootScript } from "@/components/theme/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tandem",
  description: "A web IDE where you and a fast coding model work as a pair, with a real runtime in the tab.",
};

export const viewport: Viewport = { colorScheme: "light dark" };

// The page's inline script carries the nonce of the Content-Security-Policy the server's edge sent with this
// response (lib/server/edge.ts); reading the request makes every page render per request, as nonces need.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-tandem-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
